"""The outage drill: a PostgreSQL cluster of the drill's own stopped under a writer and readers."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import text

from app.core.db import make_engine
from app.schemas.examples import COURSE_IN
from bench.drills.common import ITEM, LIST, Options, mark, wait_for
from bench.drills.nginx import running_proxy
from bench.drills.servers import prepare_database, running_app


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
            running_proxy(app.port, core, work / "outage-nginx") as proxy,
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
