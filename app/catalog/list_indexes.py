"""The list indexes of one catalog version, built from plain rows, and the items' JSON.

What each list filters and sorts on is read here with a handful of Core queries (no ORM
objects: on a large catalog their bookkeeping was most of the cost). An item's JSON is made
by the read API's serializer the first time a page or an item read shows it, and kept for
the version.
"""

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Connection, select
from sqlmodel import Session

from app.catalog import queries, serialize
from app.catalog.listing import Listed, ListIndex
from app.catalog.tables import (
    CERTIFICATION_SKILLS,
    CERTIFICATIONS,
    COURSE_AUDIENCES,
    COURSE_SKILLS,
    COURSES,
    PREPARATIONS,
    PROVIDERS,
)


@dataclass
class ItemJson:
    """Items' JSON by id, for one version; made on first use from the loaded rows."""

    load: Callable[[Session, Sequence[int]], Sequence[Any]]
    out: Callable[[Any], BaseModel]
    _json: dict[int, bytes] = field(default_factory=dict)

    def of(self, session: Session, ids: Sequence[int]) -> list[bytes]:
        """The JSON of each item, in the order asked; an item deleted meanwhile is left out."""
        missing = [i for i in ids if i not in self._json]
        if missing:
            for row in self.load(session, missing):
                self._json[row.id] = self.out(row).model_dump_json().encode()
        return [self._json[i] for i in ids if i in self._json]


@dataclass(frozen=True)
class CatalogLists:
    certifications: ListIndex
    courses: ListIndex
    certification_json: ItemJson
    course_json: ItemJson


def _grouped(db: Connection, owner: Any, value: Any) -> defaultdict[int, set[str]]:
    found: defaultdict[int, set[str]] = defaultdict(set)
    for item, text in db.execute(select(owner, value)):
        found[item].add(text)
    return found


def _text(*parts: str) -> str:
    # `q` cannot hold a control character (TEXT_PATTERN), so it never matches across parts.
    return "\x00".join(part.lower() for part in parts)


def _certifications(db: Connection, provider_slug: dict[int, str]) -> ListIndex:
    c = CERTIFICATIONS.c
    s = CERTIFICATION_SKILLS.c
    skills = _grouped(db, s.certification_id, s.skill)
    rows = db.execute(
        select(
            c.id, c.slug, c.name, c.description, c.kind, c.cloud, c.status, c.discipline,
            c.issuer_id, c.difficulty, c.cost_amount, c.updated_at,
        )
    )  # fmt: skip
    return ListIndex(
        Listed(
            id=row.id,
            slug=row.slug,
            labels={
                "kind": frozenset([row.kind]),
                "provider": frozenset([provider_slug[row.issuer_id]]),
                "cloud": frozenset([row.cloud]),
                "status": frozenset([row.status]),
                "discipline": frozenset([row.discipline]),
                "skill": frozenset(skills.get(row.id, ())),
            },
            keys={
                # Case-folded, so that "Applied ..." sorts with "AWS ..." as a reader expects.
                "name": row.name.lower(),
                "difficulty": row.difficulty,
                "cost": row.cost_amount,
                "slug": row.slug,
                "updated_at": row.updated_at,
            },
            text=_text(row.slug, row.name, row.description),
            updated_at=row.updated_at,
        )
        for row in rows
    )


def _courses(db: Connection, provider_slug: dict[int, str]) -> ListIndex:
    c = COURSES.c
    s, a, p = COURSE_SKILLS.c, COURSE_AUDIENCES.c, PREPARATIONS.c
    skills = _grouped(db, s.course_id, s.skill)
    audiences = _grouped(db, a.course_id, a.audience)
    cert = CERTIFICATIONS.c
    prepares = _grouped(
        db, p.course_id, select(cert.slug).where(cert.id == p.certification_id).scalar_subquery()
    )
    rows = db.execute(
        select(
            c.id, c.slug, c.title, c.description, c.level, c.provider_id, c.platform_id,
            c.rating_value, c.rating_scale, c.duration_hours, c.updated_at,
        )
    )  # fmt: skip
    return ListIndex(
        Listed(
            id=row.id,
            slug=row.slug,
            labels={
                # Users think of Coursera and of Google Cloud both as "the provider".
                "provider": frozenset(
                    [provider_slug[row.provider_id], provider_slug[row.platform_id]]
                ),
                "level": frozenset([row.level]),
                "skill": frozenset(skills.get(row.id, ())),
                "audience": frozenset(audiences.get(row.id, ())),
                "prepares_for": frozenset(prepares.get(row.id, ())),
            },
            keys={
                "title": row.title.lower(),
                "rating": _rating(row.rating_value, row.rating_scale),
                "duration": row.duration_hours,
                "slug": row.slug,
                "updated_at": row.updated_at,
            },
            text=_text(row.slug, row.title, row.description),
            updated_at=row.updated_at,
            numbers={"rating_value": row.rating_value, "rating_scale": row.rating_scale},
        )
        for row in rows
    )


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


def build_lists(session: Session, _version: int) -> CatalogLists:
    db = session.connection()
    pr = PROVIDERS.c
    provider_slug = {row.id: row.slug for row in db.execute(select(pr.id, pr.slug))}
    return CatalogLists(
        certifications=_certifications(db, provider_slug),
        courses=_courses(db, provider_slug),
        certification_json=ItemJson(queries.certifications_by_id, serialize.certification_out),
        course_json=ItemJson(queries.courses_by_id, serialize.course_out),
    )
