"""Every read query of the catalog lives here."""

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.orm import selectinload
from sqlmodel import Session, col

from app.models import (
    CatalogState,
    Certification,
    Course,
    CoursePreparation,
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
