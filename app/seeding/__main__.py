"""python -m app.seeding [--dir seed] [--check] [--if-empty] [--take-files]: validate the
seed files, then load them.

`--if-empty` is how the service starts (scripts/prepare.py): the seed only bootstraps a
catalog that has never been written, so that a restart never changes, or brings back, what
maintainers changed or deleted through the API. `make seed` loads the files, but leaves
items changed or deleted through the API since the seed last set them, reporting each, unless
given `--take-files`.
"""

import argparse
import sys
from pathlib import Path

from sqlalchemy.exc import OperationalError

from app.catalog import queries
from app.core.config import ROOT, get_settings
from app.core.db import make_engine, transaction, writer
from app.seeding.export import export_seed
from app.seeding.files import SeedSet, read_seed
from app.seeding.load import load_seed


def seed_database(
    database_url: str, seed: SeedSet, *, if_empty: bool = False, take_files: bool = False
) -> tuple[int, str]:
    """Load a validated seed set into the database; the exit code and the line to print."""
    engine = make_engine(database_url)
    try:
        # As a write through the API: it waits for the write lock (SQLite's busy timeout)
        # rather than failing when it finds a serving process writing.
        with transaction(writer(engine)) as session:
            version = queries.catalog_version(session)
            if if_empty and version > 0:
                return 0, (
                    f"The catalog is already at version {version}: the seed files are not "
                    "applied at start (make seed applies them)."
                )
            result = load_seed(session, seed, take_files=take_files)
    except OperationalError as exc:
        if "locked" not in str(exc.orig):
            raise
        return 1, (
            "The database is busy: another process held its write lock past the wait; "
            "nothing was written. Try again."
        )
    finally:
        engine.dispose()
    return 0, result.summary()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.seeding", description=__doc__)
    parser.add_argument("--dir", type=Path, default=ROOT / "seed", help="seed directory")
    parser.add_argument(
        "--check", action="store_true", help="validate the files only; write nothing"
    )
    parser.add_argument(
        "--if-empty",
        action="store_true",
        help="load only into a catalog that has never been written (how the service starts)",
    )
    parser.add_argument(
        "--export",
        type=Path,
        metavar="DIR",
        help="write the database's catalog as seed files under DIR (replacing its files)",
    )
    parser.add_argument(
        "--take-files",
        action="store_true",
        help="apply the files' version over items changed or deleted through the API",
    )
    args = parser.parse_args(argv)
    if args.export is not None:
        engine = make_engine(get_settings().database_url)
        try:
            with transaction(engine) as session:
                written = export_seed(session, args.export)
        finally:
            engine.dispose()
        counts = ", ".join(f"{n} {kind}" for kind, n in written.items())
        print(f"Wrote {counts} to {args.export}.")
        return 0

    seed, errors = read_seed(args.dir)
    if errors:
        for error in errors:
            print(error, file=sys.stderr)
        print(f"{len(errors)} error(s) in the seed files; nothing was written.", file=sys.stderr)
        return 1
    if args.check:
        print("Seed files are valid.")
        return 0
    code, message = seed_database(
        get_settings().database_url, seed, if_empty=args.if_empty, take_files=args.take_files
    )
    print(message, file=sys.stderr if code else sys.stdout)
    return code


if __name__ == "__main__":
    sys.exit(main())
