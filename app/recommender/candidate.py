"""An exam that could be recommended, and the keys that rank such exams."""

from collections.abc import Mapping
from dataclasses import dataclass

from app.recommender.catalog import CertificationFacts
from app.recommender.profile import Profile
from app.recommender.vocabulary import HIRING_RANK


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


def fits_experience(exam: CertificationFacts, profile: Profile) -> bool:
    return (exam.recommended_years_ml or 0) <= profile.years_ml_experience and (
        exam.recommended_years_cloud or 0
    ) <= profile.cloud_years_for(exam.cloud)


def cloud_key(c: Candidate) -> tuple[int, bool, int, str]:
    """Within one cloud: what employers weigh, then whether the person is ready, then ease."""
    return (-HIRING_RANK.get(c.exam.hiring_weight, 0), not c.fits, c.exam.difficulty, c.exam.slug)


def default_key(c: Candidate, evidence: Mapping[str, int]) -> tuple[int, int, int, bool, int, str]:
    """With no cloud named: the exam the person's courses lead to, then as within a cloud."""
    return (-c.weight_in(evidence), -c.affinity, *cloud_key(c))
