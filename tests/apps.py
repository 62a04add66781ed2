"""Apps on the test's database session, as the `app` fixture, with settings of a test's own."""

from collections.abc import Callable, Iterator
from contextlib import nullcontext
from datetime import UTC, datetime

from fastapi import FastAPI, Request
from sqlalchemy import Engine
from sqlmodel import Session

from app.api.deps import (
    get_session,
    get_write_session,
    written_version_committed,
)
from app.core.config import Settings
from app.main import create_app


def _utc_now() -> datetime:
    return datetime.now(UTC)


def app_with(
    engine: Engine,
    session: Session,
    *,
    clock: Callable[[], datetime] = _utc_now,
    **settings: object,
) -> FastAPI:
    # The version poller reads committed rows on a connection of its own, and sees none of
    # a test's writes, which stay in its one transaction; the versions those writes make are
    # recorded as the real write dependency records them.
    application = create_app(Settings.model_validate(settings), engine=engine, clock=clock)

    def test_session(request: Request) -> Iterator[Session]:
        yield session
        session.commit()
        written_version_committed(request, session)

    application.dependency_overrides[get_session] = test_session
    application.state.sessions = lambda: nullcontext(session)
    application.dependency_overrides[get_write_session] = test_session
    return application
