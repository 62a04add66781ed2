"""`make drill`: the production topology on this machine, and the drills of issue 12.

    python -m bench.drills [--quick] [--workers 2] [--connections 32]
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
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

from app.core.config import ROOT
from bench.drills.common import CONFIG, QUICK, DrillError, Options
from bench.drills.measures import compare, load, soak, visibility
from bench.drills.nginx import require_nginx, running_proxy
from bench.drills.outage import outage
from bench.drills.servers import prepare_database, running_app
from bench.run import cores

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
                    running_proxy(app.port, app_core, work / "nginx") as proxy,
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
        prog="python -m bench.drills",
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
