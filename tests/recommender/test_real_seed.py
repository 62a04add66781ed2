"""The repository's own seed files, read straight from YAML, give the article's advice."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.catalog.shape import CERTIFICATION, COURSE, to_columns
from app.catalog.snapshot import facts_of
from app.catalog.tables import CERTIFICATIONS, COURSES
from app.core.config import ROOT
from app.recommender import (
    CatalogSnapshot,
    CertificationFacts,
    CourseFacts,
    Profile,
    Recommendation,
    recommend,
)
from app.recommender.profile import Budget
from app.schemas.catalog_in import CertificationIn, CourseIn
from app.seeding.files import read_seed
from tests.recommender.seed_catalog import (
    APPLIED,
    AWS_SPECIALTY,
    CLASSIFICATION,
    CLOUD_EXAM_TODAY,
    CLUSTERING,
    PMLE,
    PRODUCTION,
    STRUCTURING,
)

TODAY = date(2026, 11, 20)
AI_300 = "azure-mlops-engineer-associate"
DP_100 = "azure-data-scientist-associate"


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

    # On the widened seed, Azure's exam for ML engineering is the MLOps exam that replaced
    # DP-100; AI-103 is about AI apps and agents.
    expected = {**CLOUD_EXAM_TODAY, "azure": AI_300, "none": PMLE}[cloud]
    for rec in (scientist, practitioner):
        assert rec.steps[-1].slug == expected
    retired = {"aws": AWS_SPECIALTY, "azure": DP_100}.get(cloud)
    if retired:
        assert retired in {w.slug for w in scientist.warnings if w.code == "certification_retired"}


def test_interview_preparation(catalog: CatalogSnapshot) -> None:
    rec = recommend(Profile("ml_practitioner", 3, goal="interview_prep"), catalog, TODAY)
    assert {s.slug for s in rec.steps if s.rule == "interview_coursework"} == {
        CLASSIFICATION,
        CLUSTERING,
    }


# The 2026 landscape (issue 13): the widened seed answers the people the first catalog could
# not, and the article's three answers stay as they were.
AIP_C01 = "aws-genai-developer-professional"
AIF_C01 = "aws-ai-practitioner"
DATABRICKS_ASSOCIATE = "databricks-ml-associate"
DATABRICKS_PROFESSIONAL = "databricks-ml-professional"
RETIRED = (DP_100, "tensorflow-developer-certificate")


def exam_of(rec: Recommendation) -> str | None:
    return next((s.slug for s in rec.steps if s.kind == "certification"), None)


def test_a_data_scientist_on_azure_is_planned_onto_the_mlops_exam(
    catalog: CatalogSnapshot,
) -> None:
    rec = recommend(Profile("data_scientist", 3, target_platform="azure"), catalog, TODAY)
    assert exam_of(rec) == AI_300
    retired = {w.slug for w in rec.warnings if w.code == "certification_retired"}
    assert DP_100 in retired


def test_a_genai_engineer_on_aws_is_planned_onto_the_professional_genai_exam(
    catalog: CatalogSnapshot,
) -> None:
    profile = Profile(
        "ml_practitioner", 3, target_platform="aws", years_cloud_experience=2,
        focus="genai_engineering",
    )  # fmt: skip
    assert exam_of(recommend(profile, catalog, TODAY)) == AIP_C01


def test_a_databricks_practitioner_below_the_professional_rung_takes_the_associate(
    catalog: CatalogSnapshot,
) -> None:
    newer = Profile("ml_practitioner", 2, target_platform="databricks", goal="credential")
    rec = recommend(newer, catalog, TODAY)
    assert exam_of(rec) == DATABRICKS_ASSOCIATE
    assert [n.slug for n in rec.next_credentials] == [DATABRICKS_PROFESSIONAL]
    assert "recommends" in rec.next_credentials[0].reason

    seasoned = Profile(
        "ml_practitioner", 5, target_platform="databricks", years_cloud_experience=3,
        goal="credential",
    )  # fmt: skip
    assert exam_of(recommend(seasoned, catalog, TODAY)) == DATABRICKS_PROFESSIONAL


@pytest.mark.parametrize("platform", ["gcp", "aws", "azure", "none"])
@pytest.mark.parametrize("focus", ["ml_engineering", "genai_engineering", "mlops"])
def test_literacy_and_entry_exams_are_never_the_target_of_someone_in_ml(
    catalog: CatalogSnapshot, platform: str, focus: str
) -> None:
    for background, years in (("ml_practitioner", 3), ("data_scientist", 2)):
        profile = Profile(
            background, years, target_platform=platform, goal="credential", focus=focus
        )
        exam = exam_of(recommend(profile, catalog, TODAY))
        if exam is not None:
            facts = catalog.index.certification[exam]
            assert facts.discipline != "ai_literacy" and facts.tier != "foundational", exam


def test_retired_items_are_accepted_as_completed_and_never_recommended(
    catalog: CatalogSnapshot,
) -> None:
    for platform in ("gcp", "aws", "azure", "databricks", "nvidia", "snowflake", "none"):
        for background in ("software_engineer", "data_scientist", "ml_practitioner"):
            profile = Profile(
                background, 2, target_platform=platform, goal="credential", completed=RETIRED
            )
            rec = recommend(profile, catalog, TODAY)
            for step in rec.steps:
                if step.slug in catalog.index.certification:
                    assert catalog.index.certification[step.slug].status != "retired"


def test_a_plan_says_which_exam_skills_its_courses_leave_open(catalog: CatalogSnapshot) -> None:
    rec = recommend(Profile("data_scientist", 3, target_platform="gcp"), catalog, TODAY)
    coverage = rec.skill_coverage
    assert coverage is not None and coverage.exam == exam_of(rec)
    exam_skills = set(catalog.index.certification[coverage.exam].skills)
    assert set(coverage.covered) | set(coverage.open) == exam_skills
    assert coverage.covered and coverage.open
    project = next(s for s in rec.steps if s.kind == "project")
    assert coverage.open[0] in project.reason


def test_an_aws_practitioner_with_ml_experience_is_never_sent_to_the_practitioner_exam(
    catalog: CatalogSnapshot,
) -> None:
    rec = recommend(
        Profile("ml_practitioner", 4, target_platform="aws", goal="credential"), catalog, TODAY
    )
    assert exam_of(rec) != AIF_C01
    assert AIF_C01 not in {a.slug for a in rec.alternatives}


def test_the_seeds_costs_budget_and_renewals(catalog: CatalogSnapshot) -> None:
    """The seed prices few courses (three free, one paid) and most exams, all in USD."""
    aws = recommend(Profile("software_engineer", 0, target_platform="aws"), catalog, TODAY)
    assert [(m.amount, m.currency) for m in aws.cost.totals] == [(150.0, "USD")]
    assert aws.cost.unknown == (STRUCTURING, APPLIED)  # no price in their seed files
    (renewal,) = aws.cost.renewals
    assert (renewal.slug, renewal.validity_months) == ("aws-ml-engineer-associate", 36)

    # Targeting Azure, no foundation course prepares for its exams: the free fast.ai course is
    # of the same standing as Applied ML, so a budget takes it; without one, the rating leads.
    azure = Profile("software_engineer", 0, target_platform="azure")
    courses = [s.slug for s in recommend(azure, catalog, TODAY).steps if s.kind == "course"]
    assert courses == [STRUCTURING, APPLIED]
    budget = Budget(Decimal(50), "USD")
    thrifty = recommend(replace(azure, budget=budget), catalog, TODAY)
    courses = [s.slug for s in thrifty.steps if s.kind == "course"]
    assert courses == [STRUCTURING, "practical-deep-learning-for-coders"]
    assert thrifty.cost.free == 1
    exam_fee = thrifty.steps[-1].cost
    assert exam_fee is not None
    if exam_fee.known:
        assert thrifty.cost.budget is not None
        assert thrifty.cost.budget.over == (Decimal(str(exam_fee.amount)) > budget.amount)
    codes = {w.code for w in thrifty.warnings}
    assert "budget_not_comparable" in codes  # Structuring's price is not known
