"""Kept answers: a repeated read is sent from memory, as the route made it, and only while
the catalog version it was made from is known to be current."""

import time
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import event, update
from sqlmodel import Session

from app.api.deps import get_session
from app.api.read_cache import ReadCache
from app.catalog import writes
from app.models import Course

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


def test_a_change_made_elsewhere_is_seen_once_the_version_is_read_again(
    client: TestClient, session: Session
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
    writes.bump_catalog_version(session)
    session.commit()
    deadline = time.monotonic() + 2.5
    while (seen := client.get(path).json()["duration_hours"]) == before:
        assert time.monotonic() < deadline, "the old answer outlived the version recheck"
        time.sleep(0.05)
    assert seen == before + 5


def test_one_request_reads_a_due_version_while_the_others_answer(session: Session) -> None:
    cache = ReadCache(recheck=0.2, grace=0.3)
    version = cache.version(session)
    assert cache.fresh_version() == version
    time.sleep(0.25)
    assert cache.known_version() is None  # due, and nobody has taken the turn: known_version
    assert cache.known_version() is None  # never takes it
    assert cache.fresh_version() is None  # this caller goes to read it again
    assert cache.fresh_version() == version  # the others still answer, meanwhile
    assert cache.known_version() == version
    time.sleep(0.3)
    # Nobody read it again in time: past recheck + grace, every caller must.
    assert cache.fresh_version() is None
    assert cache.fresh_version() is None
    assert cache.version(session) == version
    assert cache.fresh_version() == version


def test_a_reading_that_a_write_overtook_is_not_kept(session: Session) -> None:
    cache = ReadCache()
    connection = session.connection()

    def commit_meanwhile(*_args: object) -> None:
        cache.invalidate()  # as a write in this process does once it has committed

    event.listen(connection, "before_cursor_execute", commit_meanwhile)
    try:
        cache.version(session)
    finally:
        event.remove(connection, "before_cursor_execute", commit_meanwhile)
    assert cache.fresh_version() is None
