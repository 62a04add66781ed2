"""A real uvicorn process serving the app on a free loopback port, for tests that need one."""

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from app.core.config import ROOT

BIN = Path(sys.executable).parent


def wait_until_up(
    base: str, process: subprocess.Popen[bytes], seconds: float, why: Callable[[], str]
) -> None:
    """Until /healthz answers 200; `why` says what went wrong if the process ends first or
    the time runs out."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if httpx.get(f"{base}/healthz").status_code == 200:
                return
        except httpx.TransportError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(why()) from None
            time.sleep(0.1)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def live_server(
    database_url: str, env: dict[str, str] | None = None, log: Path | None = None
) -> Iterator[str]:
    """`env` adds settings, e.g. RATE_LIMIT_WRITES; `log` is a file the server's output is
    added to (by default it is dropped)."""
    port = _free_port()
    # Served as scripts/start.sh serves, after its preparation (the tests' databases are).
    with (log or Path(os.devnull)).open("ab") as output:
        process = subprocess.Popen(
            [str(BIN / "python"), "-m", "scripts.serve"],
            cwd=ROOT,
            env={
                **os.environ,
                **(env or {}),
                "DATABASE_URL": database_url,
                "HOST": "127.0.0.1",
                "PORT": str(port),
            },
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process, 60, lambda: "the server did not start")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)
