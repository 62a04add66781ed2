"""The three kinds of people the article advises, on every cloud and on none."""

import pytest

from app.recommender import Profile
from tests.recommender.helpers import codes, exam_slug, kinds, run, slugs
from tests.recommender.seed_catalog import (
    APPLIED,
    AWS_SPECIALTY,
    AZURE_AI102,
    CERT_BY_SLUG,
    CLOUD_EXAM_TODAY,
    PMLE,
    PRODUCTION,
    STRUCTURING,
)

CLOUDS = ["gcp", "aws", "azure", "none"]
RETIRED_BY_CLOUD = {"aws": AWS_SPECIALTY, "azure": AZURE_AI102}


def retired_named(cloud: str, warnings: list[tuple[str, str | None]]) -> None:
    retired = [slug for code, slug in warnings if code == "certification_retired"]
    assert retired == ([RETIRED_BY_CLOUD[cloud]] if cloud in RETIRED_BY_CLOUD else [])


@pytest.mark.parametrize("cloud", CLOUDS)
def test_software_engineer_without_ml(cloud: str) -> None:
    """Coursework first (Structuring, then Applied), a project, then the cloud's exam if any."""
    rec = run(Profile("software_engineer", 0, target_platform=cloud))
    assert slugs(rec)[:3] == [STRUCTURING, APPLIED, None]
    if cloud == "none":
        assert kinds(rec) == ["course", "course", "project"]
        assert codes(rec) == ["no_target_cloud"]
    else:
        assert kinds(rec)[3:] == ["exam_prep", "certification"]
        assert exam_slug(rec) == CLOUD_EXAM_TODAY[cloud]
    retired_named(cloud, [(w.code, w.slug) for w in rec.warnings])


@pytest.mark.parametrize("cloud", CLOUDS)
def test_data_scientist_moving_into_engineering(cloud: str) -> None:
    """No more modeling theory: Production ML Systems, a project, then the exam — Google's
    when no cloud is given."""
    rec = run(Profile("data_scientist", 3, target_platform=cloud))
    assert slugs(rec, "course") == [PRODUCTION]
    assert kinds(rec) == ["course", "project", "exam_prep", "certification"]
    assert exam_slug(rec) == (PMLE if cloud == "none" else CLOUD_EXAM_TODAY[cloud])
    retired_named(cloud, [(w.code, w.slug) for w in rec.warnings])


@pytest.mark.parametrize("cloud", CLOUDS)
def test_ml_practitioner_wanting_a_credential(cloud: str) -> None:
    """Skip the coursework: the vendor's exam guide and practice tests, then the exam."""
    rec = run(
        Profile(
            "ml_practitioner", 5, target_platform=cloud, years_cloud_experience=2, goal="credential"
        )
    )
    assert kinds(rec) == ["exam_prep", "certification"]
    exam = exam_slug(rec)
    assert exam is not None
    if cloud != "none":
        assert exam == CLOUD_EXAM_TODAY[cloud]
        assert CERT_BY_SLUG[exam].platform == cloud
    retired_named(cloud, [(w.code, w.slug) for w in rec.warnings])
    assert "experience_below_recommended" not in codes(rec)
