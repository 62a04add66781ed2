"""How often the machine itself holds up a running process, with nothing else to do.

    taskset -c 0 python -m bench.stalls [--seconds 15] [--over-ms 20]

A loop reads the monotonic clock as fast as it can and notes every gap longer than
`--over-ms` between two readings: time in which it was not running although it never
blocked and allocated nothing the garbage collector would see. On an otherwise idle core
that is the kernel or the hypervisor. Such a pause during a load test delays every request
then in flight by as long, and a few of them in one run reach its slowest 1% of answers, so
the bench runs this on the server's core first and prints what it saw next to its tables.
Prints one JSON object.
"""

import argparse
import json
import time


def stalls(seconds: float, over_ms: float) -> list[float]:
    """Gaps longer than `over_ms` between consecutive clock readings, in ms."""
    threshold = over_ms / 1000
    clock = time.perf_counter
    gaps = []
    previous = clock()
    end = previous + seconds
    while previous < end:
        now = clock()
        if now - previous > threshold:
            gaps.append(round((now - previous) * 1000, 1))
        previous = now
    return gaps


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.stalls", description=__doc__)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--over-ms", type=float, default=20.0)
    args = parser.parse_args()
    gaps = stalls(args.seconds, args.over_ms)
    print(json.dumps({"seconds": args.seconds, "over_ms": args.over_ms, "gaps_ms": gaps}))


if __name__ == "__main__":
    main()
