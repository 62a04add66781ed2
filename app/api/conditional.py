"""Cacheable representations: bytes with an ETag and caching headers, the representation
chosen by Accept, the test for a client's copy being current (answered by
app/api/response_cache.py), and the headers of an answer built from a catalog that could not
be confirmed current (RFC 5861's stale-if-error, served by this server itself)."""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import Header, Request, Response
from pydantic import BaseModel
from starlette.types import Scope

from app.core.etags import SCHEMA as ETAG_SCHEMA
from app.core.etags import etag_of
from app.core.outage import iso
from app.schemas.catalog_out import PAGE_MAX_LIMIT, PAGE_MAX_OFFSET
from app.schemas.fields import INT32_MAX

# Caches may give their copy for a day while this server cannot answer (RFC 5861);
# must-revalidate would forbid that (RFC 9111, section 4.2.4).
STALE_IF_ERROR = "stale-if-error=86400"
# A public catalog: shared caches may keep a read briefly, then revalidate, which the ETag
# makes cheap. Writes are visible to the next request that reaches the server.
PUBLIC = f"public, max-age=60, {STALE_IF_ERROR}"
# Plans are built from a person's profile: no shared cache may keep them.
PERSONAL = f"private, max-age=60, {STALE_IF_ERROR}"
# A stale answer (see `served_stale`) is fresh for no cache: the next read asks again.
STALE_CACHE_CONTROL = {
    PUBLIC: f"public, max-age=0, {STALE_IF_ERROR}",
    PERSONAL: f"private, max-age=0, {STALE_IF_ERROR}",
}
STALE_SINCE = "X-Catalog-Stale-Since"
STALE_WARNING = '110 - "Response is Stale"'
STALE_HEADERS: dict[str, Any] = {
    STALE_SINCE: {
        "description": "Only while the database cannot be reached: the answer was built from "
        "the last catalog in memory, last known to be current at this time (RFC 3339, UTC).",
        "schema": {"type": "string", "format": "date-time"},
    },
    "Warning": {
        "description": f"With {STALE_SINCE}: `{STALE_WARNING}`.",
        "schema": {"type": "string", "enum": [STALE_WARNING]},
    },
}

ETAG_HEADER = {
    "ETag": {
        "description": "This representation's version: send it in If-None-Match to revalidate "
        "and, on an item, in If-Match to change it.",
        "schema": ETAG_SCHEMA,
    },
    "Cache-Control": {
        "description": "How long caches may keep it.",
        "schema": {"type": "string", "enum": [PUBLIC, PERSONAL, *STALE_CACHE_CONTROL.values()]},
    },
    **STALE_HEADERS,
}
NOT_MODIFIED: dict[int | str, dict[str, Any]] = {
    304: {
        "description": "Not modified: the copy named by If-None-Match is current.",
        "headers": ETAG_HEADER,
    }
}
JSONLD_SCHEMA = {
    "type": "object",
    "description": "schema.org JSON-LD (Accept: application/ld+json): a Course, or an "
    "EducationalOccupationalCredential.",
}
LISTED_POSITION_MAX = PAGE_MAX_OFFSET + PAGE_MAX_LIMIT
ITEM_LIST_SCHEMA = {
    "type": "object",
    "description": "A page of the list as a schema.org ItemList (Accept: application/ld+json): "
    "each ListItem's position in the whole list, its address in this API, and the item's own "
    "JSON-LD.",
    "required": ["@context", "@type", "numberOfItems", "itemListElement"],
    "properties": {
        "@context": {"type": "string", "enum": ["https://schema.org"]},
        "@type": {"type": "string", "enum": ["ItemList"]},
        "numberOfItems": {
            "type": "integer",
            "minimum": 0,
            "maximum": INT32_MAX,
            "description": "How many items the list holds, on all pages.",
        },
        "itemListElement": {
            "type": "array",
            "maxItems": PAGE_MAX_LIMIT,
            "items": {
                "type": "object",
                "required": ["@type", "position", "url", "item"],
                "properties": {
                    "@type": {"type": "string", "enum": ["ListItem"]},
                    "position": {"type": "integer", "minimum": 1, "maximum": LISTED_POSITION_MAX},
                    # No maxLength: under the host the client named (see .spectral.yaml).
                    "url": {"type": "string", "format": "uri"},
                    "item": JSONLD_SCHEMA,
                },
            },
        },
    },
}
IF_NONE_MATCH_MAX = 1000
IfNoneMatch = Annotated[
    str | None,
    Header(
        alias="If-None-Match",
        max_length=IF_NONE_MATCH_MAX,
        description="ETags of copies you hold; if one is current the answer is 304, no body.",
    ),
]


_STALE_KEY = "certpath.stale_since"


def served_stale(request: Request, since: datetime) -> None:
    """Mark this request's answer as built from the last catalog in memory, not a current one:
    the database could not be reached, and the catalog was last known current at `since`."""
    request.scope[_STALE_KEY] = since


def stale_headers(scope: Scope, headers: list[tuple[bytes, bytes]]) -> list[tuple[bytes, bytes]]:
    """`headers`, with what says the answer is stale, when it is."""
    since = scope.get(_STALE_KEY)
    if not isinstance(since, datetime):
        return headers
    marked = []
    for name, value in headers:
        if name == b"cache-control":
            text = value.decode("latin-1")
            value = STALE_CACHE_CONTROL.get(text, text).encode("latin-1")
        marked.append((name, value))
    marked.append((b"warning", STALE_WARNING.encode()))
    marked.append((STALE_SINCE.lower().encode(), iso(since).encode()))
    return marked


def is_stale(scope: Scope) -> bool:
    return _STALE_KEY in scope


def not_modified(if_none_match: str | None, etag: str) -> bool:
    """Whether If-None-Match names this ETag (or `*`): the client's copy is current."""
    if if_none_match is None:
        return False
    # If-None-Match compares weakly: a W/ prefix does not matter.
    held = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
    return etag in held or "*" in held


@dataclass(frozen=True, slots=True)
class Rendered:
    """A representation as bytes, with its ETag and caching headers."""

    content: bytes
    media_type: str
    headers: dict[str, str]

    def response(self) -> Response:
        return Response(self.content, media_type=self.media_type, headers=self.headers)


def render(
    body: BaseModel | dict[str, Any] | bytes,
    *,
    media_type: str = "application/json",
    cache_control: str = PUBLIC,
    headers: dict[str, str] | None = None,
) -> Rendered:
    """Serialize once and tag the bytes."""
    if isinstance(body, bytes):
        content = body
    elif isinstance(body, BaseModel):
        content = body.model_dump_json().encode()
    else:
        content = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
    sent = {**(headers or {}), "ETag": etag_of(content), "Cache-Control": cache_control}
    return Rendered(content, media_type, sent)


def _accept(header: str) -> list[tuple[str, float]]:
    ranges = []
    for part in header.split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if media:
            ranges.append((media.lower(), q))
    return ranges


def negotiate(request: Request, offers: list[str]) -> str:
    """The offered media type the Accept header prefers; the first offer on a tie or none."""
    ranges = _accept(request.headers.get("accept", ""))

    def quality(offer: str) -> float:
        # The most specific range that matches decides (RFC 9110, section 12.5.1).
        kind = offer.split("/")[0] + "/*"
        for candidate in (offer, kind, "*/*"):
            matched = [q for media, q in ranges if media == candidate]
            if matched:
                return max(matched)
        return 0.0 if ranges else 1.0

    return max(offers, key=lambda offer: (quality(offer), -offers.index(offer)))
