"""Where the server's time goes, per endpoint: py-spy samples the server while wrk drives it.

    python -m bench.profile [--database sqlite|postgresql] [--catalog seed|large]
                            [--seconds 8] [--py-spy PATH]

py-spy is not a dependency of the project: install it anywhere (for instance
`python3 -m venv /tmp/prof && /tmp/prof/bin/pip install py-spy`) and pass its path, or have it
on PATH. The server runs as in `make bench` (scripts/start.sh, pinned to one core). Samples are
taken only from the thread holding the GIL (`py-spy --gil`), so they show what the one core is
busy with. Raw stacks go to var/bench/profile-*.txt (flame graph input); the summary printed
is the share of samples per package and the functions with the most samples of their own.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path

from app.core.config import ROOT
from bench.run import (
    HEALTHZ,
    BenchError,
    Endpoint,
    Options,
    Server,
    check_answers,
    cores,
    endpoints,
    fresh_database,
    load_catalog,
    run_wrk,
    running_server,
)

FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*?)(?::\d+)?\)$")

# The first match names the package a frame belongs to.
PACKAGES = (
    ("app/", "app"),
    ("bench/", "app"),
    ("sqlalchemy/", "sqlalchemy"),
    ("sqlmodel/", "sqlalchemy"),
    ("sqlite3/", "sqlite3 (driver)"),
    ("psycopg/", "psycopg (driver)"),
    ("pydantic_core/", "pydantic"),
    ("pydantic/", "pydantic"),
    ("fastapi/", "fastapi"),
    ("starlette/", "starlette"),
    ("uvicorn/", "uvicorn"),
    ("anyio/", "anyio (threadpool)"),
    ("asyncio/", "asyncio"),
    ("concurrent/", "threading"),
    ("threading.py", "threading"),
    ("logging/", "logging"),
    ("json/", "json"),
    ("h11/", "h11"),
    ("httptools/", "httptools"),
)


def package(file: str) -> str:
    for marker, name in PACKAGES:
        if marker in file:
            return name
    return "other"


def read_stacks(path: Path) -> list[tuple[list[tuple[str, str]], int]]:
    """py-spy's raw (collapsed) output: one stack per line, frames ';'-separated, then a count."""
    stacks = []
    for line in path.read_text(errors="replace").splitlines():
        body, _, count = line.rpartition(" ")
        if not body or not count.isdigit():
            continue
        frames = []
        for frame in body.split(";"):
            match = FRAME.match(frame)
            if match:
                frames.append((match["function"], match["file"]))
        stacks.append((frames, int(count)))
    return stacks


def summarize(path: Path, top: int = 12) -> str:
    stacks = read_stacks(path)
    total = sum(count for _, count in stacks)
    if not total:
        return "  (no samples)"
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    functions: Counter[str] = Counter()
    app_functions: Counter[str] = Counter()
    for frames, count in stacks:
        for name in dict.fromkeys(package(file) for _, file in frames):
            inclusive[name] += count
        if frames:
            function, file = frames[-1]
            own[package(file)] += count
            functions[f"{function} ({_short(file)})"] += count
        for name in dict.fromkeys(f"{f} ({_short(p)})" for f, p in frames if package(p) == "app"):
            app_functions[name] += count

    def share(n: int) -> str:
        return f"{100 * n / total:5.1f}%"

    lines = [f"  {total} samples holding the GIL"]
    lines.append("  package: inclusive (own)")
    for name, n in inclusive.most_common():
        lines.append(f"    {name:20s} {share(n)} ({share(own[name]).strip()})")
    lines.append("  app functions, inclusive:")
    lines += [f"    {share(n)} {name}" for name, n in app_functions.most_common(top)]
    lines.append("  functions with the most samples of their own:")
    lines += [f"    {share(n)} {name}" for name, n in functions.most_common(top)]
    return "\n".join(lines)


def _short(file: str) -> str:
    for marker in ("site-packages/", "lib/python3.11/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file.removeprefix(str(ROOT) + "/")


def profile_endpoint(
    py_spy: str, server: Server, endpoint: Endpoint, seconds: int, out: Path
) -> None:
    _, load_core = cores()
    options = Options()
    # Build whatever the first request builds, then let a warm-up fill the server's queue
    # with this endpoint's requests only, so that no other endpoint's work is sampled.
    check_answers(server, endpoint)
    run_wrk(server, endpoint, 2, options.connections, load_core, options.out_dir)
    record = subprocess.Popen(
        [
            py_spy,
            "record",
            "--pid",
            str(server.process.pid),
            "--gil",
            "--rate",
            "200",
            "--format",
            "raw",
            "--duration",
            str(seconds),
            "--output",
            str(out),
            "--nonblocking",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    load = threading.Thread(
        target=run_wrk,
        args=(server, endpoint, seconds + 1, options.connections, load_core, options.out_dir),
    )
    load.start()
    record.wait(seconds + 60)
    load.join()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--catalog", choices=["seed", "large"], default="large")
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--py-spy", default=os.environ.get("PY_SPY") or shutil.which("py-spy"))
    parser.add_argument("--only", default="", help="profile only endpoints whose name has this")
    args = parser.parse_args(argv)
    if not args.py_spy:
        print(
            "py-spy not found: pass --py-spy PATH (pip install py-spy, anywhere)", file=sys.stderr
        )
        return 2
    options = Options(
        postgres_url=os.environ.get("BENCH_DATABASE_URL")
        or os.environ.get("TEST_DATABASE_URL")
        or Options.postgres_url
    )
    out_dir = options.out_dir
    server_core, _ = cores()
    try:
        with fresh_database(args.database, f"profile-{args.catalog}", options) as url:
            load_catalog(url, args.catalog, options.sizes)
            log = out_dir / f"server-profile-{args.database}-{args.catalog}.log"
            with running_server(url, server_core, log) as server:
                for endpoint in [HEALTHZ, *endpoints(url, options.sample)]:
                    if args.only not in endpoint.name:
                        continue
                    name = re.sub(r"[^a-z0-9]+", "-", endpoint.name.lower()).strip("-")
                    out = out_dir / f"profile-{args.database}-{args.catalog}-{name}.txt"
                    profile_endpoint(args.py_spy, server, endpoint, args.seconds, out)
                    print(f"{endpoint.label}  ->  {out.relative_to(ROOT)}")
                    print(summarize(out), flush=True)
    except BenchError as exc:
        print(f"bench: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
