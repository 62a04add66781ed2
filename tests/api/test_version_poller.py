"""The background task that keeps the catalog version current (app/api/version_poller.py):
another process's change is known here without any request reading it, and a database that
cannot be read leaves the app serving."""

import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.api.read_cache import ReadCache
from app.catalog import queries, writes
from app.core.config import Settings
from app.core.db import make_engine, transaction
from app.main import create_app


@pytest.fixture
def scratch_engine(scratch_database: tuple[str, dict[str, str]]) -> Iterator[Engine]:
    engine = make_engine(scratch_database[0])
    yield engine
    engine.dispose()


def wait_for(condition: Callable[[], bool], within: float) -> None:
    deadline = time.monotonic() + within
    while not condition():
        assert time.monotonic() < deadline, f"not so within {within} s"
        time.sleep(0.02)


def test_a_change_elsewhere_is_known_here_without_a_request(scratch_engine: Engine) -> None:
    app = create_app(Settings(poll_catalog_version=True), engine=scratch_engine)
    cache: ReadCache = app.state.read_cache
    with TestClient(app):
        with transaction(scratch_engine) as session:
            current = queries.catalog_version(session)
        wait_for(lambda: cache.known_version() == current, within=1.0)

        # As another process would: the version changes in the database, and nobody asks.
        with transaction(scratch_engine) as session:
            changed = writes.bump_catalog_version(session)
        assert changed != current
        # Requests alone would not know: they would find the version due after a second.
        wait_for(lambda: cache.known_version() == changed, within=cache.poll_interval + 0.5)
        time.sleep(2 * cache.poll_interval)
        assert cache.known_version() == changed  # and it stays known


def test_an_unreadable_database_is_reported_once_and_the_app_serves(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # No migrations: the catalog version's table does not exist.
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'empty.db'}")
    app = create_app(settings)
    with (
        caplog.at_level(logging.WARNING, logger="app.api.version_poller"),
        TestClient(app) as client,
    ):
        time.sleep(3 * app.state.read_cache.poll_interval)  # several failed readings
        assert client.get("/healthz").status_code == 200
    warnings = [r for r in caplog.records if r.name == "app.api.version_poller"]
    assert [r.getMessage() for r in warnings] == [
        "cannot read the catalog version; requests will read it themselves"
    ]
    assert app.state.read_cache.known_version() is None
