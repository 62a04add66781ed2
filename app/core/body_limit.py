"""Request bodies bounded in size and in time, before anything parses them.

An operation declares the largest body it takes with `openapi_extra=body_limit(...)`, so the
limit is in openapi.json as `x-max-body-bytes`; any other request may carry DEFAULT_MAX_BODY.
Past it the answer is a 413 problem: by Content-Length before the app runs, or as soon as a
chunked body's running size passes it. A body that stops arriving for `timeout` seconds gets
a 408 problem. Either way the connection is closed after the answer, so the rest of the body
is never read: a never-ending upload ends with it.

Starlette's and FastAPI's own limits answer in plain text; this layer answers problem+json.
"""

import asyncio
import re
from collections.abc import Awaitable, Callable
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.paths import path_regex
from app.core.problems import problem_response

KEY = "x-max-body-bytes"
# For operations that take no body: a stray small one is harmless, a large one is not.
DEFAULT_MAX_BODY = 16 * 2**10
_CLOSE = (b"connection", b"close")


def body_limit(max_bytes: int) -> dict[str, Any]:
    """`openapi_extra` of an operation that takes bodies of up to `max_bytes`."""
    return {KEY: max_bytes}


def _too_large(limit: int) -> str:
    return f"The body is larger than the {limit} bytes this operation takes."


class BodyRefused(HTTPException):
    """Raised from `receive`. An HTTPException, because FastAPI passes those on as they are
    from its body reading (any other error there becomes a 400), to the problem handler."""


def _framing(headers: list[tuple[bytes, bytes]]) -> tuple[int | None, bool]:
    """The Content-Length, and whether the body is chunked. uvicorn has already refused
    a request whose Content-Length is not a number."""
    length = None
    chunked = False
    for name, value in headers:
        if name == b"content-length" and value.isdigit():
            length = int(value)
        elif name == b"transfer-encoding":
            chunked = True
    return length, chunked


class BodyLimitMiddleware:
    """Pure ASGI. A request without a body (no Content-Length, not chunked) goes through
    untouched, so reads pay for one look at their headers."""

    def __init__(
        self, app: ASGIApp, document: Callable[[], Awaitable[dict[str, Any]]], timeout: float
    ) -> None:
        self.app = app
        self.document = document
        self.timeout = timeout
        self._limits: list[tuple[re.Pattern[str], str, int]] | None = None

    async def _limit_for(self, scope: Scope) -> int:
        if self._limits is None:  # the limits as the OpenAPI document declares them
            self._limits = [
                (path_regex(path), method.upper(), operation[KEY])
                for path, item in (await self.document())["paths"].items()
                for method, operation in item.items()
                if KEY in operation
            ]
        path = scope["path"][len(scope.get("root_path", "")) :]
        method = scope["method"]
        for regex, declared_method, limit in self._limits:
            if method == declared_method and regex.match(path):
                return limit
        return DEFAULT_MAX_BODY

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared, chunked = _framing(scope["headers"])
        if declared is None and not chunked:
            await self.app(scope, receive, send)
            return
        limit = await self._limit_for(scope)

        async def send_closing(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), _CLOSE]
            await send(message)

        if declared is not None and declared > limit:
            await problem_response(Request(scope), 413, _too_large(limit))(
                scope, receive, send_closing
            )
            return

        received = 0
        complete = False
        refused = False
        started = False

        async def bounded_receive() -> Message:
            nonlocal received, complete, refused
            if complete:  # a later call listens for a disconnect: no deadline then
                return await receive()
            try:
                async with asyncio.timeout(self.timeout):
                    message = await receive()
            except TimeoutError:
                refused = True
                detail = f"The body stopped arriving: nothing came for {self.timeout:g} seconds."
                raise BodyRefused(408, detail) from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    refused = True
                    raise BodyRefused(413, _too_large(limit))
                complete = not message.get("more_body", False)
            return message

        async def send_noting(message: Message) -> None:
            nonlocal started
            started = True
            await (send_closing if refused else send)(message)

        try:
            await self.app(scope, bounded_receive, send_noting)
        except ClientDisconnect:
            if started:
                raise
            return  # the client left mid-body: nobody to answer, nothing gone wrong
        except BodyRefused as exc:
            # Only if a layer inside read the body and let the refusal through unanswered.
            if started:
                raise
            await problem_response(Request(scope), exc.status_code, exc.detail)(
                scope, receive, send_closing
            )
