"""Which courses to take, chosen from level, audience, interview relevance and preparation."""

import heapq
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from app.recommender.context import Context
from app.recommender.facts import CertificationFacts, CourseFacts
from app.recommender.indexes.catalog_index import course_preference, is_vendor_exam, rating_score
from app.recommender.indexes.cheaper import cheapest_alike
from app.recommender.indexes.exam_pool import Leads
from app.recommender.indexes.preparing import closeness as _closeness
from app.recommender.indexes.preparing import first_preparing, first_preparing_any
from app.recommender.vocabulary import (
    ADVANCED,
    BEGINNER,
    CLOSENESS_WEIGHT,
    FOUNDATION_LEVELS,
    MAPS_TO_OBJECTIVES,
    Goal,
    Rule,
    Standing,
    background_label,
)
from app.recommender.wording import skills_text

# The article adds two interview courses; a third leaves room for a catalog that grows,
# while keeping interview preparation from crowding out the rest of the plan.
MAX_INTERVIEW_COURSES = 3


@dataclass(frozen=True, slots=True)
class ChosenCourse:
    course: CourseFacts
    rule: Rule
    reason: str


def choose_coursework(ctx: Context, wanted: Mapping[str, CertificationFacts]) -> list[ChosenCourse]:
    """`wanted` maps the slugs of exams the plan may lead to onto the exam recommended for them;
    courses that prepare for those exams are preferred where a level offers a choice."""
    chosen: list[ChosenCourse] = []
    if ctx.standing is Standing.newcomer:
        # Foundation first, one course per level, before anything that assumes ML.
        for level in FOUNDATION_LEVELS:
            if _level_covered(ctx, level):
                continue
            # Rating leads here: a first course is picked for teaching well, not for an exam.
            course = _best_open(ctx, level, wanted, exam_first=False)
            if course is not None:
                chosen.append(_foundation(ctx, course))
    elif ctx.standing is Standing.modeler:
        # Modeling is known; production is the gap, and once covered it stays covered.
        covered = _level_covered(ctx, ADVANCED)
        course = None if covered else _best_open(ctx, ADVANCED, wanted, exam_first=True)
        if course is not None:
            chosen.append(_production(ctx, course, wanted))
    elif ctx.profile.goal == Goal.skills:
        course = _best_open(ctx, ADVANCED, wanted, exam_first=True)
        if course is not None:
            chosen.append(_advanced(ctx, course, wanted))

    if ctx.profile.goal == Goal.interview_prep:
        chosen.extend(_interview_courses(ctx, {c.course.slug for c in chosen}))
    return chosen


def _level_covered(ctx: Context, level: str) -> bool:
    # Only a course meant for this background covers its step: an unrelated course at the same
    # level is no substitute for the foundation.
    return any(
        (course := ctx.index.course.get(slug)) is not None
        and course.level == level
        and ctx.background in course.audience
        for slug in ctx.completed
    )


def _best_open(
    ctx: Context, level: str, wanted: Mapping[str, CertificationFacts], *, exam_first: bool
) -> CourseFacts | None:
    def key(course: CourseFacts) -> tuple[float, float, str]:
        closeness, rating = -_closeness(course, wanted)[0], -rating_score(course)
        if exam_first:
            return (closeness, rating, course.slug)
        return (rating, closeness, course.slug)

    bucket = ctx.index.courses_for(ctx.background, level)
    first = next((i for i, c in enumerate(bucket) if c.slug not in ctx.completed), None)
    if first is None:
        return None
    if type(wanted) is Leads:  # not isinstance: on an ABC subclass that is a slow check
        # Nearly every exam is wanted: read the date's lists of courses preparing for one.
        preparing = first_preparing(
            bucket,
            wanted.pool.preparing(ctx.background, level),
            first,
            wanted,
            ctx.completed,
            same_rating=not exam_first,
        )
    else:
        preparing = first_preparing_any(
            bucket, ctx.index.preparing_for(ctx.background, level), wanted, ctx.completed
        )
    # The best by `key` is the first open course or one that prepares for a wanted exam.
    found = (c for c in (bucket[first], *preparing) if c.slug not in ctx.completed)
    best = min(found, key=key)
    budget = ctx.profile.budget
    if budget is None:
        return best
    # A budget changes which course of the best one's standing is taken, never the standing:
    # the same level (this bucket) and the same closeness to the exams the plan leads to.
    standing = _closeness(best, wanted)[0]

    def alike(course: CourseFacts) -> bool:
        return course.slug not in ctx.completed and _closeness(course, wanted)[0] == standing

    kept = ctx.index.cheaper_for(ctx.background, level)
    return cheapest_alike(bucket, kept, best, alike, budget)


def _interview_courses(ctx: Context, taken: set[str]) -> Iterator[ChosenCourse]:
    levels = [
        level
        for level in ctx.index.interview_courses_by_level
        # Past the foundation, a beginner course is a step back even when interviews cover it.
        if ctx.standing is Standing.newcomer or level != BEGINNER
    ]
    merged = heapq.merge(
        *(ctx.index.interview_courses_by_level[level] for level in sorted(levels)),
        key=course_preference,
    )
    picked = 0
    for course in merged:
        if picked == MAX_INTERVIEW_COURSES:
            return
        if course.slug in ctx.completed or course.slug in taken:
            continue
        picked += 1
        yield ChosenCourse(
            course,
            Rule.interview_coursework,
            "Rated highly relevant to ML engineering interviews, which probe "
            f"{skills_text(course.skills)} in depth{_counts_towards(ctx, course)}.",
        )


def _foundation(ctx: Context, course: CourseFacts) -> ChosenCourse:
    if course.level == BEGINNER:
        reason = (
            f"A first step that assumes no ML background, covering {skills_text(course.skills)}, "
            "so it comes before any vendor exam"
        )
    else:
        reason = (
            f"Builds on the first step with hands-on {skills_text(course.skills)}, the "
            "practical foundation that vendor exams and technical screens assume"
        )
    return ChosenCourse(
        course, Rule.foundation_coursework, reason + _counts_towards(ctx, course) + "."
    )


def _production(
    ctx: Context, course: CourseFacts, wanted: Mapping[str, CertificationFacts]
) -> ChosenCourse:
    return ChosenCourse(
        course,
        Rule.production_coursework,
        f"As {background_label(ctx.background)} you already know modeling, so this closes "
        f"the production gap instead ({skills_text(course.skills)})"
        f"{_prepares(course, wanted)}{_counts_towards(ctx, course)}.",
    )


def _advanced(
    ctx: Context, course: CourseFacts, wanted: Mapping[str, CertificationFacts]
) -> ChosenCourse:
    return ChosenCourse(
        course,
        Rule.advanced_coursework,
        f"Next-level depth for someone already working in ML, covering "
        f"{skills_text(course.skills)}{_prepares(course, wanted)}{_counts_towards(ctx, course)}.",
    )


def _prepares(course: CourseFacts, wanted: Mapping[str, CertificationFacts]) -> str:
    weight, exam = _closeness(course, wanted)
    if exam is None:
        return ""
    if weight >= CLOSENESS_WEIGHT[MAPS_TO_OBJECTIVES]:
        return f", and it maps onto the {exam.name} exam objectives"
    return f", and it supports preparation for {exam.name}"


def _counts_towards(ctx: Context, course: CourseFacts) -> str:
    # Said outright so that a course certificate is never mistaken for a proctored exam.
    cert = ctx.index.certification.get(course.part_of) if course.part_of else None
    if cert is None or is_vendor_exam(cert):
        return ""
    return f"; it counts towards the {cert.name} course certificate, which has no proctored exam"
