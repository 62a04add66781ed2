"""Real, empty databases for tests: a SQLite file, and a PostgreSQL schema where
TEST_DATABASE_URL points at a server. Their schema is made by the Alembic migrations."""

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import text
from sqlalchemy.engine import make_url

from app.core.config import ROOT
from app.core.db import make_engine

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL", "")
ON_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def backends() -> list[str]:
    return ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]


def alembic_config(url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.attributes["database_url"] = url
    config.attributes["configure_logger"] = False
    return config


def migrate(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def _postgres_reachable_or_fail() -> None:
    import pytest

    engine = make_engine(POSTGRES_URL)
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:
        message = f"PostgreSQL at TEST_DATABASE_URL cannot be reached: {exc}"
        if ON_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    finally:
        engine.dispose()


@contextmanager
def empty_database(backend: str, tmp_dir: Path) -> Iterator[str]:
    """Yield the URL of a database with nothing in it; remove it afterwards."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_dir / f'{uuid.uuid4().hex}.db'}"
        return
    _postgres_reachable_or_fail()
    # A schema of its own per database keeps parallel runs and the user's tables apart.
    schema = f"certpath_test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(POSTGRES_URL).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
