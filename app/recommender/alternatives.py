"""Other vendor exams that would fit, each with why it ranks below the recommended one."""

from collections.abc import Mapping

from app.recommender.candidate import Candidate, cloud_key, default_key
from app.recommender.context import Context
from app.recommender.exam_pool import ExamPool
from app.recommender.result import Alternative
from app.recommender.vocabulary import HIRING_RANK, background_label, cloud_label

# Enough to show every cloud's best exam and a runner-up, without listing a whole vendor.
MAX_ALTERNATIVES = 5


def alternatives(
    pool: ExamPool, chosen: Candidate | None, ctx: Context, evidence: Mapping[str, int]
) -> tuple[Alternative, ...]:
    profile = ctx.profile

    def key(c: Candidate) -> tuple[object, ...]:
        # The same order the recommended exam was picked by.
        return cloud_key(c) if profile.has_target_cloud else default_key(c, evidence)

    # With nothing recommended there is no home cloud: each cloud shows its best exam.
    home = chosen.exam.cloud if chosen else None
    # Every runner-up on the recommended cloud, then the best exam of each other cloud: a second
    # exam from another cloud would lose to that cloud's best for the same reason.
    ranking = None if profile.has_target_cloud else evidence
    picked: list[Candidate] = []
    if home is not None:
        for c in pool.ranked(home, ranking):
            if len(picked) == MAX_ALTERNATIVES:
                break
            if chosen is None or c.exam.slug != chosen.exam.slug:
                picked.append(c)
    picked.extend(
        sorted((c for c in pool.best_per_cloud(ranking) if c.exam.cloud != home), key=key)
    )
    return tuple(
        Alternative(c.exam.slug, c.exam.name, c.exam.cloud, _why_lower(c, chosen, ctx, evidence))
        for c in picked[:MAX_ALTERNATIVES]
    )


def _why_lower(
    alt: Candidate, chosen: Candidate | None, ctx: Context, evidence: Mapping[str, int]
) -> str:
    profile = ctx.profile
    where = cloud_label(alt.exam.cloud)
    if chosen is None:
        if not profile.has_target_cloud:
            return (
                "No target cloud was given and no exam is recommended; take it if your target "
                f"employers run on {where}."
            )
        return (
            f"It runs on {where}, and {cloud_label(profile.target_cloud)}, your target cloud, "
            "has no exam that can be booked now; take it only if your target employers use "
            f"{where} too."
        )
    if profile.has_target_cloud and alt.exam.cloud != profile.target_cloud:
        return (
            f"It runs on {where}, not on {cloud_label(profile.target_cloud)}, your target cloud; "
            f"it is the better pick only if your target employers run on {where}."
        )
    reason = _first_difference(alt, chosen, ctx, evidence)
    if alt.exam.cloud != chosen.exam.cloud:
        reason += f"; take it instead if your target employers run on {where}"
    return reason + "."


def _first_difference(
    alt: Candidate, chosen: Candidate, ctx: Context, evidence: Mapping[str, int]
) -> str:
    other = chosen.exam.name
    if not ctx.profile.has_target_cloud:
        if alt.weight_in(evidence) < chosen.weight_in(evidence):
            return f"Your courses prepare you less for it than for {other}"
        if alt.affinity < chosen.affinity:
            return (
                f"Courses for {background_label(ctx.background)} lead less directly to it "
                f"than to {other}"
            )
    if HIRING_RANK.get(alt.exam.hiring_weight, 0) < HIRING_RANK.get(chosen.exam.hiring_weight, 0):
        return (
            f"Employers weigh it less than {other} "
            f"({alt.exam.hiring_weight} against {chosen.exam.hiring_weight})"
        )
    if chosen.fits and not alt.fits:
        return f"It recommends more experience than you have, and {other} does not"
    if alt.exam.difficulty > chosen.exam.difficulty:
        return (
            f"It is harder than {other} "
            f"(difficulty {alt.exam.difficulty} against {chosen.exam.difficulty} out of 5)"
        )
    return f"It fits as well as {other}, which is listed first only by name"
