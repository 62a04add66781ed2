"""python -m scripts.serve: uvicorn, with the limits on connections and request heads of
app/core/connections.py; the last step of scripts/start.sh, and how tests start a server.

uvicorn's command line cannot take a protocol class of our own, hence a program. HOST,
PORT and WORKERS come from the environment; the other settings from app/core/config.py.

WORKERS=N (default 1) serves with N processes: the socket is bound once, then N workers are
forked, each a whole uvicorn server of its own (protocol class, connection limits, bounded log
floods) accepting from that one socket, and this process stays to supervise them. Not
uvicorn's own `workers=`: it starts workers by spawning fresh interpreters and pickling the
server, which a protocol class made at run time does not survive. Each worker keeps its own
caches and catalog-version reading (README "Freshness") and, unless RATE_LIMIT_STORAGE_URL
names Redis, its own rate-limit counts.
"""

import os
import signal
import socket
import sys
import time
from contextlib import suppress

import uvicorn

from app.core.config import get_settings
from app.core.connections import (
    ConnectionLimits,
    connections_allowed,
    guarded_protocol,
    raise_open_file_limit,
)
from app.core.log_floods import bound_floods

# uvicorn's exit status when the app cannot start.
STARTUP_FAILURE = 3
# The kernel's queue of connections not yet accepted: long, so that a flood of new
# connections does not drop a normal client's (its SYN is then retried only after a second).
LISTEN_QUEUE = 2048
# More worker processes than this is a typo, not a plan: each holds a whole catalog.
MAX_WORKERS = 64


class Server(uvicorn.Server):
    """asyncio takes one number for the kernel's queue and for how many connections it
    accepts at a time; the second must be small (app/core/connections.py), the first not."""

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        for server in getattr(self, "servers", []):
            for listening in server.sockets:
                with socket.fromfd(listening.fileno(), listening.family, listening.type) as s:
                    s.listen(LISTEN_QUEUE)


def configure() -> uvicorn.Config:
    settings = get_settings()
    files = raise_open_file_limit()
    # asyncio accepts up to `backlog` connections at a time before any of them is seen, so
    # the backlog must leave descriptors spare (app/core/connections.py): a sixteenth of
    # them, from 64 up to uvicorn's 2048.
    backlog = min(2048, max(64, files // 16))
    limits = ConnectionLimits(
        max_head_bytes=settings.max_request_header_bytes,
        head_timeout=settings.request_header_timeout,
        max_connections=connections_allowed(settings.max_connections, backlog),
    )
    config = uvicorn.Config(
        "app.main:app",
        host=os.environ.get("HOST", "127.0.0.1"),
        port=int(os.environ.get("PORT", "8000")),
        http=guarded_protocol(limits),
        # asyncio's own event loop, not uvloop: under a saturating load uvloop left some
        # connections waiting whole rounds (bench/RESULTS.md).
        loop="asyncio",
        backlog=backlog,
        proxy_headers=True,
        server_header=False,
        access_log=False,  # the app logs each request itself (app/core/access_log.py)
    )
    # uvicorn warns of each malformed request, asyncio of each failed accept.
    bound_floods("uvicorn.error", "asyncio")
    return config


def serve(config: uvicorn.Config, sockets: list[socket.socket] | None = None) -> int:
    """One server until it is told to stop: its exit status."""
    server = Server(config)
    server.run(sockets=sockets)
    return 0 if server.started else STARTUP_FAILURE


def workers() -> int:
    value = os.environ.get("WORKERS", "1").strip() or "1"
    count = int(value) if value.isdigit() else 0
    if not 1 <= count <= MAX_WORKERS:
        sys.exit(f"WORKERS must be a whole number from 1 to {MAX_WORKERS}, not {value!r}")
    return count


def fork_worker(config: uvicorn.Config, listening: socket.socket) -> int:
    pid = os.fork()
    if pid == 0:  # the worker: uvicorn installs its own SIGINT and SIGTERM handlers
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        status = 1
        try:
            status = serve(config, [listening])
        finally:
            os._exit(status)
    return pid


def supervise(config: uvicorn.Config, count: int) -> int:
    """`count` workers on one socket; SIGTERM or SIGINT stops them all. A worker that dies is
    replaced, unless it could not start (then none would: the database, a setting), in which
    case the others are stopped too and the exit status is uvicorn's for a failed start."""
    listening = config.bind_socket()
    stopping = False

    def stop(signum: int, _frame: object) -> None:
        nonlocal stopping
        stopping = True
        # SIGTERM, not the signal received: Ctrl+C already sent SIGINT to every worker, and
        # uvicorn takes a second SIGINT as "quit without finishing the requests in flight".
        for pid in running:
            with suppress(ProcessLookupError):  # it ended between the wait and the kill
                os.kill(pid, signal.SIGTERM)

    running: dict[int, float] = {}
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for _ in range(count):
        running[fork_worker(config, listening)] = time.monotonic()
    log = f"[{os.getpid()}] supervising {count} workers: {sorted(running)}"
    print(log, file=sys.stderr, flush=True)
    status = 0
    while running:
        try:
            pid, wait_status = os.wait()
        except ChildProcessError:
            break
        started = running.pop(pid, None)
        if started is None or stopping:
            continue
        code = os.waitstatus_to_exitcode(wait_status)
        if code == STARTUP_FAILURE:
            print(f"[{pid}] worker could not start; stopping", file=sys.stderr, flush=True)
            status = STARTUP_FAILURE
            stop(signal.SIGTERM, None)
            continue
        # A worker that keeps dying at once is not restarted in a tight loop.
        time.sleep(max(0.0, 1.0 - (time.monotonic() - started)))
        new = fork_worker(config, listening)
        running[new] = time.monotonic()
        print(f"[{pid}] worker ended ({code}); started {new}", file=sys.stderr, flush=True)
    listening.close()
    return status


def main() -> None:
    count = workers()
    config = configure()
    status = serve(config) if count == 1 else supervise(config, count)
    if status:
        sys.exit(status)


if __name__ == "__main__":
    main()
