from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Query, Request
from sqlmodel import Session

from app.core.db import transaction
from app.schemas.fields import TEXT_PATTERN


def get_session(request: Request) -> Iterator[Session]:
    """The one place a request's transaction begins and ends; routes never commit."""
    with transaction(request.app.state.engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def get_write_session(request: Request) -> Iterator[Session]:
    """A transaction that holds the write lock (SQLite) from its start to its commit."""
    with transaction(request.app.state.write_engine) as session:
        yield session


WriteSessionDep = Annotated[Session, Depends(get_write_session)]

Limit = Annotated[int, Query(ge=1, le=100, description="Items per page, 1 to 100.", examples=[20])]
# Deep offsets cost the database a scan; past this, narrow the filters instead.
Offset = Annotated[
    int,
    Query(ge=0, le=10_000, description="Items to skip, from the `next` link.", examples=[0]),
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
