"""Fixtures: every test runs against a real database, once per backend.

A database is made once per backend and session by the migrations, then loaded with the
repository's seed files. Each test runs inside a transaction that is rolled back, so tests
see the seed catalog and never each other's writes.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.core.config import ROOT
from app.core.db import make_engine, transaction
from app.security.keys import create_key, revoke_key
from app.seeding.files import read_seed
from app.seeding.load import load_seed
from tests.apps import app_with
from tests.databases import backends, empty_database, migrate


@pytest.fixture(scope="session", params=backends())
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@contextmanager
def prepared_database(backend: str, tmp_dir: Path) -> Iterator[tuple[str, dict[str, str]]]:
    """A new database made by the migrations and loaded from seed/, with two keys:
    'maintainer' (active) and 'revoked'."""
    with empty_database(backend, tmp_dir) as url:
        migrate(url)
        engine = make_engine(url)
        seed, errors = read_seed(ROOT / "seed")
        assert not errors, [str(e) for e in errors]
        with transaction(engine) as session:
            load_seed(session, seed)
            keys = {name: create_key(session, name) for name in ("maintainer", "revoked")}
            revoke_key(session, "revoked")
        engine.dispose()
        yield url, keys


_KEYS: dict[str, dict[str, str]] = {}


@pytest.fixture(scope="session")
def database_url(backend: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The shared database; tests see it through a transaction that is rolled back."""
    with prepared_database(backend, tmp_path_factory.mktemp("db")) as (url, keys):
        _KEYS[url] = keys
        yield url


@pytest.fixture(scope="session")
def keys(database_url: str) -> dict[str, str]:
    return _KEYS[database_url]


@pytest.fixture
def auth(keys: dict[str, str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {keys['maintainer']}"}


@pytest.fixture(scope="module")
def scratch_database(
    backend: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, dict[str, str]]]:
    """A database of the module's own, for tests whose writes really commit."""
    with prepared_database(backend, tmp_path_factory.mktemp("scratch")) as prepared:
        yield prepared


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
    return app_with(engine, session)


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
