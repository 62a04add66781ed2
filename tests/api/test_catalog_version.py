"""The catalog version's one owner (app/api/catalog_version.py): the poller keeps it current
without any request reading it, a reading is trusted only while it is fresh, and a database
that cannot be read leaves the app serving."""

import logging
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from app.api.catalog_version import CatalogVersion
from app.catalog import queries, writes
from app.core import outage
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
    interval = 0.2
    app = create_app(Settings(catalog_poll_interval=interval), engine=scratch_engine)
    catalog: CatalogVersion = app.state.catalog_version
    with TestClient(app):
        with transaction(scratch_engine) as session:
            current = queries.catalog_version(session)
        assert catalog.current() == current  # read before the first request

        # As another process would: the version changes in the database, and nobody asks.
        with transaction(scratch_engine) as session:
            changed = writes.bump_catalog_version(session)
        assert changed != current
        wait_for(lambda: catalog.current() == changed, within=interval + 0.5)
        time.sleep(catalog.max_age + interval)
        assert catalog.current() == changed  # and it stays current


def test_a_reading_is_trusted_only_while_it_is_fresh() -> None:
    catalog = CatalogVersion(max_age=0.2)
    assert catalog.current() is None  # never read
    catalog.record(7)
    assert catalog.current() == 7
    time.sleep(0.25)
    assert catalog.current() is None  # nobody has read it since: it may be out of date
    catalog.record(7)
    assert catalog.current() == 7


def test_a_reading_begun_before_a_write_here_does_not_undo_it() -> None:
    catalog = CatalogVersion(max_age=5)
    began = time.monotonic()
    catalog.record(8)  # this process's write committed version 8
    catalog.record(7, read_at=began)  # the poller's reading, begun before that commit
    assert catalog.current() == 8


def test_an_unreadable_database_is_reported_once_and_the_app_serves(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # No migrations: the catalog version's table does not exist.
    interval = 0.1
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'empty.db'}", catalog_poll_interval=interval
    )
    app = create_app(settings)
    outage_log = logging.getLogger(outage.LOGGER)
    outage_log.addHandler(caplog.handler)  # it has its own handler, and does not propagate
    try:
        with TestClient(app) as client:
            time.sleep(5 * interval)  # several failed readings
            assert client.get("/healthz").status_code == 200
    finally:
        outage_log.removeHandler(caplog.handler)
    warnings = [r for r in caplog.records if r.name == outage.LOGGER]
    assert [r.fields["event"] for r in warnings] == ["database_unreachable"]  # type: ignore[attr-defined]
    assert "no such table" in warnings[0].getMessage()
    assert app.state.catalog_version.current() is None
    assert app.state.database_outage.active
