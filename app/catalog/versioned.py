"""What is built from the whole catalog (the recommender's snapshot, the list indexes) is kept
for the newest catalog version it was asked for, and built again when the version moves on."""

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from sqlmodel import Session

from app.core.heap import settle_long_lived

T = TypeVar("T")


class PerVersion(Generic[T]):
    def __init__(self, build: Callable[[Session, int], T]) -> None:
        self._build = build
        self._kept: tuple[int, T] | None = None
        self._lock = threading.Lock()

    def peek(self, version: int) -> T | None:
        """What was built for `version`, if it is what is kept; never touches the database."""
        kept = self._kept
        return kept[1] if kept is not None and kept[0] == version else None

    def last(self) -> T | None:
        """What was built last, whatever its version: what is answered while the database
        cannot be reached."""
        kept = self._kept
        return kept[1] if kept is not None else None

    def get(self, session: Session, version: int) -> T:
        """What was built for `version`, building it (once, whoever asks) when it is not kept."""
        kept = self._kept
        if kept is not None and kept[0] == version:
            return kept[1]
        with self._lock:
            kept = self._kept
            if kept is None or kept[0] != version:
                kept = self._kept = (version, self._build(session, version))
                # It lives until the next version: out of the collector's full passes.
                settle_long_lived()
        return kept[1]
