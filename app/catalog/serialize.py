"""Catalog items to the read API's models: the one place an item's output shape is filled in.

An item is anything with the table row's attributes and its relations loaded: an ORM row
(writes) or a record of app/catalog/records.py (reads), hence `Any`.
"""

from typing import Any

from app.catalog.shape import CERTIFICATION, COURSE, from_columns
from app.schemas.catalog_out import (
    CertificationOut,
    CertificationRef,
    CourseOut,
    CourseRef,
    PreparedCertification,
    PreparingCourse,
    ProviderOut,
    ProviderRef,
)


def provider_ref(provider: Any) -> ProviderRef:
    return ProviderRef.model_validate(provider, from_attributes=True)


def provider_out(provider: Any) -> ProviderOut:
    return ProviderOut.model_validate(provider, from_attributes=True)


def certification_ref(cert: Any) -> CertificationRef:
    return CertificationRef.model_validate(cert, from_attributes=True)


def certification_out(cert: Any) -> CertificationOut:
    own = from_columns(CERTIFICATION, cert, CertificationOut)
    own["lifecycle"]["successor"] = certification_ref(cert.successor) if cert.successor else None
    return CertificationOut.model_validate(
        {
            **own,
            "issuer": provider_ref(cert.issuer),
            "skills": sorted(row.skill for row in cert.skill_rows),
            "prepared_by": sorted(
                (
                    PreparingCourse.model_validate(
                        {"slug": p.course.slug, "title": p.course.title, "closeness": p.closeness}
                    )
                    for p in cert.preparations
                ),
                key=lambda c: c.slug,
            ),
            "includes": sorted(
                (CourseRef(slug=c.slug, title=c.title) for c in cert.included_courses),
                key=lambda c: c.slug,
            ),
            "updated_at": cert.updated_at,
        }
    )


def course_out(course: Any) -> CourseOut:
    return CourseOut.model_validate(
        {
            **from_columns(COURSE, course, CourseOut),
            "provider": provider_ref(course.provider),
            "platform": provider_ref(course.platform),
            "skills": sorted(row.skill for row in course.skill_rows),
            "audience": sorted(row.audience for row in course.audience_rows),
            "prepares_for": sorted(
                (
                    PreparedCertification.model_validate(
                        {
                            **certification_ref(p.certification).model_dump(),
                            "closeness": p.closeness,
                        }
                    )
                    for p in course.preparations
                ),
                key=lambda c: c.slug,
            ),
            "part_of": certification_ref(course.part_of) if course.part_of else None,
            "updated_at": course.updated_at,
        }
    )


def certification_input(cert: CertificationOut) -> dict[str, Any]:
    """The record as a maintainer would submit it: what a PATCH is merged into."""
    data = cert.model_dump(mode="json", exclude={"prepared_by", "includes", "updated_at"})
    data["issuer"] = cert.issuer.slug
    successor = cert.lifecycle.successor
    data["lifecycle"]["successor"] = successor.slug if successor else None
    return data


def course_input(course: CourseOut) -> dict[str, Any]:
    data = course.model_dump(mode="json", exclude={"updated_at"})
    data["provider"] = course.provider.slug
    data["platform"] = course.platform.slug
    data["part_of"] = course.part_of.slug if course.part_of else None
    data["prepares_for"] = [
        {"certification": p.slug, "closeness": p.closeness.value} for p in course.prepares_for
    ]
    return data
