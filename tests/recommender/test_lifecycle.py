"""Retired, retiring and not-yet-available exams, read as of the profile's date."""

from dataclasses import replace
from datetime import date

from app.recommender import Profile
from app.recommender.lifecycle import is_retired, resolve
from tests.recommender.helpers import codes, exam_slug, run
from tests.recommender.seed_catalog import (
    AWS_ASSOCIATE,
    AWS_SPECIALTY,
    AZURE_AI102,
    AZURE_AI103,
    CERT_BY_SLUG,
    CERTIFICATIONS,
    SEED,
    cert,
    snapshot,
)


def test_retired_exam_gives_way_to_its_successor_with_a_warning() -> None:
    for cloud, retired, successor in (
        ("aws", AWS_SPECIALTY, AWS_ASSOCIATE),
        ("azure", AZURE_AI102, AZURE_AI103),
    ):
        rec = run(Profile("data_scientist", 3, target_platform=cloud))
        assert exam_slug(rec) == successor
        warning = next(w for w in rec.warnings if w.code == "certification_retired")
        assert warning.slug == retired
        assert CERT_BY_SLUG[retired].name in warning.message
        assert CERT_BY_SLUG[successor].name in warning.message
        assert retired not in {a.slug for a in rec.alternatives}


def test_before_retirement_there_is_nothing_to_warn_about() -> None:
    rec = run(Profile("data_scientist", 3, target_platform="aws", as_of=date(2025, 6, 1)))
    assert exam_slug(rec) == AWS_ASSOCIATE  # the stronger hiring signal of the two
    assert "certification_retired" not in codes(rec)
    assert AWS_SPECIALTY in {a.slug for a in rec.alternatives}


def test_retired_on_its_retirement_date() -> None:
    specialty = CERT_BY_SLUG[AWS_SPECIALTY]
    assert not is_retired(specialty, date(2026, 3, 30))
    assert is_retired(specialty, date(2026, 3, 31))


def test_exam_not_yet_available_is_never_recommended() -> None:
    # 1 March 2026: AI-103 opens on 21 April; AI-102 can still be booked.
    rec = run(Profile("ml_practitioner", 5, target_platform="azure", as_of=date(2026, 3, 1)))
    assert exam_slug(rec) == AZURE_AI102
    assert AZURE_AI103 not in {a.slug for a in rec.alternatives}


def test_exam_that_retires_before_the_plan_reaches_it() -> None:
    # A newcomer needs months; AI-102 retires on 30 June, before the plan gets there, and its
    # successor cannot be booked yet, so it stays with a warning that names both.
    rec = run(Profile("software_engineer", 0, target_platform="azure", as_of=date(2026, 3, 1)))
    assert exam_slug(rec) == AZURE_AI102
    warning = next(w for w in rec.warnings if w.code == "certification_retiring")
    assert warning.slug == AZURE_AI102
    assert "2026-06-30" in warning.message and "2026-04-21" in warning.message


def test_a_plan_that_finishes_in_time_needs_no_warning() -> None:
    rec = run(
        Profile(
            "ml_practitioner",
            5,
            target_platform="azure",
            goal="credential",
            hours_per_week=40,
            as_of=date(2026, 3, 1),
        )
    )
    assert exam_slug(rec) == AZURE_AI102
    assert "certification_retiring" not in codes(rec)


def test_a_bookable_successor_replaces_an_exam_retiring_too_soon() -> None:
    # Make the retiring exam the better-ranked one, so that only its retirement moves the plan.
    strong = replace(CERT_BY_SLUG[AZURE_AI102], hiring_weight="strong")
    certs = tuple(strong if c.slug == AZURE_AI102 else c for c in CERTIFICATIONS)
    catalog = snapshot(certifications=certs)
    long_plan = Profile("software_engineer", 0, target_platform="azure", as_of=date(2026, 5, 1))
    rec = run(long_plan, catalog)
    assert exam_slug(rec) == AZURE_AI103
    assert [w.slug for w in rec.warnings if w.code == "certification_retiring"] == [AZURE_AI102]
    short_plan = Profile(
        "ml_practitioner",
        5,
        target_platform="azure",
        goal="credential",
        hours_per_week=40,
        as_of=date(2026, 5, 1),
    )
    assert exam_slug(run(short_plan, catalog)) == AZURE_AI102


def test_successor_not_yet_available_leaves_the_cloud_without_an_exam() -> None:
    old = cert(
        "old-exam",
        platform="oci",
        status="retired",
        retired_on=date(2026, 1, 1),
        successor="new-exam",
    )
    new = cert("new-exam", platform="oci", available_from=date(2027, 1, 1))
    catalog = snapshot(certifications=(*CERTIFICATIONS, old, new))
    rec = run(Profile("ml_practitioner", 5, target_platform="oci", goal="credential"), catalog)
    assert exam_slug(rec) is None
    assert codes(rec) == [
        "certification_retired",
        "certification_not_yet_available",
        "no_exam_for_cloud",
    ]
    assert [w.slug for w in rec.warnings] == ["old-exam", "new-exam", None]
    assert "2027-01-01" in rec.warnings[0].message


def test_successor_chains_are_followed_and_loops_end() -> None:
    first = cert("first", platform="oci", retired_on=date(2020, 1, 1), successor="second")
    second = cert("second", platform="oci", retired_on=date(2022, 1, 1), successor="third")
    third = cert("third", platform="oci")
    chain = snapshot(certifications=(first, second, third))
    found = resolve(first, chain.index, date(2026, 1, 1))
    assert found.exam == third
    assert [c.slug for c in found.retired] == ["first", "second"]

    a = cert("loop-a", retired_on=date(2020, 1, 1), successor="loop-b")
    b = cert("loop-b", retired_on=date(2020, 1, 1), successor="loop-a")
    loop = snapshot(certifications=(a, b))
    assert resolve(a, loop.index, date(2026, 1, 1)).exam is None
    gone = cert("gone", retired_on=date(2020, 1, 1), successor="missing")
    assert resolve(gone, snapshot(certifications=(gone,)).index, date(2026, 1, 1)).exam is None


def test_status_retired_without_a_date_is_trusted() -> None:
    assert is_retired(cert("x", status="retired"), date(2000, 1, 1))


def test_seed_snapshot_has_no_bookable_retired_exam_today() -> None:
    index = SEED.index
    bookable = {
        c.exam.slug
        for cloud in ("gcp", "aws", "azure")
        for exam in index.vendor_exams(cloud)
        if (c := resolve(exam, index, date(2026, 11, 20))).exam is not None
    }
    assert AWS_SPECIALTY not in bookable and AZURE_AI102 not in bookable
