"""The recommendation endpoint's request and response bodies, and their conversion to and from
the recommender's plain dataclasses."""

from datetime import date
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    TypeAdapter,
    ValidationInfo,
    field_validator,
)
from pydantic_core import PydanticCustomError

from app.recommender import Profile, Recommendation
from app.recommender.alternatives import MAX_ALTERNATIVES
from app.recommender.ladder import MAX_NEXT
from app.recommender.vocabulary import (
    Background,
    Cloud,
    Focus,
    Goal,
    Platform,
    Rule,
    StepKind,
    Tier,
    WarningCode,
    cloud_of,
)
from app.schemas.catalog_in import MAX_COURSE_HOURS
from app.schemas.fields import IsoDate, Name, Slug, Years, bounded_int

MAX_COMPLETED = 100

PROFILE_EXAMPLE: dict[str, JsonValue] = {
    "background": "software_engineer",
    "years_ml_experience": 0,
    "target_platform": "gcp",
    "years_cloud_experience": 0,
    "goal": "get_hired",
    "completed": ["structuring-ml-projects"],
    "hours_per_week": 8,
    "as_of": "2026-11-20",
}


class ProfileIn(BaseModel):
    """Who the plan is for. Unknown slugs in `completed` are rejected, each one named."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [PROFILE_EXAMPLE]})

    background: Background = Field(description="Where the person is coming from.")
    years_ml_experience: Years = Field(description="Years of hands-on machine-learning work.")
    target_cloud: Cloud = Field(
        default=Cloud.none,
        description="The cloud the target employers run on; `none` when not known. "
        "`target_platform` is the wider field; give either, or both alike.",
    )
    target_platform: Platform | None = Field(
        default=None,
        description="The platform the target employers use: a cloud, or Databricks, NVIDIA or "
        "Snowflake; `none` when not known. Taken from `target_cloud` when omitted.",
    )
    years_cloud_experience: Years = Field(
        default=0,
        description="Years of work on the target platform (or on any, if none is named).",
    )
    goal: Goal = Field(default=Goal.get_hired, description="What the plan is for.")
    focus: Focus = Field(
        default=Focus.ml_engineering,
        description="The engineering the person is heading for; it decides which discipline's "
        "exams come first.",
    )
    completed: Annotated[list[Slug], Field(max_length=MAX_COMPLETED)] = Field(
        default_factory=list,
        description="Slugs of courses and certifications already completed; never recommended.",
    )
    hours_per_week: bounded_int(1, 80) = Field(  # type: ignore[valid-type]
        default=8, description="Hours a week available for study; sets the weeks of each step."
    )
    as_of: IsoDate | None = Field(
        default=None,
        description="Read certification lifecycles as of this date; today when omitted.",
    )

    @field_validator("target_platform")
    @classmethod
    def _agrees_with_cloud(cls, platform: Platform | None, info: ValidationInfo) -> Platform | None:
        cloud = info.data.get("target_cloud")
        if platform is not None and cloud not in (None, Cloud.none, cloud_of(platform)):
            raise PydanticCustomError(
                "platform_mismatch",
                "target_platform '{platform}' contradicts target_cloud '{cloud}': give one of "
                "them, or the same platform in both",
                {"platform": platform.value, "cloud": str(cloud)},
            )
        return platform

    @property
    def platform(self) -> str:
        """The target platform, from whichever field named it."""
        if self.target_platform is not None:
            return self.target_platform.value
        return self.target_cloud.value


_QUERY_INT = "Same as in the request body."


class ProfileQuery(ProfileIn):
    """The profile as query parameters, so that a plan can be linked to.

    Query strings carry only text, so numbers here are read from their digits; the bounds
    are the same as in the body.
    """

    years_ml_experience: Annotated[int, Field(ge=0, le=60)] = Field(description=_QUERY_INT)
    years_cloud_experience: Annotated[int, Field(ge=0, le=60)] = Field(
        default=0, description=_QUERY_INT
    )
    hours_per_week: Annotated[int, Field(ge=1, le=80)] = Field(default=8, description=_QUERY_INT)


class RecommendationQuery(ProfileQuery):
    format: Literal["json", "svg"] | None = Field(
        default=None,
        description="`svg` for the plan as an SVG timeline; by default the Accept header "
        "decides, and JSON is the fallback.",
    )


class StepOut(BaseModel):
    rank: int = Field(ge=1, description="Order of the step; 1 comes first.")
    kind: StepKind = Field(description="What the step is.")
    slug: Slug | None = Field(
        description="The catalog item: a course or a certification. Null for a project."
    )
    title: str = Field(description="What to do.")
    rule: Rule = Field(description="Stable code of the guidance this step follows.")
    reason: str = Field(description="One sentence on why this step is here, in this place.")
    # The longest step is a course: preparation, the project and an exam are shorter.
    estimated_hours: int = Field(
        ge=1, le=MAX_COURSE_HOURS, description="Hours the step is expected to take."
    )
    start_week: int = Field(ge=1, description="Week the step starts in, counting from 1.")
    end_week: int = Field(ge=1, description="Week the step ends in, at the given hours per week.")


class WarningOut(BaseModel):
    code: WarningCode = Field(description="Stable, machine-readable code.")
    message: str = Field(description="What to know, in one or two sentences.")
    slug: Slug | None = Field(description="The certification the warning is about, if any.")


class AlternativeOut(BaseModel):
    slug: Slug = Field(description="A vendor certification that would also fit.")
    name: Name = Field(description="Its name.")
    cloud: Cloud = Field(description="The cloud it is for; `none` for any other platform.")
    reason: str = Field(description="Why it ranks below the recommended exam.")
    platform: Platform = Field(description="The platform it is for.")


class NextCredentialOut(BaseModel):
    slug: Slug = Field(description="A vendor certification to aim for after this plan.")
    name: Name = Field(description="Its name.")
    tier: Tier | None = Field(description="Its rung on the issuer's ladder.")
    reason: str = Field(description="Why it comes next, and when.")


class SkillCoverageOut(BaseModel):
    exam: Slug = Field(description="The plan's exam.")
    covered: Annotated[list[Slug], Field(max_length=50)] = Field(
        description="The exam's skills that the planned and completed courses teach."
    )
    open: Annotated[list[Slug], Field(max_length=50)] = Field(
        description="The exam's skills still open: the portfolio project works on these."
    )


class RecommendationOut(BaseModel):
    steps: list[StepOut] = Field(description="The plan, in order.")
    warnings: list[WarningOut] = Field(description="What the person should know about it.")
    alternatives: Annotated[list[AlternativeOut], Field(max_length=MAX_ALTERNATIVES)] = Field(
        description="Other vendor certifications that would fit, best first."
    )
    next_credentials: Annotated[list[NextCredentialOut], Field(max_length=MAX_NEXT)] = Field(
        description="Where the plan's credential leads: the next rung of its issuer's ladder."
    )
    skill_coverage: SkillCoverageOut | None = Field(
        description="Which of the exam's skills the courses cover; null when no exam is planned."
    )
    total_weeks: int = Field(ge=0, description="Weeks the whole plan takes.")
    as_of: date = Field(description="The date certification lifecycles were read at.")
    # The API's versions count the catalog's writes; the recommender takes any plain label.
    catalog_version: str = Field(
        max_length=64,
        pattern=r"^[0-9A-Za-z._-]+$",
        description="Version of the catalog the plan was made from.",
    )
    recommender_version: str = Field(
        max_length=32,
        pattern=r"^[0-9]+\.[0-9]+\.[0-9]+$",
        description="Version of the rules that made the plan.",
    )
    link: str = Field(
        json_schema_extra={"format": "uri"},
        description="A GET URL that gives this same plan: the profile as query parameters, "
        "with the date fixed.",
    )


def profile_from_in(p: ProfileIn) -> Profile:
    return Profile(
        background=p.background.value,
        years_ml_experience=p.years_ml_experience,
        target_platform=p.platform,
        years_cloud_experience=p.years_cloud_experience,
        goal=p.goal.value,
        focus=p.focus.value,
        # Order and repeats carry no meaning; dropping them keeps equal profiles equal.
        completed=tuple(sorted(set(p.completed))),
        hours_per_week=p.hours_per_week,
        as_of=p.as_of,
    )


def recommendation_out(rec: Recommendation, link: str) -> RecommendationOut:
    return RecommendationOut(
        link=link,
        steps=[
            StepOut(
                rank=s.rank,
                kind=s.kind,
                slug=s.slug,
                title=s.title,
                rule=s.rule,
                reason=s.reason,
                estimated_hours=s.estimated_hours,
                start_week=s.start_week,
                end_week=s.end_week,
            )
            for s in rec.steps
        ],
        warnings=[WarningOut(code=w.code, message=w.message, slug=w.slug) for w in rec.warnings],
        alternatives=[
            AlternativeOut(
                slug=a.slug,
                name=a.name,
                cloud=Cloud(a.cloud),
                reason=a.reason,
                platform=Platform(a.platform),
            )
            for a in rec.alternatives
        ],
        next_credentials=[
            NextCredentialOut(
                slug=n.slug, name=n.name, tier=Tier(n.tier) if n.tier else None, reason=n.reason
            )
            for n in rec.next_credentials
        ],
        skill_coverage=None
        if rec.skill_coverage is None
        else SkillCoverageOut(
            exam=rec.skill_coverage.exam,
            covered=list(rec.skill_coverage.covered),
            open=list(rec.skill_coverage.open),
        ),
        total_weeks=rec.total_weeks,
        as_of=rec.as_of,
        catalog_version=rec.catalog_version,
        recommender_version=rec.recommender_version,
    )


_RECOMMENDATION = TypeAdapter(Recommendation)
_TEXT = TypeAdapter(str)


def recommendation_json(rec: Recommendation, link: str) -> bytes:
    """`recommendation_out(rec, link).model_dump_json()`, written straight from the
    recommender's dataclasses, whose fields are the models' in the same order: building
    and validating the models took longer than making the plan."""
    body = _RECOMMENDATION.dump_json(rec)
    return body[:-1] + b',"link":' + _TEXT.dump_json(link) + b"}"
