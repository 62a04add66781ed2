"""python -m scripts.serve: uvicorn, with the limits on connections and request heads of
app/core/connections.py; the last step of scripts/start.sh, and how tests start a server.

uvicorn's command line cannot take a protocol class of our own, hence a program. HOST and
PORT come from the environment; the other settings from app/core/config.py.
"""

import os
import socket
import sys

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


class Server(uvicorn.Server):
    """asyncio takes one number for the kernel's queue and for how many connections it
    accepts at a time; the second must be small (app/core/connections.py), the first not."""

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        for server in getattr(self, "servers", []):
            for listening in server.sockets:
                with socket.fromfd(listening.fileno(), listening.family, listening.type) as s:
                    s.listen(LISTEN_QUEUE)


def main() -> None:
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
    server = Server(config)
    server.run()
    if not server.started:
        sys.exit(STARTUP_FAILURE)


if __name__ == "__main__":
    main()
