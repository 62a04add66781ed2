"""A catalog version as the recommender reads it: its facts, and the lookups built from them."""

from dataclasses import dataclass, field

from app.recommender.dated_pool import DatedPools
from app.recommender.facts import CertificationFacts, CourseFacts
from app.recommender.index import CatalogIndex, build_index


@dataclass(frozen=True, slots=True)
class CatalogSnapshot:
    """Read once per catalog version; indexes itself on construction so that a recommendation
    only touches the items relevant to one profile."""

    version: str
    certifications: tuple[CertificationFacts, ...]
    courses: tuple[CourseFacts, ...]
    index: CatalogIndex = field(init=False, repr=False, compare=False)
    pools: DatedPools = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Frozen, so the one-off lookups are set past the dataclass guard.
        index = build_index(self.certifications, self.courses)
        object.__setattr__(self, "index", index)
        object.__setattr__(self, "pools", DatedPools(index))
