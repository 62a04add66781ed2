"""Which proctored vendor exam to recommend, and the warnings that come with the choice."""

from collections.abc import Mapping

from app.recommender.candidate import Candidate, default_key
from app.recommender.context import Context
from app.recommender.exam_pool import ExamPool
from app.recommender.facts import CertificationFacts
from app.recommender.profile import Profile
from app.recommender.result import Warning
from app.recommender.vocabulary import OPEN, WarningCode, platform_label
from app.recommender.wording import day, years


def choose_for_platform(pool: ExamPool, platform: str) -> Candidate | None:
    """The best exam on the platform by `platform_key`."""
    return next(pool.ranked(platform), None)


def choose_default(pool: ExamPool, evidence: Mapping[str, int]) -> Candidate | None:
    """The best exam on any platform by `default_key`."""
    return min(
        pool.best_per_platform(evidence), key=lambda c: default_key(c, evidence), default=None
    )


def retired_warnings(chosen: Candidate) -> list[Warning]:
    return [
        Warning(
            WarningCode.certification_retired,
            f"{old.name} {_retired_phrase(old)}, so its active successor {chosen.exam.name} "
            "is recommended instead.",
            old.slug,
        )
        for old in chosen.replaces
    ]


def experience_gaps(exam: CertificationFacts, profile: Profile) -> list[str]:
    """The experience the issuer recommends that the person does not have yet, in words."""
    gaps = []
    need_ml = exam.recommended_years_ml or 0
    if profile.years_ml_experience < need_ml:
        gaps.append(f"{years(need_ml)} of ML experience (you have {profile.years_ml_experience})")
    need_platform = exam.recommended_years_cloud or 0
    have_platform = profile.platform_years_for(exam.platform)
    if have_platform < need_platform:
        gaps.append(
            f"{years(need_platform)} on {platform_label(exam.platform)} (you have {have_platform})"
        )
    return gaps


def experience_warning(exam: CertificationFacts, profile: Profile) -> Warning | None:
    gaps = experience_gaps(exam, profile)
    if not gaps:
        return None
    return Warning(
        WarningCode.experience_below_recommended,
        f"{exam.name} recommends {' and '.join(gaps)}; expect to need more hands-on work "
        "before you book it.",
        exam.slug,
    )


def unavailable_warnings(pool: ExamPool, platform: str | None, ctx: Context) -> list[Warning]:
    """Why no exam could be recommended: what retired, what is still to come."""
    retired: list[Warning] = []
    upcoming: list[Warning] = []
    for _, trail in pool.blocked(platform):
        later = trail.upcoming
        if later is not None and later.available_from is not None:
            opens = f"{later.name} cannot be booked until {day(later.available_from)}"
            upcoming.append(
                Warning(WarningCode.certification_not_yet_available, opens + ".", later.slug)
            )
            after = f"; its successor {opens}."
        else:
            after = " and no active successor is in the catalog."
        retired.extend(
            Warning(
                WarningCode.certification_retired,
                f"{old.name} {_retired_phrase(old)}{after}",
                old.slug,
            )
            for old in trail.retired
        )
    where = f"{platform_label(platform)} " if platform is not None else ""
    nothing = Warning(
        WarningCode.no_exam_for_cloud,
        f"No {where}vendor exam can be booked as of {day(ctx.as_of)}.",
        None,
    )
    return _unique([*retired, *upcoming, nothing])


def eligibility_warning(exam: CertificationFacts) -> Warning | None:
    if exam.eligibility == OPEN:
        return None
    who = f" {exam.eligibility_note}" if exam.eligibility_note else ""
    return Warning(
        WarningCode.eligibility_restricted,
        f"Not everyone may sit {exam.name}.{who} Check that you can before you prepare for it.",
        exam.slug,
    )


def no_target_cloud_warning() -> Warning:
    return Warning(
        WarningCode.no_target_cloud,
        "No vendor exam is recommended because no target platform was given; name the platform "
        "your target employers use to add its exam.",
        None,
    )


def _retired_phrase(cert: CertificationFacts) -> str:
    if cert.retired_on is None:
        return "has been retired"
    return f"was retired on {day(cert.retired_on)}"


def _unique(warnings: list[Warning]) -> list[Warning]:
    seen: set[tuple[str, str | None]] = set()
    kept = []
    for warning in warnings:
        if (warning.code, warning.slug) not in seen:
            seen.add((warning.code, warning.slug))
            kept.append(warning)
    return kept
