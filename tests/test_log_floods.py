"""A message logged over and over is logged at most ten times a minute, then once with how
many were left out: a flood of bad requests cannot fill the disk."""

import logging

import pytest

from app.core import log_floods
from app.core.log_floods import FloodFilter


def _record(message: str) -> logging.LogRecord:
    return logging.LogRecord("uvicorn.error", logging.WARNING, __file__, 1, message, None, None)


def test_a_repeated_message_is_bounded_then_counted(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [0.0]
    monkeypatch.setattr(log_floods.time, "monotonic", lambda: now[0])
    flood = FloodFilter(per_minute=10)
    passed = [flood.filter(_record("Invalid HTTP request received.")) for _ in range(1000)]
    assert sum(passed) == 10
    assert flood.filter(_record("Another message."))  # each message has its own bound
    now[0] = 61.0
    later = _record("Invalid HTTP request received.")
    assert flood.filter(later)
    assert "990 more" in str(later.msg)
