"""A plan's costs, a budget, and the plan as a calendar, through the API on each database."""

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar, Event

TODAY = "2026-11-20"
NEWCOMER_ON_AZURE = {
    "background": "software_engineer",
    "years_ml_experience": 0,
    "target_platform": "azure",
    "as_of": TODAY,
}
# An exam planned well before it retires: AWS's specialty exam, as of a date before 2026-03-31.
SPECIALTY = "aws-ml-specialty"
BEFORE_RETIREMENT = {
    "background": "ml_practitioner",
    "years_ml_experience": 3,
    "target_platform": "aws",
    "years_cloud_experience": 3,
    "goal": "credential",
    "as_of": "2025-06-01",
}


def post(client: TestClient, **profile: Any) -> dict[str, Any]:
    response = client.post("/recommendations", json=profile)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_steps_and_plan_carry_costs_per_currency(client: TestClient) -> None:
    body = post(client, **{**NEWCOMER_ON_AZURE, "target_platform": "aws"})
    costs = {(s["kind"], s["slug"]): s["cost"] for s in body["steps"]}
    assert costs[("certification", "aws-ml-engineer-associate")] == {
        "known": True,
        "amount": 150.0,
        "currency": "USD",
    }
    assert costs[("course", "structuring-ml-projects")] == {
        "known": False,
        "amount": None,
        "currency": None,
    }
    assert all(s["cost"] is None for s in body["steps"] if s["kind"] in ("project", "exam_prep"))
    cost = body["cost"]
    assert cost["totals"] == [{"amount": 150.0, "currency": "USD"}]
    assert cost["unknown"] == ["structuring-ml-projects", "applied-ml-in-python"]
    assert cost["budget"] is None
    (renewal,) = cost["renewals"]
    assert renewal["slug"] == "aws-ml-engineer-associate" and renewal["validity_months"] == 36


def test_a_budget_prefers_the_free_course_and_its_link_keeps_it(client: TestClient) -> None:
    plain = post(client, **NEWCOMER_ON_AZURE)
    body = post(client, **NEWCOMER_ON_AZURE, budget={"amount": 50, "currency": "USD"})
    courses = [s["slug"] for s in body["steps"] if s["kind"] == "course"]
    assert courses == ["structuring-ml-projects", "practical-deep-learning-for-coders"]
    assert [s["slug"] for s in plain["steps"] if s["kind"] == "course"][1] == "applied-ml-in-python"
    assert body["cost"]["free"] == 1
    budget = body["cost"]["budget"]
    assert budget["amount"] == 50.0 and budget["currency"] == "USD"
    codes = [w["code"] for w in body["warnings"]]
    assert "budget_not_comparable" in codes  # Structuring's price is not in the catalog
    assert ("over_budget" in codes) == budget["over"]
    assert "budget_amount=50.00&budget_currency=USD" in body["link"]
    # The link gives the same plan, byte for byte.
    by_post = client.post(
        "/recommendations", json={**NEWCOMER_ON_AZURE, "budget": {"amount": 50, "currency": "USD"}}
    )
    assert client.get(body["link"]).content == by_post.content


def test_over_budget_is_a_stable_warning(client: TestClient) -> None:
    body = post(client, **NEWCOMER_ON_AZURE, budget={"amount": 0, "currency": "USD"})
    if body["cost"]["budget"]["planned"] > 0:
        assert "over_budget" in [w["code"] for w in body["warnings"]]
    # AWS's exam is priced in USD: a budget in EUR cannot be compared with it.
    on_aws = {**NEWCOMER_ON_AZURE, "target_platform": "aws"}
    other = post(client, **on_aws, budget={"amount": 10, "currency": "EUR"})
    assert other["cost"]["budget"]["planned"] == 0.0
    assert other["cost"]["budget"]["not_comparable"] == ["USD"]
    assert "over_budget" not in [w["code"] for w in other["warnings"]]


@pytest.mark.parametrize(
    ("budget", "field"),
    [
        ({"amount": -1, "currency": "USD"}, "body.budget.amount"),
        ({"amount": 10_000_001, "currency": "USD"}, "body.budget.amount"),
        ({"amount": 10, "currency": "usd"}, "body.budget.currency"),
        ({"amount": 10}, "body.budget.currency"),
        ({"amount": 10, "currency": "USD", "tax": 1}, "body.budget.tax"),
    ],
)
def test_a_bad_budget_is_a_problem(client: TestClient, budget: Any, field: str) -> None:
    response = client.post("/recommendations", json={**NEWCOMER_ON_AZURE, "budget": budget})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert field in [e["field"] for e in response.json()["errors"]]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("&budget_amount=10", "query.budget_currency"),
        ("&budget_currency=USD", "query.budget_currency"),
        ("&budget_amount=abc&budget_currency=USD", "query.budget_amount"),
        ("&budget_amount=2000000&budget_currency=USD", "query.budget_amount"),
    ],
)
def test_a_bad_budget_in_a_link_is_a_problem(client: TestClient, query: str, field: str) -> None:
    base = "/recommendations?background=student&years_ml_experience=0"
    response = client.get(base + query)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert field in [e["field"] for e in response.json()["errors"]]


def events(content: bytes) -> list[Event]:
    calendar = Calendar.from_ical(content)
    return [c for c in calendar.walk() if isinstance(c, Event)]


def test_the_calendar_matches_the_json_plan(client: TestClient) -> None:
    # Google's exam stays valid 24 months: the plan has a renewal to remind of.
    body = post(
        client,
        background="data_scientist",
        years_ml_experience=3,
        target_platform="gcp",
        as_of=TODAY,
        budget={"amount": 150, "currency": "USD"},
    )
    assert body["calendar"] == body["link"] + "&format=ics"
    response = client.get(body["calendar"])
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    assert response.headers["cache-control"].startswith("private")
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")

    as_of = date.fromisoformat(body["as_of"])
    found = events(response.content)
    steps = [e for e in found if str(e["uid"]).startswith("step-")]
    assert len(steps) == len(body["steps"])
    for event, step in zip(steps, body["steps"], strict=True):
        assert event.decoded("dtstart") == as_of + timedelta(weeks=step["start_week"] - 1)
        assert event.decoded("dtend") == as_of + timedelta(weeks=step["end_week"])
        assert str(event["summary"]).endswith(step["title"])
        assert event.decoded("dtstamp") == datetime.combine(as_of, time(), tzinfo=UTC)
    exam = body["steps"][-1]
    assert exam["kind"] == "certification"  # the exam is an event of its own
    assert steps[-1]["categories"].to_ical() == b"certification"

    renewals = [e for e in found if str(e["uid"]).startswith("renewal-")]
    assert renewals
    assert [e.decoded("dtstart") for e in renewals] == [
        date.fromisoformat(r["due_on"]) for r in body["cost"]["renewals"]
    ]
    for event in renewals:
        assert str(event["summary"]) == f"Renew {exam['title']}"
        (alarm,) = event.subcomponents
        assert alarm["action"] == "DISPLAY" and alarm.decoded("trigger") < timedelta(0)

    # Stable: the same plan gives the same bytes, UIDs included; all UIDs differ.
    assert client.get(body["calendar"]).content == response.content
    uids = [str(e["uid"]) for e in found]
    assert len(set(uids)) == len(uids)


def test_a_reminder_comes_before_a_planned_exams_retirement(client: TestClient) -> None:
    body = post(client, **BEFORE_RETIREMENT)
    exam = body["steps"][-1]
    assert (exam["kind"], exam["slug"]) == ("certification", SPECIALTY)
    found = events(client.get(body["calendar"]).content)
    (retires,) = [e for e in found if str(e["uid"]).startswith("retires-")]
    assert retires.decoded("dtstart") == date(2026, 3, 31)
    (alarm,) = retires.subcomponents
    assert alarm.decoded("trigger") == -timedelta(days=30)
    # Past its retirement, an exam's plan has no such reminder (its successor is planned).
    later = post(client, **{**BEFORE_RETIREMENT, "as_of": TODAY})
    later_events = events(client.get(later["calendar"]).content)
    assert not [e for e in later_events if str(e["uid"]).startswith("retires-")]


def test_the_calendar_by_accept_revalidates_with_its_etag(client: TestClient) -> None:
    body = post(client, **NEWCOMER_ON_AZURE)
    by_format = client.get(body["calendar"])
    by_accept = client.get(body["link"], headers={"Accept": "text/calendar"})
    assert by_accept.headers["content-type"] == "text/calendar; charset=utf-8"
    assert by_accept.content == by_format.content
    assert by_accept.headers["vary"] == "Accept"
    etag = by_accept.headers["etag"]
    again = client.get(body["link"], headers={"Accept": "text/calendar", "If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    # JSON stays the default, and its ETag differs from the calendar's.
    assert client.get(body["link"]).headers["etag"] != etag
