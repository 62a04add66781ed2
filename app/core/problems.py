"""RFC 9457 problem details: the one shape of every error this API returns."""

import copy
from collections.abc import Mapping
from http import HTTPStatus
from typing import Annotated, Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.core.document import document_of
from app.core.outage import RETRY_AFTER_S, UNREACHABLE
from app.core.paths import path_regex
from app.core.request_id import HEADER as REQUEST_ID_HEADER
from app.core.request_id import MAX_LENGTH as REQUEST_ID_MAX_LENGTH
from app.core.request_id import PATTERN as REQUEST_ID_PATTERN
from app.core.request_id import current_request_id

PROBLEM_MEDIA_TYPE = "application/problem+json"
# A problem must not grow with what a client sent (a body of 10,000 unknown keys makes
# 10,000 errors): lists and echoed texts are cut to these.
MAX_ERRORS = 100
MAX_FIELD = 300
MAX_MESSAGE = 500
MAX_DETAIL = 2000
MAX_INSTANCE = 2048


class FieldError(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "field": "query.limit",
                    "message": "Input should be less than or equal to 100",
                    "type": "less_than_equal",
                }
            ]
        }
    )

    field: str = Field(
        max_length=MAX_FIELD,
        description="Where the bad value is: 'query.limit', 'body.completed.2', 'path.slug'.",
        examples=["query.limit"],
    )
    message: str = Field(
        max_length=MAX_MESSAGE, examples=["Input should be less than or equal to 100"]
    )
    type: str = Field(
        max_length=64,
        pattern=r"^[a-z][a-z0-9_]*$",
        description="A stable code for the kind of error.",
        examples=["less_than_equal"],
    )


PROBLEM_EXAMPLE = {
    "type": "about:blank",
    "title": "Not Found",
    "status": 404,
    "detail": "No certification has the slug 'nope'.",
    "instance": "/certifications/nope",
    "request_id": "5f0c6e1a9b2d4c8e8f7a6b5c4d3e2f10",
}


def _problem_schema(schema: dict[str, Any]) -> None:
    # A problem is written without its null fields (`problem_response`), but always with
    # `type`, its default included: generated clients may count on it. (ANSWER in
    # app/schemas/fields.py would require the null ones too.)
    schema["required"] = ["type", *schema.get("required", [])]
    schema["examples"] = [PROBLEM_EXAMPLE]


class Problem(BaseModel):
    """An error, as RFC 9457 problem details."""

    model_config = ConfigDict(json_schema_extra=_problem_schema)

    type: str = Field(
        default="about:blank",
        max_length=2048,
        json_schema_extra={"format": "uri"},
        description="A URI naming the kind of problem.",
    )
    title: str = Field(max_length=64, pattern=r"^[A-Za-z' -]+$", examples=["Not Found"])
    status: int = Field(ge=400, le=599, examples=[404])
    detail: str | None = Field(
        default=None, max_length=MAX_DETAIL, examples=["No certification has the slug 'nope'."]
    )
    instance: str | None = Field(
        default=None,
        max_length=MAX_INSTANCE,
        description="The path that was requested; left out when it is longer than this.",
    )
    errors: Annotated[list[FieldError], Field(max_length=MAX_ERRORS)] | None = Field(
        default=None,
        description=f"For a 422: the fields that were rejected, the first {MAX_ERRORS}.",
    )
    request_id: str | None = Field(
        default=None,
        max_length=REQUEST_ID_MAX_LENGTH,
        pattern=REQUEST_ID_PATTERN,
        description="The request's X-Request-ID (yours, or the one made for it): quote it "
        "when you report a problem.",
        examples=["5f0c6e1a9b2d4c8e8f7a6b5c4d3e2f10"],
    )


class ProblemError(Exception):
    """A business error with a status and a readable detail."""

    def __init__(
        self,
        status: int,
        detail: str,
        headers: dict[str, str] | None = None,
        errors: list[FieldError] | None = None,
    ):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers
        self.errors = errors


class NotFound(ProblemError):
    def __init__(self, what: str, slug: str):
        super().__init__(404, f"No {what} has the slug '{slug}'.")


def problem_response(
    request: Request,
    status: int,
    detail: str | None = None,
    errors: list[FieldError] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    path = request.url.path
    body = Problem(
        title=HTTPStatus(status).phrase,
        status=status,
        detail=_clamp(detail, MAX_DETAIL) if detail else None,
        instance=path if len(path) <= MAX_INSTANCE else None,
        errors=errors[:MAX_ERRORS] if errors else None,
        request_id=current_request_id(),
    )
    headers = dict(headers or {})
    if body.request_id:
        # The middleware echoes it too; a 500 is answered outside that middleware.
        headers[REQUEST_ID_HEADER] = body.request_id
    return JSONResponse(
        body.model_dump(exclude_none=True),
        status_code=status,
        headers=headers,
        media_type=PROBLEM_MEDIA_TYPE,
    )


def _clamp(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _field_errors(exc: RequestValidationError) -> list[FieldError]:
    return [
        FieldError(
            field=_clamp(".".join(str(part) for part in error["loc"]), MAX_FIELD),
            message=_clamp(error["msg"], MAX_MESSAGE),
            type=error["type"],
        )
        for error in exc.errors()[:MAX_ERRORS]
    ]


async def _validation_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = _field_errors(exc)
    names = ", ".join(dict.fromkeys(e.field for e in errors))
    return problem_response(request, 422, f"Invalid value for: {names}.", errors)


async def _allowed_methods(request: Request) -> str:
    # Starlette names only the first matching route's methods; a path served by several
    # routes (GET and POST /recommendations) must list them all, as the document does.
    table = getattr(request.app.state, "allowed_methods", None)
    if table is None:
        table = [
            (path_regex(path), methods)
            for path, item in (await document_of(request.app))["paths"].items()
            for methods in [sorted(method.upper() for method in item)]
        ]
        request.app.state.allowed_methods = table
    path = request.url.path
    return ", ".join(next((methods for regex, methods in table if regex.match(path)), []))


async def _http_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    phrase = HTTPStatus(exc.status_code).phrase
    detail = exc.detail if exc.detail != phrase else None
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = await _allowed_methods(request)
    return problem_response(request, exc.status_code, detail, headers=headers)


async def _problem_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProblemError)
    return problem_response(request, exc.status, exc.detail, exc.errors, exc.headers)


async def _unreachable_handler(request: Request, exc: Exception) -> JSONResponse:
    # Answered here, not by the 500 handler, which logs a traceback and (through Starlette's
    # outermost middleware) has the server close the client's connection. The outage itself
    # is logged once per interval (app/core/outage.py).
    request.app.state.database_outage.refused(exc)
    return problem_response(
        request,
        503,
        "The database cannot be reached just now; nothing was changed. Try again after "
        "Retry-After seconds.",
        headers=RETRY_AFTER,
    )


async def _unexpected_handler(request: Request, _exc: Exception) -> JSONResponse:
    # Never show internals; the traceback goes to the server log.
    return problem_response(request, 500, "The server could not complete the request.")


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _validation_handler)
    app.add_exception_handler(StarletteHTTPException, _http_handler)
    app.add_exception_handler(ProblemError, _problem_handler)
    for unreachable in UNREACHABLE:
        app.add_exception_handler(unreachable, _unreachable_handler)
    app.add_exception_handler(Exception, _unexpected_handler)


_DESCRIPTIONS = {
    400: "The request cannot be processed.",
    401: "No key, or a key that is not valid or has been revoked.",
    404: "No item has that slug.",
    408: "The body stopped arriving before it was complete; the connection is closed.",
    409: "Conflicts with the catalog: the slug exists, or other items refer to this one.",
    412: "The If-Match ETag is stale: the item changed since it was read.",
    413: "The body is larger than this operation takes (its `x-max-body-bytes`).",
    415: "The body is not JSON: send Content-Type application/json.",
    428: "If-Match is required for this write.",
    429: "Too many requests from this client: wait `Retry-After` seconds.",
    422: "A parameter or field is invalid; `errors` names each one.",
    500: "Unexpected server error; no internals are shown.",
    503: "The database cannot be reached (or, for /readyz, is not migrated): try again "
    "after `Retry-After` seconds.",
}
RETRY_AFTER = {"Retry-After": str(RETRY_AFTER_S)}
_HEADERS: dict[int, dict[str, Any]] = {
    503: {
        "Retry-After": {
            "description": "Seconds to wait before trying again.",
            "schema": {"type": "integer", "minimum": 1, "maximum": 3600},
        }
    }
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses=` entries for the problem statuses a route can return."""
    return {
        status: {
            "model": Problem,
            "description": _DESCRIPTIONS[status],
            "content": {PROBLEM_MEDIA_TYPE: {"example": _example(status)}},
            # A copy each: the document's post-processing changes what it is given.
            **({"headers": copy.deepcopy(_HEADERS[status])} if status in _HEADERS else {}),
        }
        for status in (*statuses, 500)
    }


def _example(status: int) -> dict[str, Any]:
    example: dict[str, Any] = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": _DESCRIPTIONS[status],
        "instance": "/certifications/google-professional-ml-engineer",
        "request_id": "4f6c1a0e9b7d4e2a8c3b5d7f9e1a2c4b",
    }
    if status == 422:
        example["errors"] = [
            {
                "field": "query.limit",
                "message": "Input should be less than or equal to 100",
                "type": "less_than_equal",
            }
        ]
    return example
