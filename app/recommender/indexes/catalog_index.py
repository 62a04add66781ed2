"""Lookups built once per catalog snapshot, so that one recommendation costs what the profile
needs rather than what the catalog holds."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.recommender.indexes.cheaper import Cheaper, cheaper
from app.recommender.vocabulary import (
    CLOSENESS_LEVELS,
    CLOSENESS_WEIGHT,
    HIGH_INTERVIEW_RELEVANCE,
    VENDOR_EXAM,
)

if TYPE_CHECKING:
    from app.recommender.facts import CertificationFacts, CourseFacts


@dataclass(frozen=True, slots=True)
class CatalogIndex:
    certification: dict[str, CertificationFacts]
    course: dict[str, CourseFacts]
    # (audience, level) -> courses, best rated first
    courses_by_audience_level: dict[tuple[str, str], tuple[CourseFacts, ...]]
    # (audience, level) -> certification slug -> per `CLOSENESS_LEVELS` level, the positions
    # there of the courses preparing for it at least that closely
    preparing_by_audience_level: dict[tuple[str, str], dict[str, tuple[tuple[int, ...], ...]]]
    # level -> courses rated highly relevant to interviews, best rated first
    interview_courses_by_level: dict[str, tuple[CourseFacts, ...]]
    # platform -> proctored vendor exams, by slug; course certificates never appear here
    vendor_exams_by_platform: dict[str, tuple[CertificationFacts, ...]]
    # audience -> certification slug -> how closely that audience's courses prepare for it
    audience_affinity: dict[str, dict[str, int]]
    # (audience, level) -> its free courses and, per currency, its priced ones, cheapest first
    cheaper_by_audience_level: dict[tuple[str, str], Cheaper]

    def courses_for(self, audience: str, level: str) -> tuple[CourseFacts, ...]:
        return self.courses_by_audience_level.get((audience, level), ())

    def preparing_for(self, audience: str, level: str) -> dict[str, tuple[tuple[int, ...], ...]]:
        return self.preparing_by_audience_level.get((audience, level), {})

    def cheaper_for(self, audience: str, level: str) -> Cheaper:
        return self.cheaper_by_audience_level.get((audience, level), NOTHING_CHEAPER)

    def vendor_exams(self, platform: str) -> tuple[CertificationFacts, ...]:
        return self.vendor_exams_by_platform.get(platform, ())

    def all_vendor_exams(self) -> tuple[CertificationFacts, ...]:
        return tuple(
            exam
            for platform in sorted(self.vendor_exams_by_platform)
            for exam in self.vendor_exams_by_platform[platform]
        )


NOTHING_CHEAPER = Cheaper((), {})


def rating_score(course: CourseFacts) -> float:
    """The rating on a 0-1 scale; unrated courses rank after every rated one."""
    if course.rating_value is None or not course.rating_scale:
        return -1.0
    return course.rating_value / course.rating_scale


def course_preference(course: CourseFacts) -> tuple[float, str]:
    # The slug settles ties so that the order never depends on the order of the input.
    return (-rating_score(course), course.slug)


def is_vendor_exam(certification: CertificationFacts) -> bool:
    # Both checks: a course certificate must never be presented as a proctored exam, even if
    # a record is inconsistent.
    return certification.kind == VENDOR_EXAM and certification.proctored


def build_index(
    certifications: tuple[CertificationFacts, ...], courses: tuple[CourseFacts, ...]
) -> CatalogIndex:
    by_cert: dict[str, CertificationFacts] = {}
    for cert in certifications:
        if cert.slug in by_cert:
            raise ValueError(f"certification {cert.slug!r} appears twice in the snapshot")
        by_cert[cert.slug] = cert
    by_course: dict[str, CourseFacts] = {}
    for course in courses:
        if course.slug in by_course:
            raise ValueError(f"course {course.slug!r} appears twice in the snapshot")
        by_course[course.slug] = course

    buckets: defaultdict[tuple[str, str], list[CourseFacts]] = defaultdict(list)
    interview: defaultdict[str, list[CourseFacts]] = defaultdict(list)
    affinity: defaultdict[str, defaultdict[str, int]] = defaultdict(lambda: defaultdict(int))
    for course in courses:
        if course.interview_relevance == HIGH_INTERVIEW_RELEVANCE:
            interview[course.level].append(course)
        for audience in set(course.audience):
            buckets[(audience, course.level)].append(course)
            for cert_slug, closeness in course.prepares_for:
                affinity[audience][cert_slug] += CLOSENESS_WEIGHT.get(closeness, 0)

    exams: defaultdict[str, list[CertificationFacts]] = defaultdict(list)
    for cert in certifications:
        if is_vendor_exam(cert):
            exams[cert.platform].append(cert)

    ordered = {key: tuple(sorted(found, key=course_preference)) for key, found in buckets.items()}
    return CatalogIndex(
        certification=by_cert,
        course=by_course,
        courses_by_audience_level=ordered,
        preparing_by_audience_level={key: _preparing(found) for key, found in ordered.items()},
        interview_courses_by_level={
            level: tuple(sorted(found, key=course_preference)) for level, found in interview.items()
        },
        vendor_exams_by_platform={
            platform: tuple(sorted(found, key=lambda c: c.slug))
            for platform, found in exams.items()
        },
        audience_affinity={aud: dict(slugs) for aud, slugs in affinity.items()},
        cheaper_by_audience_level={key: cheaper(found) for key, found in ordered.items()},
    )


def _preparing(bucket: tuple[CourseFacts, ...]) -> dict[str, tuple[tuple[int, ...], ...]]:
    found: defaultdict[str, list[list[int]]] = defaultdict(lambda: [[] for _ in CLOSENESS_LEVELS])
    for position, course in enumerate(bucket):
        weights: defaultdict[str, int] = defaultdict(int)
        for slug, closeness in course.prepares_for:
            weights[slug] = max(weights[slug], CLOSENESS_WEIGHT.get(closeness, 0))
        for slug, weight in weights.items():
            for i, least in enumerate(CLOSENESS_LEVELS):
                if weight >= least:
                    found[slug][i].append(position)
    return {slug: tuple(map(tuple, levels)) for slug, levels in found.items()}
