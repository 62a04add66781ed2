from fastapi.testclient import TestClient

from app.core.config import ROOT
from app.seeding.files import read_seed

# The lists are checked against what the seed files say.
SEED = read_seed(ROOT / "seed")[0].courses

ARTICLE_COURSES = {
    "production-ml-systems",
    "structuring-ml-projects",
    "applied-ml-in-python",
    "ml-classification",
    "cluster-analysis-unsupervised-ml-python",
}


def get(client: TestClient, **params: object) -> list[str]:
    response = client.get("/courses", params={**params, "limit": 100})
    assert response.status_code == 200, response.text
    return [item["slug"] for item in response.json()["data"]]


def test_every_article_course_is_listed_best_rated_first(client: TestClient) -> None:
    body = client.get("/courses", params={"limit": 100}).json()
    assert {c["slug"] for c in body["data"]} >= ARTICLE_COURSES
    ratings = [c["rating"]["value"] / c["rating"]["scale"] for c in body["data"] if c["rating"]]
    assert ratings == sorted(ratings, reverse=True)
    # The best rated share (9.8 of 10) is tied; the slug settles the order.
    best = {c.slug for c in SEED if c.rating and c.rating.value / c.rating.scale == ratings[0]}
    assert "structuring-ml-projects" in best
    assert body["data"][0]["slug"] == min(best)


def test_filters(client: TestClient) -> None:
    assert (
        set(get(client, audience="software_engineer"))
        == {c.slug for c in SEED if "software_engineer" in c.audience}
        >= {"structuring-ml-projects", "applied-ml-in-python"}
    )
    assert get(client, level="advanced") == ["production-ml-systems"]
    assert "production-ml-systems" in get(client, skill="mlops")
    assert "ml-classification" not in get(client, skill="mlops")
    assert (
        set(get(client, prepares_for="google-professional-ml-engineer"))
        == {
            c.slug
            for c in SEED
            if "google-professional-ml-engineer" in (p.certification for p in c.prepares_for)
        }
        >= {"production-ml-systems", "cluster-analysis-unsupervised-ml-python"}
    )
    assert get(client, prepares_for="azure-ai-engineer-associate") == []

    def rated(minimum: float) -> set[str]:
        return {
            c.slug for c in SEED if c.rating and c.rating.value * 10 >= minimum * c.rating.scale
        }

    assert "structuring-ml-projects" in set(get(client, min_rating=9.8)) == rated(9.8)
    assert set(get(client, min_rating=9.7)) == rated(9.7) >= ARTICLE_COURSES
    assert get(client, provider="udemy") == ["cluster-analysis-unsupervised-ml-python"]
    assert "production-ml-systems" in get(client, provider="google-cloud")
    assert get(client, q="SCIKIT") == get(client, q="scikit")


def test_sorts(client: TestClient) -> None:
    titles = get(client, sort="title")
    assert get(client, sort="-title") == list(reversed(titles))
    assert sorted(get(client, sort="slug")) == get(client, sort="slug")


def test_item_lists_what_it_prepares_for_and_is_part_of(client: TestClient) -> None:
    response = client.get("/courses/production-ml-systems")
    assert response.status_code == 200
    course = response.json()
    assert course["part_of"]["slug"] == "google-ml-engineer-professional-certificate"
    assert course["part_of"]["kind"] == "course_certificate"
    assert {p["slug"]: p["closeness"] for p in course["prepares_for"]} == {
        "google-professional-ml-engineer": "maps_to_exam_objectives"
    }
    assert course["rating"] == {"value": 9.7, "scale": 10}
    assert course["level"] == "advanced"


def test_clustering_course_prepares_for_the_retired_aws_exam_and_says_so(
    client: TestClient,
) -> None:
    course = client.get("/courses/cluster-analysis-unsupervised-ml-python").json()
    statuses = {p["slug"]: p["status"] for p in course["prepares_for"]}
    assert statuses["aws-ml-specialty"] == "retired"
    assert statuses["aws-ml-engineer-associate"] == "active"


def test_unknown_course_is_404(client: TestClient) -> None:
    response = client.get("/courses/no-such-course")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
