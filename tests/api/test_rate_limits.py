"""Rate limits: a budget per client for recommendations and for writes, its headers, the 429,
and one budget shared by several instances through Redis."""

import json
import os
import uuid
from collections.abc import Iterator

import pytest
import redis
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.core.config import ROOT, Settings
from app.core.ratelimit import RateLimits
from tests.apps import app_with
from tests.databases import ON_CI

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
PLAN = "/recommendations?background=student&years_ml_experience=0"
PROFILE = {"background": "student", "years_ml_experience": 0}
LIMITED = ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset")


@pytest.fixture
def low(engine: Engine, session: Session) -> Iterator[TestClient]:
    app = app_with(
        engine, session, rate_limit_recommendations="3/minute", rate_limit_writes="2/minute"
    )
    with TestClient(app) as client:
        yield client


def test_headers_count_down_then_a_429_problem(low: TestClient) -> None:
    remaining = []
    for _ in range(3):
        response = low.get(PLAN)
        assert response.status_code == 200
        assert response.headers["x-ratelimit-limit"] == "3"
        assert 0 < int(response.headers["x-ratelimit-reset"]) <= 60
        remaining.append(int(response.headers["x-ratelimit-remaining"]))
    assert remaining == [2, 1, 0]

    refused = low.get(PLAN, headers={"X-Request-ID": "too-many-1"})
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert refused.headers["x-ratelimit-remaining"] == "0"
    body = refused.json()
    assert (body["status"], body["title"]) == (429, "Too Many Requests")
    assert body["request_id"] == "too-many-1"
    assert "3 per 1 minute" in body["detail"]


def test_post_and_get_recommendations_share_one_budget(low: TestClient) -> None:
    assert low.post("/recommendations", json=PROFILE).status_code == 200
    assert low.get(PLAN).status_code == 200
    assert low.post("/recommendations", json=PROFILE).status_code == 200
    assert low.post("/recommendations", json=PROFILE).status_code == 429
    assert low.get(PLAN).status_code == 429


def test_refused_requests_count_and_carry_the_headers(low: TestClient) -> None:
    invalid = low.post("/recommendations", json={"background": "wizard"})
    assert invalid.status_code == 422
    assert invalid.headers["x-ratelimit-remaining"] == "2"


def test_writes_have_their_own_budget(low: TestClient, auth: dict[str, str]) -> None:
    # Refused writes count too: guessing keys is as limited as writing.
    first = low.delete("/courses/production-ml-systems")
    assert first.status_code == 401
    assert first.headers["x-ratelimit-limit"] == "2"
    assert low.delete("/courses/production-ml-systems", headers=auth).status_code == 428
    third = low.patch("/certifications/aws-ml-specialty", json={}, headers=auth)
    assert third.status_code == 429
    assert "Retry-After" in third.headers
    # The recommendations budget is untouched.
    assert low.get(PLAN).headers["x-ratelimit-remaining"] == "2"


def test_the_audit_read_spends_the_writes_budget(low: TestClient, auth: dict[str, str]) -> None:
    # It checks a key as writes do, so guessing keys through it is as slow.
    assert low.get("/audit").status_code == 401
    assert low.get("/audit", headers=auth).headers["x-ratelimit-remaining"] == "0"
    assert low.get("/audit", headers=auth).status_code == 429


def test_catalog_reads_are_not_limited(low: TestClient) -> None:
    for _ in range(5):
        response = low.get("/courses/production-ml-systems")
        assert response.status_code == 200
        assert not set(LIMITED) & set(response.headers)


def test_wrong_methods_spend_nothing(low: TestClient) -> None:
    for _ in range(4):
        assert low.put("/recommendations").status_code == 405
    assert low.get(PLAN).headers["x-ratelimit-remaining"] == "2"


def test_each_client_address_has_its_own_budget(engine: Engine, session: Session) -> None:
    app = app_with(engine, session, rate_limit_recommendations="1/minute")
    with (
        TestClient(app, client=("192.0.2.1", 1)) as one,
        TestClient(app, client=("192.0.2.2", 1)) as two,
    ):
        assert one.get(PLAN).status_code == 200
        assert one.get(PLAN).status_code == 429
        assert two.get(PLAN).status_code == 200


def test_a_429_can_be_read_by_a_page_on_another_origin(low: TestClient) -> None:
    for _ in range(3):
        low.get(PLAN)
    refused = low.get(PLAN, headers={"Origin": "https://career-site.example"})
    assert refused.status_code == 429
    assert refused.headers["access-control-allow-origin"] == "*"
    assert "Retry-After" in refused.headers["access-control-expose-headers"]


@pytest.mark.parametrize("value", ["lots", "0.5/minute", "1/second;5/minute"])
def test_a_limit_setting_must_be_one_limit(value: str) -> None:
    with pytest.raises(ValueError, match=r"rate limit|one limit"):
        Settings.model_validate({"rate_limit_recommendations": value})


def test_the_storage_must_be_memory_or_redis() -> None:
    with pytest.raises(ValueError, match="memory://"):
        Settings.model_validate({"rate_limit_storage_url": "memcached://127.0.0.1:11211"})


def test_the_document_declares_the_limits() -> None:
    document = json.loads((ROOT / "openapi.json").read_text())
    paths = document["paths"]
    limited = [
        paths["/recommendations"]["post"],
        paths["/recommendations"]["get"],
        paths["/courses"]["post"],
        paths["/courses/{slug}"]["patch"],
        paths["/certifications/{slug}"]["delete"],
    ]
    for operation in limited:
        responses = operation["responses"]
        assert "Retry-After" in responses["429"]["headers"]
        assert "application/problem+json" in responses["429"]["content"]
        for status, response in responses.items():
            if status[0] in "24":
                assert set(LIMITED) <= set(response.get("headers", {})), status
    for operation in (paths["/courses"]["get"], paths["/courses/{slug}"]["get"]):
        assert "429" not in operation["responses"]
    assert set(LIMITED) | {"Retry-After"} <= set(document["components"]["headers"])


# --- several instances, one budget, through Redis ------------------------------------------


@pytest.fixture
def redis_prefix() -> Iterator[str]:
    """A key prefix of this test's own in the local Redis; its keys are removed afterwards."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        message = f"Redis at {REDIS_URL} cannot be reached: {exc}"
        if ON_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    prefix = f"certpath-test-{uuid.uuid4().hex}"
    try:
        yield prefix
    finally:
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)
        client.close()


def test_two_instances_share_one_budget_through_redis(
    engine: Engine, session: Session, redis_prefix: str
) -> None:
    shared = {
        "rate_limit_storage_url": REDIS_URL,
        "rate_limit_key_prefix": redis_prefix,
        "rate_limit_recommendations": "3/minute",
    }
    one = app_with(engine, session, **shared)
    two = app_with(engine, session, **shared)
    with TestClient(one) as first, TestClient(two) as second:
        assert first.get(PLAN).headers["x-ratelimit-remaining"] == "2"
        assert second.get(PLAN).headers["x-ratelimit-remaining"] == "1"
        assert first.post("/recommendations", json=PROFILE).status_code == 200
        refused = second.get(PLAN)
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) >= 1
    keys = redis.Redis.from_url(REDIS_URL).keys(f"{redis_prefix}:*")
    assert keys, "the count lives in Redis"


def test_an_unreachable_redis_does_not_take_the_api_down(
    engine: Engine, session: Session, caplog: pytest.LogCaptureFixture
) -> None:
    # Nothing listens on port 1: every storage call fails at once. Requests are served,
    # unmetered (fail open), and say nothing about a limit they could not count.
    app = app_with(engine, session, rate_limit_storage_url="redis://127.0.0.1:1/0")
    with TestClient(app) as client:
        for _ in range(3):
            response = client.get(PLAN)
            assert response.status_code == 200
            assert not set(LIMITED) & set(response.headers)
    warnings = [r for r in caplog.records if r.name == "certpath.ratelimit"]
    assert len(warnings) == 1, "an outage is logged once, not per request"
    assert warnings[0].levelname == "WARNING"


def test_limits_read_from_settings() -> None:
    limits = RateLimits(Settings.model_validate({"rate_limit_writes": "7 per hour"}))
    assert (limits.items["writes"].amount, limits.items["writes"].get_expiry()) == (7, 3600)
    assert limits.in_memory
