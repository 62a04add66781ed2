from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request

from app.api.catalog_reads import PageQuery, read_item, read_page
from app.api.conditional import (
    ETAG_HEADER,
    ITEM_LIST_SCHEMA,
    JSONLD_SCHEMA,
    NOT_MODIFIED,
    IfNoneMatch,
)
from app.api.deps import IncludeDeleted, Limit, Offset, SessionDep, Text, UpdatedSince
from app.api.facets import FACETS_LENGTH, facets_check, facets_query
from app.api.pagination import LINK_HEADER
from app.api.routes.writes import add_write_routes
from app.catalog import maintenance
from app.catalog.list_indexes import rated_at_least
from app.core.problems import problem_responses
from app.formats.jsonld import JSONLD_MEDIA_TYPE, course_jsonld, item_list_jsonld
from app.recommender.vocabulary import Background, Level
from app.schemas import examples
from app.schemas.catalog_in import CourseIn
from app.schemas.catalog_out import CourseFacets, CourseOut, CoursePage
from app.schemas.fields import SLUG_PATTERN

router = APIRouter(prefix="/courses", tags=["courses"])

SlugPath = Annotated[
    str,
    Path(
        min_length=2,
        max_length=64,
        pattern=SLUG_PATTERN,
        description="The course's stable slug.",
        examples=["production-ml-systems"],
    ),
]
SlugQuery = Annotated[str | None, Query(min_length=2, max_length=64, pattern=SLUG_PATTERN)]


class CourseSort(StrEnum):
    title_asc = "title"
    title_desc = "-title"
    rating = "rating"
    rating_desc = "-rating"
    duration = "duration"
    duration_desc = "-duration"
    slug = "slug"
    updated_at = "updated_at"
    updated_at_desc = "-updated_at"


_check, _schema = facets_check(CourseFacets)
Facets = Annotated[
    Annotated[str, FACETS_LENGTH, _check, _schema] | None, facets_query(CourseFacets)
]

_ITEM_LIST_EXAMPLE = item_list_jsonld(
    [course_jsonld(CourseOut.model_validate(examples.COURSE), "https://certpath.example/")], 0, 9
)


@router.get(
    "",
    response_model=CoursePage,
    responses={
        200: {
            "headers": {**ETAG_HEADER, **LINK_HEADER},
            "content": {
                JSONLD_MEDIA_TYPE: {"schema": ITEM_LIST_SCHEMA, "example": _ITEM_LIST_EXAMPLE}
            },
        },
        **NOT_MODIFIED,
        **problem_responses(422, 503),
    },
)
def list_courses(
    request: Request,
    session: SessionDep,
    provider: Annotated[
        SlugQuery,
        Query(description="Slug of who made it or where it is hosted.", examples=["coursera"]),
    ] = None,
    level: Level | None = None,
    skill: Annotated[SlugQuery, Query(description="A skill slug.", examples=["mlops"])] = None,
    audience: Annotated[
        Background | None, Query(description="A background the course serves.")
    ] = None,
    prepares_for: Annotated[
        SlugQuery,
        Query(
            description="Slug of a certification the course prepares for.",
            examples=["google-professional-ml-engineer"],
        ),
    ] = None,
    min_rating: Annotated[
        float | None,
        Query(ge=0, le=10, description="Lowest rating, on a 10-point scale.", examples=[9.5]),
    ] = None,
    q: Text = None,
    sort: Annotated[
        CourseSort, Query(description="Field to order by; a leading `-` reverses.")
    ] = CourseSort.rating_desc,
    limit: Limit = 20,
    offset: Offset = 0,
    updated_since: UpdatedSince = None,
    include_deleted: IncludeDeleted = False,
    facets: Facets = None,
    if_none_match: IfNoneMatch = None,
) -> Any:
    """List courses, best rated first unless `sort` says otherwise."""

    query = PageQuery(
        sort.value,
        limit,
        offset,
        labels={
            "provider": provider,
            "level": level,
            "skill": skill,
            "audience": audience,
            "prepares_for": prepares_for,
        },
        updated_since=updated_since,
        include_deleted=include_deleted,
        q=q,
        facets=facets,
        more=rated_at_least(min_rating),
    )
    return read_page(request, session, maintenance.COURSES, CoursePage, query, course_jsonld)


@router.get(
    "/{slug}",
    response_model=CourseOut,
    responses={
        200: {"headers": ETAG_HEADER, "content": {JSONLD_MEDIA_TYPE: {"schema": JSONLD_SCHEMA}}},
        **NOT_MODIFIED,
        **problem_responses(404, 422, 503),
    },
)
def get_course(
    slug: SlugPath, request: Request, session: SessionDep, if_none_match: IfNoneMatch = None
) -> Any:
    """One course with what it teaches, whom it serves, and what it prepares for."""
    return read_item(request, session, maintenance.COURSES, slug, course_jsonld)


add_write_routes(
    router,
    maintenance.COURSES,
    CourseIn,
    CourseOut,
    SlugPath,
    examples.COURSE_IN,
    {"duration_hours": 24, "rating": {"value": 9.6, "scale": 10}},
)
