"""Lists as schema.org ItemLists (Google's course carousel), paged like the JSON lists.

The properties checked are Google's published lists (Search Central, December 2026):
"Course list" (developers.google.com/search/docs/appearance/structured-data/course) for the
ItemList and its ListItems, and "Course info" (.../structured-data/course-info) for Course and
CourseInstance.
"""

from typing import Any

import pytest
from fastapi.testclient import TestClient

LD = {"Accept": "application/ld+json"}

# ItemList: itemListElement is required; each ListItem needs a position and either a url
# (a summary page pointing at detail pages) or an item (the whole course on the list's page).
ITEM_LIST_REQUIRED = ("itemListElement",)
LIST_ITEM_REQUIRED = ("@type", "position")
LIST_ITEM_ONE_OF = ("url", "item")
# Course: required by the course rich results; offers is recommended for the list and
# required with a category by course info, which this API always gives.
COURSE_REQUIRED = ("name", "description", "provider", "hasCourseInstance")
COURSE_RECOMMENDED = ("offers",)
COURSE_INSTANCE_REQUIRED = ("courseMode",)
COURSE_INSTANCE_ONE_OF = ("courseSchedule", "courseWorkload")
OFFER_CATEGORIES = {"Free", "Partially Free", "Subscription", "Paid"}


def item_list(client: TestClient, path: str, **params: Any) -> tuple[dict[str, Any], Any]:
    response = client.get(path, params=params, headers=LD)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/ld+json")
    assert "Accept" in response.headers["vary"]
    body: dict[str, Any] = response.json()
    assert body["@context"] == "https://schema.org"
    assert body["@type"] == "ItemList"
    for name in ITEM_LIST_REQUIRED:
        assert name in body, name
    for element in body["itemListElement"]:
        for name in LIST_ITEM_REQUIRED:
            assert name in element, name
        assert element["@type"] == "ListItem"
        assert any(element.get(name) for name in LIST_ITEM_ONE_OF)
        assert "@context" not in element["item"]
        assert element["url"] == element["item"]["@id"]
    return body, response


def assert_course(course: dict[str, Any]) -> None:
    assert course["@type"] == "Course"
    for name in (*COURSE_REQUIRED, *COURSE_RECOMMENDED):
        assert course.get(name), name
    assert course["provider"]["@type"] == "Organization" and course["provider"]["name"]
    for instance in course["hasCourseInstance"]:
        assert instance["@type"] == "CourseInstance"
        for name in COURSE_INSTANCE_REQUIRED:
            assert instance.get(name), name
        assert any(instance.get(name) for name in COURSE_INSTANCE_ONE_OF)
    for offer in course["offers"]:
        assert offer["@type"] == "Offer" and offer["category"] in OFFER_CATEGORIES


def test_courses_as_an_item_list_in_the_pages_order(client: TestClient) -> None:
    plain = client.get("/courses", params={"limit": 100}).json()
    body, _ = item_list(client, "/courses", limit=100)
    assert body["numberOfItems"] == plain["total"]
    elements = body["itemListElement"]
    assert [e["position"] for e in elements] == list(range(1, len(plain["data"]) + 1))
    assert [e["url"].rsplit("/", 1)[1] for e in elements] == [c["slug"] for c in plain["data"]]
    for element in elements:
        assert_course(element["item"])


def test_every_course_item_has_what_google_requires_alone_too(client: TestClient) -> None:
    body, _ = item_list(client, "/courses", limit=100)
    for element in body["itemListElement"]:
        alone = client.get(element["url"].removeprefix("http://testserver"), headers=LD).json()
        assert_course(alone)
        assert element["item"] == {k: v for k, v in alone.items() if k != "@context"}


def test_certifications_as_an_item_list(client: TestClient) -> None:
    body, _ = item_list(client, "/certifications", status="active", limit=5)
    assert len(body["itemListElement"]) == 5
    for element in body["itemListElement"]:
        credential = element["item"]
        assert credential["@type"] == "EducationalOccupationalCredential"
        assert credential["name"] and credential["description"] and credential["offers"]


@pytest.mark.parametrize("path", ["/courses", "/certifications"])
def test_item_lists_page_like_json(client: TestClient, path: str) -> None:
    whole, _ = item_list(client, path, sort="slug", limit=100)
    urls = [e["url"] for e in whole["itemListElement"]]
    first, response = item_list(client, path, sort="slug", limit=3)
    second, _ = item_list(client, path, sort="slug", limit=3, offset=3)
    assert "offset=3" in response.headers["link"]
    assert [e["position"] for e in second["itemListElement"]] == [4, 5, 6]
    paged = [e["url"] for e in first["itemListElement"] + second["itemListElement"]]
    assert paged == urls[:6]
    assert first["numberOfItems"] == second["numberOfItems"] == len(urls)


def test_filters_apply_and_facets_stay_json_only(client: TestClient) -> None:
    json_page = client.get("/courses", params={"level": "beginner"}).json()
    body, _ = item_list(client, "/courses", level="beginner", facets="level")
    assert body["numberOfItems"] == json_page["total"]
    assert "facets" not in body
    assert all(e["item"]["educationalLevel"] == "Beginner" for e in body["itemListElement"])


def test_json_ld_and_json_pages_are_kept_apart(client: TestClient) -> None:
    # The response cache keys on Accept: each representation keeps its own bytes and ETag.
    json_first = client.get("/courses?level=advanced")
    ld_first = client.get("/courses?level=advanced", headers=LD)
    json_again = client.get("/courses?level=advanced")
    ld_again = client.get("/courses?level=advanced", headers=LD)
    assert json_again.content == json_first.content
    assert ld_again.content == ld_first.content
    assert json_first.headers["etag"] != ld_first.headers["etag"]
    held = {"If-None-Match": ld_first.headers["etag"], **LD}
    assert client.get("/courses?level=advanced", headers=held).status_code == 304
    assert (
        client.get(
            "/courses?level=advanced", headers={"If-None-Match": ld_first.headers["etag"]}
        ).status_code
        == 200
    )


def test_an_empty_page_is_an_empty_item_list(client: TestClient) -> None:
    body, _ = item_list(client, "/courses", q="no such course anywhere")
    assert body["itemListElement"] == [] and body["numberOfItems"] == 0
