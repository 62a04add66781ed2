"""Fixtures: every test runs against a real database, once per backend.

A database is made once per backend and session by the migrations, then loaded with the
repository's seed files. Each test runs inside a transaction that is rolled back, so tests
see the seed catalog and never each other's writes.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.api.deps import get_session
from app.core.config import ROOT
from app.core.db import make_engine, transaction
from app.main import create_app
from app.seeding.files import read_seed
from app.seeding.load import load_seed
from tests.databases import backends, empty_database, migrate


@pytest.fixture(scope="session", params=backends())
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(scope="session")
def database_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with empty_database(backend, tmp_path_factory.mktemp("db")) as url:
        migrate(url)
        engine = make_engine(url)
        seed, errors = read_seed(ROOT / "seed")
        assert not errors, [str(e) for e in errors]
        with transaction(engine) as session:
            load_seed(session, seed)
        engine.dispose()
        yield url


@pytest.fixture(scope="session")
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    with engine.connect() as connection:
        outer = connection.begin()
        # The app's commits release savepoints inside this transaction; the rollback
        # below undoes everything the test wrote.
        with Session(
            bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False
        ) as session:
            yield session
        outer.rollback()


@pytest.fixture
def app(engine: Engine, session: Session) -> FastAPI:
    application = create_app(engine=engine)

    def test_session() -> Iterator[Session]:
        yield session
        session.commit()

    application.dependency_overrides[get_session] = test_session
    return application


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def tmp_seed(tmp_path: Path) -> Path:
    """A writable copy of the repository's seed directory."""
    import shutil

    target = tmp_path / "seed"
    shutil.copytree(ROOT / "seed", target)
    return target
