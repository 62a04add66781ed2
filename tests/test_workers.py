"""WORKERS=2 (scripts/serve.py) through scripts/start.sh, as `make run` and the image serve: one
listening socket, two worker processes under the one start.sh became, and both answer.

Which worker answered a connection is read from /proc: the server side of the connection is
the socket whose remote port is the client's port, and the worker holding it is the one whose
file descriptors name that socket. Linux only, like the servers this runs on.
"""

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.core.config import ROOT
from tests.live_server import BIN, _free_port, wait_until_up

pytestmark = pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="needs Linux /proc")

WITHIN_S = 60.0


def children(pid: int) -> list[int]:
    text = Path(f"/proc/{pid}/task/{pid}/children").read_text(encoding="ascii")
    return [int(found) for found in text.split()]


def server_side_inode(server_port: int, client_port: int) -> str | None:
    """The inode of the accepted socket whose peer is 127.0.0.1:`client_port`."""
    with open("/proc/net/tcp", encoding="ascii") as table:
        next(table)
        for line in table:
            fields = line.split()
            local, remote, inode = fields[1], fields[2], fields[9]
            if int(local.split(":")[1], 16) == server_port and (
                int(remote.split(":")[1], 16) == client_port
            ):
                return inode
    return None


def holder(pids: list[int], inode: str) -> int | None:
    wanted = f"socket:[{inode}]"
    for pid in pids:
        for fd in Path(f"/proc/{pid}/fd").iterdir():
            try:
                if os.readlink(fd) == wanted:
                    return pid
            except OSError:  # closed meanwhile
                continue
    return None


@pytest.fixture
def two_workers(tmp_path: Path) -> Iterator[tuple[int, subprocess.Popen[bytes]]]:
    port = _free_port()
    log = tmp_path / "server.log"
    with log.open("wb") as output:
        process = subprocess.Popen(
            ["sh", "scripts/start.sh"],
            cwd=ROOT,
            env={
                **os.environ,
                "PATH": f"{BIN}:{os.environ['PATH']}",
                "DATABASE_URL": f"sqlite:///{tmp_path / 'workers.db'}",
                "HOST": "127.0.0.1",
                "PORT": str(port),
                "WORKERS": "2",
            },
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, process, WITHIN_S, lambda: log.read_text(errors="replace")[-3000:])
        yield port, process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            assert process.wait(timeout=WITHIN_S) == 0, log.read_text(errors="replace")[-3000:]
        finally:
            if process.poll() is None:
                process.kill()


def test_two_workers_answer_on_one_port(two_workers: tuple[int, subprocess.Popen[bytes]]) -> None:
    port, process = two_workers
    deadline = time.monotonic() + WITHIN_S
    while len(workers := children(process.pid)) < 2:
        assert time.monotonic() < deadline, "the workers did not start"
        time.sleep(0.1)
    assert len(workers) == 2

    answered: set[int] = set()
    while answered != set(workers):
        assert time.monotonic() < deadline, f"only {answered} of {workers} answered"
        # Connections held open at once, each asked once: the kernel hands them to whichever
        # worker accepts first, so a few rounds reach both.
        held = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(8)]
        try:
            for connection in held:
                connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
                assert connection.recv(1024).startswith(b"HTTP/1.1 200")
                inode = server_side_inode(port, connection.getsockname()[1])
                assert inode is not None
                found = holder(workers, inode)
                if found is not None:
                    answered.add(found)
        finally:
            for connection in held:
                connection.close()
    assert httpx.get(f"http://127.0.0.1:{port}/readyz").status_code == 200
