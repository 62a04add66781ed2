"""`make bench`: the server as `make run` starts it, driven by wrk, side by side with /healthz.

    python -m bench.run [--databases sqlite,postgresql] [--catalogs seed,large]
                        [--duration 5] [--warmup 2] [--connections 32] [--launches 3]
                        [--repeats 3] [--stall-check 15] [--nice N] [--out-dir var/bench]

For each database and catalog: a fresh database is migrated and loaded (the seed; for the
large catalog also `bench.generate`), the server is started by `scripts/start.sh` exactly as
`make run` does (one uvicorn worker) pinned to one core with `taskset`, and wrk, pinned to the
other core, drives each endpoint: a warm-up, then measured runs (`--repeats`; the row is the
run with the median p99, every run's p99 shown). `GET /healthz` runs first and last; every
endpoint's requests per second are divided by the mean of the two (the bare endpoint, served
by the same process in the same run). Before all that, `bench.stalls` checks for a while how
long the machine itself pauses a process on the server's core.

Also measured: the server's peak memory (VmHWM), launch to first answer, and the recommender's
own time per call in process (`bench.recommender_time`). The issue's targets are printed next
to each figure; a missed target never fails the command. Each run also records how much of the
server's core other processes and the hypervisor took meanwhile, and flags noisy rows;
`--nice -10` (root) keeps other jobs on a shared machine from taking it.

PostgreSQL runs when BENCH_DATABASE_URL or TEST_DATABASE_URL names a server (default: the
local test server); each catalog gets a schema of its own, dropped afterwards. SQLite files
live in var/bench/. Only 127.0.0.1 is contacted.
"""

from __future__ import annotations

import argparse
import http.client
import importlib.util
import json
import os
import random
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from app.core.config import ROOT
from app.core.db import make_engine, transaction
from app.models import Certification, Course
from app.seeding.load import load_seed
from bench.generate import Sizes, generate, migrate, read_repository_seed
from bench.profiles import calendar_paths, profile_bodies

DEFAULT_POSTGRES_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
LUA = ROOT / "bench" / "wrk" / "requests.lua"
START = ROOT / "scripts" / "start.sh"
HOST = "127.0.0.1"
# Settings for the server under load. All of wrk's requests come from one client address, so a
# per-client rate limit (RATE_LIMIT_RECOMMENDATIONS, where the app has one) would answer most
# of them 429 and measure the limiter's refusals, not the endpoint: the limit is lifted, its
# check still runs. Settings the app does not know are ignored.
SERVER_ENV = {"RATE_LIMIT_RECOMMENDATIONS": "100000000/minute"}

# The targets (issue 11: one request path). Ratios are to GET /healthz in the same run.
RATIO_TARGETS: dict[tuple[str, str], float] = {
    ("seed", "list"): 0.6,
    ("seed", "item"): 0.7,
    ("seed", "recommend"): 0.45,
    ("large", "list"): 0.5,
    ("large", "recommend"): 0.4,
    ("large", "cold"): 0.15,
}
# Other processes taking this share of the server's core during a run make its figures suspect.
NOISY = 0.1
P99_TARGET_MS = 25.0  # every endpoint, large catalog, 32 connections
RSS_TARGET_MB = 200.0  # large catalog
LAUNCH_TARGET_S = 1.5
RECOMMENDER_GROWTH_TARGET = 2.0  # time per call, large over seed


class BenchError(Exception):
    pass


@dataclass(frozen=True)
class Options:
    databases: tuple[str, ...] = ("sqlite", "postgresql")
    catalogs: tuple[str, ...] = ("seed", "large")
    duration: int = 5
    warmup: int = 2
    connections: int = 32
    launches: int = 3  # server starts timed on the large catalog (the first is the bench's)
    sample: int = 200  # distinct slugs cycled through by the item reads
    recommender_rounds: int = 30
    recommender_seconds: float = 1.0
    out_dir: Path = ROOT / "var" / "bench"
    postgres_url: str = DEFAULT_POSTGRES_URL
    sizes: Sizes = field(default_factory=Sizes)
    # Niceness of the bench and all it starts (server, wrk): below 0 (root only) on a machine
    # shared with other jobs, so that they take less of the two cores from the measurement.
    nice: int = 0
    # Runs per endpoint (the cold one runs once: its pages would be kept after that); the row
    # is the run with the median p99, so that one run's spell of machine pauses is not taken
    # for the server's tail (see bench/stalls.py). Every run's p99 is shown.
    repeats: int = 3
    # Seconds of bench/stalls.py on the server's core before the runs; 0 skips it.
    stall_check_s: float = 15.0


@dataclass(frozen=True)
class Endpoint:
    name: str
    kind: str  # bare | list | item | recommend
    requests: tuple[tuple[str, str, str], ...]  # (method, path, JSON body or "")

    @property
    def label(self) -> str:
        distinct = len(self.requests)
        return self.name if distinct == 1 else f"{self.name} ({distinct} distinct)"


@dataclass
class Measured:
    endpoint: str
    kind: str
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    requests: int
    errors: int  # socket errors, timeouts and non-2xx/3xx answers
    other_cpu: float  # share of the server's core that other processes used meanwhile
    steal_cpu: float  # share of the server's core the hypervisor gave to other machines
    ratio: float | None = None
    first_error: str = ""  # what the endpoint answered when a run had errors
    p99_runs_ms: list[float] = field(default_factory=list)  # every run's, in order


@dataclass
class Launch:
    to_first_answer_s: float  # uvicorn's exec to the first 200 from /healthz
    start_sh_s: float  # scripts/start.sh (migrate, seed, serve) to the first 200


@dataclass
class CatalogRun:
    database: str
    catalog: str
    providers: int
    certifications: int
    courses: int
    connections: int
    duration_s: int
    rows: list[Measured] = field(default_factory=list)
    healthz_runs: list[float] = field(default_factory=list)
    launches: list[Launch] = field(default_factory=list)
    compiled_launches: list[Launch] = field(default_factory=list)  # with bytecode compiled
    peak_rss_mb: float | None = None
    rss_mb: float | None = None  # at the end, after the peak
    recommender: dict[str, Any] | None = None


# -- machine and tools ---------------------------------------------------------------------


def cores() -> tuple[str | None, str | None]:
    """(server core, load generator core), or (None, None) when there is nothing to pin to."""
    if shutil.which("taskset") is None:
        return None, None
    available = sorted(os.sched_getaffinity(0))
    if len(available) < 2:
        return None, None
    return str(available[0]), str(available[1])


def pinned(core: str | None, command: Sequence[str]) -> list[str]:
    return ["taskset", "-c", core, *command] if core is not None else list(command)


def require_wrk() -> str:
    found = shutil.which("wrk")
    if found is None:
        raise BenchError(
            "wrk is not installed. It is the load generator of the benchmark; install Debian's "
            "package and run again:\n    sudo apt-get install wrk\n"
            "(`make bench` installs it by itself when run as root.)"
        )
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


# -- databases -----------------------------------------------------------------------------


def postgres_reachable(url: str) -> str | None:
    """None if the server answers, else why not."""
    engine = make_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        return None
    except Exception as exc:
        return str(exc).splitlines()[0]
    finally:
        engine.dispose()


@contextmanager
def fresh_database(backend: str, name: str, options: Options) -> Iterator[str]:
    """An empty database for one catalog; a SQLite file is kept afterwards for inspection."""
    if backend == "sqlite":
        options.out_dir.mkdir(parents=True, exist_ok=True)
        path = options.out_dir / f"{name}.db"
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        yield f"sqlite:///{path}"
        return
    schema = f"certpath_bench_{name.replace('-', '_')}_{uuid.uuid4().hex[:8]}"
    admin = make_engine(options.postgres_url)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(options.postgres_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()


def load_catalog(url: str, catalog: str, sizes: Sizes) -> None:
    """Migrate and load: the seed alone, or the seed plus the generated catalog."""
    if catalog != "seed":
        generate(url, sizes)
        return
    migrate(url)
    engine = make_engine(url)
    try:
        with transaction(engine) as session:
            load_seed(session, read_repository_seed())
    finally:
        engine.dispose()


def slugs(url: str, model: Any, count: int) -> list[str]:
    engine = make_engine(url)
    try:
        with transaction(engine) as session:
            found = sorted(session.scalars(select(model.slug)).all())
    finally:
        engine.dispose()
    return sorted(random.Random(5).sample(found, min(count, len(found))))


COURSE_FACETS = "provider,level,skill,audience,prepares_for"


def endpoints(url: str, sample: int) -> list[Endpoint]:
    bodies = [json.dumps(b, separators=(",", ":")) for b in profile_bodies()]
    return [
        Endpoint(
            "GET /certifications?limit=20", "list", (("GET", "/certifications?limit=20", ""),)
        ),
        Endpoint(
            "GET /courses?limit=20&level=intermediate",
            "list",
            (("GET", "/courses?limit=20&level=intermediate", ""),),
        ),
        Endpoint(
            "GET /courses/{slug}",
            "item",
            tuple(("GET", f"/courses/{s}", "") for s in slugs(url, Course, sample)),
        ),
        Endpoint(
            "GET /certifications/{slug}",
            "item",
            tuple(("GET", f"/certifications/{s}", "") for s in slugs(url, Certification, sample)),
        ),
        Endpoint(
            "POST /recommendations",
            "recommend",
            tuple(("POST", "/recommendations", b) for b in bodies),
        ),
        # A filter sidebar's call: the page and the counts of every course facet. Once kept,
        # it is answered as any list page is; the cold row below is what the counts cost.
        Endpoint(
            f"GET /courses?limit=20&facets={COURSE_FACETS}",
            "list",
            (("GET", f"/courses?limit=20&facets={COURSE_FACETS}", ""),),
        ),
        Endpoint(
            f"GET /courses?limit=20&facets={COURSE_FACETS}&offset=N (cold, never asked before)",
            "cold",
            tuple(
                ("GET", f"/courses?limit=20&facets={COURSE_FACETS}&offset={offset}&sort={sort}", "")
                for offset in range(0, 10_000, 2)
                for sort in ("slug", "-rating")
            ),
        ),
        # A calendar app polls a subscribed plan: after the first request of each profile,
        # the answer is kept (response cache), as in use.
        Endpoint(
            "GET /recommendations?...&format=ics",
            "calendar",
            tuple(("GET", path, "") for path in calendar_paths()),
        ),
        # What a page costs when it is not kept yet. Every request asks for a page not asked
        # for before (wrk sends fewer than there are), so none is answered from the response
        # cache.
        Endpoint(
            "GET /courses?limit=20&offset=N (cold, never asked before)",
            "cold",
            tuple(
                ("GET", f"/courses?limit=20&offset={offset}&sort={sort}", "")
                for offset in range(0, 10_000, 2)
                for sort in ("slug", "-rating")
            ),
        ),
    ]


HEALTHZ = Endpoint("GET /healthz", "bare", (("GET", "/healthz", ""),))


# -- the server ----------------------------------------------------------------------------


@dataclass
class Server:
    process: subprocess.Popen[bytes]
    url: str
    port: int
    log: Path
    launch: Launch

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def status(self) -> dict[str, int]:
        """VmHWM and VmRSS in kB, read from /proc."""
        found = {}
        with open(f"/proc/{self.process.pid}/status", encoding="ascii") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in ("VmHWM", "VmRSS"):
                    found[key] = int(value.split()[0])
        return found


def _get(port: int, path: str, timeout: float = 1.0) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _cmdline(pid: int) -> bytes:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as cmdline:
            return cmdline.read()
    except OSError:
        return b""


def _tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def start_server(
    url: str,
    core: str | None,
    log: Path,
    timeout: float = 180.0,
    pycache: Path | None = None,
) -> Server:
    """scripts/start.sh as `make run` runs it, pinned; returns once /healthz answers.

    With `pycache`, Python keeps compiled bytecode there (and may write it even where
    PYTHONDONTWRITEBYTECODE is set): what a start costs once bytecode has been compiled.
    """
    port = free_port()
    bin_dir = Path(sys.executable).parent
    env = {
        **os.environ,
        **SERVER_ENV,
        "DATABASE_URL": url,
        "HOST": HOST,
        "PORT": str(port),
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    if pycache is not None:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(pycache)
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as output:
        started = time.perf_counter()
        process = subprocess.Popen(
            pinned(core, ["sh", str(START)]),
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    exec_at: float | None = None
    try:
        while True:
            now = time.perf_counter()
            if process.poll() is not None:
                raise BenchError(f"the server exited with {process.returncode}:\n{_tail(log)}")
            if now - started > timeout:
                raise BenchError(f"the server did not answer within {timeout:.0f} s:\n{_tail(log)}")
            # start.sh ends by exec'ing the server (scripts/serve.py, uvicorn) in its own
            # process: the launch starts there.
            if exec_at is None and b"scripts.serve" in _cmdline(process.pid):
                exec_at = now
            if exec_at is not None:
                with suppress(OSError, http.client.HTTPException):
                    if _get(port, "/healthz", timeout=2.0)[0] == 200:
                        answered = time.perf_counter()
                        launch = Launch(round(answered - exec_at, 3), round(answered - started, 3))
                        return Server(process, url, port, log, launch)
            time.sleep(0.005)
    except BaseException:
        stop_server(process)
        raise


def stop_server(process: subprocess.Popen[bytes]) -> None:
    """Stop the process group this bench started (start.sh and what it runs), by its id."""
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGINT, 15.0), (signal.SIGKILL, 5.0)):
        with suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        with suppress(subprocess.TimeoutExpired):
            process.wait(wait)
            return


@contextmanager
def running_server(
    url: str, core: str | None, log: Path, pycache: Path | None = None
) -> Iterator[Server]:
    server = start_server(url, core, log, pycache=pycache)
    try:
        yield server
    finally:
        stop_server(server.process)


# -- load ----------------------------------------------------------------------------------


def _ask(server: Server, method: str, path: str, body: str) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection(HOST, server.port, timeout=120)
    try:
        headers = {"Content-Type": "application/json"} if body else {}
        connection.request(method, path, body=body or None, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def first_error(server: Server, endpoint: Endpoint, raw: dict[str, float]) -> str:
    """A line on what went wrong in a run with errors: the kinds counted, and one answer."""
    kinds = ", ".join(
        f"{int(raw[k])} {k}" for k in ("status", "connect", "read", "write", "timeout") if raw[k]
    )
    for method, path, body in endpoint.requests:
        status, payload = _ask(server, method, path, body)
        if not 200 <= status < 400:
            return f"{kinds}; e.g. {method} {path} -> {status} {payload[:120]!r}"
    return kinds


def check_answers(server: Server, endpoint: Endpoint) -> None:
    """Every request of the endpoint answers 2xx before it is measured (this also builds any
    cache the first request builds, such as the recommender's snapshot)."""
    for method, path, body in endpoint.requests[:3] + endpoint.requests[-1:]:
        status, payload = _ask(server, method, path, body)
        if not 200 <= status < 300:
            raise BenchError(f"{method} {path} answered {status}: {payload[:300]!r}")


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_ticks(core: str | None) -> tuple[int, int]:
    """(busy, stolen): clock ticks one core (or all, for None) spent working, and ticks the
    hypervisor took from it."""
    label = f"cpu{core}" if core is not None else "cpu"
    with open("/proc/stat", encoding="ascii") as stat:
        line = next(ln for ln in stat if ln.split()[0] == label)
    fields = [int(x) for x in line.split()[1:]]
    user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
    return user + nice + system + irq + softirq, steal


def _process_ticks(pid: int) -> int:
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rpartition(")")[2].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def _database_ticks() -> int:
    """CPU time of the PostgreSQL server's processes: part of the system under test."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        with suppress(OSError, ValueError, IndexError):
            with open(f"/proc/{entry.name}/stat", encoding="ascii", errors="replace") as stat:
                head, _, rest = stat.read().rpartition(")")
            if head.partition("(")[2] == "postgres":
                fields = rest.split()
                total += int(fields[11]) + int(fields[12])
    return total


def _children_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def wrk(
    script: Path,
    listing_variable: str,
    requests: Sequence[tuple[str, str, str]],
    base: str,
    seconds: int,
    connections: int,
    core: str | None,
    directory: Path,
) -> subprocess.CompletedProcess[str]:
    """wrk on one thread, pinned to `core`, cycling through `requests` with a Lua `script`
    that reads them from the file named by the environment variable `listing_variable`."""
    listing = directory / f"requests-{uuid.uuid4().hex[:8]}.tsv"
    listing.write_text("".join(f"{m}\t{p}\t{b}\n" for m, p, b in requests))
    command = [require_wrk(), "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
               "-s", str(script), base]  # fmt: skip
    try:
        return subprocess.run(
            pinned(core, command),
            env={**os.environ, listing_variable: str(listing)},
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=False,
        )
    finally:
        listing.unlink(missing_ok=True)


def run_wrk(
    server: Server,
    endpoint: Endpoint,
    seconds: int,
    connections: int,
    core: str | None,
    work_dir: Path,
) -> dict[str, float]:
    """wrk's figures, plus the noise on the server's core meanwhile: `other_cpu`, the share of
    it that processes other than the server (and PostgreSQL, when it is the database) used,
    and `steal_cpu`, the share the hypervisor took. Unpinned, both are over all cores, wrk's
    own use left out."""
    work_dir.mkdir(parents=True, exist_ok=True)
    pid = server.process.pid
    server_core, _ = cores()
    postgres = server.url.startswith("postgresql")
    (busy, stolen), served = _cpu_ticks(server_core), _process_ticks(pid)
    database = _database_ticks() if postgres else 0
    children = _children_cpu_s()
    started = time.perf_counter()
    done = wrk(LUA, "BENCH_REQUESTS", endpoint.requests, server.base_url, seconds, connections,
               core, work_dir)  # fmt: skip
    wall = time.perf_counter() - started
    ours = (_process_ticks(pid) - served) / CLOCK_TICKS
    if postgres:
        ours += (_database_ticks() - database) / CLOCK_TICKS
    if server_core is None:
        ours += _children_cpu_s() - children  # wrk
    busy_after, stolen_after = _cpu_ticks(server_core)
    other = max(0.0, ((busy_after - busy) / CLOCK_TICKS - ours) / wall)
    steal = (stolen_after - stolen) / CLOCK_TICKS / wall
    for line in done.stdout.splitlines():
        if line.startswith("BENCH_RESULT "):
            found = json.loads(line.removeprefix("BENCH_RESULT "))
            return {**found, "other_cpu": other, "steal_cpu": steal}
    raise BenchError(f"wrk gave no result (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")


def measure(
    server: Server, endpoint: Endpoint, options: Options, core: str | None, say: Any
) -> Measured:
    check_answers(server, endpoint)
    work_dir = options.out_dir / "work"
    # A warm-up would put the first pages of a cold endpoint in the cache for the run.
    if options.warmup > 0 and endpoint.kind != "cold":
        run_wrk(server, endpoint, options.warmup, options.connections, core, work_dir)
    repeats = 1 if endpoint.kind == "cold" else max(1, options.repeats)
    raws = [
        run_wrk(server, endpoint, options.duration, options.connections, core, work_dir)
        for _ in range(repeats)
    ]
    raw = sorted(raws, key=lambda r: r["p99_us"])[len(raws) // 2]

    def failed(r: dict[str, float]) -> int:
        return int(sum(r[k] for k in ("connect", "read", "write", "status", "timeout")))

    # Errors, the slowest answer and the noise count over every run, not only the median's.
    errors = sum(failed(r) for r in raws)
    seconds = raw["duration_us"] / 1e6
    result = Measured(
        endpoint=endpoint.label,
        kind=endpoint.kind,
        requests_per_s=round(raw["requests"] / seconds, 1),
        p50_ms=round(raw["p50_us"] / 1000, 2),
        p99_ms=round(raw["p99_us"] / 1000, 2),
        max_ms=round(max(r["max_us"] for r in raws) / 1000, 2),
        requests=int(sum(r["requests"] for r in raws)),
        errors=errors,
        other_cpu=round(max(r["other_cpu"] for r in raws), 2),
        steal_cpu=round(max(r["steal_cpu"] for r in raws), 2),
        p99_runs_ms=[round(r["p99_us"] / 1000, 2) for r in raws],
    )
    if errors:
        result.first_error = first_error(server, endpoint, next(r for r in raws if failed(r)))
    runs = f" (runs: {_p99_runs(result)})" if repeats > 1 else ""
    say(
        f"  {endpoint.label}: {result.requests_per_s:.0f} req/s, p50 {result.p50_ms:.1f} ms, "
        f"p99 {result.p99_ms:.1f} ms{runs}"
        + (f", {errors} errors ({result.first_error})" if errors else "")
        + (f", other load on its core {result.other_cpu:.2f}" if result.other_cpu >= NOISY else "")
        + (f", steal {result.steal_cpu:.2f}" if result.steal_cpu >= NOISY else "")
    )
    return result


def recommender_time(url: str, core: str | None, rounds: int, seconds: float) -> dict[str, Any]:
    done = subprocess.run(
        pinned(
            core,
            [
                sys.executable,
                "-m",
                "bench.recommender_time",
                "--database-url",
                url,
                "--rounds",
                str(rounds),
                "--min-seconds",
                str(seconds),
            ],
        ),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        raise BenchError(
            f"bench.recommender_time failed (exit {done.returncode}):\n{done.stderr[-2000:]}"
        )
    return dict(json.loads(lines[-1]))


def run_catalog(
    backend: str, catalog: str, url: str, options: Options, say: Any = print
) -> CatalogRun:
    """Everything measured for one database and catalog; the database is already loaded."""
    server_core, load_core = cores()
    counts = catalog_counts(url)
    run = CatalogRun(backend, catalog, *counts, options.connections, options.duration)
    log = options.out_dir / f"server-{backend}-{catalog}.log"
    work = [HEALTHZ, *endpoints(url, options.sample), HEALTHZ]
    with running_server(url, server_core, log) as server:
        run.launches.append(server.launch)
        say(
            f"  server up: launch to first answer {server.launch.to_first_answer_s:.2f} s "
            f"(start.sh in all {server.launch.start_sh_s:.2f} s)"
        )
        for endpoint in work:
            measured = measure(server, endpoint, options, load_core, say)
            if endpoint is HEALTHZ:
                run.healthz_runs.append(measured.requests_per_s)
                if len(run.healthz_runs) == 2:
                    continue
            run.rows.append(measured)
        memory = server.status()
        run.peak_rss_mb = round(memory["VmHWM"] / 1024, 1)
        run.rss_mb = round(memory["VmRSS"] / 1024, 1)
    bare = statistics.mean(run.healthz_runs)
    healthz = run.rows[0]
    healthz.requests_per_s = round(bare, 1)
    for row in run.rows:
        row.ratio = round(row.requests_per_s / bare, 3) if bare else None
    if catalog == "large":
        for _ in range(options.launches - 1):
            with running_server(url, server_core, log) as server:
                run.launches.append(server.launch)
        # The same starts once bytecode is compiled, in a cache of the bench's own: the first
        # start fills it and is not counted.
        pycache = options.out_dir / "pycache"
        shutil.rmtree(pycache, ignore_errors=True)
        for n in range(options.launches + 1):
            with running_server(url, server_core, log, pycache=pycache) as server:
                if n:
                    run.compiled_launches.append(server.launch)
        shutil.rmtree(pycache, ignore_errors=True)
    run.recommender = recommender_time(
        url, server_core, options.recommender_rounds, options.recommender_seconds
    )
    say(
        f"  recommender in process: {run.recommender['per_call_us']:.0f} us per call, "
        f"snapshot built in {run.recommender['snapshot_build_ms']:.0f} ms"
    )
    return run


def catalog_counts(url: str) -> tuple[int, int, int]:
    from bench.generate import counts

    engine = make_engine(url)
    try:
        with transaction(engine) as session:
            return counts(session)
    finally:
        engine.dispose()


# -- tables --------------------------------------------------------------------------------


def _mark(ok: bool) -> str:
    return "PASS" if ok else "MISS"


def _p99_runs(row: Measured) -> str:
    return ", ".join(f"{p:.1f}" for p in row.p99_runs_ms)


def format_table(run: CatalogRun) -> str:
    title = (
        f"### {run.database}, {run.catalog} catalog ({run.courses:,} courses, "
        f"{run.certifications:,} certifications, {run.providers:,} providers)"
    )
    spread = ", ".join(f"{r:.0f}" for r in run.healthz_runs)
    lines = [
        title,
        "",
        f"wrk: {run.connections} connections, {run.duration_s} s per run after a warm-up; "
        "where an endpoint ran more than once, its row is the run with the median p99, and "
        "the p99 column lists every run's in brackets. "
        f"GET /healthz req/s is the mean of its rows before and after the others ({spread}).",
        "",
        "| endpoint | req/s | p50 ms | p99 ms | vs /healthz | ratio target | p99 target "
        "| errors | other load / steal |",
        "| --- | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |",
    ]
    for row in run.rows:
        target = RATIO_TARGETS.get((run.catalog, row.kind))
        ratio_cell = (
            f">= {target:.2f} {_mark(row.ratio >= target)}"
            if target is not None and row.ratio is not None
            else ""
        )
        p99_cell = (
            f"<= {P99_TARGET_MS:.0f} ms {_mark(row.p99_ms <= P99_TARGET_MS)}"
            if run.catalog == "large" and row.kind != "cold"
            else ""
        )
        if row.errors > row.requests * 0.001:
            # Mostly errors: the figures are not the endpoint's; no verdict on them.
            ratio_cell = "INVALID (errors)" if ratio_cell else ""
            p99_cell = "INVALID (errors)" if p99_cell else ""
        ratio = f"{row.ratio:.2f}" if row.ratio is not None else ""
        p99 = f"{row.p99_ms:.1f}"
        if len(row.p99_runs_ms) > 1:
            p99 += f" ({_p99_runs(row)})"
        lines.append(
            f"| {row.endpoint} | {row.requests_per_s:,.0f} | {row.p50_ms:.1f} | "
            f"{p99} | {ratio} | {ratio_cell} | {p99_cell} | {row.errors} | "
            f"{row.other_cpu:.2f} / {row.steal_cpu:.2f}"
            f"{' (noisy)' if max(row.other_cpu, row.steal_cpu) >= NOISY else ''} |"
        )
    lines += [
        "",
        "errors: socket errors, timeouts and answers other than 2xx/3xx (a row with more "
        "than 0.1% errors gets no verdict). other load / steal: "
        "the share of the server's core that other processes (PostgreSQL, when it is the "
        "database, excepted) used during the run, and the share the hypervisor took "
        f"(/proc/stat); from {NOISY} on, the row is noisy.",
    ]
    return "\n".join(lines)


def bytecode_state() -> str:
    """Whether this Python finds compiled bytecode for the libraries, and may write it."""
    import sqlalchemy

    compiled = Path(importlib.util.cache_from_source(sqlalchemy.__file__ or "")).exists()
    writes = not os.environ.get("PYTHONDONTWRITEBYTECODE")
    return (
        f"compiled bytecode of the libraries: {'present' if compiled else 'absent'}; "
        f"PYTHONDONTWRITEBYTECODE is {'unset' if writes else 'set'}"
        + ("" if compiled or writes else ", so every start compiles every module from source")
    )


def _median_launch(launches: Sequence[Launch]) -> str:
    if not launches:
        return ""
    launch = statistics.median(x.to_first_answer_s for x in launches)
    count = f", median of {len(launches)}" if len(launches) > 1 else ""
    return f"{launch:.2f} (<= {LAUNCH_TARGET_S} {_mark(launch <= LAUNCH_TARGET_S)}{count})"


def format_summary(runs: Sequence[CatalogRun]) -> str:
    lines = [
        "### Memory, launch and the recommender's own time",
        "",
        "| database | catalog | peak RSS MB | launch to first answer s "
        "| same, bytecode compiled | start.sh to first answer s | snapshot build ms "
        "| recommender us/call |",
        "| --- | --- | --- | --- | --- | ---: | ---: | ---: |",
    ]
    for run in runs:
        start_sh = statistics.median(x.start_sh_s for x in run.launches)
        rss = run.peak_rss_mb or 0.0
        rss_cell = f"{rss:.0f}" + (
            f" (<= {RSS_TARGET_MB:.0f} {_mark(rss <= RSS_TARGET_MB)})"
            if run.catalog == "large"
            else ""
        )
        if run.rss_mb is not None:
            rss_cell += f"; {run.rss_mb:.0f} at the end"
        rec = run.recommender or {}
        lines.append(
            f"| {run.database} | {run.catalog} | {rss_cell} | {_median_launch(run.launches)} "
            f"| {_median_launch(run.compiled_launches)} | {start_sh:.2f} "
            f"| {rec.get('snapshot_build_ms', 0):.0f} | {rec.get('per_call_us', 0):.0f} |"
        )
    growth = []
    by_key = {(r.database, r.catalog): r for r in runs}
    for database in dict.fromkeys(r.database for r in runs):
        seed, large = by_key.get((database, "seed")), by_key.get((database, "large"))
        if seed and large and seed.recommender and large.recommender:
            large_us, seed_us = large.recommender["per_call_us"], seed.recommender["per_call_us"]
            ratio = large_us / seed_us
            growth.append(
                f"- {database}: the recommender's time per call, large over seed catalog: "
                f"{large_us:.0f} / {seed_us:.0f} us = {ratio:.1f}x "
                f"(<= {RECOMMENDER_GROWTH_TARGET:.0f}x {_mark(ratio <= RECOMMENDER_GROWTH_TARGET)})"
            )
    notes = [
        "",
        "Peak RSS: VmHWM of the server process after all its runs (and VmRSS then). Launch to "
        "first answer: from uvicorn's start (scripts/start.sh exec's it) to the first 200 from "
        "/healthz; 'bytecode compiled' is the same start with compiled bytecode in a cache of the "
        "bench's own (PYTHONPYCACHEPREFIX); start.sh to first answer adds its migrate and seed "
        "steps. Recommender: `recommend()` in process over the same 40 profiles, median of the "
        "rounds' mean per call; snapshot build: `build_snapshot()` once.",
        f"Python: {bytecode_state()}.",
    ]
    return "\n".join(lines + (["", *growth] if growth else []) + notes)


STALL_OVER_MS = 20.0


def machine_stalls(core: str | None, seconds: float) -> list[float] | None:
    """Pauses of an idle-machine loop on the server's core (bench/stalls.py), in ms."""
    if seconds <= 0:
        return None
    command = [sys.executable, "-m", "bench.stalls", "--seconds", str(seconds)]
    command += ["--over-ms", str(STALL_OVER_MS)]
    done = subprocess.run(
        pinned(core, command), cwd=ROOT, capture_output=True, text=True, check=True
    )
    gaps: list[float] = json.loads(done.stdout)["gaps_ms"]
    return gaps


def stalls_line(seconds: float, gaps: list[float] | None) -> str:
    if gaps is None:
        return ""
    seen = (
        f"{len(gaps)} over {STALL_OVER_MS:.0f} ms, the longest {max(gaps):.0f} ms"
        if gaps
        else f"none over {STALL_OVER_MS:.0f} ms"
    )
    return (
        f" Machine stalls (bench/stalls.py, {seconds:.0f} s on the server's core before the "
        f"runs, nothing else running): {seen}. Each such pause during a run delays every "
        "request then in flight (32) by as long; a few of them, or a spell of the core being "
        "shared, reach a run's slowest 1%."
    )


def machine_summary(options: Options, gaps: list[float] | None = None) -> str:
    model = "unknown"
    with suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        model = next(
            (ln.split(":", 1)[1].strip() for ln in cpuinfo if ln.startswith("model name")), model
        )
    memory = 0
    with suppress(OSError), open("/proc/meminfo", encoding="ascii") as meminfo:
        memory = int(next(ln for ln in meminfo if ln.startswith("MemTotal")).split()[1]) // 1024
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return (
        f"Machine: {os.cpu_count()} cores ({model}), {memory / 1024:.1f} GiB; Python "
        f"{sys.version.split()[0]}; {when}. wrk {options.connections} connections, "
        f"{options.warmup} s warm-up, then {options.repeats} "
        f"run{'s' if options.repeats > 1 else ''} of {options.duration} s per endpoint"
        + (f"; bench, server and wrk at nice {options.nice}" if options.nice else "")
        + "."
        + stalls_line(options.stall_check_s, gaps)
    )


# -- main ----------------------------------------------------------------------------------


def run_all(options: Options, say: Any = print) -> tuple[list[CatalogRun], list[float] | None]:
    require_wrk()
    if options.nice:
        try:
            os.setpriority(os.PRIO_PROCESS, 0, options.nice)
            say(f"running at nice {options.nice}, as does everything the bench starts")
        except PermissionError:
            say(f"warning: cannot set nice {options.nice} (root only below 0); running at 0")
    server_core, load_core = cores()
    if server_core is None:
        say("warning: fewer than 2 cores or no taskset: server and wrk are not pinned")
    else:
        say(f"server pinned to core {server_core}, wrk to core {load_core}")
    if options.stall_check_s > 0:
        say(f"checking the machine for stalls for {options.stall_check_s:.0f} s")
    gaps = machine_stalls(server_core, options.stall_check_s)
    if gaps is not None:
        say(f"  pauses over {STALL_OVER_MS:.0f} ms: {gaps or 'none'}")
    runs: list[CatalogRun] = []
    for backend in options.databases:
        if backend == "postgresql":
            why = postgres_reachable(options.postgres_url)
            if why is not None:
                say(f"PostgreSQL at {options.postgres_url} cannot be reached, skipped: {why}")
                continue
        for catalog in options.catalogs:
            say(f"[{backend}, {catalog} catalog]")
            with fresh_database(backend, catalog, options) as url:
                started = time.perf_counter()
                load_catalog(url, catalog, options.sizes)
                say(f"  migrated and loaded in {time.perf_counter() - started:.1f} s")
                runs.append(run_catalog(backend, catalog, url, options, say))
    return runs, gaps


def parse(argv: list[str] | None) -> Options:
    env = os.environ.get
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--databases", default=env("BENCH_DATABASES", "sqlite,postgresql"))
    parser.add_argument("--catalogs", default=env("BENCH_CATALOGS", "seed,large"))
    parser.add_argument("--duration", type=int, default=int(env("BENCH_DURATION", "5")))
    parser.add_argument("--warmup", type=int, default=int(env("BENCH_WARMUP", "2")))
    parser.add_argument("--connections", type=int, default=int(env("BENCH_CONNECTIONS", "32")))
    parser.add_argument("--launches", type=int, default=int(env("BENCH_LAUNCHES", "3")))
    parser.add_argument("--nice", type=int, default=int(env("BENCH_NICE", "0")))
    parser.add_argument(
        "--repeats",
        type=int,
        default=int(env("BENCH_REPEATS", "3")),
        help="runs per endpoint; the row is the one with the median p99",
    )
    parser.add_argument(
        "--stall-check",
        type=float,
        default=float(env("BENCH_STALL_CHECK", "15")),
        help="seconds of bench/stalls.py on the server's core first (0 skips it)",
    )
    parser.add_argument("--out-dir", type=Path, default=ROOT / "var" / "bench")
    args = parser.parse_args(argv)
    postgres = env("BENCH_DATABASE_URL") or env("TEST_DATABASE_URL") or DEFAULT_POSTGRES_URL
    return Options(
        databases=tuple(x for x in args.databases.split(",") if x),
        catalogs=tuple(x for x in args.catalogs.split(",") if x),
        duration=args.duration,
        warmup=args.warmup,
        connections=args.connections,
        launches=max(1, args.launches),
        nice=args.nice,
        stall_check_s=args.stall_check,
        repeats=max(1, args.repeats),
        out_dir=args.out_dir,
        postgres_url=postgres,
    )


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    started = time.perf_counter()
    try:
        runs, gaps = run_all(options, say=lambda line: print(line, flush=True))
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    tables = [machine_summary(options, gaps), *(format_table(r) for r in runs)]
    tables.append(format_summary(runs))
    report = "\n\n".join(tables) if runs else ""
    options.out_dir.mkdir(parents=True, exist_ok=True)
    (options.out_dir / "results.md").write_text(report + "\n")
    (options.out_dir / "results.json").write_text(
        json.dumps([asdict(r) for r in runs], indent=2) + "\n"
    )
    print()
    print(report)
    print(
        f"\nbench finished in {time.perf_counter() - started:.0f} s; tables in "
        f"{options.out_dir / 'results.md'}, figures in {options.out_dir / 'results.json'}. "
        "Targets are marked PASS/MISS; a MISS does not fail the command."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
