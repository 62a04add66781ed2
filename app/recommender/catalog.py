"""The catalog as the recommender sees it: plain, immutable facts, read once per version.

Values are the strings of the catalog's enums (`app/models/enums.py`). An adapter builds a
`CatalogSnapshot` from the database; the snapshot indexes itself on construction so that a
recommendation only touches the items relevant to one profile.
"""

from dataclasses import dataclass, field
from datetime import date

from app.recommender.index import CatalogIndex, build_index


@dataclass(frozen=True, slots=True)
class CertificationFacts:
    slug: str
    name: str
    kind: str  # vendor_exam | course_certificate
    discipline: str
    cloud: str  # gcp | aws | azure | none
    proctored: bool
    recommended_years_ml: int | None
    recommended_years_cloud: int | None
    prep_weeks_min: int | None
    prep_weeks_max: int | None
    difficulty: int  # 1 (easiest) to 5
    hiring_weight: str  # strong | moderate | supporting
    skills: tuple[str, ...]
    status: str  # active | retiring | retired
    available_from: date | None
    retired_on: date | None
    successor: str | None
    duration_minutes: int | None


@dataclass(frozen=True, slots=True)
class CourseFacts:
    slug: str
    title: str
    level: str  # beginner | intermediate | advanced
    audience: tuple[str, ...]  # backgrounds for which this is the right next step
    skills: tuple[str, ...]
    interview_relevance: str  # high | medium | low
    rating_value: float | None
    rating_scale: int | None
    duration_hours: int | None
    prepares_for: tuple[tuple[str, str], ...]  # (certification slug, closeness)
    part_of: str | None  # slug of a course_certificate


@dataclass(frozen=True, slots=True)
class CatalogSnapshot:
    version: str
    certifications: tuple[CertificationFacts, ...]
    courses: tuple[CourseFacts, ...]
    index: CatalogIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # Frozen, so the one-off index is set past the dataclass guard.
        object.__setattr__(self, "index", build_index(self.certifications, self.courses))
