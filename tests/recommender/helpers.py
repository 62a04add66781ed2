"""Reading a recommendation in tests."""

from datetime import date

from app.recommender import CatalogSnapshot, Profile, Recommendation, Step, recommend
from tests.recommender.seed_catalog import SEED, TODAY

EXAM_KINDS = ("exam_prep", "certification")


def run(profile: Profile, catalog: CatalogSnapshot = SEED, today: date = TODAY) -> Recommendation:
    return recommend(profile, catalog, today)


def slugs(rec: Recommendation, kind: str | None = None) -> list[str | None]:
    return [s.slug for s in rec.steps if kind is None or s.kind == kind]


def kinds(rec: Recommendation) -> list[str]:
    return [s.kind for s in rec.steps]


def codes(rec: Recommendation) -> list[str]:
    return [w.code for w in rec.warnings]


def exam_step(rec: Recommendation) -> Step | None:
    return next((s for s in rec.steps if s.kind == "certification"), None)


def exam_slug(rec: Recommendation) -> str | None:
    step = exam_step(rec)
    return step.slug if step else None


def first_rank(rec: Recommendation, *wanted_kinds: str) -> int:
    ranks = [s.rank for s in rec.steps if s.kind in wanted_kinds]
    assert ranks, f"no step of kind {wanted_kinds}"
    return min(ranks)
