"""The one response cache: what routes mark as cacheable is kept, and sent again before routing.

Reads outnumber writes by far, and the same pages are asked for again and again. A route that
builds a representation from the catalog says so with `keep(request)`; on the way out this
layer keeps the bytes under the request's URL, host and Accept header, with the catalog version
that was current when the request came in. A later GET for the same key is sent from memory
while that version is still current (app/api/catalog_version.py) and, for an answer built from
today's date, until the UTC midnight that ends it.

It is also the service's one implementation of conditional GETs: every response a route marks,
kept or not, is answered 304 when If-None-Match names its ETag; and of stale answers: one built
from the last catalog in memory while the database cannot be reached (`served_stale`) is never
kept, and says so in its headers, whatever its method.

It runs innermost, inside the request id, access log, CORS and rate-limit layers, so that a
kept answer still gets their headers and counts against the client's limits.
"""

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.catalog_version import CatalogVersion
from app.api.conditional import IF_NONE_MATCH_MAX, is_stale, not_modified, stale_headers

RawHeaders = list[tuple[bytes, bytes]]
# Longer URLs and Accept headers are answered but not kept: they are rare, and would let a
# client fill the cache with keys.
MAX_KEY = 2048
# A 304 carries the validators and caching headers of the 200, but no body (RFC 9110, 15.4.5).
_NOT_ON_304 = {b"content-length", b"content-type"}
_SCOPE_KEY = "certpath.keep"


@dataclass(frozen=True, slots=True)
class Keep:
    """A route's word that its answer may be kept, and until when at most."""

    expires: datetime | None


def keep(request: Request, *, expires: datetime | None = None) -> None:
    """Mark this request's answer as cacheable: it depends only on the request's URL, host and
    Accept header, the catalog and, when `expires` is given, the date until then."""
    request.scope[_SCOPE_KEY] = Keep(expires)


@dataclass(frozen=True, slots=True)
class Entry:
    version: int
    expires: datetime | None
    etag: str
    body: bytes
    headers: RawHeaders
    not_modified_headers: RawHeaders


class ResponseCache:
    """The cache and the ASGI layer that serves it, one per app (app/main.py adds it)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        catalog: CatalogVersion,
        clock: Callable[[], datetime],
        max_bytes: int = 16 * 2**20,
    ) -> None:
        self.app = app
        self.catalog = catalog
        self.clock = clock
        self.max_bytes = max_bytes
        # Touched only on the event loop's thread: no lock needed.
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._size = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] != "GET":
            await self.app(scope, receive, _marking_stale(scope, send))
            return
        host = accept = b""
        if_none_match: bytes | None = None
        for name, value in scope["headers"]:
            if name == b"host":
                host = value
            elif name == b"accept":
                accept = value
            elif name == b"if-none-match" and if_none_match is None:
                if_none_match = value  # the first, as the route reads it
        if if_none_match is not None and len(if_none_match) > IF_NONE_MATCH_MAX:
            # The route refuses it, with the 422 its parameter declares.
            await self.app(scope, receive, send)
            return
        held = if_none_match.decode("latin-1") if if_none_match is not None else None
        query: bytes = scope["query_string"]
        key = None
        if len(host) + len(accept) + len(query) + len(scope["path"]) <= MAX_KEY:
            key = (
                f"{scope['scheme']}://{host.decode('latin-1')}{scope['path']}"
                f"?{query.decode('latin-1')}|{accept.decode('latin-1')}"
            )
        version = self.catalog.current()
        entry = self._get(key, version) if key is not None and version is not None else None
        if entry is not None:
            await _send(send, entry, held)
            return
        await self.app(scope, receive, self._keeping(scope, send, key, version, held))

    def _keeping(
        self, scope: Scope, send: Send, key: str | None, version: int | None, held: str | None
    ) -> Send:
        """A `send` that holds back a marked 200 until its body is complete, keeps it, and
        sends it or a 304."""
        start: Message | None = None
        mark: Keep | None = None
        chunks: list[bytes] = []

        async def keeping(message: Message) -> None:
            nonlocal start, mark
            if message["type"] == "http.response.start":
                found = scope.get(_SCOPE_KEY)
                if is_stale(scope):
                    message["headers"] = stale_headers(scope, list(message.get("headers", [])))
                if message["status"] != 200 or not isinstance(found, Keep):
                    await send(message)
                    return
                start, mark = message, found
                return
            if start is None or mark is None or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            entry = _entry(start, b"".join(chunks), version or 0, mark.expires)
            # A stale answer is sent, with its 304 if that applies, but never kept.
            if key is not None and version is not None and not is_stale(scope):
                self._put(key, entry)
            await _send(send, entry, held)

        return keeping

    def _get(self, key: str, version: int) -> Entry | None:
        entry = self._entries.get(key)
        if entry is None or entry.version != version:
            return None
        if entry.expires is not None and self.clock() >= entry.expires:
            self._drop(key)
            return None
        self._entries.move_to_end(key)
        return entry

    def _put(self, key: str, entry: Entry) -> None:
        self._drop(key)
        self._entries[key] = entry
        self._size += len(entry.body)
        while self._size > self.max_bytes and self._entries:
            _, evicted = self._entries.popitem(last=False)
            self._size -= len(evicted.body)

    def _drop(self, key: str) -> None:
        old = self._entries.pop(key, None)
        if old is not None:
            self._size -= len(old.body)


def _marking_stale(scope: Scope, send: Send) -> Send:
    async def marking(message: Message) -> None:
        if message["type"] == "http.response.start" and is_stale(scope):
            message["headers"] = stale_headers(scope, list(message.get("headers", [])))
        await send(message)

    return marking


def _entry(start: Message, body: bytes, version: int, expires: datetime | None) -> Entry:
    headers: RawHeaders = list(start.get("headers", []))
    etag = next((value.decode("latin-1") for name, value in headers if name == b"etag"), "")
    bare = [(name, value) for name, value in headers if name not in _NOT_ON_304]
    return Entry(version, expires, etag, body, headers, bare)


async def _send(send: Send, entry: Entry, if_none_match: str | None) -> None:
    if entry.etag and not_modified(if_none_match, entry.etag):
        start = {"type": "http.response.start", "status": 304}
        await send({**start, "headers": list(entry.not_modified_headers)})
        await send({"type": "http.response.body", "body": b""})
        return
    await send({"type": "http.response.start", "status": 200, "headers": list(entry.headers)})
    await send({"type": "http.response.body", "body": entry.body})
