"""A JSON request body read by the route itself, validated as FastAPI validates a body
parameter, with the same errors: for the one route whose body is parsed on every call, FastAPI's
body machinery cost more than the work the route does (bench/RESULTS.md)."""

import json
from email.message import Message
from typing import Any, TypeVar

from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ValidationError
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request

from app.core.problems import ProblemError

Model = TypeVar("Model", bound=BaseModel)


def _is_json(content_type: str | None) -> bool:
    # As FastAPI decides it: application/json or any application/*+json; a body without a
    # Content-Type is not read as JSON.
    if not content_type:
        return False
    if content_type == "application/json":
        return True
    message = Message()
    message["content-type"] = content_type
    subtype = message.get_content_subtype()
    return message.get_content_maintype() == "application" and (
        subtype == "json" or subtype.endswith("+json")
    )


async def bounded_body(request: Request, limit: int) -> bytes:
    """The whole body, refused with 413 as soon as it is known to pass `limit` bytes: by its
    Content-Length before a byte is read, or while a chunked one is still arriving."""
    too_large = ProblemError(
        413, f"The body is larger than the {limit} bytes this operation takes."
    )
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large
    chunks: list[bytes] = []
    size = 0
    more = True
    while more:
        message = await request.receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            raise too_large
        chunks.append(chunk)
        more = message.get("more_body", False)
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)


def json_body(model: type[Model], content_type: str | None, body: bytes) -> Model:
    """The body as `model`; a 422 naming each bad field under `body.`, or a 400."""
    data: Any = body
    if not body:
        raise RequestValidationError(
            [{"type": "missing", "loc": ("body",), "msg": "Field required", "input": None}]
        )
    if _is_json(content_type):
        try:
            data = json.loads(body)
        except json.JSONDecodeError as exc:
            error = {
                "type": "json_invalid",
                "loc": ("body", exc.pos),
                "msg": "JSON decode error",
                "input": {},
                "ctx": {"error": exc.msg},
            }
            raise RequestValidationError([error]) from exc
        except (ValueError, RecursionError) as exc:
            raise HTTPException(400, "There was an error parsing the body") from exc
    try:
        # from_attributes as FastAPI validates bodies: it names a non-object body's error.
        return model.model_validate(data, from_attributes=True)
    except ValidationError as exc:
        errors = [{**error, "loc": ("body", *error["loc"])} for error in exc.errors()]
        raise RequestValidationError(errors) from exc
