"""The catalog's tables as SQLAlchemy Core sees them, for reads that need no ORM objects: on
a large catalog the ORM's per-object bookkeeping was most of what those reads cost."""

from typing import Any

from sqlalchemy import Table

from app.models import (
    Certification,
    CertificationSkill,
    Course,
    CourseAudience,
    CoursePreparation,
    CourseSkill,
    Provider,
)


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


CERTIFICATIONS = _table(Certification)
COURSES = _table(Course)
PROVIDERS = _table(Provider)
CERTIFICATION_SKILLS = _table(CertificationSkill)
COURSE_SKILLS = _table(CourseSkill)
COURSE_AUDIENCES = _table(CourseAudience)
PREPARATIONS = _table(CoursePreparation)
