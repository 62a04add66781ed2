"""The list indexes of one catalog version, and every item's JSON, built at once.

The catalog is read as plain records (app/catalog/records.py); each item is rendered by the
read API's serializer once, and what each list filters and sorts on is indexed
(app/catalog/listing.py). Lists and item reads then answer from memory until the version
moves on.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from types import SimpleNamespace
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session

from app.catalog import serialize
from app.catalog.bulk_export import CatalogExport
from app.catalog.listing import Labels, Listed, ListIndex
from app.catalog.records import read_records


@dataclass(frozen=True)
class CatalogLists:
    certifications: ListIndex
    courses: ListIndex
    # Each item's JSON, by id, as the read API's serializer makes it.
    certification_json: dict[int, bytes]
    course_json: dict[int, bytes]
    # Each provider's JSON, in slug order: only the export shows providers in full.
    provider_json: list[bytes]

    @cached_property
    def export(self) -> CatalogExport:
        """The whole catalog as NDJSON (GET /export), made the first time it is asked for."""
        return CatalogExport(
            self.provider_json,
            [self.certification_json[i] for i in self.certifications.in_slug_order()],
            [self.course_json[i] for i in self.courses.in_slug_order()],
        )


def _text(*parts: str) -> str:
    # `q` cannot hold a control character (TEXT_PATTERN), so it never matches across parts.
    return "\x00".join(part.lower() for part in parts)


def _certification(cert: SimpleNamespace) -> tuple[Listed, Labels]:
    labels = {
        "kind": [cert.kind],
        "provider": [cert.issuer.slug],
        "cloud": [cert.cloud],
        "platform": [cert.platform],
        "tier": [cert.tier] if cert.tier else [],
        "eligibility": [cert.eligibility],
        "status": [cert.status],
        "discipline": [cert.discipline],
        "skill": [row.skill for row in cert.skill_rows],
    }
    listed = Listed(
        id=cert.id,
        slug=cert.slug,
        keys={
            # Case-folded, so that "Applied ..." sorts with "AWS ..." as a reader expects.
            "name": cert.name.lower(),
            "difficulty": cert.difficulty,
            "cost": cert.cost_amount,
            "slug": cert.slug,
            "updated_at": cert.updated_at,
        },
        text=_text(cert.slug, cert.name, cert.description),
    )
    return listed, labels


def _course(course: SimpleNamespace) -> tuple[Listed, Labels]:
    labels = {
        # Users think of Coursera and of Google Cloud both as "the provider".
        "provider": [course.provider.slug, course.platform.slug],
        "level": [course.level],
        "skill": [row.skill for row in course.skill_rows],
        "audience": [row.audience for row in course.audience_rows],
        "prepares_for": [p.certification.slug for p in course.preparations],
    }
    listed = Listed(
        id=course.id,
        slug=course.slug,
        keys={
            "title": course.title.lower(),
            "rating": _rating(course.rating_value, course.rating_scale),
            "duration": course.duration_hours,
            "slug": course.slug,
            "updated_at": course.updated_at,
        },
        text=_text(course.slug, course.title, course.description),
        numbers={"rating_value": course.rating_value, "rating_scale": course.rating_scale},
    )
    return listed, labels


def _rating(value: float | None, scale: int | None) -> float | None:
    # Ratings come on different scales; they sort by their share of the scale.
    return value / scale if value is not None and scale else None


def rated_at_least(minimum: float | None) -> list[Callable[[Listed], bool]]:
    """Courses rated `minimum` or more on a 10-point scale."""
    if minimum is None:
        return []

    def rated(item: Listed) -> bool:
        value, scale = item.numbers["rating_value"], item.numbers["rating_scale"]
        return value is not None and scale is not None and value * 10 >= minimum * scale

    return [rated]


def _rendered(records: Iterable[Any], out: Callable[[Any], BaseModel]) -> dict[int, bytes]:
    return {record.id: out(record).model_dump_json().encode() for record in records}


def build_lists(session: Session, _version: int) -> CatalogLists:
    records = read_records(session.connection())
    return CatalogLists(
        certifications=ListIndex(map(_certification, records.certifications.values())),
        courses=ListIndex(map(_course, records.courses.values())),
        certification_json=_rendered(records.certifications.values(), serialize.certification_out),
        course_json=_rendered(records.courses.values(), serialize.course_out),
        provider_json=[
            serialize.provider_out(provider).model_dump_json().encode()
            for provider in sorted(records.providers.values(), key=lambda p: str(p.slug))
        ],
    )
