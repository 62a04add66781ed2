"""Rendered answers of public reads, kept per catalog version.

Reads outnumber writes by far, and the same pages are asked for again and again. An answer
is kept with the catalog version it was made from and served while that version is
current. Freshness: a write in this process clears the cache once it has committed, so the
next read here sees it; a write in another process or instance is seen when the version is
read again from the database, at most `recheck` seconds later.
"""

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from fastapi import Request, Response
from sqlmodel import Session

from app.api.conditional import Rendered, respond
from app.catalog import queries


@dataclass(frozen=True, slots=True)
class Entry:
    version: int
    rendered: Rendered


class ReadCache:
    def __init__(self, *, max_bytes: int = 16 * 2**20, recheck: float = 1.0) -> None:
        self._entries: OrderedDict[str, Entry] = OrderedDict()
        self._size = 0
        self._max_bytes = max_bytes
        self._recheck = recheck
        self._version: int | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    def version(self, session: Session) -> int:
        """The catalog version, read from the database at most every `recheck` seconds."""
        now = time.monotonic()
        version = self._version
        if version is None or now - self._checked_at >= self._recheck:
            version = queries.catalog_version(session)
            with self._lock:
                self._version, self._checked_at = version, now
        return version

    def invalidate(self) -> None:
        """Forget everything: called once a write in this process has committed."""
        with self._lock:
            self._entries.clear()
            self._size = 0
            self._version = None

    @staticmethod
    def key(request: Request, media_type: str) -> str:
        return f"{request.url.path}?{request.url.query}|{media_type}"

    def get(self, key: str, version: int) -> Entry | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or entry.version != version:
                return None
            self._entries.move_to_end(key)
            return entry

    def put(self, key: str, version: int, rendered: Rendered) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._size -= len(old.rendered.content)
            self._entries[key] = Entry(version, rendered)
            self._size += len(rendered.content)
            while self._size > self._max_bytes and self._entries:
                _, evicted = self._entries.popitem(last=False)
                self._size -= len(evicted.rendered.content)


def cached_read(
    request: Request, session: Session, media_type: str, build: Callable[[], Rendered]
) -> Response:
    """Answer from the cache when the catalog has not changed; otherwise build and keep."""
    cache: ReadCache = request.app.state.read_cache
    version = cache.version(session)
    key = cache.key(request, media_type)
    entry = cache.get(key, version)
    if entry is None:
        entry = Entry(version, build())
        cache.put(key, version, entry.rendered)
    return respond(request, entry.rendered)
