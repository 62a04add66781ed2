"""What a maintainer submits: the seed files and the write API share these models."""

from typing import Annotated, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from app.models.enums import DeliveryMode, ProviderKind, SourceOrigin
from app.recommender.vocabulary import (
    Background,
    CertificationKind,
    Closeness,
    Cloud,
    Discipline,
    Eligibility,
    HiringWeight,
    InterviewRelevance,
    Level,
    LifecycleStatus,
    Platform,
    Tier,
)
from app.schemas import examples
from app.schemas.fields import (
    STRICT,
    Currency,
    Description,
    IsoDate,
    Name,
    Note,
    Number,
    Percent,
    ShortText,
    Skill,
    Slug,
    StrictBoolean,
    Url,
    Years,
    bounded_int,
)

ExamCode = Annotated[str, Field(max_length=32, pattern=r"^[A-Z0-9][A-Z0-9-]{1,31}$")]


class Unconfirmed(BaseModel):
    """A figure left out because its sources disagree or none gives it, and why."""

    model_config = ConfigDict(
        **STRICT,
        json_schema_extra={
            "examples": [{"field": "exam.cost", "reason": "Sources disagree (USD 125, USD 135)."}]
        },
    )

    field: ShortText = Field(description="The field, as a dotted path.")
    reason: Note


class Money(BaseModel):
    model_config = ConfigDict(**STRICT, json_schema_extra={"examples": [examples.MONEY]})

    amount: Annotated[Number, Field(ge=0, le=100_000)]
    currency: Currency


class CourseCost(Money):
    model_config = ConfigDict(
        **STRICT,
        json_schema_extra={"examples": [{**examples.MONEY, "note": "Paid by subscription."}]},
    )

    note: Note | None = Field(default=None, description="Billing terms, e.g. a subscription.")


class Source(BaseModel):
    """Where facts from outside the source article came from, and when they were read."""

    model_config = ConfigDict(
        **STRICT,
        json_schema_extra={"examples": [examples.SOURCE]},
    )

    url: Url
    as_of: IsoDate
    origin: SourceOrigin | None = Field(
        default=None,
        description="Who published it: `third_party` figures are reported, not confirmed by "
        "the issuer.",
    )
    covers: Annotated[list[ShortText], Field(max_length=30)] = Field(
        default_factory=list, description="The fields this source backs."
    )


class Range(BaseModel):
    model_config = ConfigDict(**STRICT, json_schema_extra={"examples": [{"min": 50, "max": 60}]})

    min: bounded_int(1, 1000)  # type: ignore[valid-type]
    max: bounded_int(1, 1000)  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min > self.max:
            raise ValueError("min must not exceed max")
        return self


class PassingScore(BaseModel):
    model_config = ConfigDict(
        **STRICT, json_schema_extra={"examples": [{"score": 720, "scale": 1000}]}
    )

    score: bounded_int(1, 10_000)  # type: ignore[valid-type]
    scale: bounded_int(1, 10_000)  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _within_scale(self) -> Self:
        if self.score > self.scale:
            raise ValueError("score must not exceed scale")
        return self


class PreviousCode(BaseModel):
    """An earlier exam for the same credential, no longer offered."""

    model_config = ConfigDict(
        **STRICT, json_schema_extra={"examples": [{"code": "AI-900", "retired_on": "2026-06-30"}]}
    )

    code: ExamCode
    retired_on: IsoDate | None = None


class ExamFacts(BaseModel):
    model_config = ConfigDict(**STRICT, json_schema_extra={"examples": [examples.EXAM]})

    code: ExamCode | None = None
    cost: Money | None = None
    duration_minutes: bounded_int(1, 1440) | None = None  # type: ignore[valid-type]
    question_count: Range | None = None
    passing_score: PassingScore | None = None
    delivery_modes: Annotated[list[DeliveryMode], Field(max_length=5)] = Field(default_factory=list)
    validity_months: bounded_int(1, 240) | None = None  # type: ignore[valid-type]
    renewal: Note | None = None
    previous_codes: Annotated[list[PreviousCode], Field(max_length=10)] = Field(
        default_factory=list, description="Earlier exams that led to the same credential."
    )


class Experience(BaseModel):
    """Experience the issuer recommends before attempting the exam."""

    model_config = ConfigDict(
        **STRICT, json_schema_extra={"examples": [{"years_ml": 3, "years_cloud": 1}]}
    )

    years_ml: Years | None = None
    years_cloud: Years | None = None


class WeeksRange(BaseModel):
    model_config = ConfigDict(**STRICT, json_schema_extra={"examples": [{"min": 8, "max": 13}]})

    min: bounded_int(1, 520)  # type: ignore[valid-type]
    max: bounded_int(1, 520)  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _ordered(self) -> Self:
        if self.min > self.max:
            raise ValueError("min must not exceed max")
        return self


class HiringSignal(BaseModel):
    model_config = ConfigDict(
        **STRICT, json_schema_extra={"examples": [examples.CERTIFICATION["hiring_signal"]]}
    )

    weight: HiringWeight
    note: Note


class ExamDomain(BaseModel):
    model_config = ConfigDict(
        **STRICT,
        json_schema_extra={"examples": [{"name": "ML Model Development", "weight_percent": 26}]},
    )

    name: Name
    weight_percent: Percent | None = None


class Lifecycle(BaseModel):
    model_config = ConfigDict(
        **STRICT,
        json_schema_extra={
            "examples": [{**examples.LIFECYCLE, "successor": examples.CERTIFICATION_REF["slug"]}]
        },
    )

    status: LifecycleStatus
    available_from: IsoDate | None = None
    retired_on: IsoDate | None = None
    successor: Slug | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.status is not LifecycleStatus.active and self.retired_on is None:
            raise ValueError(f"a {self.status.value} certification needs retired_on")
        if self.available_from and self.retired_on and self.available_from > self.retired_on:
            raise ValueError("available_from must not be after retired_on")
        return self


Skills = Annotated[list[Skill], Field(max_length=50)]
ExamDomains = Annotated[list[ExamDomain], Field(max_length=20)]
Audience = Annotated[list[Background], Field(min_length=1, max_length=5)]
MAX_PREPARES_FOR = 20
MAX_COURSE_HOURS = 2000


T = TypeVar("T")


def _no_repeats(values: list[T], what: str) -> list[T]:
    if len(set(values)) != len(values):
        raise ValueError(f"{what} must not repeat")
    return values


Sources = Annotated[list[Source], Field(max_length=20)]
Unconfirmeds = Annotated[list[Unconfirmed], Field(max_length=20)]


# A reference: the table it points into and the slug it names, keyed by field path.
References = dict[str, tuple[str, str]]


class ProviderIn(BaseModel):
    model_config = STRICT

    def references(self) -> References:
        return {}

    slug: Slug
    name: Name
    kind: ProviderKind
    url: Url


class CertificationShape(BaseModel):
    """A certification's own fields, as submitted and as read back (`CertificationOut`)."""

    slug: Slug
    name: Name
    kind: CertificationKind
    discipline: Discipline
    tier: Tier | None = Field(
        default=None, description="The issuer's own level; null for a course certificate."
    )
    eligibility: Eligibility = Field(
        default=Eligibility.open, description="Whether anyone may earn it."
    )
    eligibility_note: Note | None = Field(
        default=None, description="Who may earn it, where that is restricted."
    )
    proctored: StrictBoolean
    description: Description
    exam: ExamFacts | None = None
    recommended_experience: Experience = Field(default_factory=Experience)
    preparation_weeks: WeeksRange | None = None
    difficulty: bounded_int(1, 5)  # type: ignore[valid-type]
    hiring_signal: HiringSignal
    skills: Skills = Field(default_factory=list)
    exam_domains: ExamDomains = Field(default_factory=list)
    url: Url
    sources: Sources = Field(default_factory=list)
    unconfirmed: Unconfirmeds = Field(
        default_factory=list, description="Figures left null because sources disagree or lack them."
    )

    # Rules that relate fields are checked on the later field, so errors name a field.
    @field_validator("proctored")
    @classmethod
    def _proctored_matches_kind(cls, proctored: bool, info: ValidationInfo) -> bool:
        kind = info.data.get("kind")
        if kind is CertificationKind.vendor_exam and not proctored:
            raise ValueError("a vendor_exam is proctored")
        if kind is CertificationKind.course_certificate and proctored:
            raise ValueError("a course_certificate is earned without a proctored exam")
        return proctored

    @field_validator("skills")
    @classmethod
    def _skills_once(cls, skills: list[str]) -> list[str]:
        return _no_repeats(skills, "skills")


def cloud_of(platform: Platform) -> Cloud:
    """The `cloud` a platform implies: itself where it is one of the three clouds, else none."""
    return Cloud(platform.value) if platform.value in Cloud.__members__ else Cloud.none


class CertificationIn(CertificationShape):
    model_config = STRICT

    issuer: Slug = Field(description="Slug of the provider that issues the credential.")
    # Either names the other: clients written before `platform` send only `cloud`.
    platform: Platform | None = Field(
        default=None,
        description="Where the credential's skills are used; taken from `cloud` when omitted.",
    )
    cloud: Cloud | None = Field(
        default=None,
        description="The cloud among gcp, aws and azure, else `none`; taken from `platform` "
        "when omitted.",
    )
    lifecycle: Lifecycle

    @model_validator(mode="after")
    def _platform_and_cloud(self) -> Self:
        if self.platform is None and self.cloud is None:
            raise PydanticCustomError(
                "platform_missing", "platform or cloud is required (platform is the wider field)"
            )
        if self.platform is None:
            self.platform = Platform(str(self.cloud))
        expected = cloud_of(self.platform)
        if self.cloud is None:
            self.cloud = expected
        if self.cloud is not expected:
            raise PydanticCustomError(
                "platform_mismatch",
                "cloud '{cloud}' does not match platform '{platform}' (expected cloud "
                "'{expected}')",
                {
                    "cloud": self.cloud.value,
                    "platform": self.platform.value,
                    "expected": expected.value,
                },
            )
        return self

    def references(self) -> References:
        refs = {"issuer": ("providers", self.issuer)}
        if self.lifecycle.successor:
            refs["lifecycle.successor"] = ("certifications", self.lifecycle.successor)
        return refs

    @field_validator("lifecycle")
    @classmethod
    def _not_own_successor(cls, lifecycle: Lifecycle, info: ValidationInfo) -> Lifecycle:
        if lifecycle.successor is not None and lifecycle.successor == info.data.get("slug"):
            raise ValueError("a certification cannot succeed itself")
        return lifecycle


class Preparation(BaseModel):
    model_config = ConfigDict(
        **STRICT,
        json_schema_extra={
            "examples": [
                {"certification": "google-professional-ml-engineer", "closeness": "supporting"}
            ]
        },
    )

    certification: Slug
    closeness: Closeness


class Rating(BaseModel):
    model_config = ConfigDict(
        **STRICT, json_schema_extra={"examples": [{"value": 9.7, "scale": 10}]}
    )

    value: Annotated[Number, Field(ge=0, le=100)]
    scale: bounded_int(1, 100)  # type: ignore[valid-type]

    @model_validator(mode="after")
    def _within_scale(self) -> Self:
        if self.value > self.scale:
            raise ValueError("value must not exceed scale")
        return self


class Interview(BaseModel):
    model_config = ConfigDict(
        **STRICT, json_schema_extra={"examples": [examples.COURSE["interview"]]}
    )

    relevance: InterviewRelevance
    note: Note | None = None


class CourseShape(BaseModel):
    """A course's own fields, as submitted and as read back (`CourseOut`)."""

    slug: Slug
    title: Name
    description: Description
    instructor: Name | None = None
    rating: Rating | None = None
    level: Level
    skills: Skills = Field(default_factory=list)
    audience: Audience
    interview: Interview
    duration_hours: bounded_int(1, MAX_COURSE_HOURS) | None = None  # type: ignore[valid-type]
    cost: CourseCost | None = None
    url: Url
    sources: Sources = Field(default_factory=list)
    unconfirmed: Unconfirmeds = Field(
        default_factory=list, description="Figures left null because sources disagree or lack them."
    )

    @field_validator("skills")
    @classmethod
    def _skills_once(cls, skills: list[str]) -> list[str]:
        return _no_repeats(skills, "skills")

    @field_validator("audience")
    @classmethod
    def _audience_once(cls, audience: list[Background]) -> list[Background]:
        return _no_repeats(audience, "audience")


class CourseIn(CourseShape):
    model_config = STRICT

    provider: Slug = Field(description="Slug of the provider that made the course.")
    platform: Slug = Field(description="Slug of the platform that hosts it.")
    prepares_for: Annotated[list[Preparation], Field(max_length=MAX_PREPARES_FOR)] = Field(
        default_factory=list
    )
    part_of: Slug | None = Field(
        default=None, description="Slug of the course_certificate this course counts towards."
    )

    def references(self) -> References:
        refs = {"provider": ("providers", self.provider), "platform": ("providers", self.platform)}
        if self.part_of:
            refs["part_of"] = ("certifications", self.part_of)
        for i, preparation in enumerate(self.prepares_for):
            refs[f"prepares_for.{i}.certification"] = ("certifications", preparation.certification)
        return refs

    @field_validator("prepares_for")
    @classmethod
    def _targets_once(cls, prepares_for: list[Preparation]) -> list[Preparation]:
        _no_repeats([p.certification for p in prepares_for], "prepares_for certifications")
        return prepares_for
