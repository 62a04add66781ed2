"""When the database cannot be reached: which errors say so, and what the log says about it.

An outage is what the catalog-version poller (app/api/catalog_version.py) sees: the one reading
every process takes every CATALOG_POLL_INTERVAL seconds. It begins with a failed reading and
ends with the next good one, with no restart. Meanwhile catalog reads and plans are answered
from what was last built in memory, marked stale (`current_or_last`, in the same module), and
a request that needs the database meets one of `UNREACHABLE`, which one handler answers 503
with Retry-After (app/core/problems.py), keeping the connection open.

The log says what is wrong when the outage begins, once every `LOG_EVERY_S` while it lasts and
once when it ends, each time with how many answers were stale or refused since the last line:
one line each, never a traceback per request (an outage of 10 s once logged 38.8 MB).
"""

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

LOGGER = "certpath.database"
logger = logging.getLogger(LOGGER)

# What a request meets when the database is down, restarting, unreachable or too busy to
# answer (a refused connection, a session ended by a shutdown, a full pool, SQLite's lock).
UNREACHABLE = (OperationalError, InterfaceError, PoolTimeout)
# A restarted database answers within seconds; the poller notices within one interval.
RETRY_AFTER_S = 5
LOG_EVERY_S = 10.0
_MAX_ERROR = 300


def describe(exc: BaseException) -> str:
    """The error in one short line: the driver's class and the first line of its message
    (a refused connection names the host and port, never a password)."""
    cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    lines = str(cause).strip().splitlines()
    text = f"{type(cause).__name__}: {lines[0] if lines else ''}".strip()
    return text if len(text) <= _MAX_ERROR else text[: _MAX_ERROR - 1] + "…"


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


class DatabaseOutage:
    """Whether the database is known to be unreachable, since when, and its log lines."""

    def __init__(
        self,
        *,
        log_every: float = LOG_EVERY_S,
        clock: Callable[[], float] = time.monotonic,
        wall: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.log_every = log_every
        self._clock = clock
        self._wall = wall
        self._lock = threading.Lock()
        self._began: float | None = None
        self._began_at: datetime | None = None
        self._error = ""
        self._logged = float("-inf")
        self._stale = 0
        self._refused = 0

    @property
    def active(self) -> bool:
        """Whether the poller's last reading failed: the database is not answering."""
        return self._began is not None

    def reading_failed(self, exc: BaseException) -> None:
        """The poller could not read the catalog version."""
        with self._lock:
            now = self._clock()
            self._error = describe(exc)
            if self._began is None:
                self._began, self._began_at = now, self._wall()
                self._log(
                    now,
                    "database_unreachable",
                    "the database cannot be reached: catalog reads and plans are answered "
                    "from the last catalog built in memory, and what needs the database gets "
                    "503, until it answers again",
                )
            elif now - self._logged >= self.log_every:
                self._log(now, "database_still_unreachable", "the database still cannot be reached")

    def reading_succeeded(self) -> None:
        """The poller read the catalog version: whatever outage there was is over."""
        if self._began is None:
            return
        with self._lock:
            if self._began is None:
                return
            now = self._clock()
            self._log(now, "database_reachable", "the database answers again")
            self._began = self._began_at = None

    def served_stale(self) -> None:
        """A read was answered from the last catalog built, not from a current one."""
        with self._lock:
            self._stale += 1

    def refused(self, exc: BaseException) -> None:
        """A request met `exc` and was answered 503. Outside an outage (a connection lost in
        a restart, SQLite's lock held too long) it is logged too, at most once per interval."""
        with self._lock:
            self._refused += 1
            now = self._clock()
            if now - self._logged >= self.log_every:
                self._error = describe(exc)
                event = "database_still_unreachable" if self._began else "database_error"
                self._log(now, event, "a request could not use the database: answered 503")

    def _log(self, now: float, event: str, message: str) -> None:
        fields: dict[str, Any] = {"event": event, "message": message, "error": self._error}
        if self._began is not None and self._began_at is not None:
            fields["since"] = iso(self._began_at)
            fields["seconds"] = round(now - self._began, 1)
        fields["stale_answers"], fields["refused_answers"] = self._stale, self._refused
        self._stale = self._refused = 0
        self._logged = now
        level = logging.INFO if event == "database_reachable" else logging.WARNING
        logger.log(level, "%s: %s", message, self._error, extra={"fields": fields})
