"""Apps with settings of a test's own, on the test's database session like the `app` fixture."""

from collections.abc import Iterator

from fastapi import FastAPI
from sqlalchemy import Engine
from sqlmodel import Session

from app.api.deps import get_session, get_write_session
from app.core.config import Settings
from app.main import create_app


def app_with(engine: Engine, session: Session, **settings: object) -> FastAPI:
    # As the `app` fixture: no version poller beside the test's transaction.
    application = create_app(
        Settings.model_validate({"poll_catalog_version": False, **settings}), engine=engine
    )

    def test_session() -> Iterator[Session]:
        yield session
        session.commit()

    application.dependency_overrides[get_session] = test_session
    application.dependency_overrides[get_write_session] = test_session
    return application
