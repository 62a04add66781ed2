from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response

from app.api.conditional import ETAG_HEADER, IfNoneMatch, conditional
from app.api.deps import Limit, Offset, SessionDep, Text
from app.api.pagination import next_link
from app.api.routes.writes import add_write_routes
from app.catalog import maintenance, queries
from app.catalog.serialize import certification_out
from app.core.problems import NotFound, problem_responses
from app.models.enums import CertificationKind, Cloud, Discipline, LifecycleStatus
from app.schemas import examples
from app.schemas.catalog_in import CertificationIn
from app.schemas.catalog_out import CertificationOut, CertificationPage
from app.schemas.fields import SLUG_PATTERN

router = APIRouter(prefix="/certifications", tags=["certifications"])

SlugPath = Annotated[
    str,
    Path(
        min_length=2,
        max_length=64,
        pattern=SLUG_PATTERN,
        description="The certification's stable slug.",
        examples=["google-professional-ml-engineer"],
    ),
]
SlugQuery = Annotated[
    str | None, Query(min_length=2, max_length=64, pattern=SLUG_PATTERN, examples=["mlops"])
]


class CertificationSort(StrEnum):
    name = "name"
    name_desc = "-name"
    difficulty = "difficulty"
    difficulty_desc = "-difficulty"
    cost = "cost"
    cost_desc = "-cost"
    slug = "slug"


@router.get("", responses=problem_responses(422))
def list_certifications(
    request: Request,
    response: Response,
    session: SessionDep,
    kind: CertificationKind | None = None,
    provider: Annotated[SlugQuery, Query(description="Issuer's slug, e.g. `aws`.")] = None,
    cloud: Cloud | None = None,
    status: Annotated[
        LifecycleStatus | None,
        Query(description="`active` hides retiring and retired credentials."),
    ] = None,
    discipline: Discipline | None = None,
    skill: Annotated[SlugQuery, Query(description="A skill or exam-domain slug.")] = None,
    q: Text = None,
    sort: Annotated[
        CertificationSort, Query(description="Field to order by; a leading `-` reverses.")
    ] = CertificationSort.name,
    limit: Limit = 20,
    offset: Offset = 0,
) -> CertificationPage:
    """List certifications, vendor exams and course certificates alike.

    Retired credentials are listed with their status and successor; filter with
    `status=active` to hide them. Follow `next` (or the `Link` header) for more pages.
    """
    rows, total = queries.list_certifications(
        session,
        queries.PageQuery(limit, offset, sort.value),
        kind=kind,
        provider=provider,
        cloud=cloud,
        status=status,
        discipline=discipline,
        skill=skill,
        q=q,
    )
    return CertificationPage(
        data=[certification_out(row) for row in rows],
        total=total,
        limit=limit,
        offset=offset,
        next=next_link(request, response, limit, offset, total),
    )


@router.get(
    "/{slug}",
    response_model=CertificationOut,
    responses={
        200: {"headers": ETAG_HEADER},
        304: {"description": "Not modified: your copy, named by If-None-Match, is current."},
        **problem_responses(404, 422),
    },
)
def get_certification(
    slug: SlugPath, session: SessionDep, response: Response, if_none_match: IfNoneMatch = None
) -> Any:
    """One certification with its exam facts, lifecycle, successor and preparing courses."""
    row = queries.get_certification(session, slug)
    if row is None:
        raise NotFound("certification", slug)
    return conditional(response, certification_out(row), if_none_match)


add_write_routes(
    router,
    maintenance.CERTIFICATIONS,
    CertificationIn,
    CertificationOut,
    SlugPath,
    examples.CERTIFICATION_IN,
    {
        "lifecycle": {
            "status": "retired",
            "retired_on": "2026-06-30",
            "successor": "azure-ai-apps-agents-developer-associate",
        }
    },
)
