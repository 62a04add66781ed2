"""How long each step takes and which weeks it falls in, at the person's weekly hours.

Defaults stand in where the catalog has no figure:
- a course without `duration_hours`: 20 h at beginner, 30 h at intermediate, 40 h at advanced
  level (typical of a four-to-six-week online course at a few hours a week);
- the portfolio project: 40 h, about a working week, enough for one end-to-end project;
- exam preparation: the issuer's preparation weeks at the person's weekly hours, taking the
  short end of the range for someone who meets the recommended experience and the long end
  otherwise, 10 weeks when the catalog has no range ("2-3 months" in the article), and kept
  between 20 h and 120 h so that many weekly hours do not turn into months of full-time study;
- sitting the exam: its duration rounded up to whole hours, 3 h when unknown.
"""

import math
from dataclasses import dataclass

from app.recommender.facts import CertificationFacts, CourseFacts
from app.recommender.result import Step
from app.recommender.vocabulary import ADVANCED, BEGINNER, INTERMEDIATE, Rule, StepKind

DEFAULT_COURSE_HOURS = {BEGINNER: 20, INTERMEDIATE: 30, ADVANCED: 40}
FALLBACK_COURSE_HOURS = 30
PROJECT_HOURS = 40
DEFAULT_PREP_WEEKS = 10
MIN_PREP_HOURS = 20
MAX_PREP_HOURS = 120
DEFAULT_EXAM_HOURS = 3


def course_hours(course: CourseFacts) -> int:
    if course.duration_hours is not None:
        # A zero-hour step would end before it starts in the calendar.
        return max(1, course.duration_hours)
    return DEFAULT_COURSE_HOURS.get(course.level, FALLBACK_COURSE_HOURS)


def prep_weeks(exam: CertificationFacts, *, meets_experience: bool) -> int:
    ends = [weeks for weeks in (exam.prep_weeks_min, exam.prep_weeks_max) if weeks is not None]
    if not ends:
        return DEFAULT_PREP_WEEKS
    return min(ends) if meets_experience else max(ends)


def prep_hours(exam: CertificationFacts, hours_per_week: int, *, meets_experience: bool) -> int:
    weeks = prep_weeks(exam, meets_experience=meets_experience)
    return max(MIN_PREP_HOURS, min(MAX_PREP_HOURS, weeks * hours_per_week))


def exam_hours(exam: CertificationFacts) -> int:
    if exam.duration_minutes is None:
        return DEFAULT_EXAM_HOURS
    return max(1, math.ceil(exam.duration_minutes / 60))


@dataclass(frozen=True, slots=True)
class PlannedStep:
    """A step before it has a place in the calendar."""

    kind: StepKind
    slug: str | None
    title: str
    rule: Rule
    reason: str
    hours: int


def schedule(planned: list[PlannedStep], hours_per_week: int) -> tuple[tuple[Step, ...], int]:
    """Number the steps and place them in weeks; returns the steps and the total weeks."""
    steps = []
    done = 0
    for rank, step in enumerate(planned, start=1):
        start_week = done // hours_per_week + 1
        done += step.hours
        steps.append(
            Step(
                rank=rank,
                kind=step.kind,
                slug=step.slug,
                title=step.title,
                rule=step.rule,
                reason=step.reason,
                estimated_hours=step.hours,
                start_week=start_week,
                end_week=math.ceil(done / hours_per_week),
            )
        )
    return tuple(steps), math.ceil(done / hours_per_week)
