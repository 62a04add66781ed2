"""The per-date exam pool and the pre-sorted course lists give what a scan of everything gives.

Each check compares the indexed answer with the plain computation it replaces: every vendor
exam resolved on every call, every course of a bucket keyed to take one `min`. Catalogs are
random, with retired chains, loops, unknown successors, tied ratings and completed items.
"""

import random
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from app.recommender import CatalogSnapshot, CertificationFacts, CourseFacts, Profile
from app.recommender.candidate import (
    Candidate,
    default_key,
    fits_experience,
    focus_rank,
    in_focus,
    is_entry,
    platform_key,
)
from app.recommender.context import Context
from app.recommender.coursework import _best_open
from app.recommender.indexes.catalog_index import rating_score
from app.recommender.indexes.cheaper import cost_rank
from app.recommender.indexes.dated_pool import MAX_DATES
from app.recommender.indexes.exam_pool import ExamPool
from app.recommender.lifecycle import Resolution, resolve
from app.recommender.profile import Budget
from app.recommender.vocabulary import CLOSENESS_WEIGHT
from tests.recommender.seed_catalog import cert, course

BACKGROUNDS = ("software_engineer", "data_scientist", "ml_practitioner", "student", "other")
CLOUDS = ("gcp", "aws", "azure", "databricks", "none")
DISCIPLINES = ("ml_engineering", "mlops", "genai_engineering", "data_science", "ai_literacy")
TIERS = (None, "foundational", "associate", "professional", "specialty")
FOCUSES = ("ml_engineering", "genai_engineering", "mlops")
LEVELS = ("beginner", "intermediate", "advanced")
DATES = (date(2024, 1, 1), date(2025, 6, 1), date(2026, 11, 20), date(2028, 1, 1))
CURRENCIES = ("USD", "EUR")
# Free, priced (often alike, so that ties fall to the rating), unknown, and without a currency.
COSTS = ((0, "USD"), (0, None), (20, "USD"), (20, "USD"), (80, "USD"), (20, "EUR"), (None, None))


def random_catalog(rng: random.Random, *, priced: bool = False) -> CatalogSnapshot:
    slugs = [f"exam-{i:02d}" for i in range(rng.randint(2, 24))]
    certs = []
    for slug in slugs:
        vendor = rng.random() < 0.85
        certs.append(
            cert(
                slug,
                kind="vendor_exam" if vendor else "course_certificate",
                proctored=vendor or rng.random() < 0.1,
                platform=rng.choice(CLOUDS),
                discipline=rng.choice(DISCIPLINES),
                tier=rng.choice(TIERS),
                eligibility=rng.choice(("open", "open", "restricted")),
                hiring_weight=rng.choice(("strong", "moderate", "supporting")),
                difficulty=rng.randint(1, 3),
                recommended_years_ml=rng.choice((None, 0, 1, 3)),
                recommended_years_cloud=rng.choice((None, 0, 1, 2)),
                status=rng.choice(("active", "active", "retiring", "retired")),
                available_from=rng.choice((None, None, date(2025, 1, 1), date(2027, 1, 1))),
                retired_on=rng.choice((None, None, date(2025, 6, 1), date(2026, 12, 1))),
                successor=rng.choice((None, None, "no-such-exam", *slugs)),
            )
        )
    courses = []
    for i in range(rng.randint(0, 60)):
        prepared = rng.sample(slugs, rng.randint(0, min(2, len(slugs))))
        amount, currency = rng.choice(COSTS) if priced else (None, None)
        courses.append(
            course(
                f"course-{i:03d}",
                level=rng.choice(LEVELS),
                audience=tuple(sorted(rng.sample(BACKGROUNDS, rng.randint(1, 2)))),
                # Few distinct ratings, so that ties are common.
                rating_value=rng.choice((None, 3.0, 4.5, 4.5, 5.0)),
                rating_scale=5,
                prepares_for=tuple(
                    sorted((s, rng.choice(tuple(CLOSENESS_WEIGHT))) for s in prepared)
                ),
                cost_amount=None if amount is None else Decimal(amount),
                cost_currency=currency,
            )
        )
    return CatalogSnapshot("test", tuple(certs), tuple(courses))


def random_context(rng: random.Random, catalog: CatalogSnapshot) -> Context:
    items = [c.slug for c in catalog.certifications] + [c.slug for c in catalog.courses]
    # The best courses of each bucket too, so that completed ones are often the first choice.
    items += [c.slug for b in catalog.index.courses_by_audience_level.values() for c in b[:2]]
    completed = {rng.choice(items) for _ in range(rng.randint(0, 5))} if items else set()
    profile = Profile(
        rng.choice(BACKGROUNDS),
        rng.choice((0, 1, 2, 5)),
        target_platform=rng.choice(CLOUDS),
        years_cloud_experience=rng.choice((0, 1, 3)),
        completed=tuple(sorted(completed)),
        focus=rng.choice(FOCUSES),
    )
    as_of = rng.choice(DATES)
    return Context(
        profile, catalog.index, as_of, frozenset(profile.completed), catalog.pools.on(as_of)
    )


def resolve_all(
    ctx: Context,
) -> tuple[list[Candidate], list[tuple[CertificationFacts, Resolution]]]:
    """The pool as computed before it was kept per date: every vendor exam, every call."""
    replaced: dict[str, dict[str, CertificationFacts]] = {}
    usable: dict[str, CertificationFacts] = {}
    blocked = []
    for exam in ctx.index.all_vendor_exams():
        if exam.slug in ctx.completed:
            continue
        found = resolve(exam, ctx.index.certification, ctx.as_of)
        if found.exam is None:
            blocked.append((exam, found))
            continue
        if found.exam.slug in ctx.completed:
            continue
        if ctx.profile.works_with_ml and is_entry(found.exam):
            continue
        usable[found.exam.slug] = found.exam
        replaced.setdefault(found.exam.slug, {}).update((r.slug, r) for r in found.retired)
    affinity = ctx.index.audience_affinity.get(ctx.background, {})
    candidates = []
    for slug in sorted(usable):
        old = tuple(
            sorted(replaced[slug].values(), key=lambda c: (c.retired_on or date.min, c.slug))
        )
        near = sum(affinity.get(s, 0) for s in (slug, *(o.slug for o in old)))
        exam = usable[slug]
        fits = fits_experience(exam, ctx.profile)
        candidates.append(Candidate(exam, old, near, fits, focus_rank(exam, ctx.profile.focus)))
    return candidates, blocked


def leads_of(candidates: list[Candidate], focus: str) -> dict[str, CertificationFacts]:
    leads = {}
    for c in candidates:
        if not in_focus(c, focus):
            continue
        leads[c.exam.slug] = c.exam
        leads.update((old.slug, c.exam) for old in c.replaces)
    return leads


def check_pool(pool: ExamPool, ctx: Context, rng: random.Random) -> None:
    candidates, blocked = resolve_all(ctx)
    catalog_slugs = list(ctx.index.certification)
    evidence = Counter({s: rng.randint(0, 2) for s in rng.sample(catalog_slugs, 2)})
    for cloud in (*CLOUDS, "oci"):
        here = [c for c in candidates if c.exam.platform == cloud]
        assert list(pool.ranked(cloud)) == sorted(here, key=platform_key)
        by_evidence = sorted(here, key=lambda c: default_key(c, evidence))
        assert list(pool.ranked(cloud, evidence)) == by_evidence
        assert pool.blocked(cloud) == [(e, r) for e, r in blocked if e.platform == cloud]
    assert pool.blocked(None) == blocked
    clouds = sorted({c.exam.platform for c in candidates})
    for evidence_or_none in (None, evidence):
        key = platform_key if evidence_or_none is None else (lambda c: default_key(c, evidence))
        best = [min((c for c in candidates if c.exam.platform == cl), key=key) for cl in clouds]
        assert pool.best_per_platform(evidence_or_none) == best
    assert dict(pool.leads) == leads_of(candidates, ctx.profile.focus)
    for slug in (*catalog_slugs, "no-such-exam"):
        found = [c for c in candidates if c.exam.slug == slug]
        assert pool.candidate(slug) == (found[0] if found else None)
        assert (slug in pool.leads) == (slug in leads_of(candidates, ctx.profile.focus))


def random_cases(seed: int, *, priced: bool = False) -> Iterator[tuple[Context, random.Random]]:
    rng = random.Random(seed)
    catalog = random_catalog(rng, priced=priced)
    for _ in range(6):
        yield random_context(rng, catalog), rng


@pytest.mark.parametrize("seed", range(60))
def test_the_dated_pool_ranks_as_resolving_every_exam_would(seed: int) -> None:
    for ctx, rng in random_cases(seed):
        check_pool(ExamPool(ctx.dated, ctx.profile, ctx.completed), ctx, rng)


def best_by_scanning(
    ctx: Context, level: str, wanted: Mapping[str, CertificationFacts], *, exam_first: bool
) -> CourseFacts | None:
    def key(c: CourseFacts) -> tuple[float, float, str]:
        near = -max(
            (CLOSENESS_WEIGHT.get(w, 0) for s, w in c.prepares_for if s in wanted),
            default=0,
        )
        return (near, -rating_score(c), c.slug) if exam_first else (-rating_score(c), near, c.slug)

    bucket = ctx.index.courses_for(ctx.background, level)
    return min((c for c in bucket if c.slug not in ctx.completed), key=key, default=None)


@pytest.mark.parametrize("seed", range(60))
def test_the_best_open_course_is_the_minimum_over_its_bucket(seed: int) -> None:
    for ctx, rng in random_cases(seed):
        pool = ExamPool(ctx.dated, ctx.profile, ctx.completed)
        candidates = list(pool.leads.values())
        one = {c.slug: c for c in rng.sample(candidates, min(1, len(candidates)))}
        for wanted in (pool.leads, one, {}):
            for level in LEVELS:
                for exam_first in (True, False):
                    chosen = _best_open(ctx, level, wanted, exam_first=exam_first)
                    assert chosen == best_by_scanning(ctx, level, wanted, exam_first=exam_first)


def test_dates_kept_are_bounded_and_reused() -> None:
    catalog = random_catalog(random.Random(1))
    first = catalog.pools.on(DATES[0])
    assert catalog.pools.on(DATES[0]) is first
    for day in range(MAX_DATES + 3):
        catalog.pools.on(date(2030, 1, 1 + day))
        assert len(catalog.pools.by_date) <= MAX_DATES


def best_by_scanning_with_budget(
    ctx: Context, level: str, wanted: Mapping[str, CertificationFacts], *, exam_first: bool
) -> CourseFacts | None:
    """Without the indexes: the course chosen without a budget fixes the standing (its
    closeness to the wanted exams); among open courses of that standing, the cheapest by
    `cost_rank`, then the best rated."""
    budget = ctx.profile.budget
    assert budget is not None
    best = best_by_scanning(ctx, level, wanted, exam_first=exam_first)
    if best is None:
        return None

    def near(c: CourseFacts) -> int:
        return max(
            (CLOSENESS_WEIGHT.get(w, 0) for s, w in c.prepares_for if s in wanted), default=0
        )

    alike = [
        c
        for c in ctx.index.courses_for(ctx.background, level)
        if c.slug not in ctx.completed and near(c) == near(best)
    ]
    return min(alike, key=lambda c: (cost_rank(c, budget), -rating_score(c), c.slug))


@pytest.mark.parametrize("seed", range(60))
def test_with_a_budget_the_cheapest_course_of_the_same_standing_is_chosen(seed: int) -> None:
    for ctx, rng in random_cases(seed, priced=True):
        budget = Budget(Decimal(rng.choice((0, 50, 500))), rng.choice(CURRENCIES))
        ctx = replace(ctx, profile=replace(ctx.profile, budget=budget))
        pool = ExamPool(ctx.dated, ctx.profile, ctx.completed)
        candidates = list(pool.leads.values())
        one = {c.slug: c for c in rng.sample(candidates, min(1, len(candidates)))}
        for wanted in (pool.leads, one, {}):
            for level in LEVELS:
                for exam_first in (True, False):
                    chosen = _best_open(ctx, level, wanted, exam_first=exam_first)
                    expected = best_by_scanning_with_budget(
                        ctx, level, wanted, exam_first=exam_first
                    )
                    assert chosen == expected
