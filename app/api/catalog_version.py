"""The catalog version this process answers with, and the background task that reads it.

Every write bumps one counter in the database (`catalog_state.version`); whatever a process
keeps in memory (rendered answers, the recommender's snapshot) is kept per version. One task
reads the counter every `interval` seconds, so that another instance's write is known here
soon after it commits and no request waits for that reading. A write in this process records
the version it committed, so that its own next read is already current.

The version is answered only while its reading is fresh (`max_age`). When the poller falls
behind, because the database is slow, nothing is answered from memory on the strength of an old
reading: requests are built from the database, as if nothing were kept. When the database
cannot be reached at all (app/core/outage.py), reads are answered from the last catalog built,
and say so (`current_or_last`).
"""

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import TypeVar

import anyio
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.requests import Request

from app.api.conditional import served_stale
from app.catalog import queries
from app.catalog.versioned import PerVersion
from app.core.outage import UNREACHABLE, DatabaseOutage

T = TypeVar("T")


class CatalogVersion:
    """The newest catalog version known here, and when it was known to be current."""

    def __init__(self, *, max_age: float) -> None:
        self.max_age = max_age
        self._version: int | None = None
        self._read_at = float("-inf")
        self._read_at_wall: datetime | None = None
        self._lock = threading.Lock()

    def current(self) -> int | None:
        """The version, while its reading is fresh; None when it may be out of date."""
        if time.monotonic() - self._read_at >= self.max_age:
            return None
        return self._version

    def confirmed_at(self) -> datetime | None:
        """When the version was last read: until then, what was built for it was current."""
        return self._read_at_wall

    def record(self, version: int, read_at: float | None = None) -> None:
        """A reading of the database's version, taken at `read_at` (now, by default).

        Versions only grow: a reading begun before this process's own write committed
        must not take the version back to before that write."""
        at = time.monotonic() if read_at is None else read_at
        with self._lock:
            if self._version is None or version >= self._version:
                self._version = version
            if at > self._read_at:
                self._read_at = at
                ago = timedelta(seconds=time.monotonic() - at)
                self._read_at_wall = datetime.now(UTC) - ago


def current_or_last(request: Request, session: Session, built: PerVersion[T]) -> T:
    """What `built` holds for the current catalog version, built (once) if need be.

    While the database cannot be reached, the last one built: the request is marked stale, so
    that its answer says from when (app/api/conditional.py), and is not kept. With nothing
    built yet, the database's error stands, and is answered 503."""
    catalog: CatalogVersion = request.app.state.catalog_version
    outage: DatabaseOutage = request.app.state.database_outage
    version = catalog.current()
    if version is not None and (found := built.peek(version)) is not None:
        return found
    last = built.last()
    if last is None or not outage.active:
        try:
            if version is None:
                version = queries.catalog_version(session)
            return built.get(session, version)
        except UNREACHABLE:
            # Before the poller has noticed: the same answer as once it has.
            if last is None:
                raise
            session.rollback()
    outage.served_stale()
    served_stale(request, catalog.confirmed_at() or datetime.now(UTC))
    return last


def read_catalog_version(engine: Engine, catalog: CatalogVersion) -> None:
    """Read the version once and record it, with the time the reading began."""
    began = time.monotonic()
    with engine.connect() as connection:
        version = queries.catalog_version(connection)
    catalog.record(version, read_at=began)


async def poll_catalog_version(
    engine: Engine, catalog: CatalogVersion, outage: DatabaseOutage, interval: float
) -> None:
    """Runs until cancelled. Its readings say whether the database answers: a failed one
    begins an outage, the next good one ends it (app/core/outage.py logs both)."""
    while True:
        try:
            await anyio.to_thread.run_sync(read_catalog_version, engine, catalog)
        except Exception as exc:
            outage.reading_failed(exc)
        else:
            outage.reading_succeeded()
        await anyio.sleep(interval)
