"""What a plan costs, and a budget: figures from the catalog only, never guessed or converted."""

from datetime import date, timedelta
from decimal import Decimal

from app.recommender import Profile, recommend
from app.recommender.costs import add_months
from app.recommender.profile import Budget
from app.recommender.result import Money, Recommendation
from app.recommender.vocabulary import WarningCode
from tests.recommender.seed_catalog import TODAY, cert, course, snapshot

EXAM = "cloud-ml-exam"


def catalog(*, exam_fee: int | None = 200, currency: str = "USD", validity: int | None = 24):
    exam = cert(
        EXAM,
        platform="gcp",
        cost_amount=None if exam_fee is None else Decimal(exam_fee),
        cost_currency=None if exam_fee is None else "USD",
        validity_months=validity,
        renewal="Pass the exam again.",
    )
    courses = (
        course(
            "first-steps",
            level="beginner",
            rating_value=9.8,
            cost_amount=Decimal("49.99"),
            cost_currency=currency,
        ),
        # Two intermediate courses of the same standing (neither prepares for an exam): the
        # better rated one is paid, the other free.
        course("hands-on-paid", rating_value=9.7, cost_amount=Decimal(120), cost_currency="USD"),
        course("hands-on-free", rating_value=9.0, cost_amount=Decimal(0), cost_currency="USD"),
        # Free, but of another standing: it prepares for the exam.
        course(
            "exam-leaning-free",
            rating_value=8.0,
            cost_amount=Decimal(0),
            cost_currency="USD",
            prepares_for=((EXAM, "supporting"),),
        ),
    )
    return snapshot(certifications=(exam,), courses=courses)


def plan(budget: Budget | None = None, **kw: object) -> Recommendation:
    profile = Profile("software_engineer", 0, target_platform="gcp", as_of=TODAY, budget=budget)
    return recommend(profile, catalog(**kw), TODAY)  # type: ignore[arg-type]


def codes(rec: Recommendation) -> list[str]:
    return [w.code.value for w in rec.warnings]


def test_each_course_and_exam_carries_its_cost_and_the_plan_sums_them_per_currency() -> None:
    rec = plan()
    by_kind = {(s.kind.value, s.slug): s.cost for s in rec.steps}
    assert by_kind[("course", "first-steps")].amount == 49.99  # type: ignore[union-attr]
    assert by_kind[("certification", EXAM)].amount == 200.0  # type: ignore[union-attr]
    # A project and exam preparation are not catalog items: no cost, not unknown either.
    assert all(s.cost is None for s in rec.steps if s.kind.value in ("project", "exam_prep"))
    paid = [s.slug for s in rec.steps if s.kind.value == "course"]
    assert paid == ["first-steps", "hands-on-paid"]
    assert rec.cost.totals == (Money(369.99, "USD"),)
    assert rec.cost.unknown == () and rec.cost.free == 0 and rec.cost.budget is None


def test_unknown_costs_are_counted_and_named_never_guessed() -> None:
    rec = plan(exam_fee=None)
    assert rec.cost.unknown == (EXAM,)
    exam_step = next(s for s in rec.steps if s.kind.value == "certification")
    assert exam_step.cost is not None and not exam_step.cost.known
    assert exam_step.cost.amount is None and exam_step.cost.currency is None
    assert rec.cost.totals == (Money(169.99, "USD"),)


def test_a_budget_prefers_the_free_course_of_the_same_standing_only() -> None:
    rec = plan(Budget(Decimal(1000), "USD"))
    courses = [s.slug for s in rec.steps if s.kind.value == "course"]
    # The free course of the same standing replaces the paid one; the free one that leans
    # towards the exam is of another standing and stays out.
    assert courses == ["first-steps", "hands-on-free"]
    assert rec.cost.free == 1
    assert rec.cost.totals == (Money(249.99, "USD"),)
    assert rec.cost.budget is not None and not rec.cost.budget.over
    assert WarningCode.over_budget not in codes(rec)


def test_a_plan_over_budget_says_so_with_a_stable_code() -> None:
    rec = plan(Budget(Decimal(100), "USD"))
    assert rec.cost.budget is not None
    assert rec.cost.budget.over and rec.cost.budget.planned == 249.99
    warning = next(w for w in rec.warnings if w.code is WarningCode.over_budget)
    assert "249.99 USD" in warning.message and "100.00 USD" in warning.message


def test_costs_in_another_currency_are_never_converted_nor_compared() -> None:
    rec = plan(Budget(Decimal(300), "USD"), currency="EUR")
    assert rec.cost.totals == (Money(49.99, "EUR"), Money(200.0, "USD"))
    assert rec.cost.budget is not None
    assert rec.cost.budget.planned == 200.0 and not rec.cost.budget.over
    assert rec.cost.budget.not_comparable == ("EUR",)
    assert WarningCode.budget_not_comparable in codes(rec)
    # Without a budget, nothing is compared and nothing is said about it.
    assert WarningCode.budget_not_comparable not in codes(plan(currency="EUR"))


def test_a_renewal_falls_due_when_the_validity_runs_out_after_the_exam_week() -> None:
    rec = plan()
    exam_step = next(s for s in rec.steps if s.kind.value == "certification")
    (renewal,) = rec.cost.renewals
    assert renewal.slug == EXAM and renewal.validity_months == 24
    assert renewal.due_on == add_months(TODAY + timedelta(weeks=exam_step.end_week), 24)
    assert renewal.terms == "Pass the exam again."
    assert plan(validity=None).cost.renewals == ()


def test_add_months_keeps_the_day_or_takes_the_months_last() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2027, 11, 30), 3) == date(2028, 2, 29)
    assert add_months(date(2026, 12, 20), 36) == date(2029, 12, 20)
