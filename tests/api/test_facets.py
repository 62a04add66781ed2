"""Facet counts beside a page: each equals counting, by hand, the list the other filters give."""

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.api.facets import FACETS_MAX_LENGTH
from app.schemas.catalog_out import FACET_MAX_VALUES

CERTIFICATION_FACETS = ("provider", "kind", "platform", "tier", "status", "discipline")
COURSE_FACETS = ("provider", "level", "skill", "audience", "prepares_for")

Labels = Callable[[dict[str, Any]], list[str]]

# What each facet counts, read from an item as the API shows it.
CERTIFICATION_LABELS: dict[str, Labels] = {
    "provider": lambda c: [c["issuer"]["slug"]],
    "kind": lambda c: [c["kind"]],
    "platform": lambda c: [c["platform"]],
    "tier": lambda c: [c["tier"]] if c["tier"] else [],
    "status": lambda c: [c["lifecycle"]["status"]],
    "discipline": lambda c: [c["discipline"]],
}
COURSE_LABELS: dict[str, Labels] = {
    # A course's provider filter matches who made it and where it is hosted.
    "provider": lambda c: list(dict.fromkeys([c["provider"]["slug"], c["platform"]["slug"]])),
    "level": lambda c: [c["level"]],
    "skill": lambda c: c["skills"],
    "audience": lambda c: c["audience"],
    "prepares_for": lambda c: [p["slug"] for p in c["prepares_for"]],
}


def every_item(client: TestClient, path: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """The whole filtered list, page by page."""
    items: list[dict[str, Any]] = []
    offset = 0
    while True:
        response = client.get(path, params={**params, "limit": 100, "offset": offset})
        assert response.status_code == 200, response.text
        body = response.json()
        items += body["data"]
        if body["next"] is None:
            return items
        offset += 100


def by_hand(
    client: TestClient,
    path: str,
    params: dict[str, Any],
    name: str,
    labels: Labels,
) -> list[dict[str, Any]]:
    """The facet's counts as a client would make them: list with every filter but the
    facet's own, count each value, most first, ties by value."""
    others = {key: value for key, value in params.items() if key != name}
    counts = Counter(value for item in every_item(client, path, others) for value in labels(item))
    ranked = sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))
    return [{"value": v, "count": n} for v, n in ranked[:FACET_MAX_VALUES]]


def check_facets(
    client: TestClient, path: str, params: dict[str, Any], every: dict[str, Labels]
) -> None:
    asked = {key: value for key, value in params.items() if value is not None}
    response = client.get(path, params={**asked, "facets": ",".join(every)})
    assert response.status_code == 200, response.text
    facets = response.json()["facets"]
    assert list(facets) == list(every)
    for name, labels in every.items():
        assert facets[name] == by_hand(client, path, asked, name, labels), name


SETTINGS = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@given(
    params=st.fixed_dictionaries(
        {
            "provider": st.sampled_from([None, "aws", "google-cloud", "microsoft", "databricks"]),
            "kind": st.sampled_from([None, "vendor_exam", "course_certificate"]),
            "platform": st.sampled_from([None, "aws", "gcp", "azure", "none"]),
            "tier": st.sampled_from([None, "associate", "professional", "foundational"]),
            "status": st.sampled_from([None, "active", "retired"]),
            "discipline": st.sampled_from([None, "ml_engineering", "mlops"]),
            "skill": st.sampled_from([None, "mlops", "generative-ai"]),
            "q": st.sampled_from([None, "machine", "engineer", "ai"]),
        }
    )
)
@SETTINGS
def test_certification_facets_count_the_list_under_the_other_filters(
    client: TestClient, params: dict[str, Any]
) -> None:
    check_facets(client, "/certifications", params, CERTIFICATION_LABELS)


@given(
    params=st.fixed_dictionaries(
        {
            "provider": st.sampled_from([None, "coursera", "google-cloud", "udemy"]),
            "level": st.sampled_from([None, "beginner", "intermediate", "advanced"]),
            "skill": st.sampled_from([None, "mlops", "supervised-learning", "python"]),
            "audience": st.sampled_from([None, "software_engineer", "data_scientist"]),
            "prepares_for": st.sampled_from([None, "google-professional-ml-engineer"]),
            "min_rating": st.sampled_from([None, 9.0, 9.5]),
            "q": st.sampled_from([None, "learning", "ml"]),
        }
    )
)
@SETTINGS
def test_course_facets_count_the_list_under_the_other_filters(
    client: TestClient, params: dict[str, Any]
) -> None:
    check_facets(client, "/courses", params, COURSE_LABELS)


def test_a_facets_own_filter_leaves_its_other_values_countable(client: TestClient) -> None:
    body = client.get("/courses", params={"level": "beginner", "facets": "level"}).json()
    levels = {facet["value"] for facet in body["facets"]["level"]}
    assert levels == {"beginner", "intermediate", "advanced"}
    beginner = next(f for f in body["facets"]["level"] if f["value"] == "beginner")
    assert beginner["count"] == body["total"]


def test_without_facets_the_page_says_null(client: TestClient) -> None:
    assert client.get("/courses").json()["facets"] is None
    only = client.get("/certifications", params={"facets": "tier"}).json()["facets"]
    assert only["tier"] and only["provider"] is None


def test_repeated_facets_are_counted_once(client: TestClient) -> None:
    once = client.get("/courses", params={"facets": "level"}).json()["facets"]
    twice = client.get("/courses", params={"facets": "level,level"}).json()["facets"]
    assert once == twice


@pytest.mark.parametrize(
    ("path", "facets", "named"),
    [
        ("/courses", "level,colour", ["'colour'"]),
        ("/courses", "kind", ["'kind'"]),  # a certification facet
        ("/certifications", "skill,nope,nope", ["'skill'", "'nope'"]),
        ("/certifications", "tier,", ["''"]),
    ],
)
def test_unknown_facets_are_a_422_naming_them(
    client: TestClient, path: str, facets: str, named: list[str]
) -> None:
    response = client.get(path, params={"facets": facets})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    [error] = response.json()["errors"]
    assert error["field"] == "query.facets"
    for name in named:
        assert f"unknown facet {name}" in error["message"] or f", {name}" in error["message"]
    assert error["message"].count("'nope'") <= 1


@pytest.mark.parametrize("facets", ["", "x" * (FACETS_MAX_LENGTH + 1)])
def test_facets_is_bounded(client: TestClient, facets: str) -> None:
    response = client.get("/courses", params={"facets": facets})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "query.facets"


def test_facet_pages_are_kept_and_revalidate(client: TestClient) -> None:
    path = "/courses?level=beginner&facets=provider,skill"
    first = client.get(path)
    again = client.get(path)
    assert again.content == first.content
    assert client.get(path, headers={"If-None-Match": first.headers["etag"]}).status_code == 304
    plain = client.get("/courses?level=beginner")
    assert plain.json()["facets"] is None and plain.headers["etag"] != first.headers["etag"]
