import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any
from urllib.parse import quote_plus

import anyio.to_thread
from fastapi import APIRouter, Query, Request, Response
from sqlmodel import Session

from app.api.bodies import bounded_body, json_body
from app.api.catalog_version import current_or_last
from app.api.conditional import (
    ETAG_HEADER,
    NOT_MODIFIED,
    PERSONAL,
    STALE_HEADERS,
    IfNoneMatch,
    negotiate,
    render,
)
from app.api.deps import SessionDep, SessionFactory
from app.api.response_cache import keep
from app.catalog.versioned import PerVersion
from app.core.body_limit import body_limit
from app.core.problems import FieldError, ProblemError, problem_responses
from app.formats.ics import ICS_MEDIA_TYPE, recommendation_ics
from app.formats.svg import SVG_MEDIA_TYPE, recommendation_svg
from app.recommender import (
    CatalogSnapshot,
    Recommendation,
    UnknownSlugs,
    check_completed,
    recommend,
)
from app.schemas.recommendations import (
    PROFILE_EXAMPLE,
    ProfileFields,
    ProfileIn,
    RecommendationOut,
    RecommendationQuery,
    profile_from_in,
    recommendation_json,
    recommendation_out,
)

router = APIRouter(prefix="/recommendations", tags=["recommendations"])


# What a query string carries as is; a validated profile holds nothing else, so quoting
# (urlencode: a fifth of a cheap plan's own time) is kept for whatever might not match.
_PLAIN = re.compile(r"[A-Za-z0-9._-]*")


def _query(fields: dict[str, Any]) -> str:
    """`urlencode(fields, doseq=True)`, quicker for plain values."""
    pairs = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            text = str(item)
            pairs.append(f"{name}={text if _PLAIN.fullmatch(text) else quote_plus(text)}")
    return "&".join(pairs)


def permalink(request: Request, profile: ProfileFields, rec: Recommendation) -> str:
    # The link names the plan, not its picture: `format` stays out. The fields as validated:
    # every value is text, a number or a StrEnum, which `_query` writes as its value; a body's
    # budget is written as the query string's two fields.
    fields = {
        k: v
        for k, v in vars(profile).items()
        if k not in ("as_of", "format", "budget", "budget_amount", "budget_currency")
        and v is not None
    }
    budget = profile.plain_budget
    if budget is not None:
        fields |= {"budget_amount": budget.amount, "budget_currency": budget.currency}
    query = _query({**fields, "as_of": rec.as_of.isoformat()})
    return f"{str(request.base_url).rstrip('/')}/recommendations?{query}"


def recommend_for(
    snapshot: CatalogSnapshot, profile: ProfileFields, today: date, where: str
) -> Recommendation:
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
    return recommend(plain, snapshot, today)


def _snapshot(request: Request, session: Session) -> CatalogSnapshot:
    snapshots: PerVersion[CatalogSnapshot] = request.app.state.snapshots
    return current_or_last(request, session, snapshots)


async def _current_snapshot(request: Request) -> CatalogSnapshot:
    """The snapshot of the current catalog, from memory while its version is current; only
    a rebuild, or a version not known to be current, takes a worker thread and the database."""
    version = request.app.state.catalog_version.current()
    snapshot: CatalogSnapshot | None = None
    if version is not None:
        snapshot = request.app.state.snapshots.peek(version)
    if snapshot is None:
        sessions: SessionFactory = request.app.state.sessions

        def load() -> CatalogSnapshot:
            with sessions() as session:
                return _snapshot(request, session)

        snapshot = await anyio.to_thread.run_sync(load)
    return snapshot


def _today(request: Request) -> date:
    now: datetime = request.app.state.clock()
    return now.date()


def _next_midnight(request: Request) -> datetime:
    now: datetime = request.app.state.clock()
    return datetime.combine(now.date() + timedelta(days=1), time(), tzinfo=UTC)


# A profile is well under 8 KiB; past this the answer is 413, before anything is parsed.
PROFILE_MAX_BYTES = 64 * 2**10
# The body is read by the route (app/api/bodies.py), so FastAPI is told what it is.
PROFILE_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {"$ref": "#/components/schemas/ProfileIn"},
            "examples": {"newcomer": {"value": PROFILE_EXAMPLE}},
        }
    },
}
# Models whose schemas the document carries although no parameter names them.
BODY_MODELS = [ProfileIn]


@router.post(
    "",
    response_model=RecommendationOut,
    responses={200: {"headers": STALE_HEADERS}, **problem_responses(400, 408, 413, 422, 503)},
    openapi_extra={"requestBody": PROFILE_BODY, **body_limit(PROFILE_MAX_BYTES)},
)
async def recommend_path(request: Request) -> Response:
    """Turn a profile into a ranked, explained learning path.

    Steps come in order (foundation courses, a portfolio project, exam preparation, the
    exam), each with the rule it follows and a reason. `link` gives the same plan by GET.
    """
    # Async, and serialized here once: the recommender takes tens of microseconds, less than
    # a hop to the thread pool or a second validation of the answer would.
    body = await bounded_body(request, PROFILE_MAX_BYTES)
    profile = json_body(ProfileIn, request.headers.get("content-type"), body)
    snapshot = await _current_snapshot(request)
    rec = recommend_for(snapshot, profile, _today(request), "body")
    plan = recommendation_json(rec, permalink(request, profile, rec))
    return Response(plan, media_type="application/json")


ICS_EXAMPLE = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//certpath//learning plan//EN\r\n"
    "BEGIN:VEVENT\r\nSUMMARY:1. Course: Structuring Machine Learning Projects\r\n"
    "DTSTART;VALUE=DATE:20261120\r\nDTEND;VALUE=DATE:20261211\r\n"
    "UID:step-1-0123456789abcdef0123@certpath\r\n...\r\nEND:VEVENT\r\n...\r\n"
    "END:VCALENDAR\r\n"
)
OFFERS = ["application/json", SVG_MEDIA_TYPE, ICS_MEDIA_TYPE]
BY_FORMAT = {"json": "application/json", "svg": SVG_MEDIA_TYPE, "ics": ICS_MEDIA_TYPE}


@router.get(
    "",
    response_model=RecommendationOut,
    responses={
        200: {
            "headers": ETAG_HEADER,
            "content": {
                SVG_MEDIA_TYPE: {
                    "schema": {"type": "string", "description": "An SVG timeline of the plan."}
                },
                ICS_MEDIA_TYPE: {
                    "schema": {
                        "type": "string",
                        "description": "The plan as an iCalendar (RFC 5545) calendar: an "
                        "all-day event per step, and reminders before the exam's retirement "
                        "and its renewal.",
                    },
                    "example": ICS_EXAMPLE,
                },
            },
        },
        **NOT_MODIFIED,
        **problem_responses(422, 503),
    },
)
def get_recommended_path(
    request: Request,
    session: SessionDep,
    profile: Annotated[RecommendationQuery, Query()],
    if_none_match: IfNoneMatch = None,
) -> Response:
    """The same plan as `POST /recommendations`, from query parameters, so it can be linked.

    Repeat `completed` for each finished item: `?completed=a&completed=b`. With
    `format=svg` (or `Accept: image/svg+xml`) the plan comes as an SVG timeline that a page
    can embed with an `<img>` tag; with `format=ics` (or `Accept: text/calendar`) as a
    calendar, which the plan's `calendar` link names.
    """
    wanted = BY_FORMAT[profile.format] if profile.format else negotiate(request, OFFERS)
    snapshot = _snapshot(request, session)
    rec = recommend_for(snapshot, profile, _today(request), "query")
    link = permalink(request, profile, rec)
    vary = {"Vary": "Accept"}
    if wanted == SVG_MEDIA_TYPE:
        picture = recommendation_svg(recommendation_out(rec, link)).encode()
        rendered = render(picture, media_type=SVG_MEDIA_TYPE, cache_control=PERSONAL, headers=vary)
    elif wanted == ICS_MEDIA_TYPE:
        exams = (snapshot.index.certification.get(s.slug or "") for s in rec.steps)
        retires = {e.slug: e.retired_on for e in exams if e is not None and e.retired_on}
        calendar = recommendation_ics(recommendation_out(rec, link), retires)
        rendered = render(calendar, media_type=ICS_MEDIA_TYPE, cache_control=PERSONAL, headers=vary)
    else:
        plan = recommendation_json(rec, link)
        rendered = render(plan, cache_control=PERSONAL, headers=vary)
    # A plan depends only on the profile, the catalog and, without `as_of`, today's date.
    keep(request, expires=None if profile.as_of else _next_midnight(request))
    return rendered.response()
