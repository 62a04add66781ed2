"""CORS: reads from any origin, writes only from the configured ones, preflights answered."""

from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.core.config import Settings
from tests.apps import app_with

ANYONE = "https://career-site.example"
ADMIN = "https://admin.certpath.example"


def preflight(
    client: TestClient, path: str, method: str, origin: str = ANYONE, headers: str = ""
) -> httpx.Response:
    sent = {"Origin": origin, "Access-Control-Request-Method": method}
    if headers:
        sent["Access-Control-Request-Headers"] = headers
    return client.options(path, headers=sent)


@pytest.fixture
def admin_client(engine: Engine, session: Session) -> Iterator[TestClient]:
    with TestClient(app_with(engine, session, cors_write_origins=ADMIN)) as client:
        yield client


def methods(response: httpx.Response) -> set[str]:
    value = response.headers["access-control-allow-methods"]
    return {m.strip() for m in value.split(",")}


@pytest.mark.parametrize("path", ["/courses", "/courses/production-ml-systems", "/certifications"])
def test_a_read_preflight_from_any_origin_is_allowed(client: TestClient, path: str) -> None:
    response = preflight(client, path, "GET", headers="If-None-Match, X-Request-ID")
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert "GET" in methods(response)
    assert not methods(response) & {"PUT", "PATCH", "DELETE"}
    allowed = response.headers["access-control-allow-headers"].lower()
    assert "if-none-match" in allowed and "x-request-id" in allowed
    assert int(response.headers["access-control-max-age"]) > 0
    assert "x-request-id" in response.headers


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("PATCH", "/courses/x"),
        ("PUT", "/courses/x"),
        ("DELETE", "/certifications/aws-ml-specialty"),
        ("POST", "/courses"),
    ],
)
def test_a_write_preflight_from_an_unlisted_origin_is_refused(
    client: TestClient, admin_client: TestClient, method: str, path: str
) -> None:
    for refusing in (client, admin_client):
        response = preflight(refusing, path, method, headers="Authorization, If-Match")
        assert response.status_code == 403
        assert "access-control-allow-origin" not in response.headers
        assert response.headers["content-type"] == "application/problem+json"


def test_a_write_preflight_from_a_listed_origin_is_allowed(admin_client: TestClient) -> None:
    response = preflight(
        admin_client,
        "/courses/x",
        "PATCH",
        origin=ADMIN,
        headers="authorization, content-type, if-match",
    )
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == ADMIN
    assert "Origin" in response.headers["vary"]
    assert {"PATCH", "PUT", "DELETE", "POST", "GET"} <= methods(response)
    allowed = response.headers["access-control-allow-headers"].lower()
    assert {"authorization", "content-type", "if-match"} <= {h.strip() for h in allowed.split(",")}


def test_post_recommendations_is_a_read_open_to_any_origin(client: TestClient) -> None:
    response = preflight(client, "/recommendations", "POST", headers="Content-Type")
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == "*"
    assert "POST" in methods(response)

    answered = client.post(
        "/recommendations",
        json={"background": "student", "years_ml_experience": 0},
        headers={"Origin": ANYONE},
    )
    assert answered.status_code == 200
    assert answered.headers["access-control-allow-origin"] == "*"


def test_a_preflight_asking_for_unknown_headers_is_refused(client: TestClient) -> None:
    response = preflight(client, "/courses", "GET", headers="X-Api-Secret")
    assert response.status_code == 400
    assert "access-control-allow-origin" not in response.headers
    assert "x-api-secret" in response.json()["detail"]


def test_a_read_exposes_the_headers_a_page_needs(client: TestClient) -> None:
    response = client.get("/courses?limit=1", headers={"Origin": ANYONE})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    exposed = {h.strip() for h in response.headers["access-control-expose-headers"].split(",")}
    assert {
        "ETag",
        "Link",
        "Location",
        "Retry-After",
        "X-Request-ID",
        "X-RateLimit-Limit",
        "X-RateLimit-Remaining",
        "X-RateLimit-Reset",
    } <= exposed


def test_a_write_answers_only_a_listed_origin(
    admin_client: TestClient, auth: dict[str, str]
) -> None:
    etag = admin_client.get("/courses/production-ml-systems").headers["etag"]
    headers = {**auth, "If-Match": etag, "Content-Type": "application/merge-patch+json"}
    listed = admin_client.patch(
        "/courses/production-ml-systems",
        content=b'{"duration_hours": 30}',
        headers={**headers, "Origin": ADMIN},
    )
    assert listed.status_code == 200
    assert listed.headers["access-control-allow-origin"] == ADMIN
    assert "Origin" in listed.headers["vary"]

    unlisted = admin_client.delete(
        "/courses/production-ml-systems", headers={**auth, "Origin": ANYONE}
    )
    assert "access-control-allow-origin" not in unlisted.headers


def test_a_request_without_origin_gets_no_cors_headers(client: TestClient) -> None:
    response = client.get("/courses?limit=1")
    assert not [h for h in response.headers if h.startswith("access-control-")]


def test_options_that_is_not_a_preflight_still_lists_the_methods(client: TestClient) -> None:
    response = client.options("/courses", headers={"Origin": ANYONE})
    assert response.status_code == 405
    assert "POST" in response.headers["allow"]


def test_reads_can_be_limited_to_listed_origins(engine: Engine, session: Session) -> None:
    app = app_with(engine, session, cors_read_origins="https://one.example")
    with TestClient(app) as client:
        assert preflight(client, "/courses", "GET").status_code == 403
        allowed = preflight(client, "/courses", "GET", origin="https://one.example")
        assert allowed.headers["access-control-allow-origin"] == "https://one.example"


@pytest.mark.parametrize("value", ["admin.example.org", "https://a.example/path", "ftp://x"])
def test_an_origin_setting_must_be_an_origin(value: str) -> None:
    with pytest.raises(ValueError, match="not an origin"):
        Settings.model_validate({"cors_write_origins": value})


def test_origins_are_read_comma_separated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORS_WRITE_ORIGINS", "https://a.example, http://localhost:3000/")
    assert Settings().cors_write_origins == ["https://a.example", "http://localhost:3000"]
