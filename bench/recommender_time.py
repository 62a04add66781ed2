"""The recommender's own time per call, in process, on the catalog in one database.

    python -m bench.recommender_time --database-url URL [--rounds N]

Builds the snapshot the server would (`app.catalog.snapshot.build_snapshot`, which includes
indexing it: `index_build_ms` is that part on its own), then times `app.recommender.recommend`
over the benchmark's profiles with `time.perf_counter`. The first pass over the profiles is
reported apart (`first_pass_ms`, all profiles together): it also builds what the recommender
keeps per snapshot and date (the exams bookable on the date, their orders, the courses
preparing for them), once, as the server's first requests on a date would. Prints one JSON
object. No HTTP, no validation of the request, no serialisation of the answer: only the
recommender, whose cost should grow with the items relevant to a profile, not with the catalog.
"""

import argparse
import json
import os
import statistics
import sys
import time
from dataclasses import asdict, dataclass
from datetime import date

from app.catalog import queries
from app.catalog.snapshot import build_snapshot
from app.core.db import make_engine, transaction
from app.recommender import recommend
from app.recommender.indexes.catalog_index import build_index
from app.schemas.recommendations import ProfileIn, profile_from_in
from bench.profiles import AS_OF, profile_bodies

TODAY = date.fromisoformat(AS_OF)


@dataclass(frozen=True)
class RecommenderTime:
    courses: int
    certifications: int
    snapshot_build_ms: float
    index_build_ms: float  # part of snapshot_build_ms
    first_pass_ms: float  # one call per profile, including what is kept per snapshot and date
    profiles: int
    rounds: int
    per_call_us: float  # median over rounds of the mean time per call
    best_round_per_call_us: float


def measure(database_url: str, rounds: int = 30, min_seconds: float = 1.0) -> RecommenderTime:
    engine = make_engine(database_url)
    try:
        with transaction(engine) as session:
            version = queries.catalog_version(session)
            started = time.perf_counter()
            snapshot = build_snapshot(session, version)
            build_ms = (time.perf_counter() - started) * 1000
    finally:
        engine.dispose()
    started = time.perf_counter()
    build_index(snapshot.certifications, snapshot.courses)
    index_ms = (time.perf_counter() - started) * 1000
    profiles = [profile_from_in(ProfileIn.model_validate(b)) for b in profile_bodies()]
    started = time.perf_counter()
    for profile in profiles:
        recommend(profile, snapshot, TODAY)
    first_pass_ms = (time.perf_counter() - started) * 1000
    per_call: list[float] = []
    spent = 0.0
    while len(per_call) < rounds or spent < min_seconds:
        started = time.perf_counter()
        for profile in profiles:
            recommend(profile, snapshot, TODAY)
        elapsed = time.perf_counter() - started
        spent += elapsed
        per_call.append(elapsed / len(profiles) * 1e6)
    return RecommenderTime(
        courses=len(snapshot.courses),
        certifications=len(snapshot.certifications),
        snapshot_build_ms=round(build_ms, 1),
        index_build_ms=round(index_ms, 1),
        first_pass_ms=round(first_pass_ms, 2),
        profiles=len(profiles),
        rounds=len(per_call),
        per_call_us=round(statistics.median(per_call), 2),
        best_round_per_call_us=round(min(per_call), 2),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.recommender_time")
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--rounds", type=int, default=30, help="at least this many rounds")
    parser.add_argument("--min-seconds", type=float, default=1.0, help="and at least this long")
    args = parser.parse_args(argv)
    print(json.dumps(asdict(measure(args.database_url, args.rounds, args.min_seconds))))
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    # Skip the interpreter's finalization: on the large catalog, run with -m, it has crashed
    # in the final garbage collection (a C extension's freed object still in a module dict),
    # after the figures were printed.
    os._exit(code)
