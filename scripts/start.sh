#!/bin/sh
# Migrate, seed a never-written catalog, serve: the one start sequence, used by `make run`
# and by the Docker image.
# DATABASE_URL, HOST and PORT come from the environment. The app writes one JSON access-log
# line per request to stderr (app/core/access_log.py), so uvicorn's own access log is off.
set -eu
# Compile, migrate and seed in one process (scripts/prepare.py): one set of imports, not three.
python -m scripts.prepare
# asyncio's own event loop, not uvloop: under a saturating load uvloop left some connections
# waiting whole rounds (p99 20-100 ms, the slowest 150-190 ms, where asyncio's were 11-13 and
# 15-23 ms, at the same rate; bench/RESULTS.md).
exec python -m uvicorn app.main:app --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}" \
    --no-server-header --proxy-headers --no-access-log --loop asyncio
