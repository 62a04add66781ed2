"""The repository's own seed files, read straight from YAML, give the article's advice."""

from datetime import date

import pytest

from app.catalog.shape import CERTIFICATION, COURSE, to_columns
from app.catalog.snapshot import facts_of
from app.catalog.tables import CERTIFICATIONS, COURSES
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
    # Through the same shape and facts the database's snapshot is made by, with no database.
    return facts_of(
        CertificationFacts,
        CERTIFICATIONS,
        to_columns(CERTIFICATION, c, {}),
        skills=tuple(sorted(c.skills)),
        successor=c.lifecycle.successor,
    )


def course_facts(c: CourseIn) -> CourseFacts:
    return facts_of(
        CourseFacts,
        COURSES,
        to_columns(COURSE, c, {}),
        audience=tuple(sorted(a.value for a in c.audience)),
        skills=tuple(sorted(c.skills)),
        prepares_for=tuple(sorted((p.certification, p.closeness.value) for p in c.prepares_for)),
        part_of=c.part_of,
    )


@pytest.fixture(scope="module")
def catalog() -> CatalogSnapshot:
    seed, errors = read_seed(ROOT / "seed")
    assert not errors, errors
    return CatalogSnapshot(
        "seed",
        tuple(certification_facts(c) for c in seed.certifications),
        tuple(course_facts(c) for c in seed.courses),
    )


@pytest.mark.parametrize("cloud", ["gcp", "aws", "azure", "none"])
def test_three_kinds_of_people(catalog: CatalogSnapshot, cloud: str) -> None:
    newcomer = recommend(Profile("software_engineer", 0, target_platform=cloud), catalog, TODAY)
    assert [s.slug for s in newcomer.steps][:3] == [STRUCTURING, APPLIED, None]

    scientist = recommend(Profile("data_scientist", 3, target_platform=cloud), catalog, TODAY)
    assert [s.slug for s in scientist.steps if s.kind == "course"] == [PRODUCTION]

    practitioner = recommend(
        Profile(
            "ml_practitioner", 5, target_platform=cloud, years_cloud_experience=2, goal="credential"
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
