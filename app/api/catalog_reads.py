"""Reads of catalog items and pages, the same for certifications and courses."""

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from fastapi import Request, Response
from pydantic import BaseModel
from sqlmodel import Session

from app.api.conditional import negotiate, render
from app.api.pagination import link_header, next_url
from app.api.response_cache import keep
from app.catalog import queries
from app.catalog.maintenance import ItemKind
from app.core.problems import NotFound
from app.formats.jsonld import JSONLD_MEDIA_TYPE
from app.schemas.catalog_out import CatalogPage, Deleted

JsonLd = Callable[[Any, str], dict[str, Any]]


def read_item(
    request: Request, session: Session, kind: ItemKind, slug: str, to_jsonld: JsonLd
) -> Response:
    """The item as JSON, or as schema.org JSON-LD when Accept prefers it; cacheable, with ETag."""
    media_type = negotiate(request, ["application/json", JSONLD_MEDIA_TYPE])
    row = kind.get(session, slug)
    if row is None:
        raise NotFound(kind.name, slug)
    item: BaseModel = kind.out(row)
    vary = {"Vary": "Accept"}
    if media_type == JSONLD_MEDIA_TYPE:
        document = to_jsonld(item, str(request.base_url))
        rendered = render(document, media_type=JSONLD_MEDIA_TYPE, headers=vary)
    else:
        rendered = render(item, headers=vary)
    keep(request)
    return rendered.response()


def render_page(
    request: Request,
    session: Session,
    kind: ItemKind,
    page_type: type[CatalogPage[Any]],
    rows: Sequence[Any],
    total: int,
    limit: int,
    offset: int,
    deleted_since: datetime | None,
    include_deleted: bool,
) -> Response:
    """One page of a list, with its next link and, on request, the items deleted since;
    cacheable, with ETag."""
    url = next_url(request, limit, offset, total)
    deleted = None
    if include_deleted:
        tombstones = queries.tombstones(session, kind.name, deleted_since)
        deleted = [Deleted.model_validate(t) for t in tombstones]
    page = page_type(
        data=[kind.out(row) for row in rows],
        total=total,
        limit=limit,
        offset=offset,
        next=url,
        deleted=deleted,
    )
    keep(request)
    return render(page, headers=link_header(url)).response()
