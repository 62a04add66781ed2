"""The in-process rate-limit counters: counted as `limits` counts them, without a thread a hit."""

import time

from limits import parse
from limits.strategies import FixedWindowRateLimiter

from app.core.ratelimit_memory import SweptMemoryStorage


def test_hits_start_no_sweeper_thread() -> None:
    storage = SweptMemoryStorage()
    storage.timer.join()  # the one timer the base class starts on creation
    first = storage.timer
    limiter = FixedWindowRateLimiter(storage)
    item = parse("5/second")
    for _ in range(3):
        limiter.hit(item, "client")
        # Past the stock storage's 10 ms, after which its next hit starts a new timer.
        time.sleep(0.02)
    assert storage.timer is first


def test_counts_and_refuses_as_limits_does() -> None:
    limiter = FixedWindowRateLimiter(SweptMemoryStorage())
    item = parse("2/minute")
    assert [limiter.hit(item, "a") for _ in range(3)] == [True, True, False]
    assert limiter.hit(item, "b")
    assert limiter.get_window_stats(item, "a").remaining == 0


def test_expired_counters_are_swept() -> None:
    storage = SweptMemoryStorage()
    storage.incr("gone", expiry=0.01)
    time.sleep(0.02)
    storage._swept_at -= 2  # as if the last sweep were two seconds ago
    storage.incr("kept", expiry=60)
    assert "gone" not in storage.storage
    assert storage.storage["kept"] == 1
