"""What the read API returns. Relations are shown as small references, never as ids."""

from datetime import date, datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import to_jsonable_python

from app.catalog.queries import MAX_TOMBSTONES
from app.models.enums import ProviderKind
from app.recommender.vocabulary import (
    CertificationKind,
    Closeness,
    Cloud,
    LifecycleStatus,
    Platform,
)
from app.schemas import examples
from app.schemas.catalog_in import (
    MAX_PREPARES_FOR,
    CertificationShape,
    CourseShape,
)
from app.schemas.fields import ANSWER, INT32_MAX, Name, Slug, Url


def filled(example: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """The example, with each field it leaves out at the model's default: a field added with a
    default (as every field added to the API is) needs no edit of the examples."""
    defaults = {
        name: to_jsonable_python(info.get_default(call_default_factory=True))
        for name, info in model.model_fields.items()
        if name not in example and not info.is_required()
    }
    return {**defaults, **example}


def _example(
    example: dict[str, Any], path: str | None = None, facets: dict[str, Any] | None = None
) -> Any:
    """`json_schema_extra` for a model whose example is `example` filled, or for the page of
    such items at `path`, plain and with `facets`."""

    def extra(schema: dict[str, Any], model: type[BaseModel]) -> None:
        if path is None:
            schema["examples"] = [filled(example, model)]
        else:
            item = filled(example, model.model_fields["data"].annotation.__args__[0])  # type: ignore[union-attr]
            schema["examples"] = [
                examples.catalog_page(item, path),
                examples.catalog_page(item, path, facets),
            ]

    return extra


# Output is bounded by the same types as input: every item came in through them.
PAGE_MAX_LIMIT = 100
PAGE_MAX_OFFSET = 10_000
# A facet shows at most this many values: a sidebar's worth, bounded however the catalog grows.
FACET_MAX_VALUES = 50
# Slugs (`aws`) and enum values (`vendor_exam`) alike.
FACET_VALUE_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"


class ProviderRef(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.PROVIDER]})

    slug: Slug = Field(description="Stable identifier of the provider.")
    name: Name
    kind: ProviderKind


class ProviderOut(ProviderRef):
    """A provider in full, as GET /export gives it: who issues credentials or makes courses."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.PROVIDER_OUT]})

    url: Url
    updated_at: datetime


class CertificationRef(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.CERTIFICATION_REF]})

    slug: Slug
    name: Name
    kind: CertificationKind
    status: LifecycleStatus


class CourseRef(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"slug": examples.COURSE["slug"], "title": examples.COURSE["title"]}]
        }
    )

    slug: Slug
    title: Name


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


class CertificationOut(CertificationShape):
    """A credential: a proctored vendor exam or a course-completion certificate."""

    model_config = ConfigDict(**ANSWER, json_schema_extra=_example(examples.CERTIFICATION))

    issuer: ProviderRef
    platform: Platform = Field(description="Where the credential's skills are used.")
    cloud: Cloud = Field(
        description="The cloud among gcp, aws and azure, else `none`; `platform` is the wider "
        "field."
    )
    proctored: bool = Field(description="True only for exams sat under supervision.")
    difficulty: int = Field(ge=1, le=5, description="1 (most accessible) to 5 (hardest).")
    lifecycle: LifecycleOut
    prepared_by: list[PreparingCourse] = Field(description="Courses that prepare for it.")
    includes: list[CourseRef] = Field(
        description="For a course certificate, the courses that count towards it."
    )
    updated_at: datetime


class CourseOut(CourseShape):
    """A course, what it teaches, who it is for, and what it prepares for."""

    model_config = ConfigDict(**ANSWER, json_schema_extra=_example(examples.COURSE))

    provider: ProviderRef
    platform: ProviderRef
    prepares_for: Annotated[list[PreparedCertification], Field(max_length=MAX_PREPARES_FOR)]
    part_of: CertificationRef | None
    updated_at: datetime


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list, in a stable order."""

    data: Annotated[list[T], Field(max_length=PAGE_MAX_LIMIT)]
    total: int = Field(
        ge=0, le=INT32_MAX, description="How many items match the filters, on all pages."
    )
    limit: int = Field(ge=1, le=PAGE_MAX_LIMIT)
    offset: int = Field(ge=0, le=PAGE_MAX_OFFSET)
    # No maxLength: the URL is the request's own, with the next offset (see .spectral.yaml).
    next: Annotated[str, Field(json_schema_extra={"format": "uri"})] | None = Field(
        description="URL of the next page; null on the last page.",
    )


class Deleted(BaseModel):
    """An item that was deleted: drop it from a synced copy."""

    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [{"slug": "retired-course", "deleted_at": "2026-11-20T12:00:00Z"}]
        },
    )

    slug: Slug
    deleted_at: datetime


class CatalogPage(Page[T], Generic[T]):
    model_config = ANSWER

    deleted: Annotated[list[Deleted], Field(max_length=MAX_TOMBSTONES)] | None = Field(
        default=None,
        description="With include_deleted=true: items deleted (since updated_since), newest "
        "first, at most 1000; otherwise null.",
    )
    # Each list's own facets model, in its page below.
    facets: BaseModel | None = None


class FacetValue(BaseModel):
    """One value of a facet, and how many items it would match under the other filters."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"value": "aws", "count": 3}]})

    value: str = Field(
        min_length=1,
        max_length=64,
        pattern=FACET_VALUE_PATTERN,
        description="A value the facet's filter takes: a slug or an enum value.",
    )
    count: int = Field(ge=1, le=INT32_MAX)


# A facet's values, most items first, ties by value; values matching nothing are left out.
Facet = Annotated[
    list[FacetValue],
    Field(
        max_length=FACET_MAX_VALUES,
        description=f"The values with the most items, at most {FACET_MAX_VALUES}.",
    ),
]


class CertificationFacets(BaseModel):
    """Counts per value of each facet asked for in `facets`; the others are null."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.CERTIFICATION_FACETS]})

    provider: Facet | None = None
    kind: Facet | None = None
    platform: Facet | None = None
    tier: Facet | None = None
    status: Facet | None = None
    discipline: Facet | None = None


class CourseFacets(BaseModel):
    """Counts per value of each facet asked for in `facets`; the others are null."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.COURSE_FACETS]})

    provider: Facet | None = None
    level: Facet | None = None
    skill: Facet | None = None
    audience: Facet | None = None
    prepares_for: Facet | None = None


FACETS_DESCRIPTION = (
    "With `facets`: for each facet named, how many items each of its values would match "
    "under the other filters (the facet's own filter left out), to fill a filter sidebar; "
    "otherwise null."
)


class CertificationPage(CatalogPage[CertificationOut]):
    """One page of certifications."""

    model_config = ConfigDict(
        json_schema_extra=_example(
            examples.CERTIFICATION, "/certifications", examples.CERTIFICATION_FACETS
        )
    )

    facets: CertificationFacets | None = Field(default=None, description=FACETS_DESCRIPTION)


class CoursePage(CatalogPage[CourseOut]):
    """One page of courses."""

    model_config = ConfigDict(
        json_schema_extra=_example(examples.COURSE, "/courses", examples.COURSE_FACETS)
    )

    facets: CourseFacets | None = Field(default=None, description=FACETS_DESCRIPTION)


class Health(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"status": "ok"}]})

    status: Literal["ok"]


class Readiness(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"status": "ready", "database": "ok", "migration": "0001"}]}
    )

    status: Literal["ready"]
    database: Literal["ok"]
    migration: str | None = Field(
        max_length=32,
        pattern=r"^[0-9A-Za-z_]+$",
        examples=["0001"],
        description="Alembic revision.",
    )
