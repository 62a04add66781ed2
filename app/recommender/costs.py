"""What a plan costs: each course's price and each exam's fee as the catalog knows them, totals
per currency, the renewals its credentials will need, and the plan against a budget.

Costs are never guessed and never converted: a figure the catalog lacks is counted and named
as unknown, and a budget is compared only with the costs in its own currency. The catalog holds
no renewal prices, so renewals are dated and described, not priced. A project and exam
preparation are not catalog items and carry no cost.
"""

from collections import defaultdict
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from app.recommender.context import Context
from app.recommender.indexes.cheaper import known_amount
from app.recommender.result import (
    BudgetUse,
    Money,
    PlanCost,
    Renewal,
    Step,
    StepCost,
    Warning,
)
from app.recommender.vocabulary import StepKind, WarningCode
from app.recommender.wording import listing

UNKNOWN = StepCost(known=False, amount=None, currency=None)


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day where it has no such day."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    following = date(year + month // 12, month % 12 + 1, 1)
    return date(year, month, min(day.day, (following - timedelta(days=1)).day))


def _cost(amount: object, currency: str | None) -> StepCost:
    known = known_amount(amount)
    if known is None or (currency is None and known != 0):
        return UNKNOWN
    return StepCost(known=True, amount=float(known), currency=currency)


def with_costs(ctx: Context, steps: tuple[Step, ...]) -> tuple[Step, ...]:
    """The steps, each course and exam with its cost."""
    priced = []
    for step in steps:
        cost: StepCost | None = None
        if step.kind is StepKind.course and (course := ctx.index.course.get(step.slug or "")):
            cost = _cost(course.cost_amount, course.cost_currency)
        elif step.kind is StepKind.certification and (
            exam := ctx.index.certification.get(step.slug or "")
        ):
            cost = _cost(exam.cost_amount, exam.cost_currency)
        priced.append(replace(step, cost=cost) if cost is not None else step)
    return tuple(priced)


def plan_cost(ctx: Context, steps: tuple[Step, ...]) -> tuple[PlanCost, list[Warning]]:
    totals: defaultdict[str, Decimal] = defaultdict(Decimal)
    free, unknown = 0, []
    for step in steps:
        if step.cost is None:
            continue
        if not step.cost.known or step.cost.amount is None:
            unknown.append(step.slug or step.title)  # courses and exams always have a slug
            continue
        if step.cost.amount == 0:
            free += 1
        if step.cost.currency is not None:
            totals[step.cost.currency] += Decimal(str(step.cost.amount))
    budget, warnings = _against_budget(ctx, totals, unknown)
    cost = PlanCost(
        totals=tuple(Money(float(totals[c]), c) for c in sorted(totals)),
        free=free,
        unknown=tuple(unknown),
        renewals=_renewals(ctx, steps),
        budget=budget,
    )
    return cost, warnings


def _renewals(ctx: Context, steps: tuple[Step, ...]) -> tuple[Renewal, ...]:
    found = []
    for step in steps:
        exam = ctx.index.certification.get(step.slug or "")
        if step.kind is not StepKind.certification or exam is None or not exam.validity_months:
            continue
        passed = ctx.as_of + timedelta(weeks=step.end_week)
        found.append(
            Renewal(
                exam.slug,
                add_months(passed, exam.validity_months),
                exam.validity_months,
                exam.renewal,
            )
        )
    return tuple(found)


def _money(amount: Decimal, currency: str) -> str:
    return f"{amount:.2f} {currency}"


def _against_budget(
    ctx: Context, totals: dict[str, Decimal], unknown: list[str]
) -> tuple[BudgetUse | None, list[Warning]]:
    budget = ctx.profile.budget
    if budget is None:
        return None, []
    planned = totals.get(budget.currency, Decimal(0))
    others = tuple(sorted(c for c, amount in totals.items() if c != budget.currency and amount))
    use = BudgetUse(
        amount=float(budget.amount),
        currency=budget.currency,
        planned=float(planned),
        over=planned > budget.amount,
        not_comparable=others,
    )
    warnings = []
    if use.over:
        warnings.append(
            Warning(
                WarningCode.over_budget,
                f"The known costs of this plan come to {_money(planned, budget.currency)}, "
                f"over the budget of {_money(budget.amount, budget.currency)}, although free and "
                "cheaper courses of the same standing were preferred.",
                None,
            )
        )
    if unknown or others:
        said = []
        if unknown:
            said.append(f"the cost of {listing(unknown)} is not known")
        if others:
            said.append(f"costs in {listing(list(others))} are not converted")
        warnings.append(
            Warning(
                WarningCode.budget_not_comparable,
                f"The budget is compared with the known costs in {budget.currency} only: "
                f"{listing(said)}.",
                None,
            )
        )
    return use, warnings
