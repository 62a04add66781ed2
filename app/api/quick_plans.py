"""POST /recommendations for a well-formed profile, answered before routing.

A plan costs the recommender ~60 us; FastAPI's routing, dependency solving and body handling
cost twice that again, which kept the endpoint at a third of /healthz's rate. `QuickPlans`,
an innermost middleware like `CachedReads`, answers the common case itself: a JSON body that
`ProfileIn` accepts, while the catalog version is current and its snapshot in memory. It
parses and validates exactly as FastAPI does for the route (`json.loads`, then
`ProfileIn.model_validate`) and writes the same bytes (`recommendation_json`). Everything
else (malformed or invalid input, unknown slugs, another media type, a version due for a
re-read) goes on to the route, with the body replayed, so errors and freshness stay the
route's alone.
"""

import json
from typing import Any

from pydantic import ValidationError
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from app.api.read_cache import ReadCache
from app.api.routes.recommendations import permalink, recommend_for
from app.catalog.snapshot import SnapshotCache
from app.core.problems import ProblemError
from app.schemas.recommendations import ProfileIn, recommendation_json

PATH = "/recommendations"
# Larger bodies (a profile is well under 8 KiB) go to the route, which has its own limits.
MAX_BODY = 64 * 2**10


def _json_body(scope: Scope) -> bool:
    # Only plain JSON: other spellings FastAPI also takes (`+json`) go to the route.
    for name, value in scope["headers"]:
        if name == b"content-type":
            media_type: bytes = value.split(b";", 1)[0].strip().lower()
            return media_type == b"application/json"
    return False


def _replay(body: bytes, more: bool, receive: Receive) -> Receive:
    """A `receive` that gives what was read first, then whatever is left."""
    sent = False

    async def replayed() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": more}
        return dict(await receive())

    return replayed


class QuickPlans:
    def __init__(self, app: ASGIApp, cache: ReadCache, snapshots: SnapshotCache) -> None:
        self.app = app
        self.cache = cache
        self.snapshots = snapshots

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not (
            scope["type"] == "http"
            and scope["method"] == "POST"
            and scope["path"] == PATH
            and _json_body(scope)
        ):
            await self.app(scope, receive, send)
            return
        body, more = b"", True
        while more and len(body) <= MAX_BODY:
            message = await receive()
            if message["type"] != "http.request":
                break  # the client went away: the route meets that as it always did
            body += message.get("body", b"")
            more = message.get("more_body", False)
        answer = None if more else self._answer(scope, body)
        if answer is None:
            await self.app(scope, _replay(body, more, receive), send)
            return
        await answer(scope, receive, send)

    def _answer(self, scope: Scope, body: bytes) -> Response | None:
        # Never takes the turn to re-read the version: the route does that.
        version = self.cache.known_version()
        snapshot = self.snapshots.peek(version) if version is not None else None
        if snapshot is None:
            return None
        try:
            profile = ProfileIn.model_validate(json.loads(body))
            rec = recommend_for(snapshot, profile, "body")
        except (ValueError, RecursionError, ValidationError, ProblemError):
            return None  # the route answers it, with the right problem
        link = permalink(Request(scope), profile, rec)
        return Response(recommendation_json(rec, link), media_type="application/json")
