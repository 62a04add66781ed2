"""Who the recommendation is for."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.recommender.vocabulary import (
    BACKGROUND_STANDING,
    FOUNDATION_YEARS,
    NO_CLOUD,
    Focus,
    Goal,
    Standing,
)


@dataclass(frozen=True, slots=True)
class Budget:
    """What the person means to spend on the plan, in one currency: costs are never converted."""

    amount: Decimal
    currency: str  # ISO 4217, e.g. USD

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError("a budget cannot be negative")


@dataclass(frozen=True, slots=True)
class Profile:
    background: str  # software_engineer | data_scientist | ml_practitioner | student | other
    years_ml_experience: int
    target_platform: str = NO_CLOUD  # gcp | aws | azure | databricks | nvidia | snowflake | none
    years_cloud_experience: int = 0  # on the target platform
    goal: str = Goal.get_hired
    completed: tuple[str, ...] = ()
    hours_per_week: int = 8
    as_of: date | None = None
    focus: str = Focus.ml_engineering
    budget: Budget | None = None  # given, courses of equal standing go cheapest first

    def __post_init__(self) -> None:
        # The HTTP layer validates the full ranges; these guard the arithmetic below it.
        if self.hours_per_week < 1:
            raise ValueError("hours_per_week must be at least 1")
        if self.years_ml_experience < 0 or self.years_cloud_experience < 0:
            raise ValueError("years of experience cannot be negative")
        if self.goal not in {goal.value for goal in Goal}:
            raise ValueError(f"unknown goal {self.goal!r}")
        if self.focus not in {focus.value for focus in Focus}:
            raise ValueError(f"unknown focus {self.focus!r}")

    @property
    def standing(self) -> Standing:
        by_background = BACKGROUND_STANDING.get(self.background, Standing.newcomer)
        if by_background is Standing.newcomer and self.years_ml_experience >= FOUNDATION_YEARS:
            # Someone from another field who has done ML work already has the foundation and
            # the hands-on practice; they read as working in ML.
            return Standing.practitioner
        return by_background

    @property
    def has_target_platform(self) -> bool:
        return self.target_platform != NO_CLOUD

    @property
    def works_with_ml(self) -> bool:
        """Literacy and entry-tier credentials teach such a person nothing new."""
        return (
            self.years_ml_experience >= FOUNDATION_YEARS or self.standing is not Standing.newcomer
        )

    def platform_years_for(self, platform: str) -> int:
        """Experience counts for the target platform, or for any platform when none is named."""
        if self.target_platform in (NO_CLOUD, platform):
            return self.years_cloud_experience
        return 0
