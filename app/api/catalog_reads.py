"""Reads of catalog items and pages, the same for certifications and courses."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from fastapi import Request, Response
from sqlmodel import Session

from app.api.catalog_version import current_or_last
from app.api.conditional import negotiate, render
from app.api.pagination import link_header, next_url
from app.api.response_cache import keep
from app.catalog import queries
from app.catalog.list_indexes import CatalogLists
from app.catalog.listing import ListIndex, Predicate, text_matches
from app.catalog.listing import updated_since as since
from app.catalog.maintenance import ItemKind
from app.catalog.versioned import PerVersion
from app.core.problems import NotFound
from app.formats.jsonld import JSONLD_MEDIA_TYPE, item_list_jsonld
from app.schemas.catalog_out import FACET_MAX_VALUES, CatalogPage, Deleted

JsonLd = Callable[[Any, str], dict[str, Any]]


@dataclass(frozen=True, slots=True)
class PageQuery:
    """What a list route was asked: its filters, order and page."""

    sort: str
    limit: int
    offset: int
    labels: dict[str, str | None]
    updated_since: datetime | None = None
    include_deleted: bool = False
    q: str | None = None
    more: list[Predicate] = field(default_factory=list)
    facets: str | None = None  # comma-separated, checked (app/api/facets.py)

    @property
    def predicates(self) -> list[Predicate]:
        return [*text_matches(self.q), *since(self.updated_since), *self.more]


def catalog_lists(request: Request, session: Session) -> CatalogLists:
    """The list indexes of the current catalog version, built on its first read (or, while
    the database cannot be reached, the last ones built)."""
    lists: PerVersion[CatalogLists] = request.app.state.lists
    return current_or_last(request, session, lists)


def read_item(
    request: Request, session: Session, kind: ItemKind, slug: str, to_jsonld: JsonLd
) -> Response:
    """The item as JSON, or as schema.org JSON-LD when Accept prefers it; cacheable, with ETag."""
    media_type = negotiate(request, ["application/json", JSONLD_MEDIA_TYPE])
    lists = catalog_lists(request, session)
    index, items = kind.lists(lists)
    found = index.by_slug.get(slug)
    if found is None:
        raise NotFound(kind.name, slug)
    vary = {"Vary": "Accept"}
    if media_type == JSONLD_MEDIA_TYPE:
        item = kind.model_out.model_validate_json(items[found])
        document = to_jsonld(item, str(request.base_url))
        rendered = render(document, media_type=JSONLD_MEDIA_TYPE, headers=vary)
    else:
        rendered = render(items[found], headers=vary)
    keep(request)
    return rendered.response()


def read_page(
    request: Request,
    session: Session,
    kind: ItemKind,
    page_type: type[CatalogPage[Any]],
    query: PageQuery,
    to_jsonld: JsonLd,
) -> Response:
    """One page of a list, with its next link and, on request, the items deleted since and
    facet counts; or, when Accept prefers it, the page as a schema.org ItemList. Cacheable,
    with ETag."""
    media_type = negotiate(request, ["application/json", JSONLD_MEDIA_TYPE])
    index, items = kind.lists(catalog_lists(request, session))
    predicates = query.predicates
    found = index.page(query.sort, query.limit, query.offset, query.labels, predicates)
    url = next_url(request, query.limit, query.offset, found.total)
    headers = {**link_header(url), "Vary": "Accept"}
    if media_type == JSONLD_MEDIA_TYPE:
        base = str(request.base_url)
        documents = [
            to_jsonld(kind.model_out.model_validate_json(items[i]), base) for i in found.ids
        ]
        document = item_list_jsonld(documents, query.offset, found.total)
        keep(request)
        return render(document, media_type=JSONLD_MEDIA_TYPE, headers=headers).response()
    deleted = None
    if query.include_deleted:
        tombstones = queries.tombstones(session, kind.name, query.updated_since)
        deleted = [Deleted.model_validate(t) for t in tombstones]
    envelope = page_type(
        data=[],
        total=found.total,
        limit=query.limit,
        offset=query.offset,
        next=url,
        deleted=deleted,
        facets=_facets(index, query, predicates),
    ).model_dump_json()
    # The items' JSON as the version keeps it, put where the envelope's empty list is.
    empty = '{"data":[]'
    assert envelope.startswith(empty)
    data = b",".join(items[i] for i in found.ids)
    body = b'{"data":[' + data + b"]" + envelope[len(empty) :].encode()
    keep(request)
    return render(body, headers=headers).response()


def _facets(index: ListIndex, query: PageQuery, predicates: list[Predicate]) -> Any:
    if query.facets is None:
        return None
    counted = index.facets(query.facets.split(","), query.labels, predicates, most=FACET_MAX_VALUES)
    return {
        name: [{"value": value, "count": count} for value, count in values]
        for name, values in counted.items()
    }
