"""Two maintainers holding the same ETag write at the same moment: exactly one wins.

This runs against a real server process and a database of its own, with no test
transaction around it, so the locks at work are the production ones."""

import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.core.config import ROOT
from app.core.db import make_engine, transaction
from app.security.keys import create_key
from app.seeding.files import read_seed
from app.seeding.load import load_seed
from tests.databases import empty_database, migrate
from tests.live_server import live_server


@pytest.fixture
def server_and_key(backend: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    with empty_database(backend, tmp_path) as url:
        migrate(url)
        engine = make_engine(url)
        with transaction(engine) as session:
            load_seed(session, read_seed(ROOT / "seed")[0])
            key = create_key(session, "racer")
        engine.dispose()
        with live_server(url) as base:
            yield base, key


def race(method: str, url: str, headers: dict[str, str]) -> list[int]:
    """Send the same write twice at the same moment; return both statuses."""
    barrier = threading.Barrier(2)
    statuses: list[int] = []

    def write(hours: int) -> None:
        barrier.wait()
        if method == "PATCH":
            response = httpx.patch(url, json={"duration_hours": hours}, headers=headers)
        else:
            response = httpx.delete(url, headers=headers)
        statuses.append(response.status_code)

    threads = [threading.Thread(target=write, args=(hours,)) for hours in (10, 20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return statuses


@pytest.mark.parametrize("method", ["PATCH", "DELETE"])
def test_two_writers_with_one_etag_exactly_one_wins(
    server_and_key: tuple[str, str], method: str
) -> None:
    base, key = server_and_key
    auth = {"Authorization": f"Bearer {key}"}
    for round_ in range(5):
        slug = f"race-{method.lower()}-{round_}"
        body = {
            "slug": slug,
            "title": "A course two maintainers edit at once",
            "description": "Made by the test so that both writers start from one version.",
            "provider": "coursera",
            "platform": "coursera",
            "level": "beginner",
            "audience": ["student"],
            "interview": {"relevance": "low"},
            "url": "https://example.org/race",
        }
        created = httpx.post(f"{base}/courses", json=body, headers=auth)
        assert created.status_code == 201
        url = f"{base}/courses/{slug}"
        statuses = sorted(race(method, url, {**auth, "If-Match": created.headers["etag"]}))

        if method == "PATCH":
            assert statuses == [200, 412]
            assert httpx.get(url).json()["duration_hours"] in {10, 20}
        else:
            # The loser finds the item gone: RFC 9110 has a 404 take precedence over 412.
            assert statuses[0] == 204 and statuses[1] in {404, 412}, statuses
            assert httpx.get(url).status_code == 404
