"""The seed loader, on a fresh migrated database per test and backend: the repository's seed
loads, reloads without change, picks up an edit, rejects bad files before writing anything,
and rolls back a load that fails part way."""

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from sqlalchemy import Engine, func, select
from sqlmodel import Session, SQLModel

from app.catalog import queries
from app.catalog.writes import MissingReferences
from app.core.config import ROOT, get_settings
from app.core.db import make_engine, transaction
from app.models import Provider
from app.seeding.__main__ import main as cli_main
from app.seeding.files import SeedError, SeedSet, read_seed
from app.seeding.load import LoadResult, load_seed
from tests.databases import empty_database, migrate

KINDS = ("providers", "certifications", "courses")
# The catalog's tables; keys, audit and idempotency records are the write API's, not the seed's.
MAINTENANCE = {"api_keys", "audit_events", "idempotency_records", "tombstones"}
TABLES = [t for t in SQLModel.metadata.sorted_tables if t.name not in MAINTENANCE]

Snapshot = dict[str, dict[tuple[Any, ...], dict[str, Any]]]


# --- helpers ---------------------------------------------------------------------------------


@pytest.fixture
def db_url(backend: str, tmp_path: Path) -> Iterator[str]:
    with empty_database(backend, tmp_path) as url:
        migrate(url)
        yield url


@pytest.fixture
def db(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


def counts(engine: Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table.name: int(
                connection.execute(select(func.count()).select_from(table)).scalar_one()
            )
            for table in TABLES
        }


def snapshot(engine: Engine) -> Snapshot:
    """Every row of every catalog table, keyed by table name and primary key."""
    result: Snapshot = {}
    with engine.connect() as connection:
        for table in TABLES:
            key = [column.name for column in table.primary_key.columns]
            rows = connection.execute(select(table)).mappings().all()
            result[table.name] = {tuple(row[k] for k in key): dict(row) for row in rows}
    return result


def version(engine: Engine) -> int:
    with Session(engine) as session:
        return queries.catalog_version(session)


def read_ok(directory: Path) -> SeedSet:
    seed, errors = read_seed(directory)
    assert not errors, [str(e) for e in errors]
    return seed


def load(engine: Engine, directory: Path) -> LoadResult:
    seed = read_ok(directory)
    with transaction(engine) as session:
        return load_seed(session, seed)


def expected_counts(seed: SeedSet) -> dict[str, int]:
    return {
        "providers": len(seed.providers),
        "certifications": len(seed.certifications),
        "courses": len(seed.courses),
        "certification_skills": sum(len(c.skills) for c in seed.certifications),
        "course_skills": sum(len(c.skills) for c in seed.courses),
        "course_audiences": sum(len(c.audience) for c in seed.courses),
        "course_preparations": sum(len(c.prepares_for) for c in seed.courses),
        "catalog_state": 1,
    }


def run_cli(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "app.seeding", *args],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url},
        capture_output=True,
        text=True,
        check=False,
    )


def edit(path: Path, change: Callable[[dict[str, Any]], None]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def seed_file(seed_dir: Path, kind: str, slug: str) -> Path:
    path = seed_dir / kind / f"{slug}.yaml"
    assert path.is_file(), path
    return path


# --- the repository's seed -------------------------------------------------------------------


def test_repo_seed_is_valid() -> None:
    seed = read_ok(ROOT / "seed")
    for kind in KINDS:
        on_disk = sorted(p.stem for p in (ROOT / "seed" / kind).glob("*.yaml"))
        assert on_disk, f"no {kind} in the seed"
        assert sorted(item.slug for item in getattr(seed, kind)) == on_disk


def test_repo_seed_loads_then_reloads_without_change(db: Engine) -> None:
    seed = read_ok(ROOT / "seed")
    assert set(counts(db).values()) == {0}

    first = load(db, ROOT / "seed")
    assert first.changed
    assert first.version == 1
    for kind in KINDS:
        slugs = sorted(item.slug for item in getattr(seed, kind))
        assert sorted(first.changes[kind].created) == slugs
        assert first.changes[kind].updated == []
        assert first.changes[kind].unchanged == []
    assert counts(db) == expected_counts(seed)
    assert version(db) == 1
    before = snapshot(db)

    second = load(db, ROOT / "seed")
    assert not second.changed
    assert second.version == 1
    assert second.summary() == "Seed already loaded: nothing changed (catalog version 1)."
    for kind in KINDS:
        slugs = sorted(item.slug for item in getattr(seed, kind))
        assert sorted(second.changes[kind].unchanged) == slugs
        assert second.changes[kind].created == second.changes[kind].updated == []
    # Not a row rewritten: not even an updated_at moved.
    assert snapshot(db) == before
    assert version(db) == 1


def test_loaded_rows_match_the_files(db: Engine) -> None:
    seed = read_ok(ROOT / "seed")
    load(db, ROOT / "seed")
    with Session(db) as session:
        for cert in seed.certifications:
            row = queries.get_certification(session, cert.slug)
            assert row is not None
            assert (row.name, row.kind, row.issuer.slug, row.difficulty, row.proctored) == (
                cert.name,
                cert.kind.value,
                cert.issuer,
                cert.difficulty,
                cert.proctored,
            )
            assert sorted(s.skill for s in row.skill_rows) == sorted(cert.skills)
            successor = row.successor.slug if row.successor else None
            assert successor == cert.lifecycle.successor
        for course in seed.courses:
            row = queries.get_course(session, course.slug)
            assert row is not None
            assert (row.title, row.description, row.provider.slug, row.platform.slug) == (
                course.title,
                course.description,
                course.provider,
                course.platform,
            )
            assert (row.part_of.slug if row.part_of else None) == course.part_of
            assert sorted((p.certification.slug, p.closeness) for p in row.preparations) == sorted(
                (p.certification, p.closeness.value) for p in course.prepares_for
            )


def test_cli_loads_then_reports_nothing_changed(db_url: str, db: Engine, tmp_seed: Path) -> None:
    seed = read_ok(tmp_seed)

    first = run_cli(db_url, "--dir", str(tmp_seed))
    assert first.returncode == 0, first.stderr
    parts = [
        f"{kind}: {len(getattr(seed, kind))} created, 0 updated, 0 unchanged" for kind in KINDS
    ]
    assert first.stdout.strip() == "; ".join(parts) + ". Catalog version is now 1."
    assert counts(db) == expected_counts(seed)
    before = snapshot(db)

    second = run_cli(db_url, "--dir", str(tmp_seed))
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "Seed already loaded: nothing changed (catalog version 1)."
    assert snapshot(db) == before


def test_cli_check_validates_without_writing(
    cli: Callable[..., tuple[int, str, str]], db: Engine, tmp_seed: Path
) -> None:
    code, out, err = cli("--dir", str(tmp_seed), "--check")
    assert code == 0, err
    assert out.strip() == "Seed files are valid."
    assert set(counts(db).values()) == {0}


def test_successor_named_later_in_sort_order_is_stored_first(db: Engine, tmp_seed: Path) -> None:
    # The repository's successors happen to sort before what they replace; this one sorts after.
    old, new = "deep-learning-specialization", "google-ml-engineer-professional-certificate"
    assert old < new

    def retire(data: dict[str, Any]) -> None:
        data["lifecycle"] = {"status": "retired", "retired_on": "2026-01-31", "successor": new}

    edit(seed_file(tmp_seed, "certifications", old), retire)
    result = load(db, tmp_seed)
    assert old in result.changes["certifications"].created
    with Session(db) as session:
        row = queries.get_certification(session, old)
        assert row is not None
        assert row.successor is not None
        assert row.successor.slug == new
    assert not load(db, tmp_seed).changed


# --- an edit ---------------------------------------------------------------------------------


def test_editing_a_course_description_updates_only_that_course(db: Engine, tmp_seed: Path) -> None:
    load(db, tmp_seed)
    before = snapshot(db)
    slug = "ml-classification"
    new_description = "A rewritten description of the classification course, for the test."

    edit(seed_file(tmp_seed, "courses", slug), lambda d: d.update(description=new_description))
    result = load(db, tmp_seed)

    assert result.changed
    assert result.version == 2
    assert version(db) == 2
    assert result.changes["courses"].updated == [slug]
    for kind in KINDS:
        assert result.changes[kind].created == []
        if kind != "courses":
            assert result.changes[kind].updated == []
    assert result.summary().endswith("Catalog version is now 2.")

    after = snapshot(db)
    for table in TABLES:
        if table.name not in {"courses", "catalog_state"}:
            assert after[table.name] == before[table.name], table.name
    changed = {key for key in before["courses"] if after["courses"][key] != before["courses"][key]}
    assert len(changed) == 1
    (key,) = changed
    old_row, new_row = before["courses"][key], after["courses"][key]
    assert old_row["slug"] == slug
    assert new_row["description"] == new_description
    assert {c for c in old_row if old_row[c] != new_row[c]} <= {"description", "updated_at"}


def _bump_difficulty(data: dict[str, Any]) -> None:
    data["difficulty"] = data["difficulty"] % 5 + 1


def _add_course_skill(data: dict[str, Any]) -> None:
    data["skills"].append("a-new-skill")


def _drop_cert_skill(data: dict[str, Any]) -> None:
    data["skills"].pop()


def _rename(data: dict[str, Any]) -> None:
    data["name"] = data["name"] + " (renamed)"


def _change_preparation(data: dict[str, Any]) -> None:
    data["prepares_for"][0]["closeness"] = "maps_to_exam_objectives"


@pytest.mark.parametrize(
    ("kind", "slug", "change"),
    [
        ("providers", "edx", _rename),
        ("certifications", "aws-ml-specialty", _bump_difficulty),
        ("certifications", "deep-learning-specialization", _drop_cert_skill),
        ("courses", "applied-ml-in-python", _add_course_skill),
        ("courses", "cluster-analysis-unsupervised-ml-python", _change_preparation),
    ],
    ids=["provider-name", "cert-difficulty", "cert-skills", "course-skills", "course-prepares"],
)
def test_one_edit_updates_exactly_one_record(
    db: Engine, tmp_seed: Path, kind: str, slug: str, change: Callable[[dict[str, Any]], None]
) -> None:
    load(db, tmp_seed)
    edit(seed_file(tmp_seed, kind, slug), change)
    seed = read_ok(tmp_seed)

    result = load(db, tmp_seed)

    assert result.version == 2
    for other in KINDS:
        assert result.changes[other].created == []
        assert result.changes[other].updated == ([slug] if other == kind else [])
    assert counts(db) == expected_counts(seed)
    # And the edit is there to read back, so a reload is quiet again.
    again = load(db, tmp_seed)
    assert not again.changed
    assert again.version == 2


# --- bad files -------------------------------------------------------------------------------


DELETE = object()


def _write(kind: str, slug: str, content: bytes) -> Callable[[Path], None]:
    def apply(seed_dir: Path) -> None:
        seed_file(seed_dir, kind, slug).write_bytes(content)

    return apply


def _set(kind: str, slug: str, path: str, value: Any) -> Callable[[Path], None]:
    """Set (or, with value DELETE, remove) the field at a dotted path in one file."""

    def apply(seed_dir: Path) -> None:
        def change(data: dict[str, Any]) -> None:
            *parents, last = path.split(".")
            target: Any = data
            for part in parents:
                target = target[int(part)] if isinstance(target, list) else target[part]
            if value is DELETE:
                del target[last]
            else:
                target[last] = value

        edit(seed_file(seed_dir, kind, slug), change)

    return apply


def _delete_file(kind: str, slug: str) -> Callable[[Path], None]:
    def apply(seed_dir: Path) -> None:
        seed_file(seed_dir, kind, slug).unlink()

    return apply


# (how to break the seed, file at fault, record, field, words in the message)
BAD_FILES: dict[str, tuple[Callable[[Path], None], str, str, str, str]] = {
    "invalid-yaml": (
        _write("providers", "aws", b"slug: aws\nname: [Amazon Web Services\n"),
        "providers/aws.yaml",
        "aws",
        "-",
        "not valid YAML",
    ),
    "not-utf8": (
        _write("providers", "aws", b"slug: aws\nname: Caf\xe9\n"),
        "providers/aws.yaml",
        "aws",
        "-",
        "not valid YAML",
    ),
    "a-list": (
        _write("providers", "udemy", b"- slug: udemy\n  name: Udemy\n"),
        "providers/udemy.yaml",
        "udemy",
        "-",
        "expected one record (a mapping)",
    ),
    "empty-file": (
        _write("providers", "udemy", b""),
        "providers/udemy.yaml",
        "udemy",
        "-",
        "expected one record (a mapping)",
    ),
    "missing-field": (
        _set("providers", "edx", "name", DELETE),
        "providers/edx.yaml",
        "edx",
        "name",
        "Field required",
    ),
    "missing-nested-field": (
        _set("courses", "ml-classification", "interview.relevance", DELETE),
        "courses/ml-classification.yaml",
        "ml-classification",
        "interview.relevance",
        "Field required",
    ),
    "difficulty-a-word": (
        _set("certifications", "aws-ml-specialty", "difficulty", "hard"),
        "certifications/aws-ml-specialty.yaml",
        "aws-ml-specialty",
        "difficulty",
        "valid integer",
    ),
    "proctored-a-string": (
        _set("certifications", "aws-ml-specialty", "proctored", "yes"),
        "certifications/aws-ml-specialty.yaml",
        "aws-ml-specialty",
        "proctored",
        "valid boolean",
    ),
    "difficulty-out-of-bounds": (
        _set("certifications", "aws-ml-specialty", "difficulty", 9),
        "certifications/aws-ml-specialty.yaml",
        "aws-ml-specialty",
        "difficulty",
        "less than or equal to 5",
    ),
    "unknown-field": (
        _set("courses", "ml-classification", "provider_rating", 5),
        "courses/ml-classification.yaml",
        "ml-classification",
        "provider_rating",
        "Extra inputs are not permitted",
    ),
    "unknown-nested-field": (
        _set("certifications", "aws-ml-engineer-associate", "exam.fee", 150),
        "certifications/aws-ml-engineer-associate.yaml",
        "aws-ml-engineer-associate",
        "exam.fee",
        "Extra inputs are not permitted",
    ),
    "slug-not-file-name": (
        _set("providers", "edx", "slug", "edx-online"),
        "providers/edx.yaml",
        "edx-online",
        "slug",
        "must match the file name 'edx'",
    ),
    "unknown-issuer": (
        _set("certifications", "aws-ml-specialty", "issuer", "amazon"),
        "certifications/aws-ml-specialty.yaml",
        "aws-ml-specialty",
        "issuer",
        "no provider 'amazon'",
    ),
    "deleted-platform": (
        _delete_file("providers", "udemy"),
        "courses/cluster-analysis-unsupervised-ml-python.yaml",
        "cluster-analysis-unsupervised-ml-python",
        "platform",
        "no provider 'udemy'",
    ),
    "unknown-prepares-for": (
        _set(
            "courses",
            "cluster-analysis-unsupervised-ml-python",
            "prepares_for.1.certification",
            "aws-ml-expert",
        ),
        "courses/cluster-analysis-unsupervised-ml-python.yaml",
        "cluster-analysis-unsupervised-ml-python",
        "prepares_for.1.certification",
        "no certification 'aws-ml-expert'",
    ),
    "unknown-successor": (
        _set("certifications", "aws-ml-specialty", "lifecycle.successor", "aws-ml-expert"),
        "certifications/aws-ml-specialty.yaml",
        "aws-ml-specialty",
        "lifecycle.successor",
        "no certification 'aws-ml-expert'",
    ),
    "unknown-platform": (
        _set("certifications", "aws-ml-specialty", "platform", "oracle"),
        "certifications/aws-ml-specialty.yaml",
        "aws-ml-specialty",
        "platform",
        "Input should be 'gcp', 'aws', 'azure', 'databricks', 'nvidia', 'snowflake' or 'none'",
    ),
    "platform-against-cloud": (
        _set("certifications", "aws-ml-specialty", "platform", "gcp"),
        "certifications/aws-ml-specialty.yaml",
        "aws-ml-specialty",
        "-",
        "cloud 'aws' does not match platform 'gcp'",
    ),
    "unknown-tier": (
        _set("certifications", "aws-ml-specialty", "tier", "expert"),
        "certifications/aws-ml-specialty.yaml",
        "aws-ml-specialty",
        "tier",
        "Input should be 'foundational', 'associate', 'professional' or 'specialty'",
    ),
    "unknown-part-of": (
        _set("courses", "ml-classification", "part_of", "uw-ml-specialization"),
        "courses/ml-classification.yaml",
        "ml-classification",
        "part_of",
        "no certification 'uw-ml-specialization'",
    ),
    "part-of-a-vendor-exam": (
        _set("courses", "production-ml-systems", "part_of", "google-professional-ml-engineer"),
        "courses/production-ml-systems.yaml",
        "production-ml-systems",
        "part_of",
        "'google-professional-ml-engineer' is not a course_certificate",
    ),
    "successor-cycle": (
        _set(
            "certifications", "aws-ml-engineer-associate", "lifecycle.successor", "aws-ml-specialty"
        ),
        "certifications/aws-ml-engineer-associate.yaml",
        "aws-ml-engineer-associate",
        "lifecycle.successor",
        "forms a cycle",
    ),
    "course-certificate-proctored": (
        _set("certifications", "deep-learning-specialization", "proctored", True),
        "certifications/deep-learning-specialization.yaml",
        "deep-learning-specialization",
        "proctored",
        "a course_certificate is earned without a proctored exam",
    ),
}


def _expected_error(seed_dir: Path, case: str) -> tuple[str, str, str, str]:
    _, relative, record, field, words = BAD_FILES[case]
    return str(seed_dir / relative), record, field, words


def _matches(error: SeedError, file: str, record: str, field: str, words: str) -> bool:
    return (error.file, error.record, error.field) == (file, record, field) and (
        words in error.message
    )


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_is_reported_by_read_seed(tmp_seed: Path, case: str) -> None:
    BAD_FILES[case][0](tmp_seed)
    file, record, field, words = _expected_error(tmp_seed, case)

    _, errors = read_seed(tmp_seed)

    assert errors, "the broken seed was accepted"
    assert any(_matches(e, file, record, field, words) for e in errors), [str(e) for e in errors]
    # Only the broken file is blamed.
    assert {e.file for e in errors} == {file}


@pytest.fixture
def cli(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Callable[..., tuple[int, str, str]]]:
    """The CLI's entry point, in this process (a subprocess per case would be slow), pointed
    at the test database through DATABASE_URL as the real command is."""
    monkeypatch.setenv("DATABASE_URL", db_url)
    get_settings.cache_clear()

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = cli_main(list(args))
        out = capsys.readouterr()
        return code, out.out, out.err

    yield run
    get_settings.cache_clear()


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_file_makes_the_cli_write_nothing(
    cli: Callable[..., tuple[int, str, str]], db: Engine, tmp_seed: Path, case: str
) -> None:
    BAD_FILES[case][0](tmp_seed)
    file, record, field, words = _expected_error(tmp_seed, case)

    # A first load that fails leaves the database empty...
    code, out, err = cli("--dir", str(tmp_seed))
    assert code == 1, out
    assert out == ""
    assert f"{file}: record '{record}', field '{field}': " in err
    assert words in err
    assert err.rstrip().endswith("error(s) in the seed files; nothing was written.")
    assert set(counts(db).values()) == {0}

    # ...and one over a loaded catalog leaves it as it was.
    load(db, ROOT / "seed")
    before = snapshot(db)
    code, out, err = cli("--dir", str(tmp_seed))
    assert code == 1, out
    assert "nothing was written" in err
    assert snapshot(db) == before
    assert version(db) == 1


@pytest.mark.parametrize("case", ["invalid-yaml", "unknown-issuer"])
def test_bad_file_makes_the_cli_process_exit_1(
    db_url: str, db: Engine, tmp_seed: Path, case: str
) -> None:
    """End to end, for one error found while parsing and one found across files."""
    load(db, ROOT / "seed")
    before = snapshot(db)
    BAD_FILES[case][0](tmp_seed)
    file, record, field, words = _expected_error(tmp_seed, case)

    result = run_cli(db_url, "--dir", str(tmp_seed))

    assert result.returncode == 1, result.stdout
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"{file}: record '{record}', field '{field}': "), lines
    assert words in lines[0]
    assert lines[-1] == "1 error(s) in the seed files; nothing was written."
    assert snapshot(db) == before


def test_cli_reports_a_missing_directory(
    cli: Callable[..., tuple[int, str, str]], db: Engine, tmp_path: Path
) -> None:
    missing = tmp_path / "no-seed-here"
    code, out, err = cli("--dir", str(missing))
    assert code == 1
    assert out == ""
    assert f"{missing}: record '-', field '-': no such seed directory" in err
    assert "nothing was written" in err
    assert set(counts(db).values()) == {0}


# --- a failure while writing -----------------------------------------------------------------


def _fail_on_last_course(seed: SeedSet, provider: str | None = None) -> str:
    """Arrange the validated seed so that the last course names a provider nothing else uses,
    then drop that provider: everything else is written before the failure. Returns its slug."""
    used_by_certs = {c.issuer for c in seed.certifications}
    for course in seed.courses:
        others = [c for c in seed.courses if c is not course]
        used_elsewhere = used_by_certs | {s for c in others for s in (c.provider, c.platform)}
        if course.provider not in used_elsewhere and provider in (None, course.provider):
            seed.courses = [*others, course]
            seed.providers = [p for p in seed.providers if p.slug != course.provider]
            return course.provider
    raise AssertionError("no course in the seed has a provider of its own")


def test_failure_while_writing_rolls_back_a_first_load(db: Engine) -> None:
    seed = read_ok(ROOT / "seed")
    missing = _fail_on_last_course(seed)

    with pytest.raises(MissingReferences) as raised, transaction(db) as session:
        load_seed(session, seed)

    assert raised.value.fields == {"provider": missing}
    assert set(counts(db).values()) == {0}
    assert version(db) == 0


def test_failure_while_writing_rolls_back_updates(db: Engine, tmp_seed: Path) -> None:
    load(db, tmp_seed)
    before = snapshot(db)
    # Updates that are flushed before the failure: a provider, a certification, a course.
    edit(seed_file(tmp_seed, "providers", "edx"), _rename)
    edit(seed_file(tmp_seed, "certifications", "aws-ml-specialty"), _bump_difficulty)
    edit(seed_file(tmp_seed, "courses", "applied-ml-in-python"), _add_course_skill)
    # A new provider, named by one course only: it will be taken out after validation.
    (tmp_seed / "providers" / "new-publisher.yaml").write_text(
        "slug: new-publisher\nname: New Publisher\nkind: publisher\nurl: https://new.test\n",
        encoding="utf-8",
    )
    edit(
        seed_file(tmp_seed, "courses", "ml-classification"),
        lambda d: d.update(provider="new-publisher"),
    )
    seed = read_ok(tmp_seed)
    assert _fail_on_last_course(seed, "new-publisher") == "new-publisher"
    assert seed.courses[-1].slug == "ml-classification"

    with pytest.raises(MissingReferences) as raised, transaction(db) as session:
        load_seed(session, seed)

    assert raised.value.fields == {"provider": "new-publisher"}
    assert snapshot(db) == before
    assert version(db) == 1
    with Session(db) as session:
        provider = session.scalars(select(Provider).where(Provider.slug == "edx")).one()
        assert not provider.name.endswith("(renamed)")


# --- found while writing these tests ---------------------------------------------------------


def test_successor_cycle_is_blamed_on_a_record_in_the_cycle(tmp_seed: Path) -> None:
    """A record that only points into a cycle is not the one to fix."""
    cycle = {"aws-ml-engineer-associate", "aws-ml-specialty"}
    _set("certifications", "aws-ml-engineer-associate", "lifecycle.successor", "aws-ml-specialty")(
        tmp_seed
    )
    # Sorts before the cycle and names a member of it as its successor.
    entry = "applied-data-science-with-python-specialization"
    lifecycle = {"status": "retired", "retired_on": "2026-01-31", "successor": "aws-ml-specialty"}
    _set("certifications", entry, "lifecycle", lifecycle)(tmp_seed)

    _, errors = read_seed(tmp_seed)

    assert errors, "the cycle was accepted"
    blamed = {(e.record, e.field) for e in errors}
    assert blamed <= {(slug, "lifecycle.successor") for slug in cycle}, [str(e) for e in errors]
    assert {e.file for e in errors} <= {
        str(tmp_seed / "certifications" / f"{slug}.yaml") for slug in cycle
    }


def test_a_field_given_twice_is_an_error(tmp_seed: Path) -> None:
    """YAML's safe_load keeps the last of two equal keys and drops the other without a word."""
    path = seed_file(tmp_seed, "certifications", "aws-ml-specialty")
    path.write_text(path.read_text(encoding="utf-8") + "difficulty: 1\n", encoding="utf-8")

    _, errors = read_seed(tmp_seed)

    assert any(
        (e.file, e.record, e.field) == (str(path), "aws-ml-specialty", "difficulty") for e in errors
    ), [str(e) for e in errors]
