"""schema.org JSON-LD for courses and certifications, as search engines and career sites read it.

A course is a `Course` with what Google's course info rich result requires: `name`,
`description`, `provider`, `offers` (each with a `category`) and `hasCourseInstance` (with
`courseMode` and `courseWorkload`). A certification is an `EducationalOccupationalCredential`
with `credentialCategory`, `recognizedBy`, `competencyRequired`, `validFor` and `offers`.

Choices where the catalog has no exact figure, so that integrators know what they read:

- Offer `category` (Google's values: Free, Partially Free, Subscription, Paid): `Free` for a
  cost of 0, `Subscription` when the cost's note mentions a subscription, otherwise `Paid`.
  When the catalog has no cost the offer still names the course page and says `Paid` with no
  price: Google requires an offer, and saying "free" without knowing would mislead.
- `courseWorkload` is the course's `duration_hours` as an ISO 8601 duration (`PT21H`). When the
  catalog has no figure it is the recommender's estimate for the course's level (20 h beginner,
  30 h intermediate, 40 h advanced; `app.recommender.schedule`), the same hours a recommended
  path schedules for it.
- The catalog's rating is one editorial rating from the source article, not an average of
  learners' ratings with a count, so it is a `review` with a `reviewRating` (`bestRating` is
  the scale) rather than an `aggregateRating`: Google rejects an `aggregateRating` without
  `ratingCount` or `reviewCount`. The review's author is the catalog that publishes it.
- `educationalCredentialAwarded` names the course certificate the course counts towards
  (`part_of`); schema.org has no narrower "counts towards" property.
- A credential's lifecycle: `creativeWorkStatus` is `Active`, `Retiring` or `Retired`;
  `expires` and the offer's `availabilityEnds` are the retirement date; a retired credential's
  offer is `Discontinued`; and for a retiring or retired one the description ends with a
  sentence naming the date and the successor, for readers that show only the text.
- `validFor` is the exam's validity in months (`P36M`); it is left out when the catalog does
  not know it (course certificates do not expire). `educationalLevel` is left out: difficulty
  (1-5) is not an education level.
- `@id` is the item's address in this API; `url` is the page at the issuer or platform.

A page of a list is an `ItemList` (the shape of Google's course carousel, "all-in-one page"):
each `ListItem` has its `position` in the whole list (so the second page of 20 starts at 21),
`url`, the item's address in this API, and `item`, the item's own document as above.
`numberOfItems` is how many items the list holds over all its pages.
"""

from typing import Any

from app.recommender.schedule import DEFAULT_COURSE_HOURS, FALLBACK_COURSE_HOURS
from app.recommender.vocabulary import CertificationKind, LifecycleStatus
from app.schemas.catalog_in import CourseCost, Money
from app.schemas.catalog_out import (
    CertificationOut,
    CertificationRef,
    CourseOut,
    ProviderRef,
)

JSONLD_MEDIA_TYPE = "application/ld+json"
SCHEMA_ORG = "https://schema.org"

JsonLd = dict[str, Any]

CREDENTIAL_CATEGORY = {
    CertificationKind.vendor_exam: "certification",
    CertificationKind.course_certificate: "certificate",
}
STATUS = {
    LifecycleStatus.active: "Active",
    LifecycleStatus.retiring: "Retiring",
    LifecycleStatus.retired: "Retired",
}


def course_jsonld(course: CourseOut, base_url: str) -> JsonLd:
    """The course as a schema.org `Course`, with an `@id` under `base_url` (this API's root)."""
    doc: JsonLd = {
        "@context": SCHEMA_ORG,
        "@type": "Course",
        "@id": _item_id(base_url, "courses", course.slug),
        "url": course.url,
        "name": course.title,
        "description": course.description,
        "provider": _organization(course.provider),
        "publisher": _organization(course.platform),
        "offers": [_course_offer(course)],
        "hasCourseInstance": [_course_instance(course)],
        "educationalLevel": course.level.value.capitalize(),
        "teaches": [_term(skill) for skill in course.skills],
        "dateModified": course.updated_at.isoformat(),
    }
    if course.rating is not None:
        doc["review"] = {
            "@type": "Review",
            "reviewRating": {
                "@type": "Rating",
                "ratingValue": course.rating.value,
                "bestRating": course.rating.scale,
            },
            "author": {"@type": "Organization", "name": "certpath", "url": _root(base_url)},
        }
    if course.part_of is not None:
        doc["educationalCredentialAwarded"] = _credential_ref(course.part_of, base_url)
    return doc


def certification_jsonld(cert: CertificationOut, base_url: str) -> JsonLd:
    """The certification as a schema.org `EducationalOccupationalCredential`."""
    lifecycle = cert.lifecycle
    doc: JsonLd = {
        "@context": SCHEMA_ORG,
        "@type": "EducationalOccupationalCredential",
        "@id": _item_id(base_url, "certifications", cert.slug),
        "url": cert.url,
        "name": cert.name,
        "description": _credential_description(cert),
        "credentialCategory": CREDENTIAL_CATEGORY[cert.kind],
        "recognizedBy": _organization(cert.issuer),
        "competencyRequired": [
            *(_exam_domain(d.name, d.weight_percent) for d in cert.exam_domains),
            *(_term(skill) for skill in cert.skills),
        ],
        "offers": [_credential_offer(cert)],
        "creativeWorkStatus": STATUS[lifecycle.status],
        "dateModified": cert.updated_at.isoformat(),
    }
    exam = cert.exam
    if exam is not None and exam.validity_months is not None:
        doc["validFor"] = f"P{exam.validity_months}M"
    if exam is not None and exam.code is not None:
        doc["identifier"] = {"@type": "PropertyValue", "propertyID": "exam", "value": exam.code}
    if lifecycle.retired_on is not None:
        doc["expires"] = lifecycle.retired_on.isoformat()
    return doc


def _root(base_url: str) -> str:
    return base_url.rstrip("/")


def _item_id(base_url: str, collection: str, slug: str) -> str:
    return f"{_root(base_url)}/{collection}/{slug}"


def _organization(ref: ProviderRef) -> JsonLd:
    # ProviderRef carries no web address, so there is no `sameAs` to give.
    return {"@type": "Organization", "name": ref.name}


def _term(skill: str) -> JsonLd:
    """A catalog skill (a slug such as `model-deployment`) as a defined term."""
    return {"@type": "DefinedTerm", "termCode": skill, "name": skill.replace("-", " ")}


def _exam_domain(name: str, weight_percent: int | None) -> JsonLd:
    term: JsonLd = {"@type": "DefinedTerm", "name": name}
    if weight_percent is not None:
        term["description"] = f"{weight_percent}% of the exam"
    return term


def _price(offer: JsonLd, money: Money) -> None:
    # Whole amounts as integers, so that 150.0 reads as 150.
    amount = money.amount
    offer["price"] = int(amount) if float(amount).is_integer() else amount
    offer["priceCurrency"] = money.currency


def _course_offer(course: CourseOut) -> JsonLd:
    offer: JsonLd = {"@type": "Offer", "category": _course_category(course.cost), "url": course.url}
    if course.cost is not None:
        _price(offer, course.cost)
    return offer


def _course_category(cost: CourseCost | None) -> str:
    if cost is None:
        return "Paid"
    if cost.amount == 0:
        return "Free"
    if cost.note is not None and "subscription" in cost.note.lower():
        return "Subscription"
    return "Paid"


def _course_instance(course: CourseOut) -> JsonLd:
    hours = course.duration_hours
    if hours is None:
        hours = DEFAULT_COURSE_HOURS.get(course.level.value, FALLBACK_COURSE_HOURS)
    instance: JsonLd = {
        "@type": "CourseInstance",
        "courseMode": "Online",
        "courseWorkload": f"PT{hours}H",
    }
    if course.instructor is not None:
        # The catalog keeps instructors as one text, names separated by commas.
        instance["instructor"] = [
            {"@type": "Person", "name": name.strip()}
            for name in course.instructor.split(",")
            if name.strip()
        ]
    return instance


def _credential_ref(ref: CertificationRef, base_url: str) -> JsonLd:
    return {
        "@type": "EducationalOccupationalCredential",
        "@id": _item_id(base_url, "certifications", ref.slug),
        "name": ref.name,
        "credentialCategory": CREDENTIAL_CATEGORY[ref.kind],
    }


def _credential_offer(cert: CertificationOut) -> JsonLd:
    offer: JsonLd = {"@type": "Offer", "url": cert.url}
    cost = cert.exam.cost if cert.exam is not None else None
    if cost is not None:
        offer["category"] = "Free" if cost.amount == 0 else "Paid"
        _price(offer, cost)
    lifecycle = cert.lifecycle
    if lifecycle.available_from is not None:
        offer["availabilityStarts"] = lifecycle.available_from.isoformat()
    if lifecycle.retired_on is not None:
        offer["availabilityEnds"] = lifecycle.retired_on.isoformat()
    if lifecycle.status is LifecycleStatus.retired:
        offer["availability"] = "https://schema.org/Discontinued"
    return offer


def _credential_description(cert: CertificationOut) -> str:
    lifecycle = cert.lifecycle
    description: str = cert.description
    if lifecycle.status is LifecycleStatus.active or lifecycle.retired_on is None:
        return description
    verb = "Retired" if lifecycle.status is LifecycleStatus.retired else "Retiring"
    note = f"{verb} on {lifecycle.retired_on.isoformat()}"
    if lifecycle.successor is not None:
        note += f"; succeeded by {lifecycle.successor.name}"
    return f"{description.rstrip()} {note}."


def item_list_jsonld(items: list[JsonLd], offset: int, total: int) -> JsonLd:
    """One page of a list as a schema.org `ItemList`, its items in the page's order."""
    return {
        "@context": SCHEMA_ORG,
        "@type": "ItemList",
        "numberOfItems": total,
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": offset + number,
                "url": item["@id"],
                # The list's @context covers its items.
                "item": {key: value for key, value in item.items() if key != "@context"},
            }
            for number, item in enumerate(items, start=1)
        ],
    }
