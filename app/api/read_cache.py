"""Rendered answers of public reads, kept per catalog version, and served before routing.

Reads outnumber writes by far, and the same pages are asked for again and again. An answer
is kept with the catalog version it was made from and served while that version is
current. A route makes an answer once (`cached_read`); `CachedReads`, the innermost
middleware, sends it again to every later request for the same URL, host and Accept header
without reaching the router, so a repeated read costs a dict lookup.

Freshness: a write in this process clears the cache once it has committed, so the next read
here sees it; a write in another process or instance is seen when the version is read again
from the database. A background task does that every `poll_interval` (0.5 s,
app/api/version_poller.py). Should it fall behind, the version falls due `recheck` (1 s)
after it was last read: the first request to find it so goes on to its route, which reads it
again, while the requests that come meanwhile are still answered with the known version for
at most `grace` (0.5 s) more, rather than all queueing for the database at once (which made
the slowest 1% of answers 50-100 ms). A kept answer is thus never more than recheck + grace
(1.5 s, plus one query) behind the database, and with the poller about 0.5 s.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request, Response
from sqlmodel import Session
from starlette.types import ASGIApp, Receive, Scope, Send

from app.api.conditional import IF_NONE_MATCH_MAX, Rendered, held_etags, respond
from app.catalog import queries

RawHeaders = list[tuple[bytes, bytes]]
# Longer URLs and Accept headers are answered but not kept: they are rare, and would let a
# client fill the cache with keys.
MAX_KEY = 2048


@dataclass(frozen=True, slots=True)
class Entry:
    version: int
    rendered: Rendered
    # As Starlette would send them, made once: a hit only copies them.
    ok_headers: RawHeaders
    not_modified_headers: RawHeaders

    @classmethod
    def of(cls, version: int, rendered: Rendered) -> "Entry":
        ok = Response(rendered.content, media_type=rendered.media_type, headers=rendered.headers)
        not_modified = Response(status_code=304, headers=rendered.headers)
        return cls(version, rendered, ok.raw_headers, not_modified.raw_headers)

    @property
    def size(self) -> int:
        return len(self.rendered.content)


def cache_key(scope: Scope) -> str | None:
    """The URL, host and Accept header a representation depends on; None when too long."""
    host = accept = b""
    for name, value in scope["headers"]:
        if name == b"host":
            host = value
        elif name == b"accept":
            accept = value
    query = scope["query_string"]
    if len(host) + len(accept) + len(query) + len(scope["path"]) > MAX_KEY:
        return None
    return f"{scope['scheme']}://{host.decode('latin-1')}{scope['path']}?{query.decode('latin-1')}|{accept.decode('latin-1')}"


class ReadCache:
    def __init__(
        self, *, max_bytes: int = 16 * 2**20, recheck: float = 1.0, grace: float = 0.5
    ) -> None:
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._size = 0
        self._max_bytes = max_bytes
        self._recheck = recheck
        self._grace = grace
        self._version: int | None = None
        self._checked_at = 0.0
        self._claimed_at = -grace  # when a request last went to read the version again
        self._generation = 0  # writes committed in this process
        self._lock = threading.Lock()

    @property
    def poll_interval(self) -> float:
        """How often a poller reads the version: well before it falls due."""
        return self._recheck / 2

    def version(self, session: Session) -> int:
        """The catalog version, read from the database once it is `recheck` seconds old."""
        version = self._version
        if version is None or time.monotonic() - self._checked_at >= self._recheck:
            version = self.poll(lambda: queries.catalog_version(session))
        return version

    def poll(self, read: Callable[[], int]) -> int:
        """Read the version now, whatever its age, and keep the reading."""
        now = time.monotonic()
        generation = self._generation
        version = read()
        with self._lock:
            # A write that committed meanwhile may have made this reading old already.
            if self._generation == generation:
                self._version, self._checked_at = version, now
        return version

    def known_version(self) -> int | None:
        """The version to answer with, without the database: read less than `recheck` seconds
        ago, or up to `grace` seconds more while another request reads it again. Never takes
        that turn (`fresh_version` does)."""
        version = self._version
        if version is None:
            return None
        now = time.monotonic()
        age = now - self._checked_at
        if age < self._recheck:
            return version
        if now - self._claimed_at < self._grace and age < self._recheck + self._grace:
            return version
        return None

    def fresh_version(self) -> int | None:
        """The version to answer with, as `known_version`; when there is none, None, and the
        caller has taken the turn to read it again (`version`), which it then must."""
        version = self.known_version()
        if version is not None:
            return version
        with self._lock:
            version = self.known_version()  # another caller may have taken the turn meanwhile
            if version is None and self._version is not None:
                self._claimed_at = time.monotonic()
            return version

    def invalidate(self) -> None:
        """Forget everything: called once a write in this process has committed."""
        with self._lock:
            self._entries.clear()
            self._size = 0
            self._version = None
            self._generation += 1

    def holds(self, key: str) -> bool:
        """Whether an answer is kept for `key`, of whatever version."""
        return key in self._entries

    def get(self, key: str, version: int) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry.version != version:
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: str, entry: Entry) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= old.size
            self._entries[key] = entry
            self._size += entry.size
            while self._size > self._max_bytes and self._entries:
                _, evicted = self._entries.popitem(last=False)
                self._size -= evicted.size


def cached_read(request: Request, session: Session, build: Callable[[], Rendered]) -> Response:
    """Answer from the cache when the catalog has not changed; otherwise build and keep."""
    cache: ReadCache = request.app.state.read_cache
    version = cache.version(session)
    key = cache_key(request.scope)
    entry = cache.get(key, version) if key is not None else None
    if entry is None:
        rendered = build()
        if key is not None:
            cache.put(key, Entry.of(version, rendered))
        return respond(request, rendered)
    return respond(request, entry.rendered)


class CachedReads:
    """Sends a kept answer to a GET whose URL, host and Accept header it has seen, while the
    catalog version is known to be current; everything else goes on to the app."""

    def __init__(self, app: ASGIApp, cache: ReadCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        entry = self._hit(scope)
        if entry is None:
            await self.app(scope, receive, send)
            return
        if_none_match = None
        for name, value in scope["headers"]:
            if name == b"if-none-match":
                # The first, as the route would read it.
                if_none_match = value.decode("latin-1")
                break
        if if_none_match is not None and len(if_none_match) > IF_NONE_MATCH_MAX:
            # The route refuses it (422); only the route may say so.
            await self.app(scope, receive, send)
            return
        held = held_etags(if_none_match)
        if entry.rendered.headers["ETag"] in held or "*" in held:
            start = {"type": "http.response.start", "status": 304}
            await send({**start, "headers": list(entry.not_modified_headers)})
            await send({"type": "http.response.body", "body": b""})
            return
        await send(
            {"type": "http.response.start", "status": 200, "headers": list(entry.ok_headers)}
        )
        await send({"type": "http.response.body", "body": entry.rendered.content})

    def _hit(self, scope: Scope) -> Entry | None:
        if scope["type"] != "http" or scope["method"] != "GET":
            return None
        key = cache_key(scope)
        # Only a request the cache can answer may take the turn to have the version read
        # again (fresh_version): it then reaches a route that reads it.
        if key is None or not self.cache.holds(key):
            return None
        version = self.cache.fresh_version()
        return self.cache.get(key, version) if version is not None else None
