"""A short smoke of the benchmark in bench/, so that `make bench` keeps working.

No timing is asserted: a tiny generated catalog must be valid, the same on every run and the
same through either write path; the API must list, read and recommend over it; the tables must
be built (from a real wrk run where wrk is installed).
"""

import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.core.db import make_engine, transaction
from app.main import create_app
from app.recommender.vocabulary import Discipline, Eligibility, Platform, Tier
from app.schemas.catalog_in import cloud_of
from bench.generate import Catalog, Sizes, build_catalog, counts, generate, read_repository_seed
from bench.profiles import profile_bodies
from bench.run import (
    CatalogRun,
    Launch,
    Measured,
    Options,
    format_summary,
    format_table,
    stalls_line,
)
from bench.stalls import stalls
from tests.databases import empty_database, migrate

# The seed holds 10 providers, 9 certifications and 5 courses; these totals add a few of each.
TINY = Sizes(providers=16, certifications=40, courses=80)


def _dump(catalog: Catalog) -> list[dict[str, Any]]:
    items = [*catalog.providers, *catalog.certifications, *catalog.courses]
    return [item.model_dump(mode="json") for item in items]


def test_the_generator_is_deterministic() -> None:
    seed = read_repository_seed()
    first = _dump(build_catalog(seed, TINY, seed=3))
    assert first == _dump(build_catalog(seed, TINY, seed=3))
    assert first != _dump(build_catalog(seed, TINY, seed=4))


def test_the_generated_catalog_looks_like_the_real_one() -> None:
    seed = read_repository_seed()
    catalog = build_catalog(seed, Sizes(providers=20, certifications=120, courses=300))
    certs = catalog.certifications
    kinds = {c.kind.value for c in certs}
    assert kinds == {"vendor_exam", "course_certificate"}
    retired = [c for c in certs if c.lifecycle.status.value == "retired"]
    assert any(c.lifecycle.successor for c in retired)
    # Older editions of the seed's exams are succeeded by the seed's own.
    seed_slugs = {c.slug for c in seed.certifications}
    assert any(c.lifecycle.successor in seed_slugs for c in retired)
    assert {c.cloud.value for c in certs if c.kind.value == "vendor_exam"} >= {
        "gcp",
        "aws",
        "azure",
        "none",
    }
    assert any(p.kind.value == "cloud_vendor" for p in catalog.providers)  # new vendors
    # The platforms' vendors, from the seed where it has them, else generated.
    providers = [*seed.providers, *catalog.providers]
    technology = {p.slug for p in providers if p.kind.value == "technology_vendor"}
    assert technology >= {"databricks", "nvidia", "snowflake"}
    exams = [c for c in certs if c.kind.value == "vendor_exam"]
    # Every platform, tier and current discipline, each exam's cloud following its platform.
    assert {c.platform for c in exams} == set(Platform)
    assert all(c.cloud is cloud_of(c.platform) for c in certs if c.platform)
    assert {c.tier for c in exams} >= set(Tier)
    assert all(c.tier is None for c in certs if c.kind.value == "course_certificate")
    assert {c.discipline for c in certs} >= set(Discipline) - {Discipline.ai_engineering}
    restricted = [c for c in exams if c.eligibility is Eligibility.restricted]
    assert restricted and all(c.eligibility_note for c in restricted)
    # Ladders: one issuer's rungs for one discipline, several of them bookable.
    rungs: dict[tuple[str, str], set[Tier]] = {}
    for c in exams:
        if c.tier is not None and c.lifecycle.status.value == "active":
            rungs.setdefault((c.issuer, c.discipline.value), set()).add(c.tier)
    assert any(len(tiers) >= 2 for tiers in rungs.values())
    # A course teaches some of the skills of the exam it prepares for, rarely all of them.
    skills = {c.slug: set(c.skills) for c in [*seed.certifications, *certs]}
    shared = [
        (set(course.skills) & skills[course.prepares_for[0].certification], course)
        for course in catalog.courses
        if course.prepares_for
    ]
    assert all(common for common, _ in shared)
    assert any(common < skills[c.prepares_for[0].certification] for common, c in shared)
    # Every reference points at an item written before it.
    written = set(seed_slugs)
    for cert in certs:
        assert cert.lifecycle.successor is None or cert.lifecycle.successor in written
        written.add(cert.slug)
    courses = catalog.courses
    assert {c.level.value for c in courses} == {"beginner", "intermediate", "advanced"}
    assert any(c.prepares_for for c in courses)
    assert any(c.part_of for c in courses)
    seed_skills = {s for c in seed.courses for s in c.skills}
    assert seed_skills & {s for c in courses for s in c.skills}


@pytest.fixture(scope="module")
def tiny_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with empty_database("sqlite", tmp_path_factory.mktemp("bench")) as url:
        migrate(url)
        generate(url, TINY, migrate_first=False)
        yield url


def test_the_catalog_has_the_sizes_asked_for(tiny_url: str) -> None:
    engine = make_engine(tiny_url)
    try:
        with transaction(engine) as session:
            assert counts(session) == (TINY.providers, TINY.certifications, TINY.courses)
    finally:
        engine.dispose()


def _pages(client: TestClient) -> dict[str, Any]:
    found = {}
    for path in ("/certifications?sort=slug&limit=100", "/courses?sort=slug&limit=100"):
        response = client.get(path)
        assert response.status_code == 200, response.text
        for item in response.json()["data"]:
            item.pop("updated_at")
            found[f"{path}:{item['slug']}"] = item
    return found


def test_bulk_and_orm_writes_store_the_same_catalog(tiny_url: str, tmp_path: Path) -> None:
    with empty_database("sqlite", tmp_path) as orm_url:
        generate(orm_url, TINY, method="orm")
        stored = []
        for url in (tiny_url, orm_url):
            engine = make_engine(url)
            with TestClient(create_app(engine=engine)) as client:
                stored.append(_pages(client))
            engine.dispose()
    assert len(stored[0]) == TINY.certifications + TINY.courses
    assert stored[0] == stored[1]


def test_the_api_lists_reads_and_recommends_over_it(tiny_url: str) -> None:
    engine = make_engine(tiny_url)
    try:
        with TestClient(create_app(engine=engine)) as client:
            certifications = client.get("/certifications?limit=20")
            assert certifications.status_code == 200
            assert certifications.json()["total"] == TINY.certifications
            courses = client.get("/courses?limit=20&level=intermediate")
            assert courses.status_code == 200
            assert courses.json()["data"]
            for item in courses.json()["data"][:3]:
                assert client.get(f"/courses/{item['slug']}").status_code == 200
            for item in certifications.json()["data"][:3]:
                assert client.get(f"/certifications/{item['slug']}").status_code == 200
            for body in profile_bodies():
                answer = client.post("/recommendations", json=body)
                assert answer.status_code == 200, (body, answer.text)
                assert answer.json()["steps"] or answer.json()["warnings"]
    finally:
        engine.dispose()


def _measured(endpoint: str, kind: str, rps: float, p99: float) -> Measured:
    return Measured(endpoint, kind, rps, p99 / 2, p99, p99, int(rps), 0, 0.0, 0.0)


def test_the_tables_mark_targets_met_and_missed() -> None:
    runs = []
    for catalog, list_rps in (("seed", 700.0), ("large", 400.0)):
        run = CatalogRun("sqlite", catalog, 50, 500, 10_000, 32, 5)
        run.rows = [
            _measured("GET /healthz", "bare", 1000.0, 5.0),
            _measured("GET /certifications?limit=20", "list", list_rps, 30.0),
        ]
        run.healthz_runs = [1000.0, 1000.0]
        for row in run.rows:
            row.ratio = row.requests_per_s / 1000.0
        run.launches = [Launch(1.2, 4.0)]
        run.peak_rss_mb = 150.0
        run.recommender = {
            "snapshot_build_ms": 10.0,
            "per_call_us": 100.0 if catalog == "seed" else 300.0,
        }
        runs.append(run)
    refused = _measured("POST /recommendations", "recommend", 900.0, 4.0)
    refused.errors, refused.ratio = 800, 0.9
    runs[1].rows.append(refused)
    seed_table, large_table = format_table(runs[0]), format_table(runs[1])
    assert "| 0.90 | INVALID (errors) | INVALID (errors) | 800 |" in large_table
    assert "| GET /certifications?limit=20 | 700 |" in seed_table
    assert ">= 0.60 PASS" in seed_table
    assert ">= 0.50 MISS" in large_table
    assert "<= 25 ms MISS" in large_table  # p99 of 30 ms
    assert "<= 25 ms PASS" in large_table  # /healthz
    summary = format_summary(runs)
    assert "(<= 200 PASS)" in summary
    assert "3.0x (<= 2x MISS)" in summary
    assert "1.20 (<= 1.5 PASS" in summary


@pytest.mark.skipif(shutil.which("wrk") is None, reason="wrk is not installed: apt-get install wrk")
def test_a_tiny_wrk_run_fills_the_table(tiny_url: str, tmp_path: Path) -> None:
    from bench.run import run_catalog

    options = Options(
        databases=("sqlite",),
        catalogs=("tiny",),
        duration=1,
        warmup=0,
        connections=2,
        launches=1,
        repeats=2,
        sample=5,
        recommender_rounds=1,
        recommender_seconds=0.1,
        out_dir=tmp_path,
    )
    run = run_catalog("sqlite", "tiny", tiny_url, options, say=lambda _line: None)
    assert [row.kind for row in run.rows] == [
        "bare",
        "list",
        "list",
        "item",
        "item",
        "recommend",
        "list",  # the facets page, kept
        "cold",  # the facets page, never asked before
        "calendar",
        "cold",
    ]
    for row in run.rows:
        assert row.requests > 0, row
        assert row.errors == 0, row
        assert row.ratio is not None
        # The cold pages run once: a second run would find them kept.
        assert len(row.p99_runs_ms) == (1 if row.kind == "cold" else 2), row
        assert row.p99_ms in row.p99_runs_ms
    assert len(run.healthz_runs) == 2
    assert run.peak_rss_mb and run.launches
    assert run.recommender and run.recommender["courses"] == TINY.courses
    table = format_table(run)
    assert "POST /recommendations (40 distinct)" in table
    assert "tiny catalog (80 courses, 40 certifications, 16 providers)" in table
    assert "sqlite | tiny" in format_summary([run])


def test_the_cold_endpoints_never_ask_for_a_page_twice(tiny_url: str) -> None:
    from bench.run import endpoints

    cold = [e for e in endpoints(tiny_url, 5) if e.kind == "cold"]
    assert len(cold) == 2  # a plain page, and one with facet counts
    for endpoint in cold:
        paths = [path for _method, path, _body in endpoint.requests]
        # More pages than wrk reaches in a run at the uncached rate (well under 1,000 a second).
        assert len(paths) == len(set(paths)) >= 5_000


def test_the_stall_check_sees_time_the_loop_did_not_run() -> None:
    # Another thread busy with Python takes the GIL from the loop for a switch interval
    # (5 ms) at a time: pauses the loop did not cause, as the hypervisor's would be.
    until = time.perf_counter() + 0.4

    def busy() -> None:
        while time.perf_counter() < until:
            pass

    other = threading.Thread(target=busy)
    other.start()
    try:
        gaps = stalls(0.3, over_ms=2.0)
    finally:
        other.join()
    assert gaps, "no pause seen while another thread held the GIL"
    assert all(gap > 2.0 for gap in gaps)


def test_the_stall_check_is_summed_up_in_one_line() -> None:
    assert "2 over 20 ms, the longest 41 ms" in stalls_line(15, [25.0, 41.2])
    assert "none over 20 ms" in stalls_line(15, [])
    assert stalls_line(0, None) == ""
