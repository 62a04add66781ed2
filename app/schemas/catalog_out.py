"""What the read API returns. Relations are shown as small references, never as ids."""

from datetime import date, datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from app.models.enums import (
    Background,
    CertificationKind,
    Closeness,
    Cloud,
    Discipline,
    Level,
    LifecycleStatus,
    ProviderKind,
)
from app.schemas import examples
from app.schemas.catalog_in import (
    CourseCost,
    ExamDomain,
    ExamFacts,
    Experience,
    HiringSignal,
    Interview,
    Rating,
    Source,
    WeeksRange,
)


class ProviderRef(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.PROVIDER]})

    slug: str = Field(description="Stable identifier of the provider.")
    name: str
    kind: ProviderKind


class CertificationRef(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.CERTIFICATION_REF]})

    slug: str
    name: str
    kind: CertificationKind
    status: LifecycleStatus


class CourseRef(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"slug": examples.COURSE["slug"], "title": examples.COURSE["title"]}]
        }
    )

    slug: str
    title: str


class PreparingCourse(CourseRef):
    model_config = ConfigDict(
        json_schema_extra={"examples": [examples.CERTIFICATION["prepared_by"][0]]}
    )

    closeness: Closeness = Field(description="How closely the course follows the exam.")


class PreparedCertification(CertificationRef):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.COURSE["prepares_for"][0]]})

    closeness: Closeness


class LifecycleOut(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.LIFECYCLE]})

    status: LifecycleStatus
    available_from: date | None = Field(description="First day the credential can be earned.")
    retired_on: date | None = Field(description="Last day it can be earned, when announced.")
    successor: CertificationRef | None = Field(description="What replaces it, if anything.")


class CertificationOut(BaseModel):
    """A credential: a proctored vendor exam or a course-completion certificate."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.CERTIFICATION]})

    slug: str = Field(examples=["google-professional-ml-engineer"])
    name: str
    kind: CertificationKind
    discipline: Discipline
    issuer: ProviderRef
    cloud: Cloud
    proctored: bool = Field(description="True only for exams sat under supervision.")
    description: str
    exam: ExamFacts | None
    recommended_experience: Experience
    preparation_weeks: WeeksRange | None
    difficulty: int = Field(ge=1, le=5, description="1 (most accessible) to 5 (hardest).")
    hiring_signal: HiringSignal
    skills: list[str]
    exam_domains: list[ExamDomain]
    lifecycle: LifecycleOut
    url: str
    sources: list[Source]
    prepared_by: list[PreparingCourse] = Field(description="Courses that prepare for it.")
    includes: list[CourseRef] = Field(
        description="For a course certificate, the courses that count towards it."
    )
    updated_at: datetime


class CourseOut(BaseModel):
    """A course, what it teaches, who it is for, and what it prepares for."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.COURSE]})

    slug: str = Field(examples=["production-ml-systems"])
    title: str
    description: str
    provider: ProviderRef
    platform: ProviderRef
    instructor: str | None
    rating: Rating | None
    level: Level
    skills: list[str]
    audience: list[Background]
    prepares_for: list[PreparedCertification]
    part_of: CertificationRef | None
    interview: Interview
    duration_hours: int | None
    cost: CourseCost | None
    url: str
    sources: list[Source]
    updated_at: datetime


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list, in a stable order."""

    data: list[T]
    total: int = Field(description="How many items match the filters, on all pages.")
    limit: int
    offset: int
    next: str | None = Field(description="URL of the next page; null on the last page.")


class Deleted(BaseModel):
    """An item that was deleted: drop it from a synced copy."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [{"slug": "retired-course", "deleted_at": "2026-11-20T12:00:00Z"}]
        },
    )

    slug: str
    deleted_at: datetime


class CatalogPage(Page[T], Generic[T]):
    deleted: list[Deleted] | None = Field(
        default=None,
        description="With include_deleted=true: items deleted (since updated_since), newest "
        "first, at most 1000; otherwise null.",
    )


class CertificationPage(CatalogPage[CertificationOut]):
    """One page of certifications."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [examples.page(examples.CERTIFICATION, "/certifications")]}
    )


class CoursePage(CatalogPage[CourseOut]):
    """One page of courses."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [examples.page(examples.COURSE, "/courses")]}
    )


class Health(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "ok"}]})

    status: str = Field(examples=["ok"])


class Readiness(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"status": "ready", "database": "ok", "migration": "0001"}]}
    )

    status: str = Field(examples=["ready"])
    database: str = Field(examples=["ok"])
    migration: str | None = Field(examples=["0001"])
