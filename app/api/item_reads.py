"""The read of one catalog item, the same for certifications and courses."""

from collections.abc import Callable
from typing import Any

from fastapi import Request, Response
from pydantic import BaseModel
from sqlmodel import Session

from app.api.conditional import Rendered, negotiate, render
from app.api.read_cache import cached_read
from app.catalog.maintenance import ItemKind
from app.core.problems import NotFound
from app.formats.jsonld import JSONLD_MEDIA_TYPE

JsonLd = Callable[[Any, str], dict[str, Any]]


def read_item(
    request: Request, session: Session, kind: ItemKind, slug: str, to_jsonld: JsonLd
) -> Response:
    """The item as JSON, or as schema.org JSON-LD when Accept prefers it; cached, with ETag."""
    media_type = negotiate(request, ["application/json", JSONLD_MEDIA_TYPE])

    def build() -> Rendered:
        row = kind.get(session, slug)
        if row is None:
            raise NotFound(kind.name, slug)
        item: BaseModel = kind.out(row)
        vary = {"Vary": "Accept"}
        if media_type == JSONLD_MEDIA_TYPE:
            document = to_jsonld(item, str(request.base_url))
            return render(document, media_type=JSONLD_MEDIA_TYPE, headers=vary)
        return render(item, headers=vary)

    return cached_read(request, session, media_type, build)
