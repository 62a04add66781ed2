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
from app.core.problems import problem_responses
from app.formats.jsonld import JSONLD_MEDIA_TYPE, certification_jsonld, item_list_jsonld
from app.recommender.vocabulary import (
    CertificationKind,
    Cloud,
    Discipline,
    Eligibility,
    LifecycleStatus,
    Platform,
    Tier,
)
from app.schemas import examples
from app.schemas.catalog_in import CertificationIn
from app.schemas.catalog_out import CertificationFacets, CertificationOut, CertificationPage
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
    updated_at = "updated_at"
    updated_at_desc = "-updated_at"


_check, _schema = facets_check(CertificationFacets)
Facets = Annotated[
    Annotated[str, FACETS_LENGTH, _check, _schema] | None, facets_query(CertificationFacets)
]

_ITEM_LIST_EXAMPLE = item_list_jsonld(
    [
        certification_jsonld(
            CertificationOut.model_validate(examples.CERTIFICATION), "https://certpath.example/"
        )
    ],
    0,
    9,
)


@router.get(
    "",
    response_model=CertificationPage,
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
def list_certifications(
    request: Request,
    session: SessionDep,
    kind: CertificationKind | None = None,
    provider: Annotated[SlugQuery, Query(description="Issuer's slug, e.g. `aws`.")] = None,
    cloud: Annotated[
        Cloud | None, Query(description="gcp, aws or azure; `none` is every other platform.")
    ] = None,
    platform: Annotated[
        Platform | None, Query(description="Where the credential's skills are used.")
    ] = None,
    tier: Annotated[Tier | None, Query(description="The issuer's own level.")] = None,
    eligibility: Annotated[
        Eligibility | None, Query(description="`open`: anyone may earn it.")
    ] = None,
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
    updated_since: UpdatedSince = None,
    include_deleted: IncludeDeleted = False,
    facets: Facets = None,
    if_none_match: IfNoneMatch = None,
) -> Any:
    """List certifications, vendor exams and course certificates alike.

    Retired credentials are listed with their status and successor; filter with
    `status=active` to hide them. Follow `next` (or the `Link` header) for more pages.
    """
    query = PageQuery(
        sort.value,
        limit,
        offset,
        labels={
            "kind": kind,
            "provider": provider,
            "cloud": cloud,
            "platform": platform,
            "tier": tier,
            "eligibility": eligibility,
            "status": status,
            "discipline": discipline,
            "skill": skill,
        },
        updated_since=updated_since,
        include_deleted=include_deleted,
        q=q,
        facets=facets,
    )
    return read_page(
        request, session, maintenance.CERTIFICATIONS, CertificationPage, query, certification_jsonld
    )


@router.get(
    "/{slug}",
    response_model=CertificationOut,
    responses={
        200: {"headers": ETAG_HEADER, "content": {JSONLD_MEDIA_TYPE: {"schema": JSONLD_SCHEMA}}},
        **NOT_MODIFIED,
        **problem_responses(404, 422, 503),
    },
)
def get_certification(
    slug: SlugPath, request: Request, session: SessionDep, if_none_match: IfNoneMatch = None
) -> Any:
    """One certification with its exam facts, lifecycle, successor and preparing courses."""
    return read_item(request, session, maintenance.CERTIFICATIONS, slug, certification_jsonld)


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
