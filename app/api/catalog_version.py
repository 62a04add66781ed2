"""The catalog version this process answers with, and the background task that reads it.

Every write bumps one counter in the database (`catalog_state.version`); whatever a process
keeps in memory (rendered answers, the recommender's snapshot) is kept per version. One task
reads the counter every `interval` seconds, so that another instance's write is known here
soon after it commits and no request waits for that reading. A write in this process records
the version it committed, so that its own next read is already current.

The version is answered only while its reading is fresh (`max_age`). When the poller falls
behind, because the database is slow or gone, nothing is answered from memory on the strength
of an old reading: requests are built from the database, as if nothing were kept.
"""

import logging
import threading
import time

import anyio
from sqlalchemy import Engine
from sqlmodel import Session

from app.catalog import queries

logger = logging.getLogger(__name__)


class CatalogVersion:
    """The newest catalog version known here, and when it was known to be current."""

    def __init__(self, *, max_age: float) -> None:
        self.max_age = max_age
        self._version: int | None = None
        self._read_at = float("-inf")
        self._lock = threading.Lock()

    def current(self) -> int | None:
        """The version, while its reading is fresh; None when it may be out of date."""
        if time.monotonic() - self._read_at >= self.max_age:
            return None
        return self._version

    def record(self, version: int, read_at: float | None = None) -> None:
        """A reading of the database's version, taken at `read_at` (now, by default).

        Versions only grow: a reading begun before this process's own write committed
        must not take the version back to before that write."""
        at = time.monotonic() if read_at is None else read_at
        with self._lock:
            if self._version is None or version >= self._version:
                self._version = version
            self._read_at = max(self._read_at, at)


def version_for(catalog: CatalogVersion, session: Session) -> int:
    """The version to answer with: the current one, or, when no reading is fresh, the one
    this transaction sees."""
    version = catalog.current()
    return queries.catalog_version(session) if version is None else version


def read_catalog_version(engine: Engine, catalog: CatalogVersion) -> None:
    """Read the version once and record it, with the time the reading began."""
    began = time.monotonic()
    with engine.connect() as connection:
        version = queries.catalog_version(connection)
    catalog.record(version, read_at=began)


async def poll_catalog_version(engine: Engine, catalog: CatalogVersion, interval: float) -> None:
    """Runs until cancelled; a failed reading is logged once per outage, never raised."""
    failing = False
    while True:
        try:
            await anyio.to_thread.run_sync(read_catalog_version, engine, catalog)
        except Exception:
            if not failing:
                logger.warning(
                    "cannot read the catalog version; answers are built from the database "
                    "until it can be read again",
                    exc_info=True,
                )
            failing = True
        else:
            if failing:
                logger.warning("the catalog version can be read again")
            failing = False
        await anyio.sleep(interval)
