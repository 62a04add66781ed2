"""The catalog as the recommender sees it: plain, immutable facts about each item.

Values are the strings of the catalog's enums (`app/recommender/vocabulary.py`). The fields are
named as the catalog's columns, from which app/catalog/snapshot.py fills them by name.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.recommender.vocabulary import OPEN


@dataclass(frozen=True, slots=True)
class CertificationFacts:
    slug: str
    name: str
    kind: str  # vendor_exam | course_certificate
    discipline: str
    platform: str  # gcp | aws | azure | databricks | nvidia | snowflake | none
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
    tier: str | None = None  # foundational | associate | professional | specialty
    eligibility: str = OPEN  # open | restricted
    eligibility_note: str | None = None  # who may sit it, where restricted
    cost_amount: Decimal | None = None  # the exam fee; None where the catalog does not know it
    cost_currency: str | None = None  # ISO 4217, e.g. USD
    validity_months: int | None = None  # how long a pass stays valid; None if unknown or forever
    renewal: str | None = None  # the issuer's renewal terms, in words


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
    cost_amount: Decimal | None = None  # 0 for a free course; None where it is not known
    cost_currency: str | None = None  # ISO 4217, e.g. USD
