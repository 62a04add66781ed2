"""Hours per step and the weeks they fall in."""

import math

import pytest

from app.recommender import Profile, Rule, StepKind
from app.recommender.schedule import (
    DEFAULT_COURSE_HOURS,
    MAX_PREP_HOURS,
    MIN_PREP_HOURS,
    PROJECT_HOURS,
    PlannedStep,
    course_hours,
    exam_hours,
    prep_hours,
    schedule,
)
from tests.recommender.helpers import run
from tests.recommender.seed_catalog import (
    APPLIED,
    CERT_BY_SLUG,
    CLASSIFICATION,
    COURSE_BY_SLUG,
    PMLE,
    cert,
)


def test_course_hours_from_the_catalog_or_the_level_default() -> None:
    assert course_hours(COURSE_BY_SLUG[CLASSIFICATION]) == 21
    assert course_hours(COURSE_BY_SLUG[APPLIED]) == DEFAULT_COURSE_HOURS["intermediate"]


def test_exam_hours_round_the_sitting_up() -> None:
    assert exam_hours(CERT_BY_SLUG[PMLE]) == 2
    assert exam_hours(cert("x", duration_minutes=130)) == 3
    assert exam_hours(cert("x", duration_minutes=None)) == 3


@pytest.mark.parametrize(
    ("hours_per_week", "meets", "expected"),
    [(8, True, 64), (8, False, 104), (1, True, MIN_PREP_HOURS), (80, False, MAX_PREP_HOURS)],
)
def test_prep_hours(hours_per_week: int, meets: bool, expected: int) -> None:
    assert prep_hours(CERT_BY_SLUG[PMLE], hours_per_week, meets_experience=meets) == expected


def test_prep_hours_without_a_range_use_ten_weeks() -> None:
    bare = cert("x", prep_weeks_min=None, prep_weeks_max=None)
    assert prep_hours(bare, 5, meets_experience=True) == 50


def test_weeks_follow_cumulative_hours() -> None:
    planned = [
        PlannedStep(StepKind.course, "a", "A", Rule.foundation_coursework, "r.", 20),
        PlannedStep(StepKind.course, "b", "B", Rule.foundation_coursework, "r.", 4),
        PlannedStep(StepKind.project, None, "P", Rule.portfolio_project, "r.", 40),
    ]
    steps, total = schedule(planned, 8)
    assert [(s.rank, s.start_week, s.end_week) for s in steps] == [(1, 1, 3), (2, 3, 3), (3, 4, 8)]
    assert total == 8


def test_plan_weeks_match_hours_per_week() -> None:
    for hours_per_week in (1, 3, 8, 80):
        rec = run(
            Profile("software_engineer", 0, target_platform="gcp", hours_per_week=hours_per_week)
        )
        done = 0
        for step in rec.steps:
            assert step.start_week == done // hours_per_week + 1
            done += step.estimated_hours
            assert step.end_week == math.ceil(done / hours_per_week)
        assert rec.total_weeks == rec.steps[-1].end_week
        project = next(s for s in rec.steps if s.kind == "project")
        assert project.estimated_hours == PROJECT_HOURS
