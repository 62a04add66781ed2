"""X-Request-ID: the client's id when it is safe to log and echo, a fresh one otherwise.

The id is echoed on every response, quoted in problem bodies and written in the access log,
so a frontend team can hand us one string and we can find their request.
"""

import re
import uuid
from contextvars import ContextVar

from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADER = "X-Request-ID"
_HEADER_NAME = HEADER.lower().encode()
MAX_LENGTH = 128
# What a log line and a header can carry without escaping: no spaces, quotes or controls.
PATTERN = rf"^[A-Za-z0-9._:-]{{1,{MAX_LENGTH}}}$"
_SAFE = re.compile(PATTERN)

_current: ContextVar[str | None] = ContextVar("request_id", default=None)


def current_request_id() -> str | None:
    """The id of the request being handled, or None outside a request."""
    return _current.get()


def accept_or_make(sent: str | None) -> str:
    """The client's id if it is short and plain; otherwise a new uuid4, in hex."""
    if sent is not None and _SAFE.match(sent):
        return sent
    return uuid.uuid4().hex


def _sent_id(scope: Scope) -> str | None:
    for name, value in scope["headers"]:
        if name == b"x-request-id":
            return str(value.decode("latin-1"))
    return None


class RequestIdMiddleware:
    """Pure ASGI, so that the contextvar it sets is seen by sync routes in the thread pool
    (BaseHTTPMiddleware runs the app in another task, and costs more)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = accept_or_make(_sent_id(scope))

        echoed = (_HEADER_NAME, request_id.encode())

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                # One pass: a problem body's own copy of the id is replaced, not repeated.
                headers = [pair for pair in message.get("headers", []) if pair[0] != _HEADER_NAME]
                headers.append(echoed)
                message["headers"] = headers
            await send(message)

        token = _current.set(request_id)
        await self.app(scope, receive, send_with_id)
        # Reset only after a normal return. When the app raises, Starlette's
        # ServerErrorMiddleware, outside this one, still builds the 500 problem body in this
        # same context, and that body quotes the id; the request's task ends right after.
        _current.reset(token)
