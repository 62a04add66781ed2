"""What a maintainer changes through the API survives a restart: the service's own start
(scripts/start.sh, as `make run` and the Docker image run it) loads the seed only into a
catalog that has never been written, and leaves a maintained one as it is."""

import os
import signal
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from app.core.config import ROOT
from app.core.db import make_engine, writer
from tests.live_server import BIN, _free_port, wait_until_up

SLUG = "applied-ml-in-python"
GONE = "structuring-ml-projects"


@contextmanager
def started(database_url: str, log: Path) -> Iterator[str]:
    """scripts/start.sh in a process of its own; its output goes to `log`."""
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
    }
    with log.open("ab") as out:
        process = subprocess.Popen(
            ["sh", str(ROOT / "scripts" / "start.sh")],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base, process, 90, lambda: log.read_text(encoding="utf-8")[-2000:])
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)


def test_a_patch_and_a_delete_survive_a_restart(
    scratch_database: tuple[str, dict[str, str]], tmp_path: Path
) -> None:
    url, keys = scratch_database
    auth = {"Authorization": f"Bearer {keys['maintainer']}"}
    log = tmp_path / "start.log"
    title = "Applied Machine Learning in Python, as maintained"
    with started(url, log) as base, httpx.Client(base_url=base, headers=auth) as api:
        tag = api.get(f"/courses/{SLUG}").headers["etag"]
        patched = api.patch(f"/courses/{SLUG}", json={"title": title}, headers={"If-Match": tag})
        assert patched.status_code == 200, patched.text
        tag = api.get(f"/courses/{GONE}").headers["etag"]
        assert api.delete(f"/courses/{GONE}", headers={"If-Match": tag}).status_code == 204
    before = log.read_text(encoding="utf-8")

    with started(url, log) as base, httpx.Client(base_url=base) as api:
        assert api.get(f"/courses/{SLUG}").json()["title"] == title
        assert api.get(f"/courses/{GONE}").status_code == 404
    said = log.read_text(encoding="utf-8")[len(before) :]
    assert "the seed files are not applied at start" in said


def test_the_first_start_bootstraps_an_empty_catalog(
    backend: str, tmp_path_factory: pytest.TempPathFactory, tmp_path: Path
) -> None:
    from tests.databases import empty_database

    with empty_database(backend, tmp_path_factory.mktemp("empty")) as url:
        with started(url, tmp_path / "start.log") as base:
            assert httpx.get(f"{base}/courses/{SLUG}").status_code == 200
        assert "created" in (tmp_path / "start.log").read_text(encoding="utf-8")


def _seed(url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(BIN / "python"), "-m", "app.seeding"],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@contextmanager
def write_lock_held(url: str, seconds: float) -> Iterator[None]:
    """Another process's write transaction, as a serving SQLite catalog's writer holds it."""
    engine = writer(make_engine(url))
    connection = engine.connect()
    connection.begin()  # BEGIN IMMEDIATE, for a writer (app/core/db.py)
    released = threading.Timer(seconds, connection.rollback)
    released.start()
    try:
        yield
    finally:
        released.join()
        connection.close()
        engine.dispose()


@pytest.fixture
def sqlite_url(backend: str, scratch_database: tuple[str, dict[str, str]]) -> str:
    if backend != "sqlite":
        pytest.skip("SQLite's database-wide write lock")
    return scratch_database[0]


def test_make_seed_waits_for_a_writer_then_loads(sqlite_url: str) -> None:
    url = sqlite_url
    with write_lock_held(url, 1.0):
        began = time.monotonic()
        result = _seed(url)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - began >= 0.9  # it waited for the lock rather than failing


def test_make_seed_says_in_one_line_when_the_writer_holds_on(sqlite_url: str) -> None:
    url = sqlite_url
    with write_lock_held(url, 7.0):  # past pysqlite's 5 s wait
        result = _seed(url)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "The database is busy: another process held its write lock past the wait; "
        "nothing was written. Try again."
    ]
    with make_engine(url).connect() as connection:
        assert connection.execute(text("SELECT 1")).scalar() == 1
