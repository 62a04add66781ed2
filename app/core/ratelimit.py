"""Rate limits on the costly and the sensitive operations, per client IP, with `limits`.

Two budgets: `recommendations` (POST and GET /recommendations build a plan each time) and
`writes` (every POST, PUT, PATCH and DELETE of the catalog, and GET /audit: every request that
checks a maintainer's key; counting refused ones too makes guessing keys slow). Reads of the
catalog are cheap, cached and not limited.

Counts live in this process by default, or in Redis when RATE_LIMIT_STORAGE_URL names one, so
that several instances enforce one limit. Windows are fixed: a budget is refilled whole
`X-RateLimit-Reset` seconds after its first request, as GitHub's is.
"""

import logging
import math
import time
from dataclasses import dataclass
from typing import Any

import anyio.to_thread
from limits import RateLimitItem, parse
from limits.errors import StorageError
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.core.config import Settings
from app.core.document import document_of
from app.core.paths import path_regex
from app.core.problems import PROBLEM_MEDIA_TYPE, problem_response
from app.core.ratelimit_memory import SweptMemoryStorage
from app.schemas.fields import INT32_MAX

logger = logging.getLogger("certpath.ratelimit")

RECOMMENDATIONS = "recommendations"
WRITES = "writes"
# Operations, by method and path template, that spend a budget other than `writes`.
BUDGETS: dict[tuple[str, str], str] = {
    ("GET", "/recommendations"): RECOMMENDATIONS,
    ("POST", "/recommendations"): RECOMMENDATIONS,
    # The one read behind a key: unlimited, it would let a client guess keys at full speed.
    ("GET", "/audit"): WRITES,
}
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# A Redis that does not answer must not hold requests up for long (see `RateLimits.spend`).
REDIS_TIMEOUT_S = 0.5


def budget_for(method: str, path: str) -> str | None:
    """The budget an operation spends, by its method and path template; None if unlimited."""
    if (method, path) in BUDGETS:
        return BUDGETS[(method, path)]
    return WRITES if method in WRITE_METHODS else None


@dataclass(frozen=True)
class Spent:
    allowed: bool
    limit: int
    remaining: int
    reset_s: int  # seconds until the window is refilled

    def headers(self) -> dict[str, str]:
        return {
            "X-RateLimit-Limit": str(self.limit),
            "X-RateLimit-Remaining": str(self.remaining),
            "X-RateLimit-Reset": str(self.reset_s),
        }


class RateLimits:
    def __init__(self, settings: Settings) -> None:
        url = settings.rate_limit_storage_url
        self.in_memory = url.startswith("memory://")
        options: dict[str, Any] = {"key_prefix": settings.rate_limit_key_prefix}
        if not self.in_memory:
            options |= {
                "socket_timeout": REDIS_TIMEOUT_S,
                "socket_connect_timeout": REDIS_TIMEOUT_S,
            }
        self.storage = (
            SweptMemoryStorage(wrap_exceptions=True)
            if self.in_memory
            else storage_from_string(url, wrap_exceptions=True, **options)
        )
        self.limiter = FixedWindowRateLimiter(self.storage)
        self.items: dict[str, RateLimitItem] = {
            RECOMMENDATIONS: parse(settings.rate_limit_recommendations),
            WRITES: parse(settings.rate_limit_writes),
        }
        self.failing = False  # to log an outage once, not once per request

    def _spend(self, budget: str, client: str) -> Spent:
        # What FixedWindowRateLimiter.hit and .get_window_stats do, with the key made once
        # and the count taken from the increment rather than read again: a limited request
        # paid for both on every call.
        item = self.items[budget]
        storage = self.limiter.storage
        key = item.key_for(budget, client)
        count = storage.incr(key, item.get_expiry())
        reset_s = max(0, math.ceil(storage.get_expiry(key) - time.time()))
        return Spent(count <= item.amount, item.amount, max(0, item.amount - count), reset_s)

    async def spend(self, budget: str, client: str) -> Spent | None:
        """Count one request; None when the storage cannot be reached."""
        try:
            if self.in_memory:
                return self._spend(budget, client)
            # redis-py is blocking; the async client would tie its connections to one event
            # loop, which tests (a loop per TestClient) and tools (schemathesis) do not keep.
            spent = await anyio.to_thread.run_sync(self._spend, budget, client)
        except StorageError as exc:
            # Fail open: a Redis outage must not take the API down with it. The limit
            # protects the service; it is not a quota anyone pays for.
            if not self.failing:
                logger.warning("rate limits off: the storage fails: %s", exc.storage_error)
            self.failing = True
            return None
        if self.failing:
            logger.warning("rate limits on again: the storage answers")
            self.failing = False
        return spent


class _Operations:
    """Which budget a request spends, found from the app's OpenAPI document: the same
    method-and-template table the document declares the limits on."""

    def __init__(self, paths: dict[str, dict[str, Any]]) -> None:
        self.table = [
            (path_regex(path), budgets)
            for path, item in paths.items()
            if (budgets := {m.upper(): b for m in item if (b := budget_for(m.upper(), path))})
        ]

    def budget(self, method: str, path: str) -> str | None:
        for regex, budgets in self.table:
            if method in budgets and regex.match(path):
                return budgets[method]
        return None


def _may_be_limited(method: str, path: str) -> bool:
    # The hot path, catalog reads, skips the table.
    return method in WRITE_METHODS or (method, path) in BUDGETS


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp, limits: RateLimits) -> None:
        self.app = app
        self.limits = limits
        self.operations: _Operations | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        # The hot path, catalog reads, is decided without awaiting anything.
        if scope["type"] != "http" or not _may_be_limited(scope["method"], scope["path"]):
            await self.app(scope, receive, send)
            return
        if self.operations is None:
            # Built on the first request that may be limited, when every route is in.
            self.operations = _Operations((await document_of(scope["app"]))["paths"])
        budget = self.operations.budget(scope["method"], scope["path"])
        if budget is None:
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        spent = await self.limits.spend(budget, client[0] if client else "unknown")
        if spent is None:
            await self.app(scope, receive, send)
            return
        if not spent.allowed:
            retry_after = max(1, spent.reset_s)
            response = problem_response(
                Request(scope),
                429,
                f"Too many {budget} requests from this client: the limit is "
                f"{self.limits.items[budget]}. Retry in {retry_after} s.",
                headers={**spent.headers(), "Retry-After": str(retry_after)},
            )
            await response(scope, receive, send)
            return

        ours = [(name.lower().encode(), value.encode()) for name, value in spent.headers().items()]
        names = {name for name, _ in ours}

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                # One pass: the app's headers but any of these, then ours.
                kept = [pair for pair in message.get("headers", []) if pair[0] not in names]
                message["headers"] = kept + ours
            await send(message)

        await self.app(scope, receive, send_with_headers)


# --- the OpenAPI document -------------------------------------------------------------------


def _integer_header(description: str, minimum: int) -> dict[str, Any]:
    return {
        "description": description,
        "schema": {"type": "integer", "format": "int32", "minimum": minimum, "maximum": INT32_MAX},
    }


HEADERS: dict[str, Any] = {
    "X-RateLimit-Limit": _integer_header("Requests allowed in the current window.", 1),
    "X-RateLimit-Remaining": _integer_header("Requests left in the current window.", 0),
    "X-RateLimit-Reset": _integer_header("Seconds until the window is refilled.", 0),
    "Retry-After": _integer_header("Seconds to wait before trying again.", 1),
}


def _refs(*names: str) -> dict[str, Any]:
    return {name: {"$ref": f"#/components/headers/{name}"} for name in names}


def declare_rate_limits(schema: dict[str, Any]) -> None:
    """The rate-limit headers on every 2xx and 4xx response of a limited operation, and its
    429 with Retry-After."""
    limit_headers = _refs("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset")
    limited = False
    for path, path_item in schema.get("paths", {}).items():
        for method, operation in path_item.items():
            if budget_for(method.upper(), path) is None:
                continue
            limited = True
            responses = operation.setdefault("responses", {})
            responses["429"] = {
                "description": "Too many requests from this client: wait `Retry-After` seconds.",
                "headers": _refs("Retry-After"),
                "content": {
                    PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}
                },
            }
            for status, response in responses.items():
                if status.startswith(("2", "4")):
                    response["headers"] = {**response.get("headers", {}), **limit_headers}
            operation["responses"] = dict(sorted(responses.items()))
    if limited:
        schema.setdefault("components", {}).setdefault("headers", {}).update(HEADERS)
