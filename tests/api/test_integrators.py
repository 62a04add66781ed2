"""What frontend teams and career sites rely on: caching, incremental sync, JSON-LD, SVG."""

import xml.etree.ElementTree as ET
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.schemas import examples

PLAN = "/recommendations?background=software_engineer&years_ml_experience=0&target_cloud=aws"


@pytest.mark.parametrize(
    "path",
    [
        "/certifications",
        "/courses?level=intermediate",
        "/certifications/aws-ml-specialty",
        "/courses/ml-classification",
        PLAN,
    ],
)
def test_reads_revalidate_with_etags(client: TestClient, path: str) -> None:
    first = client.get(path)
    assert first.status_code == 200
    tag = first.headers["etag"]
    assert first.headers["cache-control"]
    again = client.get(path, headers={"If-None-Match": tag})
    assert again.status_code == 304
    assert again.content == b""
    assert again.headers["etag"] == tag
    assert client.get(path, headers={"If-None-Match": f"W/{tag}"}).status_code == 304
    assert client.get(path, headers={"If-None-Match": '"other"'}).status_code == 200


def test_cache_control_fits_each_read(client: TestClient) -> None:
    assert client.get("/courses").headers["cache-control"].startswith("public")
    assert client.get(PLAN).headers["cache-control"].startswith("private")


def test_a_list_etag_changes_when_the_catalog_does(
    client: TestClient, auth: dict[str, str]
) -> None:
    before = client.get("/courses").headers["etag"]
    tag = client.get("/courses/ml-classification").headers["etag"]
    client.patch(
        "/courses/ml-classification", json={"duration_hours": 23}, headers={**auth, "If-Match": tag}
    )
    assert client.get("/courses").headers["etag"] != before


def test_incremental_sync_with_updated_since_and_tombstones(
    client: TestClient, auth: dict[str, str]
) -> None:
    tag = client.get("/courses/ml-classification").headers["etag"]
    changed = client.patch(
        "/courses/ml-classification", json={"duration_hours": 22}, headers={**auth, "If-Match": tag}
    ).json()
    since = changed["updated_at"]

    page = client.get("/courses", params={"updated_since": since}).json()
    assert [c["slug"] for c in page["data"]] == ["ml-classification"]
    assert page["deleted"] is None

    tag = client.get("/courses/structuring-ml-projects").headers["etag"]
    assert (
        client.delete(
            "/courses/structuring-ml-projects", headers={**auth, "If-Match": tag}
        ).status_code
        == 204
    )
    synced = client.get(
        "/courses", params={"updated_since": since, "include_deleted": "true"}
    ).json()
    assert [d["slug"] for d in synced["deleted"]] == ["structuring-ml-projects"]
    assert synced["deleted"][0]["deleted_at"] >= since

    later = client.get(
        "/courses", params={"updated_since": "2999-01-01T00:00:00Z", "include_deleted": "true"}
    ).json()
    assert later["data"] == [] and later["deleted"] == []


def test_a_recreated_item_is_no_longer_a_tombstone(
    client: TestClient, auth: dict[str, str]
) -> None:
    created = client.post("/courses", json=examples.COURSE_IN, headers=auth)
    slug = examples.COURSE_IN["slug"]
    client.delete(f"/courses/{slug}", headers={**auth, "If-Match": created.headers["etag"]})
    deleted = client.get("/courses", params={"include_deleted": "true"}).json()["deleted"]
    assert slug in [d["slug"] for d in deleted]
    client.post("/courses", json=examples.COURSE_IN, headers=auth)
    deleted = client.get("/courses", params={"include_deleted": "true"}).json()["deleted"]
    assert slug not in [d["slug"] for d in deleted]


def test_updated_since_must_carry_a_timezone(client: TestClient) -> None:
    response = client.get("/certifications", params={"updated_since": "2026-11-20T00:00:00"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "query.updated_since"


def test_sort_by_updated_at_for_sync(client: TestClient) -> None:
    items = client.get("/courses", params={"sort": "updated_at", "limit": 100}).json()["data"]
    stamps = [c["updated_at"] for c in items]
    assert stamps == sorted(stamps)


def jsonld(client: TestClient, path: str) -> dict[str, Any]:
    response = client.get(path, headers={"Accept": "application/ld+json"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/ld+json")
    assert "Accept" in response.headers["vary"]
    body: dict[str, Any] = response.json()
    return body


def test_course_json_ld_has_what_googles_course_result_requires(client: TestClient) -> None:
    course = jsonld(client, "/courses/production-ml-systems")
    assert course["@context"] == "https://schema.org"
    assert course["@type"] == "Course"
    for required in ("name", "description", "provider", "offers", "hasCourseInstance"):
        assert course[required], required
    instance = course["hasCourseInstance"]
    instance = instance[0] if isinstance(instance, list) else instance
    assert instance["courseMode"]
    assert instance.get("courseWorkload") or instance.get("courseSchedule")
    offers = course["offers"]
    offers = offers if isinstance(offers, list) else [offers]
    assert all(offer.get("category") for offer in offers)


def test_certification_json_ld_is_an_educational_credential(client: TestClient) -> None:
    cert = jsonld(client, "/certifications/aws-ml-engineer-associate")
    assert cert["@type"] == "EducationalOccupationalCredential"
    for required in (
        "credentialCategory",
        "recognizedBy",
        "competencyRequired",
        "validFor",
        "offers",
    ):
        assert cert[required], required
    assert cert["credentialCategory"] == "certification"
    plain = client.get("/certifications/aws-ml-engineer-associate")
    assert plain.headers["content-type"] == "application/json"
    assert (
        plain.headers["etag"]
        != client.get(
            "/certifications/aws-ml-engineer-associate", headers={"Accept": "application/ld+json"}
        ).headers["etag"]
    )


@pytest.mark.parametrize(
    ("query", "headers"),
    [("&format=svg", {}), ("", {"Accept": "image/svg+xml"})],
)
def test_a_plan_as_an_svg_timeline(client: TestClient, query: str, headers: dict[str, str]) -> None:
    response = client.get(PLAN + query, headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(response.content)
    assert root.tag.endswith("svg")
    text = "".join(root.itertext())
    assert "Structuring Machine Learning Projects" in text
    assert "certification_retired" in text
    plan = client.get(PLAN).json()
    assert "format" not in plan["link"]


def test_format_must_be_known(client: TestClient) -> None:
    assert client.get(PLAN + "&format=png").status_code == 422


@pytest.mark.parametrize("value", ["0.5", "1700000000", "2026-11-20", "yesterday"])
def test_updated_since_is_rfc_3339_only(client: TestClient, value: str) -> None:
    response = client.get("/courses", params={"updated_since": value})
    assert response.status_code == 422
