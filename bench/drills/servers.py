"""The app as `make run` starts it, with WORKERS=N, on a database of the drill's own."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from app.core.config import ROOT
from app.core.db import make_engine, transaction
from app.security.keys import create_key
from app.seeding.load import load_seed
from bench.drills.common import BIN, HOST, SERVER_ENV, START, DrillError, answers, wait_for
from bench.generate import migrate, read_repository_seed
from bench.run import free_port, pinned

# -- the pieces: a database, the app, nginx ------------------------------------------------


def prepare_database(url: str) -> str:
    """Migrated, the seed loaded, and a maintainer's key: returned."""
    migrate(url)
    engine = make_engine(url)
    try:
        with transaction(engine) as session:
            load_seed(session, read_repository_seed())
            key = create_key(session, "drill")
    finally:
        engine.dispose()
    return key


@dataclass
class App:
    process: subprocess.Popen[bytes]
    port: int
    log: Path

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def workers(self) -> list[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        found = [int(pid) for pid in path.read_text(encoding="ascii").split()]
        return found or [self.process.pid]  # WORKERS=1: the process is the worker


@contextmanager
def running_app(database_url: str, workers: int, core: str | None, log: Path) -> Iterator[App]:
    port = free_port()
    env = {
        **os.environ,
        **SERVER_ENV,
        "PATH": f"{BIN}:{os.environ.get('PATH', '')}",
        "DATABASE_URL": database_url,
        "HOST": HOST,
        "PORT": str(port),
        "WORKERS": str(workers),
    }
    with log.open("ab") as output:
        process = subprocess.Popen(
            pinned(core, ["sh", str(START)]), cwd=ROOT, env=env, stdout=output, stderr=output
        )
    app = App(process, port, log)
    try:
        wait_for(
            "the app's first answer",
            lambda: (
                (process.poll() is None and answers(f"{app.base}/healthz")) or _ended(process, log)
            ),
        )
        wait_for(f"{workers} workers", lambda: len(app.workers()) >= workers)
        yield app
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def _ended(process: subprocess.Popen[bytes], log: Path) -> bool:
    if process.poll() is not None:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise DrillError(f"the app ended ({process.returncode}):\n{tail}")
    return False
