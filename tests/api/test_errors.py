import pytest
from fastapi.testclient import TestClient

PROBLEM = "application/problem+json"


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("/certifications?limit=0", "query.limit"),
        ("/certifications?limit=101", "query.limit"),
        ("/certifications?limit=-78000000000000000000000", "query.limit"),
        ("/certifications?offset=99999999999999999999999", "query.offset"),
        ("/certifications?offset=-1", "query.offset"),
        ("/certifications?limit=abc", "query.limit"),
        ("/certifications?cloud=oracle", "query.cloud"),
        ("/certifications?sort=popularity", "query.sort"),
        ("/certifications?q=" + "x" * 101, "query.q"),
        ("/certifications?skill=Not%20A%20Slug", "query.skill"),
        ("/courses?min_rating=11", "query.min_rating"),
        ("/courses?min_rating=nan", "query.min_rating"),
        ("/courses?min_rating=1e308", "query.min_rating"),
        ("/courses?level=expert", "query.level"),
        ("/courses/" + "a" * 65, "path.slug"),
        ("/courses/UPPER", "path.slug"),
    ],
)
def test_bad_input_is_a_422_naming_the_field(client: TestClient, path: str, field: str) -> None:
    response = client.get(path)
    assert response.status_code == 422
    assert response.headers["content-type"] == PROBLEM
    body = response.json()
    assert body["status"] == 422
    assert body["title"] == "Unprocessable Content" or body["title"] == "Unprocessable Entity"
    assert [e["field"] for e in body["errors"]] == [field]
    assert field in body["detail"]


def test_wrong_method_is_a_405_problem_with_allow(client: TestClient) -> None:
    response = client.delete("/certifications")
    assert response.status_code == 405
    assert response.headers["content-type"] == PROBLEM
    assert "GET" in response.headers["allow"]


def test_405_lists_every_method_of_a_path_served_by_several_routes(client: TestClient) -> None:
    response = client.delete("/recommendations")
    assert response.status_code == 405
    assert {m.strip() for m in response.headers["allow"].split(",")} >= {"GET", "POST"}


def test_unknown_path_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/nothing-here")
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["instance"] == "/nothing-here"


def test_a_problem_stays_small_whatever_the_request_holds(client: TestClient) -> None:
    # 150 unknown keys of 400 characters each (a body just within the profile's limit): the
    # answer must not echo 60 KB.
    profile = {"background": "student", "years_ml_experience": 0}
    profile |= {f"{i:03}" + "k" * 397: 1 for i in range(150)}
    body = client.post("/recommendations", json=profile).json()
    assert body["status"] == 422
    assert len(body["errors"]) == 100
    assert all(len(error["field"]) <= 300 for error in body["errors"])
    assert len(body["detail"]) <= 2000

    long_path = client.get("/" + "x" * 3000).json()
    assert long_path["status"] == 404
    assert "instance" not in long_path
