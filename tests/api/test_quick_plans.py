"""Plans for well-formed profiles, answered before routing: the same bytes as the route's,
and everything else left to the route."""

import asyncio
import json
from contextlib import nullcontext
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlmodel import Session

from app.api.deps import SessionFactory, get_session_factory

PROFILES = [
    {"background": "student", "years_ml_experience": 0},
    {"background": "software_engineer", "years_ml_experience": 1, "target_cloud": "aws"},
    {
        "background": "data_scientist",
        "years_ml_experience": 3,
        "target_cloud": "gcp",
        "goal": "credential",
        "completed": ["structuring-ml-projects"],
        "hours_per_week": 12,
        "as_of": "2026-06-30",
    },
]
# FastAPI reads any `+json` body as JSON; QuickPlans only plain application/json.
VIA_ROUTE = {"Content-Type": "application/vnd.certpath+json"}


@pytest.fixture
def route_calls(app: FastAPI, session: Session) -> list[int]:
    """Counts the requests that reach the route (it asks for its session factory)."""
    calls: list[int] = []

    async def counted() -> SessionFactory:
        calls.append(1)
        return lambda: nullcontext(session)

    app.dependency_overrides[get_session_factory] = counted
    return calls


@pytest.mark.parametrize("profile", PROFILES)
def test_a_quick_plan_is_the_routes_plan(
    client: TestClient, route_calls: list[int], profile: dict[str, Any]
) -> None:
    by_route = client.post("/recommendations", content=json.dumps(profile), headers=VIA_ROUTE)
    assert by_route.status_code == 200
    assert len(route_calls) == 1
    quick = client.post("/recommendations", json=profile)
    assert len(route_calls) == 1  # answered before routing
    assert quick.status_code == 200
    assert quick.content == by_route.content
    assert quick.headers["content-type"] == by_route.headers["content-type"]
    assert "x-ratelimit-remaining" in quick.headers  # the layers outside still run


@pytest.mark.parametrize(
    ("body", "status", "fragment"),
    [
        (
            '{"background": "student", "years_ml_experience": 0, "completed": ["no-such"]}',
            422,
            "no-such",
        ),
        ('{"background": "student", "years_ml_experience": -1}', 422, "years_ml_experience"),
        ('{"background": "student", "years_ml_experience": 0', 422, "json_invalid"),
        ("[" * 100_000 + "]" * 100_000, 400, "parsing the body"),
        (
            json.dumps({"background": "student", "years_ml_experience": 0, "x": "y" * 70_000}),
            422,
            "x",
        ),
    ],
    ids=["unknown slug", "invalid field", "malformed", "too deep", "larger than read"],
)
def test_what_a_quick_plan_cannot_answer_goes_to_the_route(
    client: TestClient, body: str, status: int, fragment: str
) -> None:
    client.post("/recommendations", json=PROFILES[0])  # the snapshot is in memory
    refused = client.post(
        "/recommendations", content=body, headers={"Content-Type": "application/json"}
    )
    # Only the route and its handlers answer with problems.
    assert refused.status_code == status, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    assert fragment in refused.text


def test_a_body_sent_in_pieces_is_read_whole(app: FastAPI, client: TestClient) -> None:
    whole = client.post("/recommendations", json=PROFILES[2])
    body = json.dumps(PROFILES[2]).encode()
    pieces = [body[:10], body[10:40], body[40:]]

    async def call() -> tuple[int, bytes]:
        messages = [
            {"type": "http.request", "body": piece, "more_body": i < len(pieces) - 1}
            for i, piece in enumerate(pieces)
        ]
        sent: list[dict[str, Any]] = []

        async def receive() -> dict[str, Any]:
            return messages.pop(0) if messages else {"type": "http.disconnect"}

        async def send(message: dict[str, Any]) -> None:
            sent.append(message)

        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": "/recommendations",
            "raw_path": b"/recommendations",
            "query_string": b"",
            "root_path": "",
            "headers": [(b"host", b"testserver"), (b"content-type", b"application/json")],
            "client": ("127.0.0.1", 50000),
            "server": ("testserver", 80),
        }
        await app(scope, receive, send)
        status = next(m["status"] for m in sent if m["type"] == "http.response.start")
        content = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
        return status, content

    status, content = asyncio.run(call())
    assert status == 200
    assert content == whole.content
