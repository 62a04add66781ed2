"""Whether a certification can be taken on a given date, and what replaces it if not.

`retired_on` is the first day on which the exam can no longer be booked, so an exam is
already retired on that date; `available_from` is the first day it can be.
"""

from dataclasses import dataclass
from datetime import date

from app.recommender.facts import CertificationFacts
from app.recommender.index import CatalogIndex

RETIRED = "retired"


def is_retired(cert: CertificationFacts, as_of: date) -> bool:
    if cert.retired_on is not None:
        return cert.retired_on <= as_of
    # A record marked retired without a date is trusted rather than read as active.
    return cert.status == RETIRED


def is_available(cert: CertificationFacts, as_of: date) -> bool:
    return cert.available_from is None or cert.available_from <= as_of


def is_usable(cert: CertificationFacts, as_of: date) -> bool:
    return is_available(cert, as_of) and not is_retired(cert, as_of)


@dataclass(frozen=True, slots=True)
class Resolution:
    """Where following an exam's successors leads, as of one date."""

    exam: CertificationFacts | None  # the exam to recommend, if any can be taken
    retired: tuple[CertificationFacts, ...]  # retired exams passed on the way, oldest first
    upcoming: CertificationFacts | None  # where the trail stopped at a not-yet-available exam


def resolve(cert: CertificationFacts, index: CatalogIndex, as_of: date) -> Resolution:
    retired: list[CertificationFacts] = []
    seen: set[str] = set()
    current: CertificationFacts | None = cert
    while current is not None and current.slug not in seen:
        seen.add(current.slug)
        if not is_retired(current, as_of):
            if is_available(current, as_of):
                return Resolution(current, tuple(retired), None)
            return Resolution(None, tuple(retired), current)
        retired.append(current)
        current = index.certification.get(current.successor) if current.successor else None
    # No successor, an unknown one, or a loop in the data: nothing can be taken.
    return Resolution(None, tuple(retired), None)
