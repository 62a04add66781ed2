"""The proxy, load and soak drills: what they send, and the figures they print."""

from __future__ import annotations

import json
import statistics
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

import httpx

from bench.drills.common import (
    ITEM,
    LIST,
    LUA,
    MIX,
    RATIO_TARGET,
    VISIBLE_TARGET_S,
    WAIT_S,
    DrillError,
    Options,
    mark,
)
from bench.drills.nginx import Proxy
from bench.drills.servers import App
from bench.run import wrk

# -- wrk ------------------------------------------------------------------------------------


def run_wrk(
    base: str,
    requests: Sequence[tuple[str, str, str]],
    seconds: int,
    connections: int,
    core: str | None,
    directory: Path,
) -> dict[str, Any]:
    done = wrk(LUA, "DRILL_REQUESTS", requests, base, seconds, connections, core, directory)
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
