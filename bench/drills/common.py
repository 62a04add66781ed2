"""What every drill shares: where things are, the options, and how to wait."""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from app.core.config import ROOT
from app.schemas.recommendations import PROFILE_EXAMPLE

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
