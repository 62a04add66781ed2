"""The recommendation endpoint's request and response bodies, and their conversion to and from
the recommender's plain dataclasses."""

from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
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
from app.recommender.profile import Budget
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
from app.schemas.fields import (
    STRICT,
    Currency,
    IsoDate,
    Name,
    Note,
    Number,
    Slug,
    Years,
    bounded_int,
)

MAX_COMPLETED = 100
MAX_BUDGET = 1_000_000
CENT = Decimal("0.01")
# Far above any course or exam in the catalog (each at most 100,000); a plan has few of them.
MAX_PLAN_COST = 10_000_000

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


BUDGET_EXAMPLE: dict[str, JsonValue] = {"amount": 200, "currency": "USD"}


def _cents(amount: float) -> Decimal:
    return Decimal(str(amount)).quantize(CENT, rounding=ROUND_HALF_EVEN)


class BudgetIn(BaseModel):
    """What the person means to spend on the plan, in one currency."""

    model_config = ConfigDict(**STRICT, json_schema_extra={"examples": [BUDGET_EXAMPLE]})

    amount: Annotated[Number, Field(ge=0, le=MAX_BUDGET)] = Field(
        description="The most to spend, to the cent."
    )
    currency: Currency = Field(
        description="ISO 4217 code. Only costs in this currency are compared with the budget: "
        "costs are never converted."
    )


class ProfileFields(BaseModel):
    """The profile's fields that a body and a query string write alike."""

    model_config = ConfigDict(extra="forbid")

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

    @property
    def plain_budget(self) -> Budget | None:
        return None


class ProfileIn(ProfileFields):
    """Who the plan is for. Unknown slugs in `completed` are rejected, each one named."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [PROFILE_EXAMPLE]})

    budget: BudgetIn | None = Field(
        default=None,
        description="What the person means to spend. Given, free and cheaper courses are "
        "preferred among those of the same standing, and a plan whose known costs exceed it "
        "says so with an `over_budget` warning.",
    )

    @property
    def plain_budget(self) -> Budget | None:
        if self.budget is None:
            return None
        return Budget(_cents(self.budget.amount), self.budget.currency)


_QUERY_INT = "Same as in the request body."


class ProfileQuery(ProfileFields):
    """The profile as query parameters, so that a plan can be linked to.

    Query strings carry only text, so numbers here are read from their digits; the bounds
    are the same as in the body.
    """

    years_ml_experience: Annotated[int, Field(ge=0, le=60)] = Field(description=_QUERY_INT)
    years_cloud_experience: Annotated[int, Field(ge=0, le=60)] = Field(
        default=0, description=_QUERY_INT
    )
    hours_per_week: Annotated[int, Field(ge=1, le=80)] = Field(default=8, description=_QUERY_INT)
    budget_amount: Annotated[float, Field(ge=0, le=MAX_BUDGET)] | None = Field(
        default=None,
        description="The body's `budget.amount`; give it with `budget_currency`.",
        examples=[200],
    )
    budget_currency: Currency | None = Field(
        default=None,
        validate_default=True,
        description="The body's `budget.currency`; give it with `budget_amount`.",
    )

    @field_validator("budget_currency")
    @classmethod
    def _both_or_neither(cls, currency: str | None, info: ValidationInfo) -> str | None:
        if "budget_amount" not in info.data:
            return currency  # the amount was refused: that error says enough
        if (currency is None) != (info.data["budget_amount"] is None):
            raise PydanticCustomError(
                "budget_incomplete",
                "budget_amount and budget_currency go together: give both, or neither",
            )
        return currency

    @property
    def plain_budget(self) -> Budget | None:
        if self.budget_amount is None or self.budget_currency is None:
            return None
        return Budget(_cents(self.budget_amount), self.budget_currency)


class RecommendationQuery(ProfileQuery):
    format: Literal["json", "svg", "ics"] | None = Field(
        default=None,
        description="`svg` for the plan as an SVG timeline, `ics` for it as an iCalendar "
        "(RFC 5545) calendar; by default the Accept header decides, and JSON is the fallback.",
    )


Amount = Annotated[float, Field(ge=0, le=MAX_PLAN_COST)]


class StepCostOut(BaseModel):
    known: bool = Field(description="Whether the catalog knows this cost; never guessed.")
    amount: Amount | None = Field(description="0 when free; null when not known.")
    currency: Currency | None = Field(description="ISO 4217 code; null when not known.")


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
    cost: StepCostOut | None = Field(
        description="A course's price or an exam's fee; null for a project or exam "
        "preparation, which the catalog prices nothing for."
    )


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


class CostTotalOut(BaseModel):
    amount: Amount = Field(description="The plan's known costs in this currency.")
    currency: Currency


class RenewalOut(BaseModel):
    slug: Slug = Field(description="A credential the plan earns.")
    due_on: date = Field(
        description="When its validity runs out: the plan's exam week, plus the validity."
    )
    validity_months: int = Field(ge=1, le=600, description="How long a pass stays valid.")
    terms: Note | None = Field(
        description="The issuer's renewal terms, where the catalog has them; the catalog holds "
        "no renewal prices, so renewals are not in the totals."
    )


class BudgetUseOut(BaseModel):
    amount: Amount = Field(description="The budget.")
    currency: Currency = Field(description="The budget's currency.")
    planned: Amount = Field(description="The plan's known costs in that currency.")
    over: bool = Field(description="Whether they exceed the budget (an `over_budget` warning).")
    not_comparable: Annotated[list[Currency], Field(max_length=50)] = Field(
        description="Other currencies the plan has costs in: never converted, so not compared."
    )


class PlanCostOut(BaseModel):
    totals: Annotated[list[CostTotalOut], Field(max_length=50)] = Field(
        description="The known costs of courses and exams, per currency."
    )
    free: int = Field(ge=0, le=1000, description="Steps known to cost nothing.")
    unknown: Annotated[list[Slug], Field(max_length=1000)] = Field(
        description="Courses and exams whose cost the catalog does not know: not counted."
    )
    renewals: Annotated[list[RenewalOut], Field(max_length=50)] = Field(
        description="Credentials the plan earns that will need renewing, where the catalog "
        "knows how long they stay valid."
    )
    budget: BudgetUseOut | None = Field(description="The plan against the budget, if given.")


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
    cost: PlanCostOut = Field(description="What the plan costs, as far as the catalog knows.")
    link: str = Field(
        json_schema_extra={"format": "uri"},
        description="A GET URL that gives this same plan: the profile as query parameters, "
        "with the date fixed.",
    )
    calendar: str = Field(
        json_schema_extra={"format": "uri"},
        description="The same plan as an iCalendar (RFC 5545) calendar: `link` with `format=ics`.",
    )


def profile_from_in(p: ProfileFields) -> Profile:
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
        budget=p.plain_budget,
    )


_RECOMMENDATION = TypeAdapter(Recommendation)
_TEXT = TypeAdapter(str)


def calendar_link(link: str) -> str:
    return f"{link}&format=ics"


def recommendation_json(rec: Recommendation, link: str) -> bytes:
    """The plan's JSON, written straight from the recommender's dataclasses, whose fields are
    `RecommendationOut`'s in the same order: building and validating the models took longer
    than making the plan."""
    body = _RECOMMENDATION.dump_json(rec)
    links = b',"link":' + _TEXT.dump_json(link) + b',"calendar":'
    return body[:-1] + links + _TEXT.dump_json(calendar_link(link)) + b"}"


def recommendation_out(rec: Recommendation, link: str) -> RecommendationOut:
    """The plan as the model, for the representations drawn from it; read back from the same
    JSON, so that the two cannot differ."""
    return RecommendationOut.model_validate_json(recommendation_json(rec, link))
