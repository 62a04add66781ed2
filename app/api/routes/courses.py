from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response

from app.api.conditional import ETAG_HEADER, IfNoneMatch, conditional
from app.api.deps import Limit, Offset, SessionDep, Text
from app.api.pagination import next_link
from app.api.routes.writes import add_write_routes
from app.catalog import maintenance, queries
from app.catalog.serialize import course_out
from app.core.problems import NotFound, problem_responses
from app.models.enums import Background, Level
from app.schemas import examples
from app.schemas.catalog_in import CourseIn
from app.schemas.catalog_out import CourseOut, CoursePage
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


@router.get("", responses=problem_responses(422))
def list_courses(
    request: Request,
    response: Response,
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
) -> CoursePage:
    """List courses, best rated first unless `sort` says otherwise."""
    rows, total = queries.list_courses(
        session,
        queries.PageQuery(limit, offset, sort.value),
        provider=provider,
        level=level,
        skill=skill,
        audience=audience,
        prepares_for=prepares_for,
        min_rating=min_rating,
        q=q,
    )
    return CoursePage(
        data=[course_out(row) for row in rows],
        total=total,
        limit=limit,
        offset=offset,
        next=next_link(request, response, limit, offset, total),
    )


@router.get(
    "/{slug}",
    response_model=CourseOut,
    responses={
        200: {"headers": ETAG_HEADER},
        304: {"description": "Not modified: your copy, named by If-None-Match, is current."},
        **problem_responses(404, 422),
    },
)
def get_course(
    slug: SlugPath, session: SessionDep, response: Response, if_none_match: IfNoneMatch = None
) -> Any:
    """One course with what it teaches, whom it serves, and what it prepares for."""
    row = queries.get_course(session, slug)
    if row is None:
        raise NotFound("course", slug)
    return conditional(response, course_out(row), if_none_match)


add_write_routes(
    router,
    maintenance.COURSES,
    CourseIn,
    CourseOut,
    SlugPath,
    examples.COURSE_IN,
    {"duration_hours": 24, "rating": {"value": 9.6, "scale": 10}},
)
