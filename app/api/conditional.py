"""Conditional GET: an ETag on every item read, and 304 when the client's copy is current."""

from typing import Annotated, Any

from fastapi import Header, Response
from pydantic import BaseModel

from app.catalog.maintenance import etag

ETAG_HEADER = {
    "ETag": {"description": "The item's version, for If-Match.", "schema": {"type": "string"}}
}
IfNoneMatch = Annotated[
    str | None,
    Header(
        alias="If-None-Match",
        max_length=1000,
        description="ETags of copies you hold; if one is current the answer is 304, no body.",
    ),
]


def conditional(response: Response, item: BaseModel, if_none_match: str | None) -> Any:
    tag = etag(item)
    if if_none_match is not None:
        # If-None-Match compares weakly: a W/ prefix does not matter.
        held = {t.strip().removeprefix("W/") for t in if_none_match.split(",")}
        if tag in held or "*" in held:
            return Response(status_code=304, headers={"ETag": tag})
    response.headers["ETag"] = tag
    return item
