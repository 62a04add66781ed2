"""The catalog's tables. Only Alembic migrations create them.

Enumerated columns are plain bounded strings: the request schemas validate the values, and
adding a value never needs an ALTER TYPE on PostgreSQL.
"""

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, Relationship, SQLModel

# Named constraints from the first migration on: SQLite's batch mode can only alter
# constraints that have names.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SLUG_LENGTH = 64
URL_LENGTH = 500
DESCRIPTION_LENGTH = 2000


class UtcDateTime(sa.TypeDecorator[datetime]):
    """A timestamp that comes back timezone-aware on SQLite too, which drops the offset."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


def _timestamp() -> Any:
    return UtcDateTime()


class Provider(SQLModel, table=True):
    __tablename__ = "providers"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=SLUG_LENGTH, unique=True)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=32)
    url: str = Field(max_length=URL_LENGTH)
    updated_at: datetime = Field(sa_type=_timestamp())


class CertificationSkill(SQLModel, table=True):
    __tablename__ = "certification_skills"

    certification_id: int | None = Field(
        default=None, foreign_key="certifications.id", primary_key=True, ondelete="CASCADE"
    )
    skill: str = Field(max_length=SLUG_LENGTH, primary_key=True, index=True)


class CourseSkill(SQLModel, table=True):
    __tablename__ = "course_skills"

    course_id: int | None = Field(
        default=None, foreign_key="courses.id", primary_key=True, ondelete="CASCADE"
    )
    skill: str = Field(max_length=SLUG_LENGTH, primary_key=True, index=True)


class CourseAudience(SQLModel, table=True):
    __tablename__ = "course_audiences"

    course_id: int | None = Field(
        default=None, foreign_key="courses.id", primary_key=True, ondelete="CASCADE"
    )
    audience: str = Field(max_length=32, primary_key=True, index=True)


class CoursePreparation(SQLModel, table=True):
    """A course that prepares for a certification, and how closely."""

    __tablename__ = "course_preparations"

    course_id: int | None = Field(
        default=None, foreign_key="courses.id", primary_key=True, ondelete="CASCADE"
    )
    certification_id: int = Field(
        foreign_key="certifications.id", primary_key=True, ondelete="RESTRICT", index=True
    )
    closeness: str = Field(max_length=32)

    course: "Course" = Relationship(
        back_populates="preparations", sa_relationship_kwargs={"lazy": "raise"}
    )
    certification: "Certification" = Relationship(
        back_populates="preparations", sa_relationship_kwargs={"lazy": "raise"}
    )


class Certification(SQLModel, table=True):
    __tablename__ = "certifications"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=SLUG_LENGTH, unique=True)
    name: str = Field(max_length=200)
    kind: str = Field(max_length=32, index=True)
    discipline: str = Field(max_length=32)
    issuer_id: int = Field(foreign_key="providers.id", ondelete="RESTRICT", index=True)
    cloud: str = Field(max_length=16, index=True)
    platform: str = Field(max_length=16, index=True)
    tier: str | None = Field(default=None, max_length=16)
    eligibility: str = Field(max_length=16)
    eligibility_note: str | None = Field(default=None, max_length=500)
    proctored: bool
    description: str = Field(max_length=DESCRIPTION_LENGTH)

    exam_code: str | None = Field(default=None, max_length=32)
    cost_amount: Decimal | None = Field(default=None, max_digits=10, decimal_places=2)
    cost_currency: str | None = Field(default=None, max_length=3)
    duration_minutes: int | None = None
    question_count_min: int | None = None
    question_count_max: int | None = None
    passing_score: int | None = None
    score_scale: int | None = None
    delivery_modes: list[str] = Field(default_factory=list, sa_type=sa.JSON)
    validity_months: int | None = None
    renewal: str | None = Field(default=None, max_length=500)
    previous_codes: list[dict[str, Any]] = Field(default_factory=list, sa_type=sa.JSON)

    recommended_years_ml: int | None = None
    recommended_years_cloud: int | None = None
    prep_weeks_min: int | None = None
    prep_weeks_max: int | None = None
    difficulty: int
    hiring_weight: str = Field(max_length=16)
    hiring_note: str = Field(max_length=500)
    exam_domains: list[dict[str, Any]] = Field(default_factory=list, sa_type=sa.JSON)

    status: str = Field(max_length=16, index=True)
    available_from: date | None = None
    retired_on: date | None = None
    successor_id: int | None = Field(
        default=None, foreign_key="certifications.id", ondelete="RESTRICT"
    )

    url: str = Field(max_length=URL_LENGTH)
    sources: list[dict[str, Any]] = Field(default_factory=list, sa_type=sa.JSON)
    unconfirmed: list[dict[str, Any]] = Field(default_factory=list, sa_type=sa.JSON)
    updated_at: datetime = Field(sa_type=_timestamp())

    issuer: Provider = Relationship(sa_relationship_kwargs={"lazy": "raise"})
    successor: "Certification" = Relationship(
        sa_relationship_kwargs={"lazy": "raise", "remote_side": "Certification.id"}
    )
    skill_rows: list[CertificationSkill] = Relationship(
        sa_relationship_kwargs={"lazy": "raise", "cascade": "all, delete-orphan"}
    )
    preparations: list[CoursePreparation] = Relationship(
        back_populates="certification", sa_relationship_kwargs={"lazy": "raise"}
    )
    included_courses: list["Course"] = Relationship(
        back_populates="part_of", sa_relationship_kwargs={"lazy": "raise"}
    )


class Course(SQLModel, table=True):
    __tablename__ = "courses"

    id: int | None = Field(default=None, primary_key=True)
    slug: str = Field(max_length=SLUG_LENGTH, unique=True)
    title: str = Field(max_length=200)
    description: str = Field(max_length=DESCRIPTION_LENGTH)
    provider_id: int = Field(foreign_key="providers.id", ondelete="RESTRICT", index=True)
    platform_id: int = Field(foreign_key="providers.id", ondelete="RESTRICT", index=True)
    instructor: str | None = Field(default=None, max_length=200)
    rating_value: float | None = None
    rating_scale: int | None = None
    level: str = Field(max_length=16, index=True)
    interview_relevance: str = Field(max_length=16)
    interview_note: str | None = Field(default=None, max_length=500)
    duration_hours: int | None = None
    cost_amount: Decimal | None = Field(default=None, max_digits=10, decimal_places=2)
    cost_currency: str | None = Field(default=None, max_length=3)
    cost_note: str | None = Field(default=None, max_length=500)
    part_of_id: int | None = Field(
        default=None, foreign_key="certifications.id", ondelete="RESTRICT", index=True
    )
    url: str = Field(max_length=URL_LENGTH)
    sources: list[dict[str, Any]] = Field(default_factory=list, sa_type=sa.JSON)
    unconfirmed: list[dict[str, Any]] = Field(default_factory=list, sa_type=sa.JSON)
    updated_at: datetime = Field(sa_type=_timestamp())

    provider: Provider = Relationship(
        sa_relationship_kwargs={"lazy": "raise", "foreign_keys": "Course.provider_id"}
    )
    platform: Provider = Relationship(
        sa_relationship_kwargs={"lazy": "raise", "foreign_keys": "Course.platform_id"}
    )
    part_of: Certification | None = Relationship(
        back_populates="included_courses", sa_relationship_kwargs={"lazy": "raise"}
    )
    skill_rows: list[CourseSkill] = Relationship(
        sa_relationship_kwargs={"lazy": "raise", "cascade": "all, delete-orphan"}
    )
    audience_rows: list[CourseAudience] = Relationship(
        sa_relationship_kwargs={"lazy": "raise", "cascade": "all, delete-orphan"}
    )
    preparations: list[CoursePreparation] = Relationship(
        back_populates="course",
        sa_relationship_kwargs={"lazy": "raise", "cascade": "all, delete-orphan"},
    )


class CatalogState(SQLModel, table=True):
    """One row: a counter that every change to the catalog bumps."""

    __tablename__ = "catalog_state"

    id: int = Field(default=1, primary_key=True)
    version: int = Field(default=0)
    updated_at: datetime = Field(sa_type=_timestamp())
