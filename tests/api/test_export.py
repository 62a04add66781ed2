"""GET /export: the whole catalog as NDJSON, one line per provider, certification and course."""

import json
import time
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from app.core.config import ROOT, Settings
from app.main import create_app
from app.seeding.files import read_seed
from tests.conftest import prepared_database

SEED = read_seed(ROOT / "seed")[0]


def lines(client: TestClient) -> list[dict[str, Any]]:
    response = client.get("/export")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/x-ndjson"
    assert response.content.endswith(b"\n")
    return [json.loads(line) for line in response.content.decode().splitlines()]


def test_one_line_per_provider_certification_and_course(client: TestClient) -> None:
    exported = lines(client)
    certifications = client.get("/certifications", params={"limit": 100}).json()["total"]
    courses = client.get("/courses", params={"limit": 100}).json()["total"]
    providers = len(SEED.providers)
    assert len(exported) == providers + certifications + courses
    assert (certifications, courses) == (len(SEED.certifications), len(SEED.courses))
    kinds = [line["type"] for line in exported]
    # Whatever a line refers to comes before it: providers, then certifications, then courses.
    assert (
        kinds
        == ["provider"] * providers + ["certification"] * certifications + ["course"] * courses
    )
    for kind in ("provider", "certification", "course"):
        slugs = [line["slug"] for line in exported if line["type"] == kind]
        assert slugs == sorted(slugs)


def test_each_line_is_the_items_own_json(client: TestClient) -> None:
    for line in lines(client):
        kind = line.pop("type")
        if kind == "provider":
            assert set(line) == {"slug", "name", "kind", "url", "updated_at"}
            continue
        path = f"/{'certifications' if kind == 'certification' else 'courses'}/{line['slug']}"
        assert line == client.get(path).json()


def test_the_export_revalidates_with_its_etag(client: TestClient) -> None:
    first = client.get("/export")
    tag = first.headers["etag"]
    assert first.headers["cache-control"].startswith("public")
    again = client.get("/export", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    assert again.headers["etag"] == tag
    assert client.get("/export", headers={"If-None-Match": f'W/{tag}, "x"'}).status_code == 304
    assert client.get("/export", headers={"If-None-Match": '"other"'}).status_code == 200
    assert client.get("/export").content == first.content


def test_the_etag_follows_the_catalog(client: TestClient, auth: dict[str, str]) -> None:
    before = client.get("/export")
    tag = client.get("/courses/ml-classification").headers["etag"]
    changed = client.patch(
        "/courses/ml-classification", json={"duration_hours": 23}, headers={**auth, "If-Match": tag}
    )
    assert changed.status_code == 200
    after = client.get("/export", headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
    course = next(line for line in lines(client) if line["slug"] == "ml-classification")
    assert course["duration_hours"] == 23


def test_the_export_is_served_from_memory_while_the_database_is_down(tmp_path: Path) -> None:
    with prepared_database("sqlite", tmp_path) as (url, _keys):
        app = create_app(Settings(database_url=url, catalog_poll_interval=0.05))
        with TestClient(app) as client:
            before = client.get("/export")
            assert before.status_code == 200
            # The database file gone: every reading fails, and nothing can be built again.
            database = Path(url.removeprefix("sqlite:///"))
            database.rename(database.with_suffix(".away"))
            app.state.engine.dispose()
            deadline = time.monotonic() + 5
            # Until its last good reading is too old to trust, the version still answers.
            while time.monotonic() < deadline and (
                not app.state.database_outage.active
                or app.state.catalog_version.current() is not None
            ):
                time.sleep(0.05)
            assert app.state.database_outage.active
            stale = client.get("/export")
            assert stale.status_code == 200
            assert stale.content == before.content
            assert stale.headers["warning"] == '110 - "Response is Stale"'
            assert "x-catalog-stale-since" in stale.headers
            assert stale.headers["cache-control"].startswith("public, max-age=0")
            database.with_suffix(".away").rename(database)
