"""What a maintainer changes through the API is kept: the service's own start
(scripts/start.sh, as `make run` and the Docker image run it) loads the seed only into a
catalog that has never been written, and `make seed` leaves items changed or deleted through
the API as they are, naming each, unless told to take the files' version."""

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
import yaml
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session

from app.core.config import ROOT
from app.core.db import make_engine, writer
from app.security.keys import KeyProblem, create_key
from app.seeding.export import export_seed
from app.seeding.files import read_seed
from app.seeding.load import LoadResult, load_seed
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


# --- make seed beside maintained items -------------------------------------------------------


def _maintain(client: TestClient, auth: dict[str, str]) -> str:
    """A maintainer's PATCH of one seed course and DELETE of another, through the API."""
    title = "Applied Machine Learning in Python, as maintained"
    tag = client.get(f"/courses/{SLUG}").headers["etag"]
    patched = client.patch(
        f"/courses/{SLUG}", json={"title": title}, headers={**auth, "If-Match": tag}
    )
    assert patched.status_code == 200, patched.text
    tag = client.get(f"/courses/{GONE}").headers["etag"]
    assert client.delete(f"/courses/{GONE}", headers={**auth, "If-Match": tag}).status_code == 204
    return title


def _reload(session: Session, *, take_files: bool = False) -> LoadResult:
    seed, errors = read_seed(ROOT / "seed")
    assert not errors
    result = load_seed(session, seed, take_files=take_files)
    session.commit()
    return result


def test_make_seed_keeps_what_maintainers_changed_and_names_each_conflict(
    client: TestClient, auth: dict[str, str], session: Session
) -> None:
    title = _maintain(client, auth)
    result = _reload(session)
    assert sorted(c.slug for c in result.conflicts) == sorted([SLUG, GONE])
    lines = result.summary().splitlines()
    assert any(line.startswith(f"{ROOT / 'seed' / 'courses' / SLUG}.yaml: ") for line in lines)
    assert any("was deleted through the API by maintainer" in line for line in lines)
    assert "Seed already loaded: nothing changed" in lines[-1]
    assert client.get(f"/courses/{SLUG}").json()["title"] == title
    assert client.get(f"/courses/{GONE}").status_code == 404


def test_taking_the_files_version_is_audited_as_the_seeds(
    client: TestClient, auth: dict[str, str], session: Session
) -> None:
    _maintain(client, auth)
    result = _reload(session, take_files=True)
    assert not result.conflicts
    assert sorted(result.changes["courses"].created) == [GONE]
    assert sorted(result.changes["courses"].updated) == [SLUG]
    assert client.get(f"/courses/{SLUG}").json()["title"] == "Applied Machine Learning in Python"
    assert client.get(f"/courses/{GONE}").status_code == 200
    synced = client.get("/courses", params={"include_deleted": "true"}).json()
    assert GONE not in [d["slug"] for d in synced["deleted"]]
    for slug, action in ((SLUG, "update"), (GONE, "create")):
        newest = client.get("/audit", headers=auth, params={"slug": slug}).json()["data"][0]
        assert (newest["actor"], newest["action"]) == ("seed", action)
    # The files are the truth again: the next reload has nothing to report.
    assert not _reload(session).conflicts


def test_no_key_may_take_the_seeds_name(session: Session) -> None:
    with pytest.raises(KeyProblem, match="reserved"):
        create_key(session, "seed")


def test_the_catalog_goes_back_to_seed_files_and_round_trips(
    client: TestClient, auth: dict[str, str], session: Session, tmp_path: Path
) -> None:
    title = _maintain(client, auth)
    written = export_seed(session, tmp_path)
    seed, errors = read_seed(tmp_path)
    assert not errors, [str(e) for e in errors]
    assert written == {
        "providers": len(seed.providers),
        "certifications": len(seed.certifications),
        "courses": len(seed.courses),
    }
    exported = yaml.safe_load((tmp_path / "courses" / f"{SLUG}.yaml").read_text(encoding="utf-8"))
    assert exported["title"] == title  # what the maintainer did is there to review
    assert not (tmp_path / "courses" / f"{GONE}.yaml").exists()
    # Loaded back, the files change nothing: they are the catalog as it is.
    result = load_seed(session, seed)
    assert not result.changed and not result.conflicts
