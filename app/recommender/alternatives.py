"""Other vendor exams that would fit, each with why it ranks below the recommended one."""

from collections.abc import Mapping

from app.recommender.candidate import Candidate, default_key, platform_key
from app.recommender.context import Context
from app.recommender.exam_pool import ExamPool
from app.recommender.result import Alternative
from app.recommender.vocabulary import HIRING_RANK, background_label, cloud_of, platform_label

# Enough to show the best exams of several platforms and a runner-up, without a whole vendor.
MAX_ALTERNATIVES = 5


def alternatives(
    pool: ExamPool, chosen: Candidate | None, ctx: Context, evidence: Mapping[str, int]
) -> tuple[Alternative, ...]:
    profile = ctx.profile

    def key(c: Candidate) -> tuple[object, ...]:
        # The same order the recommended exam was picked by.
        return platform_key(c) if profile.has_target_platform else default_key(c, evidence)

    # With nothing recommended there is no home platform: each platform shows its best exam.
    home = chosen.exam.platform if chosen else None
    # Every runner-up on the recommended platform, then the best exam of each other platform: a
    # second exam from another platform would lose to that platform's best for the same reason.
    ranking = None if profile.has_target_platform else evidence
    picked: list[Candidate] = []
    if home is not None:
        for c in pool.ranked(home, ranking):
            if len(picked) == MAX_ALTERNATIVES:
                break
            if chosen is None or c.exam.slug != chosen.exam.slug:
                picked.append(c)
    picked.extend(
        sorted((c for c in pool.best_per_platform(ranking) if c.exam.platform != home), key=key)
    )
    return tuple(
        Alternative(
            c.exam.slug,
            c.exam.name,
            cloud_of(c.exam.platform),
            _why_lower(c, chosen, ctx, evidence),
            c.exam.platform,
        )
        for c in picked[:MAX_ALTERNATIVES]
    )


def _why_lower(
    alt: Candidate, chosen: Candidate | None, ctx: Context, evidence: Mapping[str, int]
) -> str:
    profile = ctx.profile
    where = platform_label(alt.exam.platform)
    if chosen is None:
        if not profile.has_target_platform:
            return (
                "No target platform was given and no exam is recommended; take it if your target "
                f"employers use {where}."
            )
        return (
            f"It is for {where}, and {platform_label(profile.target_platform)}, your target "
            "platform, has no exam that can be booked now; take it only if your target employers "
            f"use {where} too."
        )
    if profile.has_target_platform and alt.exam.platform != profile.target_platform:
        return (
            f"It is for {where}, not {platform_label(profile.target_platform)}, your target "
            f"platform; it is the better pick only if your target employers use {where}."
        )
    reason = _first_difference(alt, chosen, ctx, evidence)
    if alt.exam.platform != chosen.exam.platform:
        reason += f"; take it instead if your target employers use {where}"
    return reason + "."


def _first_difference(
    alt: Candidate, chosen: Candidate, ctx: Context, evidence: Mapping[str, int]
) -> str:
    other = chosen.exam.name
    if not ctx.profile.has_target_platform:
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
