"""GET /export: the whole catalog in one answer, for a career site's first load."""

import json
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import StreamingResponse

from app.api.catalog_reads import catalog_lists
from app.api.conditional import ETAG_HEADER, NOT_MODIFIED, PUBLIC, IfNoneMatch, not_modified
from app.api.deps import SessionDep
from app.catalog.bulk_export import NDJSON_MEDIA_TYPE
from app.core.problems import problem_responses
from app.schemas import examples

router = APIRouter(tags=["export"])


class NdjsonResponse(StreamingResponse):
    media_type = NDJSON_MEDIA_TYPE


def _line(kind: str, item: dict[str, Any]) -> str:
    return json.dumps({"type": kind, **item}, separators=(",", ":")) + "\n"


EXAMPLE = (
    _line("provider", examples.PROVIDER_OUT)
    + _line("certification", examples.CERTIFICATION)
    + _line("course", examples.COURSE)
)


@router.get(
    "/export",
    # A plain Response class: FastAPI would file every response, problems too, under its
    # media type. The 200's content is declared below.
    response_class=Response,
    responses={
        200: {
            "description": "The catalog, one JSON object a line.",
            "headers": ETAG_HEADER,
            "content": {
                NDJSON_MEDIA_TYPE: {
                    "schema": {
                        "type": "string",
                        "description": "Newline-delimited JSON: each line an object with "
                        "`type` (`provider`, `certification` or `course`) and the item's "
                        "fields: a provider's `slug`, `name`, `kind`, `url` and `updated_at`; "
                        "a certification or a course as its own GET gives it.",
                    },
                    "example": EXAMPLE,
                }
            },
        },
        **NOT_MODIFIED,
        **problem_responses(422, 503),
    },
)
def export_catalog(
    request: Request, session: SessionDep, if_none_match: IfNoneMatch = None
) -> Response:
    """The whole catalog as NDJSON: every provider, then every certification, then every
    course, each in slug order, one line each with its `type`.

    Load it once, then keep up with `updated_since` on the lists. The ETag changes with the
    catalog: send it back in If-None-Match and an unchanged catalog is a 304.
    """
    export = catalog_lists(request, session).export
    headers = {"ETag": export.etag, "Cache-Control": PUBLIC}
    # Answered here rather than by the response cache (app/api/response_cache.py): the
    # export is already kept once per catalog version, and may be larger than that cache.
    if not_modified(if_none_match, export.etag):
        return Response(status_code=304, headers=headers)
    return NdjsonResponse(export.chunks(), headers=headers)
