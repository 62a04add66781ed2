"""python -m scripts.prepare: everything before serving, in one Python process.

scripts/start.sh runs it before uvicorn, for `make run` and the image alike: compile the app's
bytecode, migrate the database to the newest revision, and load the seed into a catalog that
has never been written (never over maintainers' changes: app/seeding). `alembic upgrade head`
and `python -m app.seeding` as two processes paid the same imports twice (~3 s a start).
"""

import compileall
import sys

from alembic import command
from alembic.config import Config

from app.core.config import ROOT
from app.seeding.__main__ import main as load_seed_files


def compile_bytecode() -> None:
    # Where PYTHONDONTWRITEBYTECODE is set no import writes bytecode, so uvicorn would compile
    # the app from source at every start. Only changed files are compiled again; in the image
    # (compiled when built, read-only) nothing is written, and a failure only costs speed.
    for directory in ("app", "migrations"):
        compileall.compile_dir(ROOT / directory, quiet=2)


def main() -> int:
    compile_bytecode()
    command.upgrade(Config(str(ROOT / "alembic.ini")), "head")
    return load_seed_files(["--if-empty"])


if __name__ == "__main__":
    sys.exit(main())
