"""schema.org JSON-LD: what Google's course info rich result and credential readers require."""

import json
import re
from typing import Any

import pytest

from app.formats.jsonld import JSONLD_MEDIA_TYPE, certification_jsonld, course_jsonld
from app.schemas import examples
from app.schemas.catalog_out import CertificationOut, CourseOut

BASE = "https://certpath.example/"
ISO_HOURS = re.compile(r"^PT[1-9][0-9]*H$")
ISO_MONTHS = re.compile(r"^P[1-9][0-9]*M$")
# The values Google documents for a course offer's category.
OFFER_CATEGORIES = {"Free", "Partially Free", "Subscription", "Paid"}


def course(**changes: Any) -> CourseOut:
    return CourseOut.model_validate({**examples.COURSE, **changes})


def certification(**changes: Any) -> CertificationOut:
    return CertificationOut.model_validate({**examples.CERTIFICATION, **changes})


def as_json(doc: dict[str, Any]) -> dict[str, Any]:
    """The document as an integrator receives it: through JSON and back."""
    result: dict[str, Any] = json.loads(json.dumps(doc))
    return result


def assert_google_course(doc: dict[str, Any]) -> None:
    """Every property Google's course info rich result requires, with the values it accepts."""
    assert doc["@context"] == "https://schema.org"
    assert doc["@type"] == "Course"
    assert isinstance(doc["name"], str) and doc["name"]
    assert isinstance(doc["description"], str) and doc["description"]
    provider = doc["provider"]
    assert provider["@type"] == "Organization" and provider["name"]
    assert doc["offers"], "Google requires offers"
    for offer in doc["offers"]:
        assert offer["@type"] == "Offer"
        assert offer["category"] in OFFER_CATEGORIES
        if "price" in offer:
            assert isinstance(offer["price"], int | float) and offer["priceCurrency"]
    assert doc["hasCourseInstance"], "Google requires hasCourseInstance"
    for instance in doc["hasCourseInstance"]:
        assert instance["@type"] == "CourseInstance"
        assert instance["courseMode"] in {"Online", "Onsite", "Blended"}
        assert "courseWorkload" in instance or "courseSchedule" in instance
        assert ISO_HOURS.match(instance["courseWorkload"])


def assert_credential(doc: dict[str, Any]) -> None:
    assert doc["@context"] == "https://schema.org"
    assert doc["@type"] == "EducationalOccupationalCredential"
    assert doc["name"] and doc["description"] and doc["url"]
    assert doc["credentialCategory"] in {"certification", "certificate"}
    assert doc["recognizedBy"]["@type"] == "Organization" and doc["recognizedBy"]["name"]
    assert isinstance(doc["competencyRequired"], list)
    for offer in doc["offers"]:
        assert offer["@type"] == "Offer"


# --- courses ------------------------------------------------------------------------------


def test_media_type() -> None:
    assert JSONLD_MEDIA_TYPE == "application/ld+json"


def test_example_course_has_what_google_requires() -> None:
    doc = as_json(course_jsonld(course(), BASE))
    assert_google_course(doc)
    assert doc["@id"] == "https://certpath.example/courses/production-ml-systems"
    assert doc["url"] == examples.COURSE["url"]
    assert doc["name"] == examples.COURSE["title"]
    assert doc["provider"]["name"] == "Google Cloud"
    assert doc["publisher"]["name"] == "Coursera"
    assert doc["educationalLevel"] == "Advanced"
    assert [t["termCode"] for t in doc["teaches"]] == examples.COURSE["skills"]
    assert doc["dateModified"].startswith("2026-11-20T12:00:00")


def test_workload_is_the_course_hours() -> None:
    doc = course_jsonld(course(duration_hours=21), BASE)
    assert doc["hasCourseInstance"][0]["courseWorkload"] == "PT21H"


@pytest.mark.parametrize(
    ("level", "hours"), [("beginner", 20), ("intermediate", 30), ("advanced", 40)]
)
def test_workload_without_hours_is_the_recommenders_estimate(level: str, hours: int) -> None:
    doc = course_jsonld(course(duration_hours=None, level=level), BASE)
    assert doc["hasCourseInstance"][0]["courseWorkload"] == f"PT{hours}H"


def test_unknown_cost_still_makes_an_offer() -> None:
    doc = course_jsonld(course(cost=None), BASE)
    assert doc["offers"] == [
        {"@type": "Offer", "category": "Paid", "url": examples.COURSE["url"]},
    ]


@pytest.mark.parametrize(
    ("cost", "offer"),
    [
        ({"amount": 49.0, "currency": "USD"}, {"category": "Paid", "price": 49}),
        ({"amount": 19.99, "currency": "EUR"}, {"category": "Paid", "price": 19.99}),
        ({"amount": 0.0, "currency": "USD"}, {"category": "Free", "price": 0}),
        (
            {"amount": 59.0, "currency": "USD", "note": "Included in a Coursera subscription."},
            {"category": "Subscription", "price": 59},
        ),
    ],
)
def test_known_cost_gives_price_and_category(cost: dict[str, Any], offer: dict[str, Any]) -> None:
    doc = as_json(course_jsonld(course(cost=cost), BASE))
    assert_google_course(doc)
    (made,) = doc["offers"]
    assert made == {"@type": "Offer", "url": examples.COURSE["url"], **offer} | {
        "priceCurrency": cost["currency"]
    }


def test_rating_is_an_editorial_review_on_its_scale() -> None:
    doc = course_jsonld(course(rating={"value": 9.7, "scale": 10}), BASE)
    assert "aggregateRating" not in doc
    review = doc["review"]
    assert review["@type"] == "Review"
    assert review["reviewRating"] == {"@type": "Rating", "ratingValue": 9.7, "bestRating": 10}
    assert review["author"]["name"]
    assert "review" not in course_jsonld(course(rating=None), BASE)


def test_certificate_the_course_counts_towards() -> None:
    doc = course_jsonld(course(), BASE)
    assert doc["educationalCredentialAwarded"] == {
        "@type": "EducationalOccupationalCredential",
        "@id": "https://certpath.example/certifications/google-ml-engineer-professional-certificate",
        "name": "Machine Learning Engineer Professional Certificate",
        "credentialCategory": "certificate",
    }
    assert "educationalCredentialAwarded" not in course_jsonld(course(part_of=None), BASE)


def test_instructors_are_people() -> None:
    doc = course_jsonld(course(instructor="Emily Fox, Carlos Guestrin"), BASE)
    assert doc["hasCourseInstance"][0]["instructor"] == [
        {"@type": "Person", "name": "Emily Fox"},
        {"@type": "Person", "name": "Carlos Guestrin"},
    ]
    assert "instructor" not in course_jsonld(course(instructor=None), BASE)["hasCourseInstance"][0]


def test_base_url_with_or_without_slash() -> None:
    with_slash = course_jsonld(course(), "https://api.example/v1/")
    without = course_jsonld(course(), "https://api.example/v1")
    assert with_slash == without
    assert with_slash["@id"] == "https://api.example/v1/courses/production-ml-systems"


# --- certifications -----------------------------------------------------------------------


def test_example_certification_has_the_credential_properties() -> None:
    doc = as_json(certification_jsonld(certification(), BASE))
    assert_credential(doc)
    assert doc["@id"] == "https://certpath.example/certifications/aws-ml-engineer-associate"
    assert doc["url"] == examples.CERTIFICATION["url"]
    assert doc["credentialCategory"] == "certification"
    assert doc["recognizedBy"] == {"@type": "Organization", "name": "Amazon Web Services"}
    assert ISO_MONTHS.match(doc["validFor"])
    assert doc["validFor"] == "P36M"
    assert doc["offers"] == [
        {
            "@type": "Offer",
            "url": examples.CERTIFICATION["url"],
            "category": "Paid",
            "price": 150,
            "priceCurrency": "USD",
        }
    ]
    assert doc["identifier"] == {"@type": "PropertyValue", "propertyID": "exam", "value": "MLA-C01"}
    assert doc["creativeWorkStatus"] == "Active"
    assert "expires" not in doc
    assert doc["description"] == examples.CERTIFICATION["description"]


def test_competencies_are_the_exam_domains_then_the_skills() -> None:
    doc = certification_jsonld(certification(), BASE)
    domain, *skills = doc["competencyRequired"]
    assert domain == {
        "@type": "DefinedTerm",
        "name": "ML Model Development",
        "description": "26% of the exam",
    }
    assert skills == [
        {"@type": "DefinedTerm", "termCode": skill, "name": skill.replace("-", " ")}
        for skill in examples.CERTIFICATION["skills"]
    ]


def test_retired_certification_says_so_and_names_its_successor() -> None:
    doc = as_json(certification_jsonld(certification(lifecycle=examples.LIFECYCLE), BASE))
    assert_credential(doc)
    assert doc["creativeWorkStatus"] == "Retired"
    assert doc["expires"] == "2026-03-31"
    (offer,) = doc["offers"]
    assert offer["availability"] == "https://schema.org/Discontinued"
    assert offer["availabilityEnds"] == "2026-03-31"
    assert doc["description"].endswith(
        "Retired on 2026-03-31; succeeded by AWS Certified Machine Learning Engineer - Associate."
    )


def test_retiring_certification() -> None:
    lifecycle = {**examples.LIFECYCLE, "status": "retiring", "successor": None}
    doc = certification_jsonld(certification(lifecycle=lifecycle), BASE)
    assert doc["creativeWorkStatus"] == "Retiring"
    assert doc["expires"] == "2026-03-31"
    assert "availability" not in doc["offers"][0]
    assert doc["description"].endswith("Retiring on 2026-03-31.")


def test_not_yet_available_certification() -> None:
    lifecycle = {**examples.LIFECYCLE, "status": "active", "retired_on": None, "successor": None}
    doc = certification_jsonld(
        certification(lifecycle={**lifecycle, "available_from": "2027-01-15"}), BASE
    )
    assert doc["offers"][0]["availabilityStarts"] == "2027-01-15"


def test_course_certificate() -> None:
    doc = as_json(
        certification_jsonld(
            certification(
                kind="course_certificate",
                proctored=False,
                exam=None,
                exam_domains=[],
                issuer={"slug": "coursera", "name": "Coursera", "kind": "learning_platform"},
            ),
            BASE,
        )
    )
    assert_credential(doc)
    assert doc["credentialCategory"] == "certificate"
    assert doc["recognizedBy"]["name"] == "Coursera"
    # No exam: no validity period, price or code to state; the offer still links the page.
    assert "validFor" not in doc
    assert "identifier" not in doc
    assert doc["offers"] == [{"@type": "Offer", "url": examples.CERTIFICATION["url"]}]
