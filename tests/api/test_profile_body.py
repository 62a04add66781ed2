"""POST /recommendations reads its own body (app/api/bodies.py): what it accepts and the
problems it answers are those FastAPI gives for a body parameter, and it is bounded."""

import ast
import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from app.api.routes.recommendations import PROFILE_MAX_BYTES
from app.core.config import ROOT

PROFILE = {"background": "data_scientist", "years_ml_experience": 3, "target_cloud": "gcp"}


@pytest.mark.parametrize(
    ("content_type", "body", "status", "field", "error_type"),
    [
        ("application/json", '{"background": "student", "years_ml_experience": -1}', 422,
         "body.years_ml_experience", "greater_than_equal"),
        ("application/json", '{"background": "student", "years_ml_experience": 0', 422,
         "body.50", "json_invalid"),
        ("application/json", "", 422, "body", "missing"),
        ("application/json", "[]", 422, "body", "model_attributes_type"),
        ("text/plain", json.dumps(PROFILE), 422, "body", "model_attributes_type"),
        (None, json.dumps(PROFILE), 422, "body", "model_attributes_type"),
        ("application/json", '{"background": "student", "years_ml_experience": 0, "x": 1}',
         422, "body.x", "extra_forbidden"),
        ("application/json", "[" * 10_000 + "]" * 10_000, 400, None, None),
    ],
    ids=["invalid field", "malformed", "empty", "not an object", "not json", "no type",
         "unknown key", "too deep"],
)  # fmt: skip
def test_bad_bodies_get_fastapis_problems(
    client: TestClient,
    content_type: str | None,
    body: str,
    status: int,
    field: str | None,
    error_type: str | None,
) -> None:
    headers = {"Content-Type": content_type} if content_type else {}
    refused = client.post("/recommendations", content=body, headers=headers)
    assert refused.status_code == status, refused.text
    assert refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    if field is None:
        assert "errors" not in problem
        return
    assert problem["errors"][0]["field"] == field
    assert problem["errors"][0]["type"] == error_type


@pytest.mark.parametrize(
    "content_type", ["application/json", "application/json; charset=utf-8", "application/x+json"]
)
def test_every_json_media_type_is_read(client: TestClient, content_type: str) -> None:
    answered = client.post(
        "/recommendations", content=json.dumps(PROFILE), headers={"Content-Type": content_type}
    )
    assert answered.status_code == 200, answered.text
    assert answered.json()["steps"]


def _oversized() -> bytes:
    padding = "y" * PROFILE_MAX_BYTES
    return json.dumps({**PROFILE, "completed": [padding]}).encode()


def test_a_body_past_the_limit_is_413_by_its_length(client: TestClient) -> None:
    refused = client.post(
        "/recommendations", content=_oversized(), headers={"Content-Type": "application/json"}
    )
    assert refused.status_code == 413
    assert refused.headers["content-type"] == "application/problem+json"
    assert str(PROFILE_MAX_BYTES) in refused.json()["detail"]


def test_a_chunked_body_past_the_limit_is_413(client: TestClient) -> None:
    body = _oversized()

    def pieces() -> Iterator[bytes]:
        for start in range(0, len(body), 4096):
            yield body[start : start + 4096]

    refused = client.post(
        "/recommendations", content=pieces(), headers={"Content-Type": "application/json"}
    )
    assert refused.status_code == 413
    assert refused.headers["content-type"] == "application/problem+json"


def test_a_body_sent_in_pieces_is_read_whole(app: FastAPI, client: TestClient) -> None:
    whole = client.post("/recommendations", json=PROFILE)
    body = json.dumps(PROFILE).encode()
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


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


def _middleware_modules() -> list[Path]:
    """Every module that defines an ASGI layer: a class with `async def __call__`."""
    found = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any(
                isinstance(item, ast.AsyncFunctionDef) and item.name == "__call__"
                for item in node.body
            ):
                found.append(path)
                break
    return found


def test_no_middleware_answers_with_a_routes_code() -> None:
    modules = _middleware_modules()
    assert ROOT / "app" / "api" / "response_cache.py" in modules  # the finder finds them
    for path in modules:
        routes = {name for name in _imports(path) if name.startswith("app.api.routes")}
        assert not routes, f"{path.relative_to(ROOT)} imports {sorted(routes)}"
