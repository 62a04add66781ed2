"""Maintainers' writes through the API: auth, validation, ETags, idempotency and audit."""

import copy
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.schemas import examples

NEW_CERT = examples.CERTIFICATION_IN
NEW_COURSE = examples.COURSE_IN
PROBLEM = "application/problem+json"

# Every write, with a body that would be accepted with a good key and a current ETag.
WRITES = [
    ("POST", "/certifications", NEW_CERT),
    ("PUT", "/certifications/aws-ml-engineer-associate", None),
    ("PATCH", "/certifications/aws-ml-engineer-associate", {"difficulty": 3}),
    ("DELETE", f"/certifications/{NEW_CERT['slug']}", None),
    ("POST", "/courses", NEW_COURSE),
    ("PUT", "/courses/ml-classification", None),
    ("PATCH", "/courses/ml-classification", {"duration_hours": 22}),
    ("DELETE", "/courses/ml-classification", None),
]


def current(client: TestClient, path: str) -> tuple[str, dict[str, Any]]:
    response = client.get(path)
    assert response.status_code == 200
    return response.headers["etag"], response.json()


def as_input(kind: str, item: dict[str, Any]) -> dict[str, Any]:
    """The read representation turned back into a write body."""
    body = {k: v for k, v in item.items() if k not in {"prepared_by", "includes", "updated_at"}}
    if kind == "certifications":
        body["issuer"] = item["issuer"]["slug"]
        successor = item["lifecycle"]["successor"]
        body["lifecycle"] = {**item["lifecycle"], "successor": successor and successor["slug"]}
    else:
        body["provider"], body["platform"] = item["provider"]["slug"], item["platform"]["slug"]
        body["part_of"] = item["part_of"] and item["part_of"]["slug"]
        body["prepares_for"] = [
            {"certification": p["slug"], "closeness": p["closeness"]} for p in item["prepares_for"]
        ]
    return body


def send(client: TestClient, method: str, path: str, body: Any, headers: dict[str, str]) -> Any:
    if method in {"PUT", "PATCH", "DELETE"}:
        tag, item = current(client, path)
        headers = {"If-Match": tag, **headers}
        if method == "PUT":
            body = as_input(path.split("/")[1], item)
    return client.request(method, path, json=body, headers=headers)


@pytest.mark.parametrize(("method", "path", "body"), WRITES)
@pytest.mark.parametrize("who", ["nobody", "bad", "revoked", "maintainer"])
def test_auth_matrix(
    client: TestClient,
    keys: dict[str, str],
    method: str,
    path: str,
    body: Any,
    who: str,
) -> None:
    headers = {
        "nobody": {},
        "bad": {"Authorization": "Bearer cpk_0123456789abcdef_" + "x" * 43},
        "revoked": {"Authorization": f"Bearer {keys['revoked']}"},
        "maintainer": {"Authorization": f"Bearer {keys['maintainer']}"},
    }[who]
    if method == "DELETE" and NEW_CERT["slug"] in path:
        # Every seed certification is referred to by another item; delete a new one.
        maintainer = {"Authorization": f"Bearer {keys['maintainer']}"}
        assert client.post("/certifications", json=NEW_CERT, headers=maintainer).status_code == 201
    response = send(client, method, path, body, headers)
    if who == "maintainer":
        assert response.status_code in {200, 201, 204}, response.text
        return
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert response.headers["content-type"] == PROBLEM
    assert client.get(f"/courses/{NEW_COURSE['slug']}").status_code == 404  # nothing written


def test_a_key_in_the_url_is_never_accepted(client: TestClient, keys: dict[str, str]) -> None:
    key = keys["maintainer"]
    for query in ({"access_token": key}, {"api_key": key}, {"key": key}):
        response = client.post("/certifications", params=query, json=NEW_CERT)
        assert response.status_code == 401


def test_audit_is_for_maintainers_only(client: TestClient, auth: dict[str, str]) -> None:
    assert client.get("/audit").status_code == 401
    assert client.get("/audit", headers=auth).status_code == 200


def test_create_then_read_and_see_the_version_move(
    client: TestClient, auth: dict[str, str]
) -> None:
    before = client.post(
        "/recommendations", json={"background": "student", "years_ml_experience": 0}
    )
    response = client.post("/courses", json=NEW_COURSE, headers=auth)
    assert response.status_code == 201
    assert response.headers["location"] == f"/courses/{NEW_COURSE['slug']}"
    created = client.get(response.headers["location"])
    assert created.status_code == 200
    assert created.headers["etag"] == response.headers["etag"]
    assert created.json()["prepares_for"][0]["slug"] == "google-professional-ml-engineer"
    after = client.post(
        "/recommendations", json={"background": "student", "years_ml_experience": 0}
    )
    assert after.json()["catalog_version"] != before.json()["catalog_version"]


def test_put_needs_a_current_etag(client: TestClient, auth: dict[str, str]) -> None:
    path = "/courses/ml-classification"
    tag, item = current(client, path)
    body = {**as_input("courses", item), "duration_hours": 30}

    missing = client.put(path, json=body, headers=auth)
    assert missing.status_code == 428
    stale = client.put(path, json=body, headers={**auth, "If-Match": '"not-the-etag"'})
    assert stale.status_code == 412
    assert current(client, path) == (tag, item)

    done = client.put(path, json=body, headers={**auth, "If-Match": tag})
    assert done.status_code == 200
    assert done.json()["duration_hours"] == 30
    assert done.headers["etag"] != tag
    again = client.put(path, json=body, headers={**auth, "If-Match": tag})
    assert again.status_code == 412


def test_conditional_get(client: TestClient) -> None:
    tag, _ = current(client, "/certifications/aws-ml-specialty")
    response = client.get("/certifications/aws-ml-specialty", headers={"If-None-Match": tag})
    assert response.status_code == 304
    assert response.content == b""
    other = client.get("/certifications/aws-ml-specialty", headers={"If-None-Match": '"old"'})
    assert other.status_code == 200


def test_retire_an_exam_with_a_patch_of_its_lifecycle(
    client: TestClient, auth: dict[str, str]
) -> None:
    created = client.post("/certifications", json=NEW_CERT, headers=auth)
    assert created.status_code == 201
    path = "/certifications/aws-ml-engineer-associate"
    tag, _ = current(client, path)
    patch = {
        "lifecycle": {
            "status": "retired",
            "retired_on": "2026-11-01",
            "successor": NEW_CERT["slug"],
        }
    }
    response = client.patch(
        path,
        json=patch,
        headers={**auth, "If-Match": tag, "Content-Type": "application/merge-patch+json"},
    )
    assert response.status_code == 200, response.text
    lifecycle = response.json()["lifecycle"]
    assert lifecycle["status"] == "retired"
    assert lifecycle["successor"]["slug"] == NEW_CERT["slug"]
    assert response.json()["difficulty"] == 3  # untouched fields stay

    plan = client.post(
        "/recommendations",
        json={
            "background": "ml_practitioner",
            "years_ml_experience": 5,
            "target_cloud": "aws",
            "goal": "credential",
            "as_of": "2026-11-20",
        },
    ).json()
    exams = [s["slug"] for s in plan["steps"] if s["kind"] == "certification"]
    assert exams == [NEW_CERT["slug"]]
    retired = [w["slug"] for w in plan["warnings"] if w["code"] == "certification_retired"]
    assert "aws-ml-engineer-associate" in retired


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"issuer": "nobody-we-know"}, "body.issuer"),
        (
            {"lifecycle": {"status": "active", "successor": "no-such-exam"}},
            "body.lifecycle.successor",
        ),
        ({"slug": "Not A Slug"}, "body.slug"),
        ({"difficulty": 9}, "body.difficulty"),
        ({"proctored": False}, "body.proctored"),
        ({"unexpected": 1}, "body.unexpected"),
        ({"name": "x" * 201}, "body.name"),
        ({"lifecycle": {"status": "retired"}}, "body.lifecycle"),
    ],
)
def test_invalid_certifications_are_422s_naming_the_field(
    client: TestClient, auth: dict[str, str], change: dict[str, Any], field: str
) -> None:
    body = {**copy.deepcopy(NEW_CERT), **change}
    response = client.post("/certifications", json=body, headers=auth)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == PROBLEM
    assert field in [e["field"] for e in response.json()["errors"]]
    assert client.get(f"/certifications/{NEW_CERT['slug']}").status_code == 404


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (
            {"prepares_for": [{"certification": "nope-exam", "closeness": "supporting"}]},
            "body.prepares_for.0.certification",
        ),
        ({"part_of": "aws-ml-engineer-associate"}, "body.part_of"),
        ({"platform": "nowhere"}, "body.platform"),
        ({"audience": []}, "body.audience"),
    ],
)
def test_invalid_courses_are_422s(
    client: TestClient, auth: dict[str, str], change: dict[str, Any], field: str | None
) -> None:
    response = client.post("/courses", json={**NEW_COURSE, **change}, headers=auth)
    assert response.status_code == 422, response.text
    if field:
        assert field in [e["field"] for e in response.json()["errors"]]


def test_a_bad_patch_changes_nothing(client: TestClient, auth: dict[str, str]) -> None:
    path = "/certifications/google-professional-ml-engineer"
    tag, item = current(client, path)
    version = client.get("/audit", headers=auth).json()["total"]
    response = client.patch(path, json={"difficulty": 0}, headers={**auth, "If-Match": tag})
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["body.difficulty"]
    assert current(client, path) == (tag, item)
    assert client.get("/audit", headers=auth).json()["total"] == version


def test_put_cannot_rename(client: TestClient, auth: dict[str, str]) -> None:
    path = "/courses/ml-classification"
    tag, item = current(client, path)
    body = {**as_input("courses", item), "slug": "renamed-course"}
    response = client.put(path, json=body, headers={**auth, "If-Match": tag})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "body.slug"


def test_delete_refused_while_referenced_then_allowed(
    client: TestClient, auth: dict[str, str]
) -> None:
    path = "/certifications/google-ml-engineer-professional-certificate"
    response = client.delete(
        "/certifications/aws-ml-engineer-associate", headers={**auth, "If-Match": "*"}
    )
    assert response.status_code == 409
    assert "aws-ml-specialty" in response.json()["detail"]
    assert "cluster-analysis-unsupervised-ml-python" in response.json()["detail"]

    blocked = client.delete(path, headers={**auth, "If-Match": "*"})
    assert blocked.status_code == 409
    assert "production-ml-systems" in blocked.json()["detail"]

    course = "/courses/production-ml-systems"
    tag, _ = current(client, course)
    assert client.delete(course, headers={**auth, "If-Match": tag}).status_code == 204
    assert client.get(course).status_code == 404
    tag, _ = current(client, path)
    assert client.delete(path, headers={**auth, "If-Match": tag}).status_code == 204
    assert client.get(path).status_code == 404


def test_idempotency_key_replays_the_first_answer(client: TestClient, auth: dict[str, str]) -> None:
    headers = {**auth, "Idempotency-Key": "add-mlops-course-1"}
    first = client.post("/courses", json=NEW_COURSE, headers=headers)
    again = client.post("/courses", json=NEW_COURSE, headers=headers)
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.json() == first.json()
    assert again.headers["etag"] == first.headers["etag"]
    assert again.headers["idempotent-replayed"] == "true"
    assert client.get("/courses", params={"q": "MLOps"}).json()["total"] == 1
    events = client.get("/audit", headers=auth, params={"slug": NEW_COURSE["slug"]}).json()
    assert events["total"] == 1

    other = client.post("/courses", json={**NEW_COURSE, "title": "Else"}, headers=headers)
    assert other.status_code == 422
    assert other.json()["errors"][0]["field"] == "header.Idempotency-Key"


def test_audit_records_who_when_and_what(client: TestClient, auth: dict[str, str]) -> None:
    path = "/courses/ml-classification"
    tag, before = current(client, path)
    client.patch(path, json={"duration_hours": 25}, headers={**auth, "If-Match": tag})
    client.post("/certifications", json=NEW_CERT, headers=auth)

    everything = client.get("/audit", headers=auth).json()
    assert [(e["action"], e["slug"]) for e in everything["data"][:2]] == [
        ("create", NEW_CERT["slug"]),
        ("update", "ml-classification"),
    ]
    page = client.get(
        "/audit", headers=auth, params={"item_kind": "course", "slug": "ml-classification"}
    ).json()
    # Newest first: the maintainer's change, then the seed's load that made the item.
    assert [(e["actor"], e["action"]) for e in page["data"]] == [
        ("maintainer", "update"),
        ("seed", "create"),
    ]
    event = page["data"][0]
    assert event["actor"] == "maintainer"
    assert event["at"].endswith("Z") or "+00:00" in event["at"]
    assert event["before"]["duration_hours"] == before["duration_hours"]
    assert event["after"]["duration_hours"] == 25
    created = client.get("/audit", headers=auth, params={"slug": NEW_CERT["slug"]}).json()
    assert created["data"][0]["before"] is None


def test_a_body_that_is_not_json_is_a_415(client: TestClient, auth: dict[str, str]) -> None:
    form = client.post(
        "/courses",
        content=b"slug=x",
        headers={**auth, "Content-Type": "application/x-www-form-urlencoded"},
    )
    assert form.status_code == 415
    assert form.headers["content-type"] == PROBLEM
    tag, _ = current(client, "/courses/ml-classification")
    text = client.patch(
        "/courses/ml-classification",
        content=b"{}",
        headers={**auth, "If-Match": tag, "Content-Type": "text/plain"},
    )
    assert text.status_code == 415
