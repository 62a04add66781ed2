"""Rate-limit counters in this process: `limits`' memory storage, swept inline.

The stock storage sweeps expired counters on a `threading.Timer` of 10 ms that it starts
again on the next hit once the last one has run: under load, a new thread every 10 ms, and
starting a thread holds the event loop until the thread runs (a millisecond and more on a
busy core). Counters are checked for expiry when read either way, so the sweep only frees
memory; here it runs inline, at most once a second.
"""

import time
from typing import Any

from limits.storage import MemoryStorage

SWEEP_EVERY_S = 1.0


class SweptMemoryStorage(MemoryStorage):
    # No STORAGE_SCHEME: `memory://` keeps naming the stock storage in `limits`' registry.

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._swept_at = time.monotonic()

    # Overrides the base class's private `__schedule_expiry`, which `incr` calls by its
    # mangled name. Should `limits` rename it, the stock timer simply comes back.
    def _MemoryStorage__schedule_expiry(self) -> None:
        now = time.monotonic()
        if now - self._swept_at >= SWEEP_EVERY_S:
            self._swept_at = now
            self._MemoryStorage__expire_events()  # type: ignore[attr-defined]
