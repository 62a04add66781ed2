"""X-Request-ID: accepted when plain and short, made otherwise, echoed on every response and
quoted in problem bodies."""

import re

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

MADE = re.compile(r"^[0-9a-f]{32}$")


def test_an_id_is_made_when_none_is_sent(client: TestClient) -> None:
    first = client.get("/healthz").headers["x-request-id"]
    second = client.get("/healthz").headers["x-request-id"]
    assert MADE.match(first) and MADE.match(second)
    assert first != second


@pytest.mark.parametrize(
    "sent",
    ["abc", "a" * 128, "req-2026.11.21:frontend_7", "0f8fad5b-d9cb-469f-a165-70867728950e"],
)
def test_a_plain_id_is_echoed(client: TestClient, sent: str) -> None:
    response = client.get("/courses", headers={"X-Request-ID": sent})
    assert response.status_code == 200
    assert response.headers["x-request-id"] == sent


@pytest.mark.parametrize(
    "sent",
    ["", "a" * 129, "has space", 'quote"d', "<script>", "semi;colon", "tab\there", "café"],
)
def test_a_long_or_unsafe_id_is_replaced(client: TestClient, sent: str) -> None:
    response = client.get("/courses", headers={"X-Request-ID": sent.encode()})
    echoed = response.headers["x-request-id"]
    assert MADE.match(echoed)
    assert echoed != sent


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/courses/nope", 404),
        ("GET", "/courses?limit=0", 422),
        ("DELETE", "/certifications", 405),
        ("GET", "/nothing-here", 404),
        ("PATCH", "/courses/production-ml-systems", 401),
        ("POST", "/recommendations", 422),
    ],
)
def test_problem_bodies_quote_the_id(
    client: TestClient, method: str, path: str, status: int
) -> None:
    response = client.request(method, path, headers={"X-Request-ID": "trace-42"}, json={})
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert response.headers["x-request-id"] == "trace-42"
    assert response.json()["request_id"] == "trace-42"


def test_a_made_id_is_the_one_in_the_problem_body(client: TestClient) -> None:
    response = client.get("/certifications/nope")
    assert response.json()["request_id"] == response.headers["x-request-id"]


def test_a_304_carries_the_id(client: TestClient) -> None:
    etag = client.get("/courses/production-ml-systems").headers["etag"]
    response = client.get(
        "/courses/production-ml-systems",
        headers={"If-None-Match": etag, "X-Request-ID": "revalidate-1"},
    )
    assert response.status_code == 304
    assert response.headers["x-request-id"] == "revalidate-1"


def test_a_500_carries_the_id_in_header_and_body(app: FastAPI) -> None:
    @app.get("/boom", include_in_schema=False)
    def boom() -> None:  # a sync route: the id crosses into the thread pool and back
        raise RuntimeError("a bug")

    with TestClient(app, raise_server_exceptions=False) as client:
        response = client.get("/boom", headers={"X-Request-ID": "bug-report-7"})
    assert response.status_code == 500
    assert response.headers["x-request-id"] == "bug-report-7"
    body = response.json()
    assert body["request_id"] == "bug-report-7"
    assert "a bug" not in response.text
