"""The catalog as the recommender's plain snapshot, kept per version (app/catalog/versioned.py)."""

from collections import defaultdict
from collections.abc import Hashable, Mapping
from sys import intern
from typing import Any, TypeVar

from sqlalchemy import Connection, select
from sqlmodel import Session

from app.catalog.tables import (
    CERTIFICATION_SKILLS,
    CERTIFICATIONS,
    COURSE_AUDIENCES,
    COURSE_SKILLS,
    COURSES,
    PREPARATIONS,
)
from app.recommender import CatalogSnapshot, CertificationFacts, CourseFacts

T = TypeVar("T", bound=Hashable)


class _Shared:
    """One object per distinct value: labels and their tuples repeat across thousands of rows,
    and the snapshot lives as long as the catalog version does."""

    def __init__(self) -> None:
        self._seen: dict[Hashable, Any] = {}

    def __call__(self, value: T) -> T:
        found: T = self._seen.setdefault(value, value)
        return found


def _sorted_tuples(
    by_owner: Mapping[int, list[Any]], shared: _Shared
) -> dict[int, tuple[Any, ...]]:
    return {owner: shared(tuple(sorted(values))) for owner, values in by_owner.items()}


def _labels(db: Connection, owner: Any, label: Any, shared: _Shared) -> dict[int, tuple[str, ...]]:
    """An item's skills or audiences, sorted, keyed by the item's id."""
    by_owner: defaultdict[int, list[str]] = defaultdict(list)
    for item, text in db.execute(select(owner, label)):
        by_owner[item].append(intern(text))
    return _sorted_tuples(by_owner, shared)


def _preparations(
    db: Connection, slug_of: dict[int, str], shared: _Shared
) -> dict[int, tuple[tuple[str, str], ...]]:
    p = PREPARATIONS.c
    by_owner: defaultdict[int, list[tuple[str, str]]] = defaultdict(list)
    for course, cert, closeness in db.execute(select(p.course_id, p.certification_id, p.closeness)):
        by_owner[course].append(shared((slug_of[cert], intern(closeness))))
    return _sorted_tuples(by_owner, shared)


def _certifications(
    db: Connection, slug_of: dict[int, str], shared: _Shared
) -> tuple[CertificationFacts, ...]:
    c = CERTIFICATIONS.c
    s = CERTIFICATION_SKILLS.c
    skills = _labels(db, s.certification_id, s.skill, shared)
    rows = db.execute(
        select(
            c.id, c.slug, c.name, c.kind, c.discipline, c.cloud, c.proctored,
            c.recommended_years_ml, c.recommended_years_cloud, c.prep_weeks_min,
            c.prep_weeks_max, c.difficulty, c.hiring_weight, c.status, c.available_from,
            c.retired_on, c.successor_id, c.duration_minutes,
        ).order_by(c.slug)
    )  # fmt: skip
    return tuple(
        CertificationFacts(
            slug=row.slug,
            name=row.name,
            kind=intern(row.kind),
            discipline=intern(row.discipline),
            cloud=intern(row.cloud),
            proctored=row.proctored,
            recommended_years_ml=row.recommended_years_ml,
            recommended_years_cloud=row.recommended_years_cloud,
            prep_weeks_min=row.prep_weeks_min,
            prep_weeks_max=row.prep_weeks_max,
            difficulty=row.difficulty,
            hiring_weight=intern(row.hiring_weight),
            skills=skills.get(row.id, ()),
            status=intern(row.status),
            available_from=row.available_from,
            retired_on=row.retired_on,
            successor=slug_of[row.successor_id] if row.successor_id is not None else None,
            duration_minutes=row.duration_minutes,
        )
        for row in rows
    )


def _courses(db: Connection, slug_of: dict[int, str], shared: _Shared) -> tuple[CourseFacts, ...]:
    c = COURSES.c
    s, a = COURSE_SKILLS.c, COURSE_AUDIENCES.c
    skills = _labels(db, s.course_id, s.skill, shared)
    audiences = _labels(db, a.course_id, a.audience, shared)
    preparations = _preparations(db, slug_of, shared)
    rows = db.execute(
        select(
            c.id, c.slug, c.title, c.level, c.interview_relevance, c.rating_value,
            c.rating_scale, c.duration_hours, c.part_of_id,
        ).order_by(c.slug)
    )  # fmt: skip
    return tuple(
        CourseFacts(
            slug=slug,
            title=title,
            level=intern(level),
            audience=audiences.get(course, ()),
            skills=skills.get(course, ()),
            interview_relevance=intern(relevance),
            rating_value=rating_value,
            rating_scale=rating_scale,
            duration_hours=duration_hours,
            prepares_for=preparations.get(course, ()),
            part_of=slug_of[part_of] if part_of is not None else None,
        )
        for course, slug, title, level, relevance, rating_value, rating_scale, duration_hours,
        part_of in rows
    )  # fmt: skip


def build_snapshot(session: Session, version: int) -> CatalogSnapshot:
    # Plain rows, not ORM instances: on a large catalog the ORM's per-object bookkeeping was
    # nearly all of the build's time and left its memory fragmented afterwards.
    db = session.connection()
    c = CERTIFICATIONS.c
    slug_of: dict[int, str] = {row.id: row.slug for row in db.execute(select(c.id, c.slug))}
    shared = _Shared()
    return CatalogSnapshot(
        version=str(version),
        certifications=_certifications(db, slug_of, shared),
        courses=_courses(db, slug_of, shared),
    )
