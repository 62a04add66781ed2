"""The steps that follow the coursework: a portfolio project, exam preparation, the exam."""

from collections.abc import Mapping

from app.recommender.candidate import Candidate
from app.recommender.context import Context
from app.recommender.coursework import ChosenCourse
from app.recommender.result import SkillCoverage
from app.recommender.schedule import (
    PROJECT_HOURS,
    PlannedStep,
    course_hours,
    exam_hours,
    prep_hours,
)
from app.recommender.vocabulary import (
    NO_CLOUD,
    Goal,
    Rule,
    Standing,
    StepKind,
    background_label,
    platform_label,
)
from app.recommender.wording import skills_text


def plan_steps(
    ctx: Context,
    courses: list[ChosenCourse],
    exam: Candidate | None,
    exam_rule: Rule,
    evidence: Mapping[str, int],
    coverage: SkillCoverage | None,
) -> list[PlannedStep]:
    planned = [
        PlannedStep(
            StepKind.course, c.course.slug, c.course.title, c.rule, c.reason, course_hours(c.course)
        )
        for c in courses
    ]
    if wants_project(ctx, exam):
        planned.append(_project(courses, exam, coverage))
    if exam is not None:
        planned.append(_preparation(ctx, exam))
        planned.append(_exam(ctx, exam, exam_rule, evidence))
    return planned


def wants_project(ctx: Context, exam: Candidate | None) -> bool:
    """A project comes before any exam. The one exception is the article's: someone already
    working in ML who wants a credential and has the experience the exam asks for goes straight
    to exam preparation, their work standing in for the portfolio project."""
    return not (
        ctx.standing is Standing.practitioner
        and ctx.profile.goal == Goal.credential
        and (exam is None or exam.fits)
    )


def _project(
    courses: list[ChosenCourse], exam: Candidate | None, coverage: SkillCoverage | None
) -> PlannedStep:
    if coverage is not None and coverage.open:
        # What the exam tests and no course teaches is what hands-on work must supply.
        uses = f"works on {skills_text(coverage.open)}, which the exam tests and no course teaches"
    else:
        # The latest course first: the project is where that most recent learning gets used.
        learned = list(dict.fromkeys(s for c in reversed(courses) for s in c.course.skills))
        skills = learned or (list(exam.exam.skills) if exam else [])
        uses = f"uses {skills_text(skills)}" if skills else "shows what you can build"
    title = "Hands-on portfolio project"
    if exam is not None and exam.exam.platform != NO_CLOUD:
        title += f" on {platform_label(exam.exam.platform)}"
    reason = (
        f"Build and publish one project that {uses}: portfolio work outweighs any certificate "
        "with hiring managers"
    )
    if exam is not None:
        reason += ", and the exam assumes this hands-on practice"
    return PlannedStep(
        StepKind.project, None, title, Rule.portfolio_project, reason + ".", PROJECT_HOURS
    )


def _preparation(ctx: Context, exam: Candidate) -> PlannedStep:
    ends = sorted({w for w in (exam.exam.prep_weeks_min, exam.exam.prep_weeks_max) if w})
    span = "two to three months" if not ends else "-".join(str(w) for w in ends) + " weeks"
    return PlannedStep(
        StepKind.exam_prep,
        exam.exam.slug,
        f"Prepare for {exam.exam.name}: official exam guide and practice tests",
        Rule.exam_preparation,
        "Work through the vendor's official exam guide and practice tests, which at this stage "
        f"help more than another structured course; candidates typically prepare for {span}.",
        prep_hours(exam.exam, ctx.profile.hours_per_week, meets_experience=exam.fits),
    )


def _exam(ctx: Context, exam: Candidate, rule: Rule, evidence: Mapping[str, int]) -> PlannedStep:
    name = exam.exam.name
    if rule is Rule.target_cloud_exam:
        reason = (
            f"{name} is the proctored vendor exam for {platform_label(exam.exam.platform)}, your "
            "target platform, where a pass counts for more with employers than any course "
            "certificate."
        )
    else:
        if exam.weight_in(evidence):
            basis = "that your courses prepare you for most closely"
        elif exam.affinity:
            basis = f"that courses for {background_label(ctx.background)} lead to most directly"
        else:
            basis = "that employers weigh most among those you can book now"
        reason = (
            f"No target platform was given, so the pick is {name}, the proctored vendor exam "
            f"{basis}."
        )
    return PlannedStep(
        StepKind.certification, exam.exam.slug, name, rule, reason, exam_hours(exam.exam)
    )
