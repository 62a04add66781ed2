"""Every read query of the catalog lives here."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, func, or_, select
from sqlalchemy.orm import selectinload
from sqlmodel import Session, col

from app.models import (
    CatalogState,
    Certification,
    CertificationSkill,
    Course,
    CourseAudience,
    CoursePreparation,
    CourseSkill,
    Provider,
    Tombstone,
)


def _eager(*path: Any) -> Any:
    # Relationships are lazy="raise": whatever a response shows must be named here.
    option = selectinload(path[0])
    for attribute in path[1:]:
        option = option.selectinload(attribute)
    return option


CERTIFICATION_LOADS = (
    _eager(Certification.issuer),
    _eager(Certification.successor),
    _eager(Certification.skill_rows),
    _eager(Certification.preparations, CoursePreparation.course),
    _eager(Certification.included_courses),
)
COURSE_LOADS = (
    _eager(Course.provider),
    _eager(Course.platform),
    _eager(Course.part_of),
    _eager(Course.skill_rows),
    _eager(Course.audience_rows),
    _eager(Course.preparations, CoursePreparation.certification),
)


@dataclass(frozen=True, slots=True)
class PageQuery:
    limit: int
    offset: int
    sort: str


def _text_match(q: str, *columns: Any) -> ColumnElement[bool]:
    needle = q.lower()
    return or_(*(func.lower(column).contains(needle, autoescape=True) for column in columns))


def _order(sort: str, columns: dict[str, Any], tiebreak: Any) -> list[Any]:
    # Every order ends on the unique slug so that pages never overlap or skip.
    descending = sort.startswith("-")
    column = columns[sort.lstrip("-")]
    primary = column.desc().nulls_last() if descending else column.asc().nulls_last()
    return [primary, tiebreak.asc()]


def _page(
    session: Session, query: Select[Any], page: PageQuery, order: list[Any], loads: Sequence[Any]
) -> tuple[list[Any], int]:
    total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(
        query.options(*loads).order_by(*order).limit(page.limit).offset(page.offset)
    ).all()
    return list(rows), total


CERTIFICATION_SORTS = {
    # Case-folded, so that "Applied ..." sorts with "AWS ..." as a reader expects.
    "name": func.lower(col(Certification.name)),
    "difficulty": col(Certification.difficulty),
    "cost": col(Certification.cost_amount),
    "slug": col(Certification.slug),
    "updated_at": col(Certification.updated_at),
}


def list_certifications(
    session: Session,
    page: PageQuery,
    *,
    updated_since: datetime | None = None,
    kind: str | None = None,
    provider: str | None = None,
    cloud: str | None = None,
    status: str | None = None,
    discipline: str | None = None,
    skill: str | None = None,
    q: str | None = None,
) -> tuple[list[Certification], int]:
    query = select(Certification)
    if updated_since:
        query = query.where(col(Certification.updated_at) >= updated_since)
    if kind:
        query = query.where(col(Certification.kind) == kind)
    if provider:
        query = query.where(
            col(Certification.issuer_id).in_(
                select(col(Provider.id)).where(col(Provider.slug) == provider)
            )
        )
    if cloud:
        query = query.where(col(Certification.cloud) == cloud)
    if status:
        query = query.where(col(Certification.status) == status)
    if discipline:
        query = query.where(col(Certification.discipline) == discipline)
    if skill:
        query = query.where(
            col(Certification.id).in_(
                select(col(CertificationSkill.certification_id)).where(
                    col(CertificationSkill.skill) == skill
                )
            )
        )
    if q:
        query = query.where(
            _text_match(
                q, col(Certification.slug), col(Certification.name), col(Certification.description)
            )
        )
    order = _order(page.sort, CERTIFICATION_SORTS, col(Certification.slug))
    return _page(session, query, page, order, CERTIFICATION_LOADS)


COURSE_SORTS = {
    "title": func.lower(col(Course.title)),
    "rating": col(Course.rating_value) / col(Course.rating_scale),
    "duration": col(Course.duration_hours),
    "slug": col(Course.slug),
    "updated_at": col(Course.updated_at),
}


def list_courses(
    session: Session,
    page: PageQuery,
    *,
    updated_since: datetime | None = None,
    provider: str | None = None,
    level: str | None = None,
    skill: str | None = None,
    audience: str | None = None,
    prepares_for: str | None = None,
    min_rating: float | None = None,
    q: str | None = None,
) -> tuple[list[Course], int]:
    query = select(Course)
    if updated_since:
        query = query.where(col(Course.updated_at) >= updated_since)
    if provider:
        # Users think of Coursera and of Google Cloud both as "the provider".
        ids = select(col(Provider.id)).where(col(Provider.slug) == provider)
        query = query.where(or_(col(Course.provider_id).in_(ids), col(Course.platform_id).in_(ids)))
    if level:
        query = query.where(col(Course.level) == level)
    if skill:
        query = query.where(
            col(Course.id).in_(
                select(col(CourseSkill.course_id)).where(col(CourseSkill.skill) == skill)
            )
        )
    if audience:
        query = query.where(
            col(Course.id).in_(
                select(col(CourseAudience.course_id)).where(
                    col(CourseAudience.audience) == audience
                )
            )
        )
    if prepares_for:
        query = query.where(
            col(Course.id).in_(
                select(col(CoursePreparation.course_id))
                .join(Certification)
                .where(col(Certification.slug) == prepares_for)
            )
        )
    if min_rating is not None:
        # Ratings come on different scales; filter on a 10-point scale.
        query = query.where(col(Course.rating_value) * 10 >= min_rating * col(Course.rating_scale))
    if q:
        query = query.where(
            _text_match(q, col(Course.slug), col(Course.title), col(Course.description))
        )
    order = _order(page.sort, COURSE_SORTS, col(Course.slug))
    return _page(session, query, page, order, COURSE_LOADS)


def get_certification(session: Session, slug: str) -> Certification | None:
    query = select(Certification).where(col(Certification.slug) == slug)
    return session.scalars(query.options(*CERTIFICATION_LOADS)).one_or_none()


def get_course(session: Session, slug: str) -> Course | None:
    query = select(Course).where(col(Course.slug) == slug)
    return session.scalars(query.options(*COURSE_LOADS)).one_or_none()


def catalog_version(session: Session | Connection) -> int:
    return session.scalar(select(col(CatalogState.version)).where(col(CatalogState.id) == 1)) or 0


# Enough for any sync window; a client that fell further behind re-reads the catalog.
MAX_TOMBSTONES = 1000


def tombstones(session: Session, item_kind: str, since: datetime | None) -> list[Tombstone]:
    query = select(Tombstone).where(col(Tombstone.item_kind) == item_kind)
    if since:
        query = query.where(col(Tombstone.deleted_at) >= since)
    query = query.order_by(col(Tombstone.deleted_at).desc(), col(Tombstone.slug))
    return list(session.scalars(query.limit(MAX_TOMBSTONES)).all())
