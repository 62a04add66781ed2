"""The repository's own seed files, read straight from YAML, give the article's advice."""

from datetime import date

import pytest

from app.core.config import ROOT
from app.recommender import CatalogSnapshot, CertificationFacts, CourseFacts, Profile, recommend
from app.schemas.catalog_in import CertificationIn, CourseIn
from app.seeding.files import read_seed
from tests.recommender.seed_catalog import (
    APPLIED,
    AWS_SPECIALTY,
    AZURE_AI102,
    CLASSIFICATION,
    CLOUD_EXAM_TODAY,
    CLUSTERING,
    PMLE,
    PRODUCTION,
    STRUCTURING,
)

TODAY = date(2026, 11, 20)


def certification_facts(c: CertificationIn) -> CertificationFacts:
    weeks = c.preparation_weeks
    return CertificationFacts(
        slug=c.slug,
        name=c.name,
        kind=c.kind.value,
        discipline=c.discipline.value,
        cloud=c.cloud.value,
        proctored=c.proctored,
        recommended_years_ml=c.recommended_experience.years_ml,
        recommended_years_cloud=c.recommended_experience.years_cloud,
        prep_weeks_min=weeks.min if weeks else None,
        prep_weeks_max=weeks.max if weeks else None,
        difficulty=c.difficulty,
        hiring_weight=c.hiring_signal.weight.value,
        skills=tuple(c.skills),
        status=c.lifecycle.status.value,
        available_from=c.lifecycle.available_from,
        retired_on=c.lifecycle.retired_on,
        successor=c.lifecycle.successor,
        duration_minutes=c.exam.duration_minutes if c.exam else None,
    )


def course_facts(c: CourseIn) -> CourseFacts:
    return CourseFacts(
        slug=c.slug,
        title=c.title,
        level=c.level.value,
        audience=tuple(a.value for a in c.audience),
        skills=tuple(c.skills),
        interview_relevance=c.interview.relevance.value,
        rating_value=c.rating.value if c.rating else None,
        rating_scale=c.rating.scale if c.rating else None,
        duration_hours=c.duration_hours,
        prepares_for=tuple((p.certification, p.closeness.value) for p in c.prepares_for),
        part_of=c.part_of,
    )


@pytest.fixture(scope="module")
def catalog() -> CatalogSnapshot:
    seed, errors = read_seed(ROOT / "seed")
    if errors:
        pytest.skip(f"seed files do not load yet: {errors[0]}")
    return CatalogSnapshot(
        "seed",
        tuple(certification_facts(c) for c in seed.certifications),
        tuple(course_facts(c) for c in seed.courses),
    )


@pytest.mark.parametrize("cloud", ["gcp", "aws", "azure", "none"])
def test_three_kinds_of_people(catalog: CatalogSnapshot, cloud: str) -> None:
    newcomer = recommend(Profile("software_engineer", 0, target_cloud=cloud), catalog, TODAY)
    assert [s.slug for s in newcomer.steps][:3] == [STRUCTURING, APPLIED, None]

    scientist = recommend(Profile("data_scientist", 3, target_cloud=cloud), catalog, TODAY)
    assert [s.slug for s in scientist.steps if s.kind == "course"] == [PRODUCTION]

    practitioner = recommend(
        Profile(
            "ml_practitioner", 5, target_cloud=cloud, years_cloud_experience=2, goal="credential"
        ),
        catalog,
        TODAY,
    )
    assert [s.kind for s in practitioner.steps] == ["exam_prep", "certification"]

    expected = PMLE if cloud == "none" else CLOUD_EXAM_TODAY[cloud]
    for rec in (scientist, practitioner):
        assert rec.steps[-1].slug == expected
    retired = {"aws": AWS_SPECIALTY, "azure": AZURE_AI102}.get(cloud)
    if retired:
        assert retired in {w.slug for w in scientist.warnings if w.code == "certification_retired"}


def test_interview_preparation(catalog: CatalogSnapshot) -> None:
    rec = recommend(Profile("ml_practitioner", 3, goal="interview_prep"), catalog, TODAY)
    assert {s.slug for s in rec.steps if s.rule == "interview_coursework"} == {
        CLASSIFICATION,
        CLUSTERING,
    }
