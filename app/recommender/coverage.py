"""Which of the target exam's skills the person's courses teach, and which are left open for
the portfolio project to work on."""

from app.recommender.candidate import Candidate
from app.recommender.context import Context
from app.recommender.coursework import ChosenCourse
from app.recommender.result import SkillCoverage


def skill_coverage(
    ctx: Context, courses: list[ChosenCourse], exam: Candidate | None
) -> SkillCoverage | None:
    if exam is None:
        return None
    taught = {skill for c in courses for skill in c.course.skills}
    for slug in ctx.completed:
        course = ctx.index.course.get(slug)
        if course is not None:
            taught.update(course.skills)
    skills = exam.exam.skills
    return SkillCoverage(
        exam.exam.slug,
        covered=tuple(s for s in skills if s in taught),
        open=tuple(s for s in skills if s not in taught),
    )
