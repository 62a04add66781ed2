"""Which course of one (audience, level) bucket a budget prefers among courses of equal standing.

With a budget, courses that the rules rank alike (same rule, level and closeness to the exam)
go free first, then priced in the budget's currency from the cheapest, then those whose cost is
unknown or in another currency (which cannot be compared with the budget); the bucket's order,
best rated first, settles the rest. Per bucket, the free courses in the bucket's order and, per
currency, the priced ones from the cheapest are kept, so a choice reads only until the first
course of the wanted standing in each.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from app.recommender.facts import CourseFacts
from app.recommender.profile import Budget


@dataclass(frozen=True, slots=True)
class Cheaper:
    free: tuple[int, ...]  # positions in the bucket of the free courses, in the bucket's order
    priced: dict[str, tuple[int, ...]]  # currency -> positions, cheapest first


def known_amount(amount: object) -> Decimal | None:
    """The amount as an exact decimal; the database gives Decimal, hand-built facts may not."""
    if amount is None:
        return None
    return Decimal(str(amount))


def cheaper(bucket: tuple[CourseFacts, ...]) -> Cheaper:
    free: list[int] = []
    priced: defaultdict[str, list[tuple[Decimal, int]]] = defaultdict(list)
    for position, course in enumerate(bucket):
        amount = known_amount(course.cost_amount)
        if amount is None:
            continue
        if amount == 0:
            free.append(position)
        elif course.cost_currency is not None:
            priced[course.cost_currency].append((amount, position))
    return Cheaper(
        tuple(free),
        {currency: tuple(p for _, p in sorted(found)) for currency, found in priced.items()},
    )


def cost_rank(course: CourseFacts, budget: Budget) -> tuple[int, Decimal]:
    """Free first, then priced in the budget's currency by amount, then everything else."""
    amount = known_amount(course.cost_amount)
    if amount == 0:
        return (0, Decimal(0))
    if amount is not None and course.cost_currency == budget.currency:
        return (1, amount)
    return (2, Decimal(0))


def cheapest_alike(
    bucket: tuple[CourseFacts, ...],
    kept: Cheaper,
    best: CourseFacts,
    alike: Callable[[CourseFacts], bool],
    budget: Budget,
) -> CourseFacts:
    """The first course by `cost_rank`, then the bucket's order, among the open courses `alike`
    `best` (the choice without a budget, the best of its standing by the bucket's order)."""
    for position in kept.free:
        if alike(bucket[position]):
            return bucket[position]
    for position in kept.priced.get(budget.currency, ()):
        if alike(bucket[position]):
            return bucket[position]
    # No alike course is free or comparable: all rank alike by cost, and `best` leads them.
    return best
