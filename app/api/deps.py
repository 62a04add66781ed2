import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from pydantic import AwareDatetime, BeforeValidator
from sqlmodel import Session

from app.catalog.writes import VERSION_WRITTEN
from app.core.db import transaction
from app.schemas.catalog_out import PAGE_MAX_LIMIT, PAGE_MAX_OFFSET
from app.schemas.fields import TEXT_PATTERN


def get_session(request: Request) -> Iterator[Session]:
    """The one place a read's transaction begins and ends; routes never commit."""
    with transaction(request.app.state.read_engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
# For routes that mostly answer from memory: a transaction opened only when needed, in a
# worker thread of the route's choosing. Kept on the app's state (`app.state.sessions`),
# not asked for as a dependency, which would cost every call of the route.
SessionFactory = Callable[[], AbstractContextManager[Session]]


def get_write_session(request: Request) -> Iterator[Session]:
    """A transaction that holds the write lock (SQLite) from its start to its commit."""
    with transaction(request.app.state.write_engine) as session:
        yield session
    written_version_committed(request, session)


def written_version_committed(request: Request, session: Session) -> None:
    """Once a write has committed, the version it made is current here: this process's next
    read answers from it, without waiting for the poller."""
    version = session.info.pop(VERSION_WRITTEN, None)
    if version is not None:
        request.app.state.catalog_version.record(version)


# scope="function": commit (and make its version current) before the response goes out.
# FastAPI's default runs this after sending it, so a client could be told 200 for a write that
# then failed to commit, and its next read could still get the old answer.
WriteSessionDep = Annotated[Session, Depends(get_write_session, scope="function")]

Limit = Annotated[
    int,
    Query(ge=1, le=PAGE_MAX_LIMIT, description="Items per page, 1 to 100.", examples=[20]),
]
# Deep offsets cost the database a scan; past this, narrow the filters instead.
Offset = Annotated[
    int,
    Query(
        ge=0, le=PAGE_MAX_OFFSET, description="Items to skip, from the `next` link.", examples=[0]
    ),
]
Text = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=100,
        pattern=TEXT_PATTERN,
        description="Case-insensitive text to find in the slug, name or description.",
        examples=["production"],
    ),
]

_RFC3339 = re.compile(
    r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$"
)


def _rfc3339(value: Any) -> Any:
    # Lax parsing would also read "0.5" as a Unix timestamp.
    if isinstance(value, str) and not _RFC3339.match(value):
        raise ValueError("expected an RFC 3339 date-time with an offset, e.g. 2026-11-20T00:00:00Z")
    return value


UpdatedSince = Annotated[
    Annotated[AwareDatetime, BeforeValidator(_rfc3339)] | None,
    Query(
        description="Only items changed at or after this RFC 3339 time, for incremental "
        "sync: pass the time of your previous sync.",
        examples=["2026-11-20T00:00:00Z"],
    ),
]
IncludeDeleted = Annotated[
    bool,
    Query(
        description="Also list, in `deleted`, the slugs of items deleted (at or after "
        "`updated_since`, when given), so a synced copy can drop them.",
    ),
]
