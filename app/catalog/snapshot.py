"""The catalog as the recommender's plain snapshot, kept per version (app/catalog/versioned.py)."""

from collections import defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import fields
from sys import intern
from typing import Any, TypeVar

from sqlalchemy import Column, Connection, Table, select
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


F = TypeVar("F")


def _named_alike(table: Table, facts: type) -> list[Column[Any]]:
    """The table's columns that the recommender's facts hold under the same name."""
    names = {f.name for f in fields(facts)}
    return [column for column in table.c if column.name in names]


def _plain(value: Any) -> Any:
    # Labels repeat across thousands of rows: one string object each.
    return intern(value) if isinstance(value, str) else value


def facts_of(facts: type[F], table: Table, values: Mapping[Any, Any], **relations: Any) -> F:
    """Facts from a row's values (or a record's, app/catalog/shape.py), by column name; the
    fields that are relations rather than columns are the caller's."""
    own = {column.name: _plain(values[column.name]) for column in _named_alike(table, facts)}
    return facts(**own, **relations)


def _certifications(
    db: Connection, slug_of: dict[int, str], shared: _Shared
) -> tuple[CertificationFacts, ...]:
    c = CERTIFICATIONS.c
    s = CERTIFICATION_SKILLS.c
    skills = _labels(db, s.certification_id, s.skill, shared)
    columns = _named_alike(CERTIFICATIONS, CertificationFacts)
    rows = db.execute(select(c.id, c.successor_id, *columns).order_by(c.slug))
    return tuple(
        facts_of(
            CertificationFacts,
            CERTIFICATIONS,
            row._mapping,
            skills=skills.get(row.id, ()),
            successor=slug_of[row.successor_id] if row.successor_id is not None else None,
        )
        for row in rows
    )


def _courses(db: Connection, slug_of: dict[int, str], shared: _Shared) -> tuple[CourseFacts, ...]:
    c = COURSES.c
    s, a = COURSE_SKILLS.c, COURSE_AUDIENCES.c
    skills = _labels(db, s.course_id, s.skill, shared)
    audiences = _labels(db, a.course_id, a.audience, shared)
    preparations = _preparations(db, slug_of, shared)
    columns = _named_alike(COURSES, CourseFacts)
    rows = db.execute(select(c.id, c.part_of_id, *columns).order_by(c.slug))
    return tuple(
        facts_of(
            CourseFacts,
            COURSES,
            row._mapping,
            audience=audiences.get(row.id, ()),
            skills=skills.get(row.id, ()),
            prepares_for=preparations.get(row.id, ()),
            part_of=slug_of[row.part_of_id] if row.part_of_id is not None else None,
        )
        for row in rows
    )


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
