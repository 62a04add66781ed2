from fastapi.testclient import TestClient

from app.core.config import ROOT
from app.seeding.files import read_seed

# What the lists must hold is what the seed files say: the API is checked against them.
SEED = read_seed(ROOT / "seed")[0].certifications
VENDOR_EXAMS = {c.slug for c in SEED if c.kind == "vendor_exam"}


def seeded(**where: str) -> set[str]:
    def value(c: object, name: str) -> str:
        found = getattr(c, name)
        return str(getattr(found, "status", found))

    return {c.slug for c in SEED if all(value(c, k) == v for k, v in where.items())}


def slugs(body: dict) -> list[str]:  # type: ignore[type-arg]
    return [item["slug"] for item in body["data"]]


def test_list_has_every_vendor_exam_and_a_total(client: TestClient) -> None:
    response = client.get("/certifications", params={"kind": "vendor_exam", "limit": 100})
    assert response.status_code == 200
    body = response.json()
    assert set(slugs(body)) == VENDOR_EXAMS
    assert body["total"] == len(VENDOR_EXAMS)
    assert body["next"] is None
    assert "link" not in response.headers


def test_retired_exams_are_listed_with_status_and_hidden_by_status_active(
    client: TestClient,
) -> None:
    everything = client.get("/certifications", params={"cloud": "aws"}).json()
    statuses = {item["slug"]: item["lifecycle"]["status"] for item in everything["data"]}
    assert statuses == {c.slug: c.lifecycle.status for c in SEED if c.cloud == "aws"}
    assert statuses["aws-ml-specialty"] == "retired"

    active = client.get("/certifications", params={"cloud": "aws", "status": "active"}).json()
    assert set(slugs(active)) == {s for s, status in statuses.items() if status == "active"}
    assert "aws-ml-specialty" not in slugs(active)


def test_filters_narrow_the_list(client: TestClient) -> None:
    def get(**params: str) -> set[str]:
        return set(slugs(client.get("/certifications", params={**params, "limit": 100}).json()))

    everything = get()
    assert get(provider="microsoft") == seeded(issuer="microsoft")
    assert "azure-ai-apps-agents-developer-associate" in get(provider="microsoft")
    assert get(cloud="azure") == get(provider="microsoft")
    assert "google-professional-ml-engineer" in get(cloud="gcp")
    assert not get(cloud="gcp") & get(cloud="aws")
    course_certificates = get(kind="course_certificate")
    assert course_certificates
    assert course_certificates | get(kind="vendor_exam") == everything
    assert not course_certificates & VENDOR_EXAMS
    assert "azure-ai-engineer-associate" in get(discipline="ai_apps")
    assert "google-professional-ml-engineer" not in get(discipline="ai_apps")
    assert get(discipline="ai_apps") == seeded(discipline="ai_apps")
    assert "google-professional-ml-engineer" in get(skill="mlops")
    assert get(skill="no-such-skill") == set()
    assert get(cloud="aws", status="retired") == {"aws-ml-specialty"}
    assert get(platform="databricks") == seeded(platform="databricks")


def test_text_search_is_case_insensitive_and_literal(client: TestClient) -> None:
    def get(q: str) -> set[str]:
        return set(slugs(client.get("/certifications", params={"q": q, "limit": 100}).json()))

    assert get("azure") == get("AZURE")
    assert "azure-ai-engineer-associate" in get("Azure AI Engineer")
    assert get("zzz-nothing-like-this") == set()
    # LIKE wildcards are matched as the characters they are, not as patterns.
    items = client.get("/certifications", params={"limit": 100}).json()["data"]
    for wildcard in ("%", "_"):
        literal = {i["slug"] for i in items if wildcard in i["slug"] + i["name"] + i["description"]}
        assert get(wildcard) == literal
        assert len(literal) < len(items)


def test_pages_are_stable_and_linked(client: TestClient) -> None:
    everything = slugs(client.get("/certifications", params={"limit": 100}).json())
    seen: list[str] = []
    url: str | None = "/certifications?limit=2"
    while url:
        response = client.get(url)
        assert response.status_code == 200
        body = response.json()
        assert body["total"] == len(everything)
        seen += slugs(body)
        url = body["next"]
        if url:
            assert response.headers["link"] == f'<{url}>; rel="next"'
    assert seen == everything


def test_sort_orders_and_reverses(client: TestClient) -> None:
    def names(sort: str) -> list[str]:
        body = client.get("/certifications", params={"sort": sort, "limit": 100}).json()
        return [item["name"] for item in body["data"]]

    assert names("name") == sorted(names("name"), key=str.lower)
    assert names("-name") == list(reversed(names("name")))
    hardest = client.get("/certifications", params={"sort": "-difficulty"}).json()["data"][0]
    assert hardest["slug"] == "google-professional-ml-engineer"


def test_item_shows_successor_and_preparing_courses(client: TestClient) -> None:
    retired = client.get("/certifications/aws-ml-specialty").json()
    assert retired["lifecycle"]["status"] == "retired"
    assert retired["lifecycle"]["retired_on"] == "2026-03-31"
    assert retired["lifecycle"]["successor"]["slug"] == "aws-ml-engineer-associate"
    assert retired["proctored"] is True

    google = client.get("/certifications/google-professional-ml-engineer").json()
    preparing = {c["slug"]: c["closeness"] for c in google["prepared_by"]}
    assert preparing["production-ml-systems"] == "maps_to_exam_objectives"
    assert google["recommended_experience"] == {"years_ml": 3, "years_cloud": 1}
    assert google["exam"]["cost"] == {"amount": 200.0, "currency": "USD"}


def test_course_certificate_is_not_an_exam(client: TestClient) -> None:
    body = client.get("/certifications", params={"kind": "course_certificate"}).json()
    for item in body["data"]:
        assert item["proctored"] is False
        assert item["exam"] is None
    certificate = client.get("/certifications/google-ml-engineer-professional-certificate")
    assert "production-ml-systems" in [c["slug"] for c in certificate.json()["includes"]]


def test_unknown_slug_is_a_problem_404(client: TestClient) -> None:
    response = client.get("/certifications/no-such-exam")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 404
    assert "no-such-exam" in body["detail"]
