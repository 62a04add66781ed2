"""A PostgreSQL cluster of a test's own, made with initdb and driven with pg_ctl, so that a
test can stop and restart a real database server under a running app.

The binaries are looked for under /usr/lib/postgresql/*/bin (Debian's layout) and on PATH.
Where they are missing the test is skipped, except on CI, where it fails. initdb refuses to
run as root: as root, the cluster belongs to the `postgres` user and every command runs as it.
"""

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.databases import ON_CI
from tests.live_server import _free_port


def _binaries() -> Path | None:
    for found in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(found) / "initdb").exists() and (Path(found) / "pg_ctl").exists():
            return Path(found)
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl and Path(initdb).parent == Path(pg_ctl).parent:
        return Path(initdb).parent
    return None


def _skip_or_fail(message: str) -> None:
    import pytest

    if ON_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@dataclass
class Cluster:
    """A running cluster on 127.0.0.1:`port`, with trust authentication for `postgres`."""

    bin: Path
    data: Path
    port: int
    run_as: list[str]

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def _pg_ctl(self, *args: str) -> None:
        command = [*self.run_as, str(self.bin / "pg_ctl"), "-D", str(self.data), *args]
        subprocess.run(command, check=True, capture_output=True, timeout=120)

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data} "
            # No test here outlives the machine: skip the disk flushes on a shared machine.
            # A commit still reaches the WAL (the OS) before it is acknowledged.
            "-c fsync=off -c full_page_writes=off"
        )
        log = self.data / "server.log"
        self._pg_ctl("-w", "-t", "60", "-l", str(log), "-o", options, "start")

    def stop(self, mode: str = "fast") -> None:
        """`fast` ends every session and shuts down cleanly; `immediate` is a crash."""
        self._pg_ctl("-w", "-t", "60", "-m", mode, "stop")


@contextmanager
def throwaway_cluster() -> Iterator[Cluster]:
    """A new cluster, started; stopped and removed afterwards."""
    binaries = _binaries()
    if binaries is None:
        _skip_or_fail("initdb and pg_ctl were not found: a throwaway PostgreSQL cannot be made")
        raise AssertionError("unreachable")
    run_as: list[str] = []
    owner = None
    if os.geteuid() == 0:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            _skip_or_fail("running as root, and there is no `postgres` user to run initdb as")
            raise AssertionError("unreachable") from None
        run_as = ["runuser", "-u", "postgres", "--"]
    # Under /tmp, not pytest's tmp_path: that one is private to the user running the tests.
    root = Path(tempfile.mkdtemp(prefix="certpath-pg-"))
    data = root / "data"
    try:
        if owner is not None:
            os.chown(root, owner.pw_uid, owner.pw_gid)
        command = [*run_as, str(binaries / "initdb"), "-D", str(data), "-U", "postgres"]
        command += ["-A", "trust", "--no-sync", "-E", "UTF8", "--locale", "C"]
        subprocess.run(command, check=True, capture_output=True, timeout=120)
        cluster = Cluster(binaries, data, _free_port(), run_as)
        cluster.start()
        try:
            yield cluster
        finally:
            if (data / "postmaster.pid").exists():
                cluster.stop("immediate")
    finally:
        shutil.rmtree(root, ignore_errors=True)
