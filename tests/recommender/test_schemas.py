"""The HTTP layer's request and response models for recommendations."""

from datetime import date
from typing import Any

import pytest
from pydantic import ValidationError

from app.recommender import Profile
from app.schemas.recommendations import (
    MAX_COMPLETED,
    PROFILE_EXAMPLE,
    ProfileIn,
    RecommendationOut,
    profile_from_in,
    recommendation_json,
    recommendation_out,
)
from tests.recommender.helpers import run
from tests.recommender.seed_catalog import STRUCTURING


def valid(**changes: Any) -> dict[str, Any]:
    return {"background": "software_engineer", "years_ml_experience": 0, **changes}


def test_the_example_is_valid() -> None:
    profile = ProfileIn.model_validate(PROFILE_EXAMPLE)
    assert ProfileIn.model_json_schema()["examples"] == [PROFILE_EXAMPLE]
    assert profile.as_of == date(2026, 11, 20)


def test_defaults() -> None:
    profile = profile_from_in(ProfileIn.model_validate(valid()))
    assert profile == Profile("software_engineer", 0)


@pytest.mark.parametrize(
    "changes",
    [
        {"surprise": 1},
        {"years_ml_experience": -1},
        {"years_ml_experience": 61},
        {"years_ml_experience": True},
        {"years_ml_experience": "3"},
        {"years_ml_experience": 2.5},
        {"years_cloud_experience": 61},
        {"hours_per_week": 0},
        {"hours_per_week": 81},
        {"target_cloud": "oracle"},
        {"goal": "fame"},
        {"background": "astronaut"},
        {"completed": ["Not A Slug"]},
        {"completed": [f"course-{i}" for i in range(MAX_COMPLETED + 1)]},
        {"as_of": "20-11-2026"},
        {"as_of": 1_700_000_000},
    ],
)
def test_rejects(changes: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        ProfileIn.model_validate(valid(**changes))


def test_integral_floats_are_integers() -> None:
    assert ProfileIn.model_validate(valid(years_ml_experience=3.0)).years_ml_experience == 3


def test_required_fields() -> None:
    for missing in ("background", "years_ml_experience"):
        body = valid()
        del body[missing]
        with pytest.raises(ValidationError):
            ProfileIn.model_validate(body)


def test_profile_conversion_drops_order_and_repeats() -> None:
    body = valid(completed=["b-course", "a-course", "b-course"], as_of="2026-01-02", goal="skills")
    profile = profile_from_in(ProfileIn.model_validate(body))
    assert profile.completed == ("a-course", "b-course")
    assert profile.as_of == date(2026, 1, 2)
    assert profile.goal == "skills"


def test_recommendation_out_carries_everything() -> None:
    profile = profile_from_in(
        ProfileIn.model_validate(valid(target_cloud="aws", completed=[STRUCTURING]))
    )
    rec = run(profile)
    out = recommendation_out(rec, "/recommendations?background=software_engineer")
    assert isinstance(out, RecommendationOut)
    assert [s.slug for s in out.steps] == [s.slug for s in rec.steps]
    assert [w.code for w in out.warnings] == [w.code for w in rec.warnings]
    assert [a.slug for a in out.alternatives] == [a.slug for a in rec.alternatives]
    assert (out.total_weeks, out.catalog_version, out.recommender_version, out.as_of) == (
        rec.total_weeks,
        rec.catalog_version,
        rec.recommender_version,
        rec.as_of,
    )
    body = out.model_dump(mode="json")
    assert body["steps"][0]["kind"] == "course" and body["warnings"][0]["code"]


def test_response_fields_are_described() -> None:
    schema = RecommendationOut.model_json_schema()
    for model in ("StepOut", "WarningOut", "AlternativeOut"):
        for name, field in schema["$defs"][model]["properties"].items():
            assert field.get("description"), (model, name)


@pytest.mark.parametrize("background", ["software_engineer", "data_scientist", "ml_practitioner"])
@pytest.mark.parametrize("cloud", ["none", "gcp", "aws", "azure"])
@pytest.mark.parametrize("goal", ["get_hired", "credential", "skills"])
def test_the_quick_json_is_the_models_json(background: str, cloud: str, goal: str) -> None:
    profile = profile_from_in(
        ProfileIn.model_validate(
            valid(background=background, years_ml_experience=3, target_cloud=cloud, goal=goal)
        )
    )
    rec = run(profile)
    # A link with what JSON must escape, and what it need not.
    link = 'http://host/recommendations?q="é"\\&x=\u2028'
    assert (
        recommendation_json(rec, link) == recommendation_out(rec, link).model_dump_json().encode()
    )
