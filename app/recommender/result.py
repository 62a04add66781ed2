"""What the recommender answers: plain data that the HTTP layer turns into JSON."""

from dataclasses import dataclass
from datetime import date

from app.recommender.vocabulary import Rule, StepKind, WarningCode


@dataclass(frozen=True, slots=True)
class StepCost:
    """What a course or an exam costs, as the catalog knows it; never a guessed figure."""

    known: bool
    amount: float | None  # 0 for free; None when not known
    currency: str | None  # ISO 4217; None when not known


@dataclass(frozen=True, slots=True)
class Step:
    rank: int  # 1 is the first thing to do
    kind: StepKind
    slug: str | None  # None for a project, which is not a catalog item
    title: str
    rule: Rule
    reason: str
    estimated_hours: int
    start_week: int  # 1-based
    end_week: int
    cost: StepCost | None = None  # None for a step the catalog prices nothing for


@dataclass(frozen=True, slots=True)
class Warning:  # the API's word; shadows the builtin only where imported by this name
    code: WarningCode
    message: str
    slug: str | None


@dataclass(frozen=True, slots=True)
class Alternative:
    slug: str
    name: str
    cloud: str  # the first catalog's field: gcp, aws, azure, or none for any other platform
    reason: str  # why it ranks below the recommended exam
    platform: str


@dataclass(frozen=True, slots=True)
class NextCredential:
    """A credential to aim for once the plan's exam is passed: the next rung of its ladder."""

    slug: str
    name: str
    tier: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class SkillCoverage:
    """The target exam's skills, split by whether the plan's and completed courses teach them."""

    exam: str  # the exam's slug
    covered: tuple[str, ...]
    open: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Money:
    amount: float
    currency: str


@dataclass(frozen=True, slots=True)
class Renewal:
    """A credential the plan earns, due for renewal once its validity runs out."""

    slug: str
    due_on: date  # the plan's exam week, plus the validity
    validity_months: int
    terms: str | None  # the issuer's renewal terms, in words; the catalog holds no price


@dataclass(frozen=True, slots=True)
class BudgetUse:
    """The plan's known costs in the budget's currency, against the budget."""

    amount: float
    currency: str
    planned: float  # the known costs in this currency
    over: bool
    not_comparable: tuple[str, ...]  # other currencies with costs, never converted


@dataclass(frozen=True, slots=True)
class PlanCost:
    totals: tuple[Money, ...]  # per currency, of the known costs
    free: int  # steps known to cost nothing
    unknown: tuple[str, ...]  # slugs of steps whose cost the catalog does not know
    renewals: tuple[Renewal, ...]
    budget: BudgetUse | None


@dataclass(frozen=True, slots=True)
class Recommendation:
    steps: tuple[Step, ...]
    warnings: tuple[Warning, ...]
    alternatives: tuple[Alternative, ...]
    next_credentials: tuple[NextCredential, ...]
    skill_coverage: SkillCoverage | None
    total_weeks: int
    as_of: date
    catalog_version: str
    recommender_version: str
    cost: PlanCost
