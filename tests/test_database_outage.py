"""Outages degrade, they don't fail (issue 12, items 3 and 6): a real app process on a
PostgreSQL cluster of the test's own, with a maintainer writing all along, while the cluster
crashes and restarts at once, then stops for a while and starts again.

While the database is gone: every write gets 503 problem+json with Retry-After, on a
connection that stays open; catalog reads and plans are 200 from the last catalog in memory,
saying so (Warning, X-Catalog-Stale-Since, max-age=0); /readyz is 503; the log says it once per
interval, with no traceback. Once it is back: the same process serves as before, with no
restart, and every write that was answered 201 is in the database.

Waits are bounded generously; nothing here asserts how fast anything is.
"""

import http.client
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from app.core.config import ROOT
from app.core.db import make_engine, transaction
from app.schemas.examples import COURSE_IN
from app.schemas.recommendations import PROFILE_EXAMPLE
from app.security.keys import create_key
from app.seeding.files import read_seed
from app.seeding.load import load_seed
from tests.databases import migrate
from tests.live_server import live_server
from tests.throwaway_postgres import Cluster, throwaway_cluster

WITHIN_S = 60.0  # for anything to happen: generous, on a shared machine
ITEM = "/courses/ml-classification"
STALE_SINCE = "x-catalog-stale-since"
UNLIMITED = {
    "RATE_LIMIT_WRITES": "1000000/minute",
    "RATE_LIMIT_RECOMMENDATIONS": "1000000/minute",
}


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    with throwaway_cluster() as running:
        yield running


@pytest.fixture(scope="module")
def key(cluster: Cluster) -> str:
    """The seed catalog in the cluster's database, and a maintainer's key."""
    migrate(cluster.url)
    engine = make_engine(cluster.url)
    seed, errors = read_seed(ROOT / "seed")
    assert not errors
    with transaction(engine) as session:
        load_seed(session, seed)
        made = create_key(session, "maintainer")
    engine.dispose()
    return made


@dataclass
class Writer:
    """A maintainer adding courses one after another, each with a new slug, in a thread."""

    base: str
    key: str
    answers: list[tuple[float, str, httpx.Response]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    _stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        headers = {"Authorization": f"Bearer {self.key}"}
        with httpx.Client(base_url=self.base, headers=headers, timeout=WITHIN_S) as client:
            n = 0
            while not self._stop.is_set():
                n += 1
                slug = f"outage-course-{n}"
                try:
                    answer = client.post("/courses", json={**COURSE_IN, "slug": slug})
                except httpx.HTTPError as exc:  # a dropped connection, a timeout
                    self.failures.append(f"{slug}: {exc!r}")
                    continue
                self.answers.append((time.monotonic(), slug, answer))
                time.sleep(0.02)  # a busy maintainer, not a load test

    def acknowledged(self) -> list[str]:
        return [slug for _, slug, answer in self.answers if answer.status_code == 201]

    def refused_after(self, moment: float) -> list[httpx.Response]:
        return [a for at, _, a in self.answers if at > moment and a.status_code == 503]

    def stop(self) -> None:
        self._stop.set()


def wait_for(what: str, condition: Callable[[], Any]) -> Any:
    deadline = time.monotonic() + WITHIN_S
    while not (found := condition()):
        assert time.monotonic() < deadline, f"not within {WITHIN_S} s: {what}"
        time.sleep(0.05)
    return found


def assert_refused(status: int, pairs: Iterable[tuple[str, str]], body: bytes) -> None:
    """A 503 problem that says when to try again, on a connection the server keeps."""
    headers = {name.lower(): value for name, value in pairs}
    assert status == 503, body
    assert headers["content-type"] == "application/problem+json", body
    assert int(headers["retry-after"]) >= 1
    assert "close" not in headers.get("connection", "").lower()


def read_when(reader: httpx.Client, path: str, stale: bool) -> httpx.Response | None:
    """The item read, if it is stale (or current) as asked."""
    answer = reader.get(path)
    return answer if (STALE_SINCE in answer.headers) == stale else None


def assert_stale(answer: httpx.Response) -> None:
    assert answer.status_code == 200, answer.text
    assert answer.headers["warning"] == '110 - "Response is Stale"'
    assert answer.headers[STALE_SINCE].endswith("Z")
    if "cache-control" in answer.headers:
        assert "max-age=0" in answer.headers["cache-control"]


def test_an_outage_degrades_and_loses_no_acknowledged_write(
    cluster: Cluster, key: str, tmp_path: Path
) -> None:
    log = tmp_path / "server.log"
    with (
        live_server(cluster.url, env=UNLIMITED, log=log) as base,
        httpx.Client(base_url=base, timeout=WITHIN_S) as reader,
    ):
        writer = Writer(base, key)
        thread = threading.Thread(target=writer.run, daemon=True)
        thread.start()
        try:
            wait_for("the first writes", lambda: len(writer.acknowledged()) >= 5)
            fresh = reader.get(ITEM)
            assert fresh.status_code == 200 and STALE_SINCE not in fresh.headers
            assert reader.post("/recommendations", json=PROFILE_EXAMPLE).status_code == 200

            # A crash, and the database back at once: the writer carries on.
            cluster.stop("immediate")
            cluster.start()
            after_restart = len(writer.acknowledged())
            wait_for("writes after the restart", lambda: len(writer.acknowledged()) > after_restart)

            # Gone for a while.
            cluster.stop("fast")
            stopped = time.monotonic()
            refused = wait_for("a write answered 503", lambda: writer.refused_after(stopped))
            assert_refused(refused[0].status_code, refused[0].headers.items(), refused[0].content)
            assert_stale(wait_for("a stale read", lambda: read_when(reader, ITEM, stale=True)))
            assert_stale(reader.get("/courses", params={"limit": 100}))
            assert_stale(reader.get("/certifications/aws-ml-specialty"))
            assert_stale(reader.post("/recommendations", json=PROFILE_EXAMPLE))
            assert_stale(
                reader.get(
                    "/recommendations", params={"background": "student", "years_ml_experience": 0}
                )
            )
            ready = reader.get("/readyz")
            assert ready.status_code == 503 and int(ready.headers["retry-after"]) >= 1
            assert reader.get("/healthz").status_code == 200
            # Refused, and the connection kept: two requests on one connection, both answered
            # (a 500 used to close it, and the second one failed).
            host, port = base.removeprefix("http://").split(":")
            kept = http.client.HTTPConnection(host, int(port), timeout=WITHIN_S)
            try:
                for _ in range(2):
                    kept.request("GET", "/audit", headers={"Authorization": f"Bearer {key}"})
                    answer = kept.getresponse()
                    assert_refused(answer.status, answer.getheaders(), answer.read())
                    assert not answer.will_close
            finally:
                kept.close()
            time.sleep(3)  # the writer keeps trying, the readers keep reading

            # Back, and the same process serves as before.
            cluster.start()
            wait_for("a current read", lambda: read_when(reader, ITEM, stale=False))
            after_outage = len(writer.acknowledged())
            wait_for("writes after the outage", lambda: len(writer.acknowledged()) > after_outage)
            newest = reader.get(f"/courses/{writer.acknowledged()[-1]}")
            assert newest.status_code == 200 and STALE_SINCE not in newest.headers
            assert reader.get("/readyz").status_code == 200
        finally:
            writer.stop()
            thread.join(timeout=WITHIN_S)

    assert not writer.failures, writer.failures[:5]
    statuses = {answer.status_code for _, _, answer in writer.answers}
    assert statuses <= {201, 503}, statuses
    acknowledged = writer.acknowledged()
    engine = make_engine(cluster.url)
    try:
        with engine.connect() as connection:
            stored = set(connection.execute(text("SELECT slug FROM courses")).scalars())
    finally:
        engine.dispose()
    assert not set(acknowledged) - stored, "acknowledged writes lost"

    said = log.read_text(encoding="utf-8")
    assert "Traceback" not in said, said[said.find("Traceback") :][-4000:]
    outage_lines = [line for line in said.splitlines() if '"logger":"certpath.database"' in line]
    began = [line for line in outage_lines if '"event":"database_unreachable"' in line]
    ended = [line for line in outage_lines if '"event":"database_reachable"' in line]
    assert 1 <= len(began) == len(ended) <= 2  # the stop, and perhaps the crash
    # One line when each outage begins, one when it ends, one per 10 s between, and for
    # requests refused outside an outage: not one per request.
    refused_count = sum(1 for _, _, answer in writer.answers if answer.status_code == 503)
    print(f"{len(acknowledged)} writes acknowledged, {refused_count} refused; the log said:")
    print("\n".join(outage_lines))
    assert refused_count >= 10
    assert len(outage_lines) <= 8, outage_lines
