"""What the read API returns. Relations are shown as small references, never as ids."""

from datetime import date, datetime
from typing import Generic, TypeVar

from pydantic import BaseModel, Field

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
    slug: str = Field(description="Stable identifier of the provider.")
    name: str
    kind: ProviderKind


class CertificationRef(BaseModel):
    slug: str
    name: str
    kind: CertificationKind
    status: LifecycleStatus


class CourseRef(BaseModel):
    slug: str
    title: str


class PreparingCourse(CourseRef):
    closeness: Closeness = Field(description="How closely the course follows the exam.")


class PreparedCertification(CertificationRef):
    closeness: Closeness


class LifecycleOut(BaseModel):
    status: LifecycleStatus
    available_from: date | None = Field(description="First day the credential can be earned.")
    retired_on: date | None = Field(description="Last day it can be earned, when announced.")
    successor: CertificationRef | None = Field(description="What replaces it, if anything.")


class CertificationOut(BaseModel):
    """A credential: a proctored vendor exam or a course-completion certificate."""

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


class Health(BaseModel):
    status: str = Field(examples=["ok"])


class Readiness(BaseModel):
    status: str = Field(examples=["ready"])
    database: str = Field(examples=["ok"])
    migration: str | None = Field(examples=["0001"])
