from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Body, Query, Request

from app.api.conditional import (
    ETAG_HEADER,
    NOT_MODIFIED,
    PERSONAL,
    IfNoneMatch,
    Rendered,
    negotiate,
    render,
)
from app.api.deps import SessionDep
from app.api.read_cache import cached_read
from app.core.problems import FieldError, ProblemError, problem_responses
from app.formats.svg import SVG_MEDIA_TYPE, recommendation_svg
from app.recommender import Recommendation, UnknownSlugs, check_completed, recommend
from app.schemas.recommendations import (
    PROFILE_EXAMPLE,
    ProfileIn,
    RecommendationOut,
    RecommendationQuery,
    profile_from_in,
    recommendation_out,
)

router = APIRouter(prefix="/recommendations", tags=["recommendations"])


def _permalink(request: Request, profile: ProfileIn, rec: Recommendation) -> str:
    # The link names the plan, not its picture: `format` stays out.
    fields = profile.model_dump(mode="json", exclude={"as_of", "format"})
    query = urlencode({**fields, "as_of": rec.as_of.isoformat()}, doseq=True)
    return f"{str(request.base_url).rstrip('/')}/recommendations?{query}"


def _plan(
    request: Request, session: SessionDep, profile: ProfileIn, where: str
) -> RecommendationOut:
    version = request.app.state.read_cache.version(session)
    snapshot = request.app.state.snapshots.get(session, version)
    plain = profile_from_in(profile)
    try:
        check_completed(plain, snapshot)
    except UnknownSlugs as exc:
        errors = [
            FieldError(
                field=f"{where}.completed.{profile.completed.index(slug)}",
                message=f"no course or certification has the slug '{slug}'",
                type="unknown_slug",
            )
            for slug in exc.slugs
        ]
        names = ", ".join(exc.slugs)
        raise ProblemError(
            422, f"completed names items not in the catalog: {names}.", errors=errors
        ) from exc
    # The route owns the clock so that the recommender stays a pure function of its inputs.
    rec = recommend(plain, snapshot, datetime.now(UTC).date())
    return recommendation_out(rec, _permalink(request, profile, rec))


@router.post("", responses=problem_responses(400, 422))
def recommend_path(
    request: Request,
    session: SessionDep,
    profile: Annotated[ProfileIn, Body(openapi_examples={"newcomer": {"value": PROFILE_EXAMPLE}})],
) -> RecommendationOut:
    """Turn a profile into a ranked, explained learning path.

    Steps come in order (foundation courses, a portfolio project, exam preparation, the
    exam), each with the rule it follows and a reason. `link` gives the same plan by GET.
    """
    return _plan(request, session, profile, "body")


@router.get(
    "",
    response_model=RecommendationOut,
    responses={
        200: {
            "headers": ETAG_HEADER,
            "content": {
                SVG_MEDIA_TYPE: {
                    "schema": {"type": "string", "description": "An SVG timeline of the plan."}
                }
            },
        },
        **NOT_MODIFIED,
        **problem_responses(422),
    },
)
def get_recommended_path(
    request: Request,
    session: SessionDep,
    profile: Annotated[RecommendationQuery, Query()],
    if_none_match: IfNoneMatch = None,
) -> Any:
    """The same plan as `POST /recommendations`, from query parameters, so it can be linked.

    Repeat `completed` for each finished item: `?completed=a&completed=b`. With
    `format=svg` (or `Accept: image/svg+xml`) the plan comes as an SVG timeline that a page
    can embed with an `<img>` tag.
    """
    wants_svg = negotiate(request, ["application/json", SVG_MEDIA_TYPE]) == SVG_MEDIA_TYPE
    svg = profile.format == "svg" or (profile.format is None and wants_svg)
    media_type = SVG_MEDIA_TYPE if svg else "application/json"

    def build() -> Rendered:
        plan = _plan(request, session, profile, "query")
        vary = {"Vary": "Accept"}
        if svg:
            picture = recommendation_svg(plan).encode()
            return render(picture, media_type=SVG_MEDIA_TYPE, cache_control=PERSONAL, headers=vary)
        return render(plan, cache_control=PERSONAL, headers=vary)

    # A plan depends only on the profile (with its date) and the catalog version.
    return cached_read(request, session, media_type, build)
