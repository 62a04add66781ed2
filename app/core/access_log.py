"""One JSON line per request on the `certpath.access` logger, written to stderr.

It says what was asked and how it went: method, path, status, duration, request id and client
address. It never holds a header (so never an API key), a query string or a body: profiles
sent for recommendations describe a person.
"""

import json
import logging
import sys
import time
from datetime import UTC, datetime
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.request_id import current_request_id

LOGGER = "certpath.access"
logger = logging.getLogger(LOGGER)
# A path comes from the client; a line stays readable however long the path it was sent.
MAX_PATH = 1024


class JsonLineFormatter(logging.Formatter):
    """A record as one line of JSON: time, level, logger, then the record's `fields`."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            line.update(fields)
        else:
            line["message"] = record.getMessage()
        # ASCII JSON: control characters and line breaks in a path are escaped, so one
        # request is always exactly one line.
        return json.dumps(line, separators=(",", ":"))


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is when a record is emitted (as logging's lastResort
    does), so a replaced stderr, such as pytest's capture, never leaves a closed stream."""

    def __init__(self) -> None:
        super().__init__(sys.stderr)

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def configure_access_log() -> None:
    """Send the access log to stderr as JSON lines, unless logging is configured for it
    already (a `--log-config` given to uvicorn wins). Idempotent."""
    configure_json_lines(logger)


def configure_json_lines(to: logging.Logger) -> None:
    """Send `to`'s records at INFO and above to stderr as JSON lines, unless it has handlers
    already. Idempotent."""
    if not to.handlers:
        handler = StderrHandler()
        handler.setFormatter(JsonLineFormatter())
        to.addHandler(handler)
        # Its own handler: the root logger, if something configures it, would print the
        # line a second time in another format.
        to.propagate = False
    if to.level == logging.NOTSET:
        to.setLevel(logging.INFO)


def access_fields(scope: Scope, status: int, duration_ms: float) -> dict[str, Any]:
    client = scope.get("client")
    return {
        "method": scope["method"],
        "path": scope["path"][:MAX_PATH],  # scope["path"] never holds the query string
        "status": status,
        "duration_ms": round(duration_ms, 2),
        "request_id": current_request_id(),
        "client_ip": client[0] if client else None,
    }


class AccessLogMiddleware:
    """Pure ASGI; sits inside RequestIdMiddleware so that the request id is known."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        # If the app raises before answering, Starlette's outermost middleware answers 500.
        status = 500

        async def send_noting_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_noting_status)
        finally:
            fields = access_fields(scope, status, (time.perf_counter() - started) * 1000)
            level = logging.ERROR if status >= 500 else logging.INFO
            # The plain message is for other formatters; escaped, it cannot forge a line.
            path = fields["path"].encode("unicode_escape").decode("ascii")
            logger.log(
                level,
                "%s %s %s",
                fields["method"],
                path,
                status,
                extra={"fields": fields},
            )
