"""`make drill`: the production topology on this machine, and the drills of issue 12.

    python -m bench.drill [--quick] [--workers 2] [--connections 32]
                          [--visibility-trials 10] [--compare-seconds 10] [--load-seconds 60]
                          [--outage-seconds 10] [--soak-seconds 600] [--only proxy,load,outage,soak]

certpath is started by scripts/start.sh with WORKERS=N (as `make run` and the image start it)
and nginx runs deploy/nginx/certpath.conf in front of it, with only its ports, its cache
directory and its per-client connection limit rewritten (wrk's connections all come from
127.0.0.1). nginx (one worker process) and the app are pinned to one core, wrk to the other.

- proxy: a write through the proxy, then reads through it until the write shows (target
  within 2 s); cacheable reads through nginx against nginx serving the same bytes from a file
  (target 0.8 of it).
- load: wrk through the proxy on a mix of reads and plans, with status counts and p99.
- outage: a PostgreSQL cluster of the drill's own (tests/throwaway_postgres.py) under a
  writer and readers (an item, a list, /readyz) through the proxy, stopped for a while and
  started again: stale answers, 503s, acknowledged writes lost (target 0), and how soon writes
  and /readyz succeed again.
- soak: the load for a long while, with a maintainer writing every second; the workers'
  memory at the start and the end.

Figures are printed with their targets; a missed target does not fail the command. Every wait
is bounded. Only 127.0.0.1 is contacted. bench/RESULTS.md holds recorded results.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import text

from app.core.config import ROOT
from app.core.db import make_engine, transaction
from app.schemas.examples import COURSE_IN
from app.schemas.recommendations import PROFILE_EXAMPLE
from app.security.keys import create_key
from app.seeding.load import load_seed
from bench.generate import migrate, read_repository_seed
from bench.run import cores, free_port, pinned, require_wrk

CONFIG = ROOT / "deploy" / "nginx" / "certpath.conf"
START = ROOT / "scripts" / "start.sh"
LUA = ROOT / "bench" / "wrk" / "statuses.lua"
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
ITEM = "/courses/ml-classification"
LIST = "/certifications?platform=aws"
# All of the drill's requests come from one address: lift the per-client limits (their checks
# still run) so that the figures are the service's, not the limiter's refusals.
SERVER_ENV = {
    "RATE_LIMIT_RECOMMENDATIONS": "100000000/minute",
    "RATE_LIMIT_WRITES": "100000000/minute",
}
MIX = (
    ("GET", ITEM, ""),
    ("GET", "/courses/applied-ml-in-python", ""),
    ("GET", "/certifications/aws-ml-specialty", ""),
    ("GET", LIST, ""),
    ("GET", "/courses?skill=mlops", ""),
    ("GET", "/recommendations?background=student&years_ml_experience=0", ""),
    ("POST", "/recommendations", json.dumps(PROFILE_EXAMPLE)),
)
VISIBLE_TARGET_S = 2.0
RATIO_TARGET = 0.8
WAIT_S = 60.0  # for anything to start or answer: generous, on a shared machine


class DrillError(Exception):
    pass


@dataclass(frozen=True)
class Options:
    workers: int = 2
    connections: int = 32
    visibility_trials: int = 10
    compare_seconds: int = 5
    compare_rounds: int = 5
    load_seconds: int = 60
    outage_seconds: int = 10
    soak_seconds: int = 600
    only: tuple[str, ...] = ("proxy", "load", "outage", "soak")
    # Below 0 (root only) on a machine shared with other jobs, as `make bench --nice`: the
    # drill and all it starts (app, nginx, wrk, the throwaway PostgreSQL) inherit it.
    nice: int = 0
    logs: Path = ROOT / "var" / "drill"


QUICK = {
    "visibility_trials": 5,
    "compare_seconds": 2,
    "compare_rounds": 3,
    "load_seconds": 15,
    "outage_seconds": 10,
    "soak_seconds": 30,
}


def mark(ok: bool) -> str:
    return "PASS" if ok else "MISS"


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


def wait_for(what: str, condition: Callable[[], Any], seconds: float = WAIT_S) -> Any:
    deadline = time.monotonic() + seconds
    while not (found := condition()):
        if time.monotonic() > deadline:
            raise DrillError(f"not within {seconds:.0f} s: {what}")
        time.sleep(0.05)
    return found


def answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


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


def _replace_once(pattern: str, replacement: str, config: str) -> str:
    changed, count = re.subn(pattern, replacement, config, flags=re.MULTILINE)
    if count != 1:
        raise DrillError(f"{CONFIG.name}: expected one line matching {pattern!r}, found {count}")
    return changed


def drill_config(listen: int, upstream: Sequence[int], cache_dir: Path) -> str:
    """deploy/nginx/certpath.conf with this machine's ports and cache directory, and a
    per-client connection limit that lets wrk's connections (all from 127.0.0.1) through."""
    config = CONFIG.read_text(encoding="utf-8")
    config = _replace_once(
        r"proxy_cache_path /var/cache/nginx/certpath ", f"proxy_cache_path {cache_dir} ", config
    )
    config = _replace_once(r"^(\s*)listen 80;", rf"\g<1>listen {HOST}:{listen};", config)
    servers = "".join(f"server {HOST}:{port} max_fails=1 fail_timeout=5s; " for port in upstream)
    config = _replace_once(
        r"server 127\.0\.0\.1:8000 max_fails=1 fail_timeout=5s;", servers, config
    )
    return _replace_once(
        r"limit_conn certpath_per_client \d+;", "limit_conn certpath_per_client 10000;", config
    )


def main_config(directory: Path, static_port: int) -> str:
    """nginx's main file around it, with a second server that gives files from
    `directory`/static, for the same-bytes comparison. One worker process, no access log."""
    user = "user root;\n" if os.geteuid() == 0 else ""
    return (
        f"{user}daemon off;\nworker_processes 1;\npid {directory}/nginx.pid;\n"
        f"error_log {directory}/error.log warn;\n"
        "events { worker_connections 4096; }\n"
        "http {\n    access_log off;\n    default_type application/octet-stream;\n"
        f"    include {directory}/certpath.conf;\n"
        f"    server {{\n        listen {HOST}:{static_port};\n"
        f"        location / {{ root {directory}/static; default_type application/json; }}\n"
        "    }\n}\n"
    )


def write_nginx_files(directory: Path, listen: int, upstream: Sequence[int], static: int) -> Path:
    (directory / "static").mkdir(parents=True, exist_ok=True)
    (directory / "cache").mkdir(exist_ok=True)
    (directory / "certpath.conf").write_text(drill_config(listen, upstream, directory / "cache"))
    main = directory / "nginx.conf"
    main.write_text(main_config(directory, static))
    return main


@dataclass
class Proxy:
    process: subprocess.Popen[bytes]
    port: int
    static_port: int
    directory: Path

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def static_base(self) -> str:
        return f"http://{HOST}:{self.static_port}"


def require_nginx() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx",) if Path(p).exists()), None
    )
    if found is None:
        raise DrillError("nginx is not installed: sudo apt-get install nginx-light")
    return found


@contextmanager
def running_proxy(app: App, core: str | None, directory: Path) -> Iterator[Proxy]:
    directory.mkdir(parents=True, exist_ok=True)
    port, static = free_port(), free_port()
    main = write_nginx_files(directory, port, [app.port], static)
    nginx = require_nginx()
    error_log = directory / "error.log"
    checked = subprocess.run(
        [nginx, "-t", "-p", str(directory), "-c", str(main), "-e", str(error_log)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    if checked.returncode != 0:
        raise DrillError(f"nginx -t failed:\n{checked.stderr}")
    process = subprocess.Popen(
        pinned(core, [nginx, "-p", str(directory), "-c", str(main), "-e", str(error_log)]),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    proxy = Proxy(process, port, static, directory)
    try:
        wait_for("nginx", lambda: answers(f"{proxy.base}/healthz"))
        yield proxy
    finally:
        process.send_signal(signal.SIGQUIT)  # finish what is in flight, then stop
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


# -- wrk ------------------------------------------------------------------------------------


def run_wrk(
    base: str,
    requests: Sequence[tuple[str, str, str]],
    seconds: int,
    connections: int,
    core: str | None,
    directory: Path,
) -> dict[str, Any]:
    listing = directory / f"requests-{uuid.uuid4().hex[:8]}.tsv"
    listing.write_text("".join(f"{m}\t{p}\t{b}\n" for m, p, b in requests))
    command = pinned(
        core,
        [
            require_wrk(),
            "-t1",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(LUA),
            base,
        ],
    )
    try:
        done = subprocess.run(
            command,
            env={**os.environ, "DRILL_REQUESTS": str(listing)},
            capture_output=True,
            text=True,
            timeout=seconds + 60,
            check=False,
        )
    finally:
        listing.unlink(missing_ok=True)
    for line in done.stdout.splitlines():
        if line.startswith("DRILL_RESULT "):
            found: dict[str, Any] = json.loads(line.removeprefix("DRILL_RESULT "))
            found["requests_per_s"] = found["requests"] / (found["duration_us"] / 1e6)
            return found
    raise DrillError(f"wrk gave no result (exit {done.returncode}):\n{done.stdout}\n{done.stderr}")


def wrk_line(result: dict[str, Any]) -> str:
    statuses = ", ".join(f"{k}: {v}" for k, v in sorted(result["statuses"].items()))
    return (
        f"{result['requests_per_s']:,.0f} req/s, p50 {result['p50_us'] / 1000:.2f} ms, "
        f"p99 {result['p99_us'] / 1000:.2f} ms, max {result['max_us'] / 1000:.1f} ms; "
        f"statuses {{{statuses}}}, socket errors {result['socket_errors']}"
    )


# -- the drills -------------------------------------------------------------------------------


def current_etag(app: App, client: httpx.Client) -> str:
    return str(client.get(f"{app.base}{ITEM}").headers["etag"])


def patch_item(app: App, proxy: Proxy, client: httpx.Client, key: str, marker: str) -> None:
    """The item's description set to `marker`, through the proxy: until acknowledged (a
    worker that has not yet seen the last write answers 412 to its ETag; ask again)."""
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        answer = client.patch(
            f"{proxy.base}{ITEM}",
            content=json.dumps({"description": marker}),
            headers={
                "Authorization": f"Bearer {key}",
                "Content-Type": "application/merge-patch+json",
                "If-Match": current_etag(app, client),
            },
        )
        if answer.status_code == 200:
            return
        if answer.status_code != 412:
            raise DrillError(f"PATCH {ITEM}: {answer.status_code} {answer.text[:300]}")
        time.sleep(0.1)
    raise DrillError(f"PATCH {ITEM}: not acknowledged within {WAIT_S:.0f} s")


def visibility(app: App, proxy: Proxy, key: str, trials: int, say: Callable[[str], None]) -> None:
    """Seconds from a write's acknowledgement to the first read through the proxy showing it,
    with the proxy's entry for the page made at a different moment of its second each time."""
    seen: list[float] = []
    with httpx.Client(timeout=10) as client:
        for trial in range(trials):
            assert client.get(f"{proxy.base}{ITEM}").status_code == 200  # the proxy keeps it
            time.sleep(trial / max(1, trials) * 1.5)
            marker = f"Drill write {trial} {uuid.uuid4().hex[:8]}: a course description."
            patch_item(app, proxy, client, key, marker)
            written = time.monotonic()
            deadline = written + 10
            while marker not in client.get(f"{proxy.base}{ITEM}").text:
                if time.monotonic() > deadline:
                    break
                time.sleep(0.01)
            seen.append(time.monotonic() - written)
    worst = max(seen)
    say(
        f"  write visible through the proxy: median {statistics.median(seen):.2f} s, "
        f"max {worst:.2f} s over {trials} writes (target <= {VISIBLE_TARGET_S:.0f} s: "
        f"{mark(worst <= VISIBLE_TARGET_S)}); each: {' '.join(f'{s:.2f}' for s in seen)}"
    )


def compare(
    proxy: Proxy, options: Options, wrk_core: str | None, say: Callable[[str], None]
) -> None:
    """Cacheable reads through the proxy against nginx giving the same body from a file, in
    alternating runs: on a machine shared with other jobs, one run of each says little, and
    the median of the runs' ratios says what the proxy costs."""
    work = proxy.directory
    for name, path in (("item", ITEM), ("list", LIST)):
        body = httpx.get(f"{proxy.base}{path}", timeout=10).content
        (work / "static" / f"{name}.json").write_bytes(body)
        through = [("GET", path, "")]
        from_file = [("GET", f"/{name}.json", "")]
        run_wrk(proxy.base, through, 2, options.connections, wrk_core, work)  # warm-up
        cached: list[dict[str, Any]] = []
        static: list[dict[str, Any]] = []
        for round_ in range(options.compare_rounds):
            pair = [(proxy.base, through, cached), (proxy.static_base, from_file, static)]
            for base, requests, into in pair if round_ % 2 == 0 else reversed(pair):
                into.append(
                    run_wrk(
                        base,
                        requests,
                        options.compare_seconds,
                        options.connections,
                        wrk_core,
                        work,
                    )
                )
        ratios = [
            a["requests_per_s"] / b["requests_per_s"] for a, b in zip(cached, static, strict=True)
        ]
        ratio = statistics.median(ratios)
        say(
            f"  {name} {path} ({len(body):,} bytes), {options.compare_rounds} runs of "
            f"{options.compare_seconds} s each, alternating; the run with the median req/s:"
        )
        say(f"    through the proxy:  {wrk_line(median_run(cached))}")
        say(f"    nginx, from a file: {wrk_line(median_run(static))}")
        say(
            f"    ratio {ratio:.2f}, median of {' '.join(f'{r:.2f}' for r in ratios)} "
            f"(target >= {RATIO_TARGET}: {mark(ratio >= RATIO_TARGET)})"
        )


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    return sorted(runs, key=lambda run: float(run["requests_per_s"]))[len(runs) // 2]


def load(proxy: Proxy, options: Options, wrk_core: str | None, say: Callable[[str], None]) -> None:
    result = run_wrk(
        proxy.base, MIX, options.load_seconds, options.connections, wrk_core, proxy.directory
    )
    say(
        f"  {options.load_seconds} s, {options.connections} connections, {len(MIX)} requests "
        f"in turn (reads kept by the proxy, plans not): {wrk_line(result)}"
    )


def rss_kib(pid: int) -> int:
    with suppress(OSError), open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def soak(
    app: App,
    proxy: Proxy,
    key: str,
    options: Options,
    wrk_core: str | None,
    say: Callable[[str], None],
) -> None:
    workers = app.workers()
    before = {pid: rss_kib(pid) for pid in workers}
    nginx_before = rss_kib(proxy.process.pid)
    stop = threading.Event()
    writes: list[int] = [0]

    def maintainer() -> None:
        with httpx.Client(timeout=10) as client:
            while not stop.wait(1.0):
                with suppress(DrillError, httpx.HTTPError):
                    patch_item(app, proxy, client, key, f"Soak write {writes[0]}: a description.")
                    writes[0] += 1

    thread = threading.Thread(target=maintainer, daemon=True)
    thread.start()
    try:
        result = run_wrk(
            proxy.base, MIX, options.soak_seconds, options.connections, wrk_core, proxy.directory
        )
    finally:
        stop.set()
        thread.join(timeout=30)
    after = {pid: rss_kib(pid) for pid in app.workers()}
    say(
        f"  {options.soak_seconds} s of the load with a write a second ({writes[0]} writes): "
        f"{wrk_line(result)}"
    )
    for pid in workers:
        if pid in after:
            say(
                f"    worker {pid}: RSS {before[pid] / 1024:.1f} MB at the start, "
                f"{after[pid] / 1024:.1f} MB at the end "
                f"({(after[pid] - before[pid]) / 1024:+.1f} MB)"
            )
        else:
            say(f"    worker {pid}: ended during the soak (MISS)")
    say(
        f"    nginx master: RSS {nginx_before / 1024:.1f} MB -> "
        f"{rss_kib(proxy.process.pid) / 1024:.1f} MB (no target: shown to watch for growth)"
    )


@dataclass
class Traffic:
    """What a writer and readers through the proxy got, during an outage drill."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    reads: Counter[str] = field(default_factory=Counter)
    writes: Counter[str] = field(default_factory=Counter)
    acknowledged: list[tuple[float, str]] = field(default_factory=list)
    ready: list[float] = field(default_factory=list)  # when /readyz answered 200
    stop: threading.Event = field(default_factory=threading.Event)

    def writer(self, base: str, key: str) -> None:
        headers = {"Authorization": f"Bearer {key}"}
        with httpx.Client(base_url=base, headers=headers, timeout=10) as client:
            n = 0
            while not self.stop.is_set():
                n += 1
                slug = f"drill-outage-{n}"
                try:
                    answer = client.post("/courses", json={**COURSE_IN, "slug": slug})
                    kind = str(answer.status_code)
                except httpx.HTTPError as exc:
                    kind = type(exc).__name__
                with self.lock:
                    self.writes[kind] += 1
                    if kind == "201":
                        self.acknowledged.append((time.monotonic(), slug))
                time.sleep(0.02)

    def reader(self, base: str, path: str) -> None:
        with httpx.Client(base_url=base, timeout=10) as client:
            while not self.stop.is_set():
                try:
                    answer = client.get(path)
                    kind = str(answer.status_code)
                    if kind == "200" and "x-catalog-stale-since" in answer.headers:
                        kind = "200 stale (from the app)"
                    elif kind == "200" and answer.headers.get("x-cache-status") == "STALE":
                        kind = "200 stale (nginx's copy)"
                except httpx.HTTPError as exc:
                    kind = type(exc).__name__
                with self.lock:
                    self.reads[f"{path} {kind}"] += 1
                    if path == "/readyz" and kind == "200":
                        self.ready.append(time.monotonic())
                time.sleep(0.005)


def outage(options: Options, core: str | None, work: Path, say: Callable[[str], None]) -> None:
    import pytest

    from tests.throwaway_postgres import throwaway_cluster

    try:
        context = throwaway_cluster()
        cluster = context.__enter__()
    except (pytest.skip.Exception, pytest.fail.Exception) as exc:
        say(f"  skipped: {exc}")
        return
    try:
        key = prepare_database(cluster.url)
        with (
            running_app(cluster.url, options.workers, core, work / "outage-app.log") as app,
            running_proxy(app, core, work / "outage-nginx") as proxy,
        ):
            traffic = Traffic()
            threads = [threading.Thread(target=traffic.writer, args=(proxy.base, key))]
            threads += [
                threading.Thread(target=traffic.reader, args=(proxy.base, path))
                for path in (ITEM, LIST, "/readyz")
            ]
            for thread in threads:
                thread.start()
            try:
                time.sleep(3)
                cluster.stop("fast")
                stopped = time.monotonic()
                time.sleep(options.outage_seconds)
                cluster.start()
                started = time.monotonic()
                wait_for(
                    "a write after the outage",
                    lambda: traffic.acknowledged and traffic.acknowledged[-1][0] > started,
                )
                wait_for(
                    "/readyz after the outage",
                    lambda: traffic.ready and traffic.ready[-1] > started,
                )
                time.sleep(3)
            finally:
                traffic.stop.set()
                for thread in threads:
                    thread.join(timeout=30)
        engine = make_engine(cluster.url)
        try:
            with engine.connect() as connection:
                stored = set(connection.execute(text("SELECT slug FROM courses")).scalars())
        finally:
            engine.dispose()
        acknowledged = [slug for _, slug in traffic.acknowledged]
        lost = set(acknowledged) - stored
        write_back = min(at for at, _ in traffic.acknowledged if at > started) - started
        ready_back = min(at for at in traffic.ready if at > started) - started
        down = started - stopped
        say(f"  PostgreSQL stopped {down:.1f} s under a writer and 3 readers through the proxy")
        say(f"    reads: {dict(sorted(traffic.reads.items()))}")
        say(f"    writes: {dict(sorted(traffic.writes.items()))}")
        say(
            f"    acknowledged writes lost: {len(lost)} of {len(acknowledged)} "
            f"(target 0: {mark(not lost)})"
        )
        say(
            f"    recovery after the start: first write {write_back:.2f} s, "
            f"/readyz 200 again {ready_back:.2f} s"
        )
    finally:
        context.__exit__(None, None, None)


# -- main -------------------------------------------------------------------------------------


def machine_line(options: Options, app_core: str | None, wrk_core: str | None) -> str:
    model = "unknown"
    with suppress(OSError), open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
        model = next(
            (ln.split(":", 1)[1].strip() for ln in cpuinfo if ln.startswith("model name")), model
        )
    nginx = subprocess.run([require_nginx(), "-v"], capture_output=True, text=True, check=False)
    pinning = (
        f"nginx (1 worker process) and the app on core {app_core}, wrk on core {wrk_core}"
        if app_core is not None
        else "nothing pinned (fewer than 2 cores, or no taskset)"
    )
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    return (
        f"Machine: {os.cpu_count()} cores ({model}); Python {sys.version.split()[0]}; "
        f"{nginx.stderr.strip()}; {when}. WORKERS={options.workers}; {pinning}"
        + (f"; at nice {os.getpriority(os.PRIO_PROCESS, 0)}." if options.nice else ".")
    )


def run(options: Options, say: Callable[[str], None] = print) -> None:
    app_core, wrk_core = cores()
    if options.nice:
        try:
            os.setpriority(os.PRIO_PROCESS, 0, options.nice)
        except OSError:
            say(f"warning: cannot set nice {options.nice} (root only below 0); running at 0")
    say(machine_line(options, app_core, wrk_core))
    with tempfile.TemporaryDirectory(prefix="certpath-drill-") as scratch:
        work = Path(scratch)
        say(f"logs: {options.logs} (app.log, outage-app.log, nginx error logs)")
        if os.geteuid() == 0:
            os.chmod(work, 0o755)  # nginx's workers read its files
        try:
            if {"proxy", "load", "soak"} & set(options.only):
                url = f"sqlite:///{work / 'drill.db'}"
                key = prepare_database(url)
                with (
                    running_app(url, options.workers, app_core, work / "app.log") as app,
                    running_proxy(app, app_core, work / "nginx") as proxy,
                ):
                    say(
                        f"certpath: WORKERS={options.workers} on SQLite, pids {app.workers()}; "
                        f"nginx in front ({CONFIG.relative_to(ROOT)})"
                    )
                    if "proxy" in options.only:
                        say("proxy:")
                        visibility(app, proxy, key, options.visibility_trials, say)
                        compare(proxy, options, wrk_core, say)
                    if "load" in options.only:
                        say("load:")
                        load(proxy, options, wrk_core, say)
                    if "soak" in options.only:
                        say("soak:")
                        soak(app, proxy, key, options, wrk_core, say)
            if "outage" in options.only:
                say("outage:")
                outage(options, app_core, work, say)
        finally:
            keep_logs(work, options.logs)


def keep_logs(work: Path, logs: Path) -> None:
    """The app's and nginx's logs, kept after the scratch directory goes."""
    logs.mkdir(parents=True, exist_ok=True)
    for log in [*work.glob("*.log"), *work.glob("*/error.log")]:
        shutil.copyfile(log, logs / log.relative_to(work).as_posix().replace("/", "-"))


def parse(argv: Sequence[str] | None) -> Options:
    parser = argparse.ArgumentParser(
        prog="python -m bench.drill",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--quick", action="store_true", help="short runs, ~2 minutes in all")
    parser.add_argument("--workers", type=int)
    parser.add_argument("--connections", type=int)
    parser.add_argument("--visibility-trials", type=int)
    parser.add_argument("--compare-seconds", type=int)
    parser.add_argument("--compare-rounds", type=int)
    parser.add_argument("--load-seconds", type=int)
    parser.add_argument("--outage-seconds", type=int)
    parser.add_argument("--soak-seconds", type=int)
    parser.add_argument("--nice", type=int)
    parser.add_argument("--only", help="comma-separated: proxy,load,outage,soak")
    args = parser.parse_args(argv)
    chosen: dict[str, Any] = dict(QUICK) if args.quick else {}
    for name in (
        "workers",
        "connections",
        "visibility_trials",
        "compare_seconds",
        "compare_rounds",
        "load_seconds",
        "outage_seconds",
        "soak_seconds",
        "nice",
    ):
        if getattr(args, name) is not None:
            chosen[name] = getattr(args, name)
    if args.only:
        chosen["only"] = tuple(part.strip() for part in args.only.split(",") if part.strip())
        unknown = set(chosen["only"]) - set(Options.only)
        if unknown:
            parser.error(f"--only: unknown {sorted(unknown)}")
    return Options(**chosen)


def main(argv: Sequence[str] | None = None) -> int:
    options = parse(argv)
    started = time.monotonic()
    try:
        run(options)
    except DrillError as exc:
        print(f"drill: {exc}", file=sys.stderr)
        return 1
    print(f"done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    random.seed(0)
    sys.exit(main())
