"""Hostile bodies and slow clients against the server as `make run` starts it (issue 12).

    python -m bench.hostile [--nofile 1024] [--seconds 20] [--slow 1100] [--uploads 4]

Starts scripts/start.sh with its open-file limit (soft and hard) at `--nofile`, then:

1. uploads: `--uploads` clients at once, each sending hostile bodies over and over (a
   never-ending chunked profile, a 10 MB object of unknown keys, a body that stops short),
   while a normal client asks /healthz every 50 ms: the server's resident memory before and
   at its highest, and the normal client's latencies;
2. slow: `--slow` connections trickling their heads a byte a second, each opened again as
   soon as the server closes it, while the normal client asks /healthz and a list: its
   latencies and failures, and how much the server logged.

Prints one JSON object; figures go in bench/RESULTS.md and reports, never into tests.
"""

import argparse
import asyncio
import json
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import httpx

from app.core.config import ROOT

BIN = ROOT / ".venv" / "bin"
HEAD = "POST {path} HTTP/1.1\r\nHost: bench\r\nContent-Type: application/json\r\n{framing}\r\n\r\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _normal(base: str, paths: list[str], until: float) -> dict[str, Any]:
    """A normal client, in a process of its own so that the attackers (their event loop, and
    the interpreter lock a thread would share with it) never delay it: one request every
    50 ms on a new connection; latencies in ms."""
    times: list[float] = []
    slowest: list[tuple[float, float]] = []  # (ms, seconds since the start)
    failures = 0
    began = time.monotonic()
    fresh = httpx.Limits(max_keepalive_connections=0)  # a new connection each time
    with httpx.Client(base_url=base, timeout=10, limits=fresh) as client:
        while time.monotonic() < until:
            for path in paths:
                at, started = time.monotonic() - began, time.perf_counter()
                try:
                    ok = client.get(path).status_code == 200
                except httpx.HTTPError:
                    ok = False
                if ok:
                    times.append((time.perf_counter() - started) * 1000)
                    slowest = sorted([*slowest, (times[-1], at)])[-3:]
                else:
                    failures += 1
            time.sleep(0.05)
    times.sort()
    return {
        "requests": len(times) + failures,
        "failures": failures,
        "p50_ms": round(statistics.median(times), 1) if times else None,
        "p99_ms": round(times[int(len(times) * 0.99)], 1) if times else None,
        "max_ms": round(times[-1], 1) if times else None,
        "slowest": [f"{ms:.1f} ms at {at:.1f} s" for ms, at in reversed(slowest)],
    }


_UNKNOWN_KEYS = b"{" + b",".join(b'"k%d":1' % i for i in range(1_200_000)) + b"}"  # ~10 MB


async def _hostile_upload(port: int, kind: int, until: float) -> int:
    """One attacker, sending hostile bodies one after another; how many it sent."""
    sent = 0
    while time.monotonic() < until:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            if kind % 3 == 0:  # a never-ending chunked profile
                writer.write(
                    HEAD.format(
                        path="/recommendations", framing="Transfer-Encoding: chunked"
                    ).encode()
                )
                chunk = b"8000\r\n" + b" " * 0x8000 + b"\r\n"
                while time.monotonic() < until and not reader.at_eof():
                    writer.write(chunk)
                    await writer.drain()
            elif kind % 3 == 1:  # a 10 MB object of unknown keys, to a write route
                body = _UNKNOWN_KEYS
                writer.write(
                    HEAD.format(path="/courses", framing=f"Content-Length: {len(body)}").encode()
                )
                writer.write(body)
                await writer.drain()
            else:  # a body that stops short of its Content-Length
                writer.write(
                    HEAD.format(path="/recommendations", framing="Content-Length: 1000").encode()
                )
                writer.write(b'{"background":')
                await writer.drain()
            await asyncio.wait_for(reader.read(), timeout=max(until - time.monotonic(), 0.1))
        except (TimeoutError, OSError):
            pass
        sent += 1
    return sent


async def _slow_client(port: int, until: float, counts: dict[str, int]) -> None:
    """A head trickled a byte a second; opened again whenever the server closes it."""
    head = b"GET /healthz HTTP/1.1\r\nHost: bench\r\nX-Slow: " + b"a" * 10_000
    while time.monotonic() < until:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            counts["opened"] += 1
            for byte in head:
                writer.write(bytes([byte]))
                await writer.drain()
                try:
                    await asyncio.wait_for(reader.read(1), timeout=1.0)
                    break  # answered or closed
                except TimeoutError:
                    pass
                if time.monotonic() > until:
                    break
            writer.close()
        except OSError:
            counts["reset"] += 1
            await asyncio.sleep(0.1)


async def _in_a_process(function: Callable[..., Any], *args: Any) -> Any:
    with ProcessPoolExecutor(max_workers=1) as pool:
        return await asyncio.get_running_loop().run_in_executor(pool, function, *args)


async def _uploads(base: str, port: int, pid: int, seconds: float, uploads: int) -> dict[str, Any]:
    idle = _rss_mb(pid)
    until = time.monotonic() + seconds
    peak = idle

    async def watch() -> None:
        nonlocal peak
        while time.monotonic() < until:
            peak = max(peak, _rss_mb(pid))
            await asyncio.sleep(0.05)

    tasks = [_hostile_upload(port, kind, until) for kind in range(uploads)]
    normal = _in_a_process(_normal, base, ["/healthz"], until)
    results = await asyncio.gather(normal, watch(), *tasks)
    return {
        "rss_idle_mb": round(idle, 1),
        "rss_peak_mb": round(peak, 1),
        "hostile_bodies_sent": sum(results[2:]),
        "healthz": results[0],
    }


async def _slow(base: str, port: int, seconds: float, slow: int) -> dict[str, Any]:
    counts = {"opened": 0, "reset": 0}
    until = time.monotonic() + seconds
    clients = [_slow_client(port, until, counts) for _ in range(slow)]
    normal = _in_a_process(_normal, base, ["/healthz", "/certifications?limit=2"], until)
    results = await asyncio.gather(normal, *clients)
    return {"slow_connections": slow, **counts, "normal": results[0]}


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.hostile", description=__doc__)
    parser.add_argument("--nofile", type=int, default=1024)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--slow", type=int, default=1100)
    parser.add_argument("--uploads", type=int, default=4)
    parser.add_argument("--keep-log", type=Path, help="copy the server's log here")
    args = parser.parse_args()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as scratch:
        log = Path(scratch) / "server.log"
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{scratch}/certpath.db",
            "PORT": str(port),
            "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
            # Only the normal client's address asks that often.
            "RATE_LIMIT_RECOMMENDATIONS": "1000000/minute",
            "RATE_LIMIT_WRITES": "1000000/minute",
        }
        with log.open("wb") as out:
            server = subprocess.Popen(
                ["prlimit", f"--nofile={args.nofile}:{args.nofile}", "sh", "scripts/start.sh"],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        try:
            deadline = time.monotonic() + 90
            while True:
                try:
                    if httpx.get(f"{base}/healthz").status_code == 200:
                        break
                except httpx.TransportError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise SystemExit(log.read_text()[-2000:]) from None
                    time.sleep(0.2)
            started = log.stat().st_size
            uploads = asyncio.run(_uploads(base, port, server.pid, args.seconds, args.uploads))
            slow = asyncio.run(_slow(base, port, args.seconds, args.slow))
            logged = log.stat().st_size - started
        finally:
            server.terminate()
            server.wait(timeout=20)
            if args.keep_log:
                shutil.copyfile(log, args.keep_log)
    result = {"nofile": args.nofile, "uploads": uploads, "slow": slow, "log_bytes": logged}
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
