"""The 2026 landscape through the API: platforms, tiers, disciplines and eligibility as list
filters and fields, and profiles that name a platform and a focus."""

import copy
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.schemas import examples

PROBLEM = "application/problem+json"
TODAY = "2026-11-20"


def listed(client: TestClient, **params: str) -> dict[str, dict[str, Any]]:
    response = client.get("/certifications", params={**params, "limit": 100})
    assert response.status_code == 200, response.text
    return {item["slug"]: item for item in response.json()["data"]}


def test_platform_filter_lists_the_platform_and_only_it(client: TestClient) -> None:
    found = listed(client, platform="databricks")
    assert {
        "databricks-ml-associate",
        "databricks-ml-professional",
        "databricks-genai-engineer-associate",
    } <= found.keys()
    assert {item["platform"] for item in found.values()} == {"databricks"}
    # Not one of the first catalog's clouds: `cloud` says none, as a client of it expects.
    assert {item["cloud"] for item in found.values()} == {"none"}


def test_tier_discipline_and_eligibility_filter(client: TestClient) -> None:
    professional = listed(client, tier="professional")
    assert {"google-professional-ml-engineer", "aws-genai-developer-professional"} <= (
        professional.keys()
    )
    assert {item["tier"] for item in professional.values()} == {"professional"}

    mlops = listed(client, discipline="mlops")
    assert "azure-mlops-engineer-associate" in mlops
    assert {item["discipline"] for item in mlops.values()} == {"mlops"}

    restricted = listed(client, eligibility="restricted")
    assert restricted, "the seed has a restricted credential"
    assert all(item["eligibility_note"] for item in restricted.values())
    assert not restricted.keys() & listed(client, eligibility="open").keys()


@pytest.mark.parametrize("name", ["platform", "tier", "eligibility"])
def test_an_unknown_filter_value_is_a_422_naming_it(client: TestClient, name: str) -> None:
    response = client.get("/certifications", params={name: "nope"})
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    assert [e["field"] for e in response.json()["errors"]] == [f"query.{name}"]


def test_an_exam_that_moved_codes_is_one_credential(client: TestClient) -> None:
    item = client.get("/certifications/azure-ai-fundamentals").json()
    assert item["exam"]["code"] == "AI-901"
    assert [p["code"] for p in item["exam"]["previous_codes"]] == ["AI-900"]
    assert item["lifecycle"]["status"] == "active"


def test_a_certification_without_platform_takes_it_from_cloud_and_the_other_way(
    client: TestClient, auth: dict[str, str]
) -> None:
    old_client = copy.deepcopy(examples.CERTIFICATION_IN)
    old_client.pop("platform")
    old_client["cloud"] = "aws"
    created = client.post("/certifications", json=old_client, headers=auth)
    assert created.status_code == 201, created.text
    assert (created.json()["platform"], created.json()["cloud"]) == ("aws", "aws")

    new_client = {**copy.deepcopy(examples.CERTIFICATION_IN), "slug": "nvidia-example-exam"}
    new_client["platform"] = "nvidia"
    created = client.post("/certifications", json=new_client, headers=auth)
    assert created.status_code == 201, created.text
    assert (created.json()["platform"], created.json()["cloud"]) == ("nvidia", "none")


def test_platform_and_cloud_that_disagree_are_a_422_naming_both(
    client: TestClient, auth: dict[str, str]
) -> None:
    body = {**copy.deepcopy(examples.CERTIFICATION_IN), "platform": "gcp", "cloud": "aws"}
    response = client.post("/certifications", json=body, headers=auth)
    assert response.status_code == 422
    message = " ".join(e["message"] for e in response.json()["errors"])
    assert "cloud 'aws'" in message and "platform 'gcp'" in message


def plan(client: TestClient, **profile: Any) -> dict[str, Any]:
    response = client.post("/recommendations", json={"as_of": TODAY, **profile})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def exam(body: dict[str, Any]) -> str | None:
    return next((s["slug"] for s in body["steps"] if s["kind"] == "certification"), None)


def test_target_platform_and_target_cloud_that_disagree_are_a_422_naming_both(
    client: TestClient,
) -> None:
    response = client.post(
        "/recommendations",
        json={
            "background": "ml_practitioner",
            "years_ml_experience": 3,
            "target_cloud": "aws",
            "target_platform": "gcp",
        },
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    (error,) = response.json()["errors"]
    assert error["field"] == "body.target_platform"
    assert "target_cloud" in error["message"] and "target_platform" in error["message"]


def test_target_cloud_alone_still_plans_for_that_cloud(client: TestClient) -> None:
    by_cloud = plan(client, background="data_scientist", years_ml_experience=3, target_cloud="gcp")
    by_platform = plan(
        client, background="data_scientist", years_ml_experience=3, target_platform="gcp"
    )
    assert by_cloud["steps"] == by_platform["steps"]
    both = plan(
        client,
        background="data_scientist",
        years_ml_experience=3,
        target_cloud="gcp",
        target_platform="gcp",
    )
    assert both["steps"] == by_platform["steps"]


def test_a_plan_names_the_next_rung_and_the_open_skills(client: TestClient) -> None:
    body = plan(
        client,
        background="ml_practitioner",
        years_ml_experience=2,
        target_platform="databricks",
        goal="credential",
    )
    assert exam(body) == "databricks-ml-associate"
    assert [n["slug"] for n in body["next_credentials"]] == ["databricks-ml-professional"]
    assert body["next_credentials"][0]["tier"] == "professional"
    coverage = body["skill_coverage"]
    assert coverage["exam"] == "databricks-ml-associate"
    assert set(coverage["covered"]).isdisjoint(coverage["open"])
    for alternative in body["alternatives"]:
        assert alternative["cloud"] in {"gcp", "aws", "azure", "none"}
        assert alternative["platform"]


def test_the_link_gives_the_same_plan_with_platform_and_focus(client: TestClient) -> None:
    body = plan(
        client,
        background="ml_practitioner",
        years_ml_experience=3,
        years_cloud_experience=2,
        target_platform="aws",
        focus="genai_engineering",
    )
    assert exam(body) == "aws-genai-developer-professional"
    link = body["link"]
    assert "target_platform=aws" in link and "focus=genai_engineering" in link
    again = client.get(link.removeprefix("http://testserver"))
    assert again.status_code == 200
    assert again.json()["steps"] == body["steps"]


def test_an_unknown_focus_or_platform_is_a_422(client: TestClient) -> None:
    for field, value in (("focus", "quantum"), ("target_platform", "oracle")):
        response = client.post(
            "/recommendations",
            json={"background": "student", "years_ml_experience": 0, field: value},
        )
        assert response.status_code == 422
        assert [e["field"] for e in response.json()["errors"]] == [f"body.{field}"]
