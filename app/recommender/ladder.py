"""After the plan's exam: the next rung of its issuer's ladder, named so that the person knows
where the credential leads."""

from app.recommender.candidate import Candidate, in_focus, rung
from app.recommender.context import Context
from app.recommender.exam_pool import ExamPool
from app.recommender.exams import experience_gaps
from app.recommender.result import NextCredential
from app.recommender.vocabulary import platform_label

# The rung above, and a second exam of that rung where the platform offers one.
MAX_NEXT = 2


def next_credentials(ctx: Context, pool: ExamPool, chosen: Candidate) -> tuple[NextCredential, ...]:
    """The exams on the chosen exam's platform, in the person's focus, at the lowest rung above
    it, best first."""
    above = [
        c
        for c in pool.ranked(chosen.exam.platform)
        if rung(c.exam) > rung(chosen.exam) and in_focus(c, ctx.profile.focus)
    ]
    if not above:
        return ()
    lowest = min(rung(c.exam) for c in above)
    return tuple(
        NextCredential(c.exam.slug, c.exam.name, c.exam.tier, _why(ctx, c, chosen))
        for c in above
        if rung(c.exam) == lowest
    )[:MAX_NEXT]


def _why(ctx: Context, upper: Candidate, chosen: Candidate) -> str:
    step = f"The next rung above {chosen.exam.name} on {platform_label(chosen.exam.platform)}" + (
        f", at the {upper.exam.tier} tier" if upper.exam.tier else ""
    )
    gaps = experience_gaps(upper.exam, ctx.profile)
    if gaps:
        return f"{step}; it recommends {' and '.join(gaps)}, so it comes after this plan's exam."
    return f"{step}; you already have the experience it recommends, so book it next."
