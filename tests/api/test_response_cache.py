"""The response cache (app/api/response_cache.py): a repeated read is sent from memory, as the
route made it, only while the catalog version it was made from is current and, for an answer
built from today's date, until that day ends; and every cacheable read answers 304."""

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, update
from sqlmodel import Session

from app.api.deps import get_session
from app.catalog import writes
from app.models import Course
from tests.apps import app_with

PLAN = "/recommendations?background=software_engineer&years_ml_experience=0&target_cloud=aws"
READS = ["/certifications", "/courses?level=intermediate", "/courses/ml-classification", PLAN]


@pytest.fixture
def sessions_opened(app: FastAPI, session: Session) -> list[int]:
    """Counts the read transactions routes open: a kept answer opens none."""
    opened: list[int] = []

    def counted() -> Iterator[Session]:
        opened.append(1)
        yield session

    app.dependency_overrides[get_session] = counted
    return opened


@pytest.mark.parametrize("path", READS)
def test_a_repeated_read_is_sent_from_memory_as_it_was_made(
    client: TestClient, sessions_opened: list[int], path: str
) -> None:
    first = client.get(path, headers={"X-Request-ID": "first"})
    assert first.status_code == 200
    assert len(sessions_opened) == 1

    again = client.get(path, headers={"X-Request-ID": "again"})
    assert len(sessions_opened) == 1
    assert again.content == first.content
    for header in ("etag", "cache-control", "content-type", "content-length", "vary", "link"):
        assert again.headers.get(header) == first.headers.get(header)
    # The layers outside still run: the request id is this request's own.
    assert again.headers["x-request-id"] == "again"

    revalidated = client.get(path, headers={"If-None-Match": first.headers["etag"]})
    assert revalidated.status_code == 304
    assert revalidated.content == b""
    assert revalidated.headers["etag"] == first.headers["etag"]
    assert len(sessions_opened) == 1


def test_each_representation_is_kept_apart(client: TestClient) -> None:
    path = "/courses/ml-classification"
    json_ld = {"Accept": "application/ld+json"}
    as_json = client.get(path).json()
    as_ld = client.get(path, headers=json_ld).json()
    assert client.get(path).json() == as_json
    assert client.get(path, headers=json_ld).json() == as_ld
    assert as_ld["@type"] == "Course"
    assert "@type" not in as_json


def test_links_name_the_host_that_was_asked(client: TestClient) -> None:
    path = "/courses?limit=1"
    first = client.get(path, headers={"Host": "one.example"})
    second = client.get(path, headers={"Host": "two.example"})
    assert first.json()["next"].startswith("http://one.example/")
    assert second.json()["next"].startswith("http://two.example/")


def test_a_kept_read_still_spends_the_rate_limit(client: TestClient) -> None:
    remaining = [int(client.get(PLAN).headers["x-ratelimit-remaining"]) for _ in range(3)]
    assert remaining == sorted(remaining, reverse=True)
    assert len(set(remaining)) == 3


def test_a_header_the_route_refuses_is_refused_on_a_kept_url(client: TestClient) -> None:
    assert client.get("/courses").status_code == 200
    refused = client.get("/courses", headers={"If-None-Match": '"' + "x" * 1200 + '"'})
    assert refused.status_code == 422


def test_a_write_here_reaches_the_next_read(client: TestClient, auth: dict[str, str]) -> None:
    path = "/courses/ml-classification"
    tag = client.get(path).headers["etag"]
    client.get(path)
    changed = client.patch(path, json={"duration_hours": 31}, headers={**auth, "If-Match": tag})
    assert changed.status_code == 200
    assert client.get(path).json()["duration_hours"] == 31


def test_a_change_made_elsewhere_is_seen_once_its_version_is_read(
    app: FastAPI, client: TestClient, session: Session
) -> None:
    path = "/courses/ml-classification"
    before = client.get(path).json()["duration_hours"]
    # As another process would: the rows and the catalog version change in the database,
    # and this process is not told.
    session.execute(
        update(Course)
        .where(Course.slug == "ml-classification")  # type: ignore[arg-type]
        .values(duration_hours=before + 5)
    )
    version = writes.bump_catalog_version(session)
    session.commit()
    assert client.get(path).json()["duration_hours"] == before  # kept, for the known version
    # The poller's next reading (test_freshness.py runs the real one across processes).
    app.state.catalog_version.record(version)
    assert client.get(path).json()["duration_hours"] == before + 5


@pytest.mark.parametrize("path", READS)
def test_nothing_is_sent_from_memory_without_a_fresh_reading(
    app: FastAPI, client: TestClient, sessions_opened: list[int], path: str
) -> None:
    app.state.catalog_version.max_age = 0  # as when the poller cannot read the database
    first = client.get(path)
    again = client.get(path)
    assert len(sessions_opened) == 2
    assert again.content == first.content
    # Conditional requests are still answered, by the same layer, from the route's answer.
    revalidated = client.get(path, headers={"If-None-Match": f"W/{first.headers['etag']}"})
    assert revalidated.status_code == 304
    assert len(sessions_opened) == 3
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


UNDATED = "/recommendations?background=ml_practitioner&years_ml_experience=5&target_cloud=gcp"


def test_a_plan_dated_today_is_kept_until_midnight_utc(engine: Engine, session: Session) -> None:
    clock = Clock(datetime(2026, 12, 4, 23, 59, 30, tzinfo=UTC))
    app = app_with(engine, session, clock=clock)
    opened: list[int] = []

    def counted() -> Iterator[Session]:
        opened.append(1)
        yield session

    app.dependency_overrides[get_session] = counted
    dated = f"{UNDATED}&as_of=2026-12-04"
    with TestClient(app) as client:
        before = client.get(UNDATED)
        assert before.json()["as_of"] == "2026-12-04"
        assert client.get(UNDATED).content == before.content
        assert client.get(dated).json()["as_of"] == "2026-12-04"
        assert len(opened) == 2  # the second read of each was kept

        clock.now = datetime(2026, 12, 5, 0, 0, 1, tzinfo=UTC)
        after = client.get(UNDATED)
        assert after.json()["as_of"] == "2026-12-05"
        assert after.headers["etag"] != before.headers["etag"]
        # The day's old copy is no longer current, even to a client that holds it.
        stale = client.get(UNDATED, headers={"If-None-Match": before.headers["etag"]})
        assert stale.status_code == 200
        # A plan for a date of its own does not depend on the clock: still kept.
        assert client.get(dated).json()["as_of"] == "2026-12-04"
        assert len(opened) == 3
