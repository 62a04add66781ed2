"""The recommender's entry point: a profile and a catalog snapshot in, a study plan out."""

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from app.recommender.alternatives import alternatives
from app.recommender.candidate import Candidate
from app.recommender.catalog import CatalogSnapshot
from app.recommender.context import Context
from app.recommender.costs import plan_cost, with_costs
from app.recommender.coursework import ChosenCourse, choose_coursework
from app.recommender.coverage import skill_coverage
from app.recommender.errors import UnknownSlugs
from app.recommender.exam_choice import (
    choose_default,
    choose_for_platform,
    eligibility_warning,
    experience_warning,
    no_target_cloud_warning,
    retired_warnings,
    unavailable_warnings,
)
from app.recommender.facts import CertificationFacts, CourseFacts
from app.recommender.indexes.exam_pool import ExamPool
from app.recommender.ladder import next_credentials
from app.recommender.portfolio_and_exam import plan_steps
from app.recommender.profile import Profile
from app.recommender.result import Recommendation, Step, Warning
from app.recommender.schedule import schedule
from app.recommender.vocabulary import (
    CLOSENESS_WEIGHT,
    RECOMMENDER_VERSION,
    Goal,
    Rule,
    Standing,
    WarningCode,
)
from app.recommender.wording import day


def check_completed(profile: Profile, catalog: CatalogSnapshot) -> None:
    """Raise `UnknownSlugs` if the profile claims items the catalog does not hold."""
    index = catalog.index
    unknown = [
        s for s in profile.completed if s not in index.course and s not in index.certification
    ]
    if unknown:
        raise UnknownSlugs(unknown)


def recommend(profile: Profile, catalog: CatalogSnapshot, today: date) -> Recommendation:
    """Plan the person's next steps; lifecycles are read as of `profile.as_of`, else `today`.

    Raises `UnknownSlugs` when `profile.completed` names items missing from the catalog.
    """
    check_completed(profile, catalog)
    as_of = profile.as_of or today
    ctx = Context(
        profile, catalog.index, as_of, frozenset(profile.completed), catalog.pools.on(as_of)
    )
    # Every vendor exam bookable on the date, retired ones mapped to their successors.
    pool = ExamPool(ctx.dated, profile, ctx.completed)
    warnings: list[Warning] = []

    # With a target platform the exam is known first and courses leaning towards it are preferred;
    # without one, the courses come first and the exam follows from them.
    target = (
        choose_for_platform(pool, profile.target_platform) if profile.has_target_platform else None
    )
    courses = choose_coursework(ctx, _leads_to([target]) if target else pool.leads)
    evidence = _evidence(ctx, courses)

    exam_rule = Rule.target_cloud_exam
    exam: Candidate | None = None
    if profile.has_target_platform:
        exam = target
        if exam is None:
            warnings.extend(unavailable_warnings(pool, profile.target_platform, ctx))
    elif _exam_called_for(ctx):
        exam_rule = Rule.default_exam
        exam = choose_default(pool, evidence)
        if exam is None:
            warnings.extend(unavailable_warnings(pool, None, ctx))
    else:
        warnings.append(no_target_cloud_warning())

    coverage = skill_coverage(ctx, courses, exam)
    steps, total_weeks = schedule(
        plan_steps(ctx, courses, exam, exam_rule, evidence, coverage), profile.hours_per_week
    )
    if exam is not None:
        retiring = _retiring_warning(ctx, pool, exam, steps[-1])
        if retiring is not None:
            warning, successor = retiring
            warnings.append(warning)
            if successor is not None:
                exam = successor
                coverage = skill_coverage(ctx, courses, exam)
                steps, total_weeks = schedule(
                    plan_steps(ctx, courses, exam, exam_rule, evidence, coverage),
                    profile.hours_per_week,
                )
        warnings[:0] = retired_warnings(exam)
        warnings.extend(
            w
            for w in (experience_warning(exam.exam, profile), eligibility_warning(exam.exam))
            if w is not None
        )

    steps = with_costs(ctx, steps)
    cost, cost_warnings = plan_cost(ctx, steps)
    warnings.extend(cost_warnings)
    return Recommendation(
        steps=steps,
        warnings=tuple(warnings),
        alternatives=alternatives(pool, exam, ctx, evidence),
        next_credentials=next_credentials(ctx, pool, exam) if exam else (),
        skill_coverage=coverage,
        total_weeks=total_weeks,
        as_of=ctx.as_of,
        catalog_version=catalog.version,
        recommender_version=RECOMMENDER_VERSION,
        cost=cost,
    )


def _exam_called_for(ctx: Context) -> bool:
    """Without a target platform, an exam is planned only for a credential goal or where the
    article names a natural target: the production path of a data scientist."""
    return ctx.profile.goal == Goal.credential or ctx.standing is Standing.modeler


def _leads_to(candidates: Iterable[Candidate]) -> dict[str, CertificationFacts]:
    """Exam slugs a course may prepare for, each mapped to the exam recommended in its place."""
    leads: dict[str, CertificationFacts] = {}
    for c in candidates:
        leads[c.exam.slug] = c.exam
        leads.update((old.slug, c.exam) for old in c.replaces)
    return leads


def _evidence(ctx: Context, courses: list[ChosenCourse]) -> Counter[str]:
    """How closely the person's planned and completed courses prepare for each exam."""
    taken: list[CourseFacts] = [c.course for c in courses]
    taken += [course for s in ctx.completed if (course := ctx.index.course.get(s))]
    weights: Counter[str] = Counter()
    for course in taken:
        for slug, closeness in course.prepares_for:
            weights[slug] += CLOSENESS_WEIGHT.get(closeness, 0)
    return weights


def _retiring_warning(
    ctx: Context, pool: ExamPool, exam: Candidate, exam_step: Step
) -> tuple[Warning, Candidate | None] | None:
    """An exam bookable today may retire before the plan reaches it; then its successor, if it
    can be booked today, takes its place."""
    retires = exam.exam.retired_on
    if retires is None or retires > ctx.as_of + timedelta(weeks=exam_step.end_week):
        return None
    successor = _bookable(ctx, pool, exam.exam.successor)
    name, week = exam.exam.name, exam_step.end_week
    if successor is not None:
        message = (
            f"{name} retires on {day(retires)}, before week {week} when this plan reaches it, "
            f"so its successor {successor.exam.name} is recommended instead."
        )
    else:
        message = (
            f"{name} retires on {day(retires)}, before week {week} when this plan reaches it; "
            f"book it sooner{_later_successor(ctx, exam.exam)}."
        )
    return Warning(WarningCode.certification_retiring, message, exam.exam.slug), successor


def _later_successor(ctx: Context, exam: CertificationFacts) -> str:
    successor = ctx.index.certification.get(exam.successor) if exam.successor else None
    if successor is None:
        return ""
    opens = successor.available_from
    if opens is not None and opens > ctx.as_of:
        return f" or move to {successor.name}, which can be booked from {day(opens)}"
    return f" or move to {successor.name}"


def _bookable(ctx: Context, pool: ExamPool, slug: str | None) -> Candidate | None:
    if slug is None:
        return None
    found = pool.candidate(slug)
    if found is None or (
        ctx.profile.has_target_platform and found.exam.platform != ctx.profile.target_platform
    ):
        return None
    return found
