"""CORS: reads from any origin by default, writes only from the origins in settings.

Starlette's CORSMiddleware takes one list of origins for every method; this policy has two,
so this is a small middleware of its own. It answers preflights itself and adds the CORS
headers to actual responses. It does not refuse actual cross-origin writes: every write
needs an `Authorization` header, which is not CORS-safelisted, so a browser always
preflights it first, and the preflight is where an unlisted origin is refused.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.problems import problem_response

READ_METHODS = ("GET", "HEAD", "OPTIONS")
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# POST /recommendations turns a profile into a plan and changes nothing: a read in all but
# its method (a profile is too big and too personal for a URL), so a career site on any
# origin may call it, as it may call the GET form.
READS_BY_POST = frozenset({"/recommendations"})

ALLOW_HEADERS = (
    "Accept",
    "Authorization",
    "Content-Type",
    "Idempotency-Key",
    "If-Match",
    "If-None-Match",
    "X-Request-ID",
)
# Browsers always let a page send these (with values they check themselves).
_SAFELISTED = frozenset({"accept", "accept-language", "content-language", "content-type"})
_ALLOWED = _SAFELISTED | {name.lower() for name in ALLOW_HEADERS}
# Without this list a page's script could read none of them.
EXPOSE_HEADERS = (
    "ETag",
    "Link",
    "Location",
    "Retry-After",
    "X-Request-ID",
    "X-RateLimit-Limit",
    "X-RateLimit-Remaining",
    "X-RateLimit-Reset",
    "Idempotent-Replayed",
)
# Browsers cap this (Chromium at 2 hours); 10 minutes lets a policy change reach them soon.
MAX_AGE = 600


@dataclass(frozen=True)
class CorsPolicy:
    read_origins: frozenset[str]
    write_origins: frozenset[str]

    @classmethod
    def from_settings(cls, read: Iterable[str], write: Iterable[str]) -> "CorsPolicy":
        return cls(frozenset(read), frozenset(write))

    def is_read(self, method: str, path: str) -> bool:
        return method in READ_METHODS or (method == "POST" and path.rstrip("/") in READS_BY_POST)

    def allow_origin(self, origin: str, method: str, path: str) -> str | None:
        """The Access-Control-Allow-Origin value for this request, or None to refuse it."""
        origins = self.read_origins | self.write_origins
        if not self.is_read(method, path):
            origins = self.write_origins
        if "*" in origins:
            return "*"
        return origin if origin.lower() in origins else None

    def methods_for(self, origin: str, path: str) -> list[str]:
        return [
            method
            for method in (*READ_METHODS, *WRITE_METHODS)
            if self.allow_origin(origin, method, path)
        ]


def _header_names(value: str) -> list[str]:
    return [name.strip().lower() for name in value.split(",") if name.strip()]


class CorsMiddleware:
    def __init__(self, app: ASGIApp, policy: CorsPolicy) -> None:
        self.app = app
        self.policy = policy

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if origin is None:  # not a cross-origin request from a browser
            await self.app(scope, receive, send)
            return
        requested = headers.get("access-control-request-method")
        if scope["method"] == "OPTIONS" and requested is not None:
            response = self._preflight(scope, origin, requested.upper(), headers)
            await response(scope, receive, send)
            return

        allowed = self.policy.allow_origin(origin, scope["method"], scope["path"])

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                response_headers = MutableHeaders(scope=message)
                if allowed is not None:
                    response_headers["Access-Control-Allow-Origin"] = allowed
                    response_headers["Access-Control-Expose-Headers"] = ", ".join(EXPOSE_HEADERS)
                if allowed != "*":
                    # The answer names the origin, or none: caches must key on it.
                    response_headers.add_vary_header("Origin")
            await send(message)

        await self.app(scope, receive, send_with_cors)

    def _preflight(self, scope: Scope, origin: str, method: str, headers: Headers) -> Response:
        path = scope["path"]
        allowed = self.policy.allow_origin(origin, method, path)
        request = Request(scope)
        vary = {"Vary": "Origin"}
        if allowed is None:
            return problem_response(
                request,
                403,
                f"Cross-origin {method} requests to this path are not allowed from {origin[:100]}.",
                headers=vary,
            )
        unknown = [
            name
            for name in _header_names(headers.get("access-control-request-headers", ""))
            if name not in _ALLOWED
        ]
        if unknown:
            return problem_response(
                request,
                400,
                f"These request headers are not allowed cross-origin: {', '.join(unknown)}.",
                headers=vary,
            )
        return Response(
            status_code=204,
            headers={
                "Access-Control-Allow-Origin": allowed,
                "Access-Control-Allow-Methods": ", ".join(self.policy.methods_for(origin, path)),
                "Access-Control-Allow-Headers": ", ".join(ALLOW_HEADERS),
                "Access-Control-Max-Age": str(MAX_AGE),
                **vary,
            },
        )
