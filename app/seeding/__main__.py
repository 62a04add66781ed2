"""python -m app.seeding [--dir seed]: validate the seed files, then load them."""

import argparse
import sys
from pathlib import Path

from app.core.config import ROOT, get_settings
from app.core.db import make_engine, transaction
from app.seeding.files import read_seed
from app.seeding.load import load_seed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.seeding", description=__doc__)
    parser.add_argument("--dir", type=Path, default=ROOT / "seed", help="seed directory")
    parser.add_argument(
        "--check", action="store_true", help="validate the files only; write nothing"
    )
    args = parser.parse_args(argv)

    seed, errors = read_seed(args.dir)
    if errors:
        for error in errors:
            print(error, file=sys.stderr)
        print(f"{len(errors)} error(s) in the seed files; nothing was written.", file=sys.stderr)
        return 1
    if args.check:
        print("Seed files are valid.")
        return 0

    engine = make_engine(get_settings().database_url)
    try:
        with transaction(engine) as session:
            result = load_seed(session, seed)
    finally:
        engine.dispose()
    print(result.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
