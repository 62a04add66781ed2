"""A catalog many times larger, and vendors the code has never heard of."""

import random
from dataclasses import replace
from itertools import product

import pytest

from app.recommender import CatalogSnapshot, CourseFacts, Profile, recommend
from tests.recommender.helpers import exam_slug, run
from tests.recommender.seed_catalog import CERTIFICATIONS, COURSES, SEED, TODAY, cert, course

BACKGROUNDS = ("software_engineer", "data_scientist", "ml_practitioner", "student", "other")
GOALS = ("get_hired", "credential", "interview_prep", "skills")
CLOUDS = ("gcp", "aws", "azure", "none")


# Where the seed already has a course for an audience at a level; a synthetic course placed
# anywhere else would fill a real gap and rightly change the answer.
COVERED = (
    *product(("software_engineer", "student", "other"), ("beginner", "intermediate")),
    *product(("data_scientist", "ml_practitioner"), ("intermediate", "advanced")),
)


def unrelated_courses(count: int, seed: int = 0) -> tuple[CourseFacts, ...]:
    """Courses a plan has no reason to prefer: rated below every seed course at their level,
    with no interview weight, preparing for no exam."""
    rng = random.Random(seed)
    made = []
    for i in range(count):
        audience, level = rng.choice(COVERED)
        made.append(
            course(
                f"synthetic-course-{i:05d}",
                level=level,
                audience=(audience,),
                skills=(f"skill-{rng.randint(0, 500)}",),
                interview_relevance=rng.choice(("low", "medium")),
                rating_value=round(rng.uniform(1.0, 9.0), 1) if rng.random() < 0.9 else None,
                duration_hours=rng.choice((None, 5, 12, 60)),
            )
        )
    return tuple(made)


BIG = CatalogSnapshot(SEED.version, CERTIFICATIONS, COURSES + unrelated_courses(2000))


@pytest.mark.parametrize(("background", "goal"), list(product(BACKGROUNDS, GOALS)))
def test_two_thousand_unrelated_courses_change_nothing(background: str, goal: str) -> None:
    for cloud, years in product(CLOUDS, (0, 4)):
        profile = Profile(background, years, target_platform=cloud, goal=goal)
        assert recommend(profile, BIG, TODAY) == recommend(profile, SEED, TODAY)


def test_recommend_reads_the_index_not_the_whole_catalog() -> None:
    # With the snapshot's item tuples emptied after indexing, the answer is the same: a
    # recommendation never scans the catalog, only the buckets a profile needs.
    hollow = CatalogSnapshot(SEED.version, CERTIFICATIONS, COURSES + unrelated_courses(200))
    object.__setattr__(hollow, "courses", ())
    object.__setattr__(hollow, "certifications", ())
    for background, goal in product(BACKGROUNDS, GOALS):
        profile = Profile(background, 0, target_platform="aws", goal=goal)
        assert recommend(profile, hollow, TODAY) == recommend(profile, SEED, TODAY)


def test_a_new_vendor_needs_no_code() -> None:
    oci = cert(
        "oci-ml-professional",
        name="OCI Machine Learning Professional",
        platform="oci",
        hiring_weight="strong",
        recommended_years_ml=2,
    )
    oci_course = course(
        "oci-production-ml",
        level="advanced",
        audience=("data_scientist",),
        rating_value=9.9,
        prepares_for=((oci.slug, "maps_to_exam_objectives"),),
    )
    catalog = CatalogSnapshot("v", (*CERTIFICATIONS, oci), (*COURSES, oci_course))
    rec = run(Profile("data_scientist", 3, target_platform="oci"), catalog)
    assert exam_slug(rec) == oci.slug
    assert rec.steps[0].slug == oci_course.slug  # the production course that maps to it
    assert "oci" in rec.steps[-2].title.lower() or "OCI" in rec.steps[-2].title


def test_duplicate_slugs_are_refused() -> None:
    with pytest.raises(ValueError, match="twice"):
        CatalogSnapshot("v", CERTIFICATIONS, (*COURSES, replace(COURSES[0])))
