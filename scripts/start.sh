#!/bin/sh
# Migrate, seed, serve: the one start sequence, used by `make run` and by the Docker image.
# DATABASE_URL, HOST and PORT come from the environment. The app writes one JSON access-log
# line per request to stderr (app/core/access_log.py), so uvicorn's own access log is off.
set -eu
# Compile, migrate and seed in one process (scripts/prepare.py): one set of imports, not three.
python -m scripts.prepare
exec python -m uvicorn app.main:app --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}" \
    --no-server-header --proxy-headers --no-access-log
