"""Maintainers' writes, the same for certifications and courses.

Each route parses, calls one function of `app.catalog.maintenance`, and answers; the
transaction is owned by the write-session dependency, so a failed write changes nothing.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel, JsonValue

from app.api.auth import Writer
from app.api.deps import WriteSessionDep
from app.catalog import idempotency, maintenance
from app.core.body_limit import body_limit
from app.core.etags import SCHEMA as ETAG_SCHEMA
from app.core.etags import etag
from app.core.problems import ProblemError, problem_responses

IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        max_length=1000,
        description="Required: the ETag from your last read of the item. A stale one gets "
        "412; none gets 428.",
        examples=['"3f1d0c8e9b7a6f5e4d3c2b1a09f8e7d6"'],
    ),
]
IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=255,
        pattern=r"^[\x21-\x7e]+$",
        description="Any unique string; a retry with the same key returns the first answer.",
        examples=["4e1b9a52-retire-ai-102"],
    ),
]
# The largest valid item (every list at its bound) is some tens of KiB; past this the answer
# is 413 before anything is parsed (app/core/body_limit.py).
ITEM_MAX_BYTES = 256 * 2**10
ETAG_HEADER = {"ETag": {"description": "The item's version, for If-Match.", "schema": ETAG_SCHEMA}}
LOCATION_HEADER = {
    "Location": {
        "description": "The new item's path: where the API is mounted, the collection, the slug.",
        "schema": {"type": "string", "format": "uri-reference", "maxLength": 2048},
    }
}


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


def json_body(request: Request) -> None:
    """A form-encoded body would otherwise be reported as a puzzling 'not a dictionary'."""
    if _media_type(request) != "application/json":
        raise ProblemError(415, "Send the body as application/json.")


def merge_patch_body(request: Request) -> None:
    if _media_type(request) not in {"application/json", "application/merge-patch+json"}:
        raise ProblemError(
            415, "Send the patch as application/merge-patch+json (or application/json)."
        )


def add_write_routes(
    router: APIRouter,
    kind: maintenance.ItemKind,
    model_in: type[BaseModel],
    model_out: type[BaseModel],
    slug_path: Any,
    example: dict[str, Any],
    patch_example: dict[str, Any],
) -> None:
    name = kind.name

    def send(response: Response, item: BaseModel) -> BaseModel:
        response.headers["ETag"] = etag(item)
        return item

    @router.post(
        "",
        status_code=201,
        dependencies=[Depends(json_body)],
        name=f"create_{name}",
        openapi_extra=body_limit(ITEM_MAX_BYTES),
        response_model=model_out,
        responses={
            201: {"headers": {**ETAG_HEADER, **LOCATION_HEADER}},
            **problem_responses(400, 401, 408, 409, 413, 415, 422, 503),
        },
    )
    def create(
        request: Request,
        session: WriteSessionDep,
        key: Writer,
        item: Annotated[model_in, Body(openapi_examples={name: {"value": example}})],  # type: ignore[valid-type]
        idempotency_key: IdempotencyKey = None,
    ) -> Any:
        digest = idempotency.request_hash("POST", request.url.path, item.model_dump_json())  # type: ignore[attr-defined]
        if idempotency_key:
            earlier = idempotency.replay(session, key, idempotency_key, digest)
            if earlier is not None:
                headers = {**earlier.headers, "Idempotent-Replayed": "true"}
                return JSONResponse(earlier.body, earlier.status_code, headers=headers)
        created = maintenance.create(session, kind, item, key.name)
        headers = {"ETag": etag(created), "Location": f"{request.url.path}/{item.slug}"}  # type: ignore[attr-defined]
        body = created.model_dump(mode="json")
        if idempotency_key:
            answer = idempotency.Stored(201, body, headers)
            idempotency.remember(session, key, idempotency_key, digest, answer)
        return JSONResponse(body, 201, headers=headers)

    create.__doc__ = f"Add a {name}. Send `Idempotency-Key` to make retries safe."

    @router.put(
        "/{slug}",
        dependencies=[Depends(json_body)],
        name=f"replace_{name}",
        openapi_extra=body_limit(ITEM_MAX_BYTES),
        response_model=model_out,
        responses={
            200: {"headers": ETAG_HEADER},
            **problem_responses(400, 401, 404, 408, 412, 413, 415, 422, 428, 503),
        },
    )
    def replace(
        slug: slug_path,
        response: Response,
        session: WriteSessionDep,
        key: Writer,
        item: Annotated[model_in, Body(openapi_examples={name: {"value": example}})],  # type: ignore[valid-type]
        if_match: IfMatch = None,
    ) -> Any:
        return send(response, maintenance.replace(session, kind, slug, item, if_match, key.name))

    replace.__doc__ = f"Replace a {name} as a whole. Needs `If-Match` with its current ETag."

    @router.patch(
        "/{slug}",
        dependencies=[Depends(merge_patch_body)],
        name=f"patch_{name}",
        openapi_extra=body_limit(ITEM_MAX_BYTES),
        response_model=model_out,
        responses={
            200: {"headers": ETAG_HEADER},
            **problem_responses(400, 401, 404, 408, 412, 413, 415, 422, 428, 503),
        },
    )
    def patch(
        slug: slug_path,
        response: Response,
        session: WriteSessionDep,
        key: Writer,
        changes: Annotated[
            dict[str, JsonValue],
            Body(
                max_length=30,
                description="A JSON Merge Patch (RFC 7396) of the item: objects merge, null "
                "removes a field, anything else replaces it.",
                openapi_examples={name: {"value": patch_example}},
            ),
        ],
        if_match: IfMatch = None,
    ) -> Any:
        return send(response, maintenance.patch(session, kind, slug, changes, if_match, key.name))

    patch.__doc__ = (
        f"Change some fields of a {name}. Needs `If-Match` with its current ETag; the result "
        "is validated as a whole."
    )

    @router.delete(
        "/{slug}",
        status_code=204,
        name=f"delete_{name}",
        responses=problem_responses(401, 404, 409, 412, 422, 428, 503),
    )
    def delete(
        slug: slug_path,
        session: WriteSessionDep,
        key: Writer,
        if_match: IfMatch = None,
    ) -> Response:
        maintenance.delete(session, kind, slug, if_match, key.name)
        return Response(status_code=204)

    delete.__doc__ = (
        f"Remove a {name}. Needs `If-Match`; refused with 409 while other items refer to it."
    )
