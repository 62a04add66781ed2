"""The recommender through the API, on each database, as a career site would call it."""

from datetime import date
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import update
from sqlmodel import Session

from app.catalog import writes
from app.models import Certification

TODAY = "2026-11-20"
EXAM_BY_CLOUD = {
    "gcp": "google-professional-ml-engineer",
    "aws": "aws-ml-engineer-associate",
    # Azure's exam for ML engineering: AI-300, which replaced the retired DP-100.
    "azure": "azure-mlops-engineer-associate",
}


def plan(client: TestClient, **profile: Any) -> dict[str, Any]:
    response = client.post("/recommendations", json={"as_of": TODAY, **profile})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def step_slugs(body: dict[str, Any], kind: str | None = None) -> list[str | None]:
    return [s["slug"] for s in body["steps"] if kind is None or s["kind"] == kind]


@pytest.mark.parametrize("cloud", ["gcp", "aws", "azure", "none"])
def test_software_engineer_without_ml_starts_with_the_foundation(
    client: TestClient, cloud: str
) -> None:
    body = plan(client, background="software_engineer", years_ml_experience=0, target_cloud=cloud)
    kinds = [s["kind"] for s in body["steps"]]
    assert step_slugs(body)[:2] == ["structuring-ml-projects", "applied-ml-in-python"]
    assert kinds[2] == "project"
    if cloud == "none":
        assert "certification" not in kinds
        assert "no_target_cloud" in [w["code"] for w in body["warnings"]]
    else:
        assert step_slugs(body, "certification") == [EXAM_BY_CLOUD[cloud]]
        assert kinds.index("project") < kinds.index("certification")


@pytest.mark.parametrize("cloud", ["gcp", "aws", "azure", "none"])
def test_data_scientist_goes_to_production_then_the_cloud_exam(
    client: TestClient, cloud: str
) -> None:
    body = plan(client, background="data_scientist", years_ml_experience=3, target_cloud=cloud)
    assert step_slugs(body, "course") == ["production-ml-systems"]
    expected = EXAM_BY_CLOUD.get(cloud, "google-professional-ml-engineer")
    assert step_slugs(body, "certification") == [expected]


@pytest.mark.parametrize("cloud", ["gcp", "aws", "azure"])
def test_practitioner_wanting_a_credential_goes_straight_to_exam_prep(
    client: TestClient, cloud: str
) -> None:
    body = plan(
        client,
        background="ml_practitioner",
        years_ml_experience=5,
        years_cloud_experience=3,
        target_cloud=cloud,
        goal="credential",
    )
    assert [s["kind"] for s in body["steps"]] == ["exam_prep", "certification"]
    assert step_slugs(body) == [EXAM_BY_CLOUD[cloud]] * 2


def test_retired_exam_is_replaced_by_its_successor_with_a_warning(client: TestClient) -> None:
    body = plan(client, background="ml_practitioner", years_ml_experience=5, target_cloud="azure")
    assert "azure-data-scientist-associate" not in step_slugs(body)
    warnings = {w["code"]: w for w in body["warnings"]}
    assert warnings["certification_retired"]["slug"] == "azure-data-scientist-associate"
    assert "(MLOps) Engineer Associate" in warnings["certification_retired"]["message"]


def test_completed_items_never_reappear_and_unknown_ones_are_named(client: TestClient) -> None:
    body = plan(
        client,
        background="software_engineer",
        years_ml_experience=0,
        target_cloud="gcp",
        completed=["structuring-ml-projects"],
    )
    assert "structuring-ml-projects" not in step_slugs(body)

    response = client.post(
        "/recommendations",
        json={
            "background": "student",
            "years_ml_experience": 0,
            "completed": ["structuring-ml-projects", "no-such-course"],
        },
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert [e["field"] for e in errors] == ["body.completed.1"]
    assert "no-such-course" in errors[0]["message"]


def test_get_link_gives_the_same_plan(client: TestClient) -> None:
    profile = {
        "background": "software_engineer",
        "years_ml_experience": 1,
        "target_cloud": "aws",
        "goal": "interview_prep",
        "completed": ["structuring-ml-projects", "applied-ml-in-python"],
        "hours_per_week": 12,
    }
    posted = client.post("/recommendations", json=profile)
    assert posted.status_code == 200
    linked = client.get(posted.json()["link"])
    assert linked.status_code == 200
    # Byte for byte: POST writes its JSON straight from the plan, GET through the models.
    assert linked.content == posted.content


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"years_ml_experience": 1}, "body.background"),
        ({"background": "wizard", "years_ml_experience": 1}, "body.background"),
        ({"background": "student", "years_ml_experience": 61}, "body.years_ml_experience"),
        ({"background": "student", "years_ml_experience": -1}, "body.years_ml_experience"),
        ({"background": "student", "years_ml_experience": "3"}, "body.years_ml_experience"),
        ({"background": "student", "years_ml_experience": True}, "body.years_ml_experience"),
        ({"background": "student", "years_ml_experience": 1, "hours_per_week": 0}, None),
        ({"background": "student", "years_ml_experience": 1, "extra": 1}, "body.extra"),
        ({"background": "student", "years_ml_experience": 1, "as_of": "soon"}, "body.as_of"),
        (
            {"background": "student", "years_ml_experience": 1, "completed": ["x"] * 101},
            "body.completed",
        ),
    ],
)
def test_bad_profiles_are_422s_naming_the_field(
    client: TestClient, body: dict[str, Any], field: str | None
) -> None:
    response = client.post("/recommendations", json=body)
    assert response.status_code == 422
    fields = [e["field"] for e in response.json()["errors"]]
    assert fields and (field is None or fields[0] == field)


def test_integral_floats_are_accepted_as_integers(client: TestClient) -> None:
    body = plan(client, background="student", years_ml_experience=0.0, hours_per_week=10.0)
    assert body["steps"]


def test_a_catalog_change_reaches_the_next_plan(
    app: FastAPI, client: TestClient, session: Session
) -> None:
    before = plan(client, background="ml_practitioner", years_ml_experience=5, target_cloud="gcp")
    assert step_slugs(before, "certification") == ["google-professional-ml-engineer"]

    session.execute(
        update(Certification)
        .where(Certification.slug == "google-professional-ml-engineer")  # type: ignore[arg-type]
        .values(status="retired", retired_on=date(2026, 1, 1))
    )
    version = writes.bump_catalog_version(session)
    session.commit()
    # A change made outside this process's write path is seen once the poller reads its
    # version; the test records that reading rather than wait for it.
    app.state.catalog_version.record(version)

    after = plan(client, background="ml_practitioner", years_ml_experience=5, target_cloud="gcp")
    assert "google-professional-ml-engineer" not in step_slugs(after, "certification")
    assert after["catalog_version"] != before["catalog_version"]


def test_same_profile_same_answer(client: TestClient) -> None:
    profile = {"background": "data_scientist", "years_ml_experience": 2, "target_cloud": "aws"}
    assert plan(client, **profile) == plan(client, **profile)
