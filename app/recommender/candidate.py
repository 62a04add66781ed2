"""An exam that could be recommended, and the keys that rank such exams."""

from collections.abc import Mapping
from dataclasses import dataclass

from app.recommender.facts import CertificationFacts
from app.recommender.profile import Profile
from app.recommender.vocabulary import (
    DISCIPLINE_RANK,
    ENTRY_TIERS,
    FOCUS_DISCIPLINES,
    HIRING_RANK,
    LITERACY,
    OPEN,
    TIER_RUNG,
    UNTIERED_RUNG,
)


@dataclass(frozen=True, slots=True)
class Candidate:
    """An exam that can be booked on the date, with the retired exams it stands in for."""

    exam: CertificationFacts
    replaces: tuple[CertificationFacts, ...]
    affinity: int  # how closely the catalog's courses for this background prepare for it
    fits: bool  # the person meets the experience the issuer recommends
    focus_rank: int  # 0 for the discipline closest to the person's focus; higher is further

    def weight_in(self, weights: Mapping[str, int]) -> int:
        # Preparation for a retired exam still prepares for the exam that replaced it.
        return weights.get(self.exam.slug, 0) + sum(weights.get(r.slug, 0) for r in self.replaces)


def fits_experience(exam: CertificationFacts, profile: Profile) -> bool:
    return (exam.recommended_years_ml or 0) <= profile.years_ml_experience and (
        exam.recommended_years_cloud or 0
    ) <= profile.platform_years_for(exam.platform)


def focus_rank(exam: CertificationFacts, focus: str) -> int:
    """0 for the discipline nearest the focus; a discipline the vocabulary does not know ranks
    after every one it does."""
    ranks = DISCIPLINE_RANK.get(focus, {})
    return ranks.get(exam.discipline, len(ranks))


def in_focus(c: Candidate, focus: str) -> bool:
    return c.focus_rank < len(FOCUS_DISCIPLINES.get(focus, ()))


def exam_in_focus(exam: CertificationFacts, focus: str) -> bool:
    """Whether the exam's discipline is one of the focus's own."""
    return exam.discipline in FOCUS_DISCIPLINES.get(focus, ())


def is_entry(exam: CertificationFacts) -> bool:
    """A literacy credential or the issuer's entry tier: never a target for someone who already
    works with ML."""
    return exam.discipline in LITERACY or exam.tier in ENTRY_TIERS


def rung(exam: CertificationFacts) -> int:
    """The exam's place on its issuer's ladder, lowest first."""
    if exam.tier is None:
        return UNTIERED_RUNG
    return TIER_RUNG.get(exam.tier, UNTIERED_RUNG)


def platform_key(c: Candidate) -> tuple[int, bool, bool, int, int, int, str]:
    """Within one platform: the discipline nearest the person's focus, open to anyone; then the
    ladder: the highest rung whose recommended experience the person has, else the lowest rung,
    closest to reach; then what employers weigh, then ease."""
    return (
        c.focus_rank,
        c.exam.eligibility != OPEN,
        not c.fits,
        -rung(c.exam) if c.fits else rung(c.exam),
        -HIRING_RANK.get(c.exam.hiring_weight, 0),
        c.exam.difficulty,
        c.exam.slug,
    )


def default_key(c: Candidate, evidence: Mapping[str, int]) -> tuple[object, ...]:
    """With no platform named: the nearest discipline, then the exam the person's courses lead
    to, then as within a platform."""
    return (c.focus_rank, -c.weight_in(evidence), -c.affinity, *platform_key(c))
