"""Catalog items to the read API's models: the one place an item's output shape is filled in.

An item is anything with the table row's attributes and its relations loaded: an ORM row
(writes) or a record of app/catalog/records.py (reads), hence `Any`.
"""

from typing import Any

from app.schemas.catalog_in import (
    CourseCost,
    ExamDomain,
    ExamFacts,
    Experience,
    Money,
    PassingScore,
    Range,
    Rating,
    Source,
    WeeksRange,
)
from app.schemas.catalog_out import (
    CertificationOut,
    CertificationRef,
    CourseOut,
    CourseRef,
    PreparedCertification,
    PreparingCourse,
    ProviderRef,
)


def provider_ref(provider: Any) -> ProviderRef:
    return ProviderRef.model_validate(provider, from_attributes=True)


def certification_ref(cert: Any) -> CertificationRef:
    return CertificationRef.model_validate(cert, from_attributes=True)


def exam_facts(cert: Any) -> ExamFacts | None:
    if cert.kind != "vendor_exam":
        return None
    cost = None
    if cert.cost_amount is not None and cert.cost_currency:
        cost = Money(amount=float(cert.cost_amount), currency=cert.cost_currency)
    questions = None
    if cert.question_count_min is not None and cert.question_count_max is not None:
        questions = Range(min=cert.question_count_min, max=cert.question_count_max)
    score = None
    if cert.passing_score is not None and cert.score_scale is not None:
        score = PassingScore(score=cert.passing_score, scale=cert.score_scale)
    return ExamFacts.model_validate(
        {
            "code": cert.exam_code,
            "cost": cost,
            "duration_minutes": cert.duration_minutes,
            "question_count": questions,
            "passing_score": score,
            "delivery_modes": cert.delivery_modes,
            "validity_months": cert.validity_months,
            "renewal": cert.renewal,
        }
    )


def certification_out(cert: Any) -> CertificationOut:
    weeks = None
    if cert.prep_weeks_min is not None and cert.prep_weeks_max is not None:
        weeks = WeeksRange(min=cert.prep_weeks_min, max=cert.prep_weeks_max)
    return CertificationOut.model_validate(
        dict(
            slug=cert.slug,
            name=cert.name,
            kind=cert.kind,
            discipline=cert.discipline,
            issuer=provider_ref(cert.issuer),
            cloud=cert.cloud,
            proctored=cert.proctored,
            description=cert.description,
            exam=exam_facts(cert),
            recommended_experience=Experience(
                years_ml=cert.recommended_years_ml, years_cloud=cert.recommended_years_cloud
            ),
            preparation_weeks=weeks,
            difficulty=cert.difficulty,
            hiring_signal={"weight": cert.hiring_weight, "note": cert.hiring_note},
            skills=sorted(row.skill for row in cert.skill_rows),
            exam_domains=[ExamDomain.model_validate(d) for d in cert.exam_domains],
            lifecycle={
                "status": cert.status,
                "available_from": cert.available_from,
                "retired_on": cert.retired_on,
                "successor": certification_ref(cert.successor) if cert.successor else None,
            },
            url=cert.url,
            sources=[Source.model_validate(s) for s in cert.sources],
            prepared_by=sorted(
                (
                    PreparingCourse.model_validate(
                        {"slug": p.course.slug, "title": p.course.title, "closeness": p.closeness}
                    )
                    for p in cert.preparations
                ),
                key=lambda c: c.slug,
            ),
            includes=sorted(
                (CourseRef(slug=c.slug, title=c.title) for c in cert.included_courses),
                key=lambda c: c.slug,
            ),
            updated_at=cert.updated_at,
        )
    )


def course_out(course: Any) -> CourseOut:
    rating = None
    if course.rating_value is not None and course.rating_scale is not None:
        rating = Rating(value=course.rating_value, scale=course.rating_scale)
    cost = None
    if course.cost_amount is not None and course.cost_currency:
        cost = CourseCost(
            amount=float(course.cost_amount), currency=course.cost_currency, note=course.cost_note
        )
    return CourseOut.model_validate(
        dict(
            slug=course.slug,
            title=course.title,
            description=course.description,
            provider=provider_ref(course.provider),
            platform=provider_ref(course.platform),
            instructor=course.instructor,
            rating=rating,
            level=course.level,
            skills=sorted(row.skill for row in course.skill_rows),
            audience=sorted(row.audience for row in course.audience_rows),
            prepares_for=sorted(
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
            part_of=certification_ref(course.part_of) if course.part_of else None,
            interview={"relevance": course.interview_relevance, "note": course.interview_note},
            duration_hours=course.duration_hours,
            cost=cost,
            url=course.url,
            sources=[Source.model_validate(s) for s in course.sources],
            updated_at=course.updated_at,
        )
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
