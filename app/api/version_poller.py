"""The catalog version, read again twice a second by one background task.

Kept answers and quick plans are sent only while the version is known to be current
(`ReadCache`). Left to requests, the first one to find the version due re-read it in a worker
thread once a second: 30-50 ms under load, whose handoffs of the GIL with the busy event loop
also held up the requests in flight. The poller reads it before it falls due, so no request
waits for it, and another process's write shows here within half a second. Should the poller
fall behind (a slow or unreachable database), requests re-read the version as before.
"""

import logging

import anyio
from sqlalchemy import Engine

from app.api.read_cache import ReadCache
from app.catalog import queries

logger = logging.getLogger(__name__)


async def poll_catalog_version(cache: ReadCache, engine: Engine) -> None:
    """Runs until cancelled; a failed reading is logged once per outage, never raised."""

    def read() -> int:
        with engine.connect() as connection:
            return queries.catalog_version(connection)

    failing = False
    while True:
        try:
            await anyio.to_thread.run_sync(cache.poll, read)
        except Exception:
            if not failing:
                logger.warning(
                    "cannot read the catalog version; requests will read it themselves",
                    exc_info=True,
                )
            failing = True
        else:
            if failing:
                logger.warning("reading the catalog version again")
            failing = False
        await anyio.sleep(cache.poll_interval)
