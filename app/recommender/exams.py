"""Which proctored vendor exam to recommend, and the warnings that come with the choice."""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from app.recommender.catalog import CertificationFacts
from app.recommender.context import Context
from app.recommender.lifecycle import Resolution, resolve
from app.recommender.profile import Profile
from app.recommender.result import Warning
from app.recommender.vocabulary import HIRING_RANK, WarningCode, cloud_label
from app.recommender.wording import day, years


@dataclass(frozen=True, slots=True)
class Candidate:
    """An exam that can be booked on the date, with the retired exams it stands in for."""

    exam: CertificationFacts
    replaces: tuple[CertificationFacts, ...]
    affinity: int  # how closely the catalog's courses for this background prepare for it
    fits: bool  # the person meets the experience the issuer recommends

    def weight_in(self, weights: Mapping[str, int]) -> int:
        # Preparation for a retired exam still prepares for the exam that replaced it.
        return weights.get(self.exam.slug, 0) + sum(weights.get(r.slug, 0) for r in self.replaces)


@dataclass(frozen=True, slots=True)
class ExamPool:
    candidates: tuple[Candidate, ...]  # by slug
    blocked: tuple[tuple[CertificationFacts, Resolution], ...]  # exams that lead nowhere today

    def in_cloud(self, cloud: str) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if c.exam.cloud == cloud)


def fits_experience(exam: CertificationFacts, profile: Profile) -> bool:
    return (exam.recommended_years_ml or 0) <= profile.years_ml_experience and (
        exam.recommended_years_cloud or 0
    ) <= profile.cloud_years_for(exam.cloud)


def gather(ctx: Context) -> ExamPool:
    """Every vendor exam that can be booked on the date, retired ones mapped to successors."""
    replaced: dict[str, dict[str, CertificationFacts]] = {}
    usable: dict[str, CertificationFacts] = {}
    blocked: list[tuple[CertificationFacts, Resolution]] = []
    for exam in ctx.index.all_vendor_exams():
        if exam.slug in ctx.completed:
            continue
        found = resolve(exam, ctx.index, ctx.as_of)
        if found.exam is None:
            blocked.append((exam, found))
            continue
        if found.exam.slug in ctx.completed:
            continue
        usable[found.exam.slug] = found.exam
        replaced.setdefault(found.exam.slug, {}).update((r.slug, r) for r in found.retired)
    affinity = ctx.index.audience_affinity.get(ctx.background, {})
    candidates = []
    for slug in sorted(usable):
        exam = usable[slug]
        old = tuple(
            sorted(replaced[slug].values(), key=lambda c: (c.retired_on or date.min, c.slug))
        )
        closeness = sum(affinity.get(s, 0) for s in (slug, *(o.slug for o in old)))
        candidates.append(Candidate(exam, old, closeness, fits_experience(exam, ctx.profile)))
    return ExamPool(tuple(candidates), tuple(blocked))


def cloud_key(c: Candidate) -> tuple[int, bool, int, str]:
    """Within one cloud: what employers weigh, then whether the person is ready, then ease."""
    return (-HIRING_RANK.get(c.exam.hiring_weight, 0), not c.fits, c.exam.difficulty, c.exam.slug)


def default_key(c: Candidate, evidence: Mapping[str, int]) -> tuple[int, int, int, bool, int, str]:
    """With no cloud named: the exam the person's courses lead to, then as within a cloud."""
    return (-c.weight_in(evidence), -c.affinity, *cloud_key(c))


def choose_for_cloud(pool: ExamPool, cloud: str) -> Candidate | None:
    return min(pool.in_cloud(cloud), key=cloud_key, default=None)


def choose_default(pool: ExamPool, evidence: Mapping[str, int]) -> Candidate | None:
    return min(pool.candidates, key=lambda c: default_key(c, evidence), default=None)


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


def experience_warning(exam: CertificationFacts, profile: Profile) -> Warning | None:
    gaps = []
    need_ml = exam.recommended_years_ml or 0
    if profile.years_ml_experience < need_ml:
        gaps.append(f"{years(need_ml)} of ML experience (you have {profile.years_ml_experience})")
    need_cloud = exam.recommended_years_cloud or 0
    have_cloud = profile.cloud_years_for(exam.cloud)
    if have_cloud < need_cloud:
        gaps.append(f"{years(need_cloud)} on {cloud_label(exam.cloud)} (you have {have_cloud})")
    if not gaps:
        return None
    return Warning(
        WarningCode.experience_below_recommended,
        f"{exam.name} recommends {' and '.join(gaps)}; expect to need more hands-on work "
        "before you book it.",
        exam.slug,
    )


def unavailable_warnings(pool: ExamPool, cloud: str | None, ctx: Context) -> list[Warning]:
    """Why no exam could be recommended: what retired, what is still to come."""
    retired: list[Warning] = []
    upcoming: list[Warning] = []
    for exam, trail in pool.blocked:
        if cloud is not None and exam.cloud != cloud:
            continue
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
    where = f"{cloud_label(cloud)} " if cloud is not None else ""
    nothing = Warning(
        WarningCode.no_exam_for_cloud,
        f"No {where}vendor exam can be booked as of {day(ctx.as_of)}.",
        None,
    )
    return _unique([*retired, *upcoming, nothing])


def no_target_cloud_warning() -> Warning:
    return Warning(
        WarningCode.no_target_cloud,
        "No vendor exam is recommended because no target cloud was given; name the cloud your "
        "target employers run on to add that cloud's exam.",
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
