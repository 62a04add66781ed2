from datetime import UTC, datetime
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Body, Query, Request

from app.api.deps import SessionDep
from app.core.problems import FieldError, ProblemError, problem_responses
from app.recommender import Recommendation, UnknownSlugs, check_completed, recommend
from app.schemas.recommendations import (
    PROFILE_EXAMPLE,
    ProfileIn,
    ProfileQuery,
    RecommendationOut,
    profile_from_in,
    recommendation_out,
)

router = APIRouter(prefix="/recommendations", tags=["recommendations"])


def _permalink(request: Request, profile: ProfileIn, rec: Recommendation) -> str:
    fields = profile.model_dump(mode="json", exclude={"as_of"})
    query = urlencode({**fields, "as_of": rec.as_of.isoformat()}, doseq=True)
    return f"{str(request.base_url).rstrip('/')}/recommendations?{query}"


def _plan(
    request: Request, session: SessionDep, profile: ProfileIn, where: str
) -> RecommendationOut:
    snapshot = request.app.state.snapshots.get(session)
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


@router.get("", responses=problem_responses(422))
def get_recommended_path(
    request: Request, session: SessionDep, profile: Annotated[ProfileQuery, Query()]
) -> RecommendationOut:
    """The same plan as `POST /recommendations`, from query parameters, so it can be linked.

    Repeat `completed` for each finished item: `?completed=a&completed=b`.
    """
    return _plan(request, session, profile, "query")
