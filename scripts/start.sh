#!/bin/sh
# Migrate, seed, serve: the one start sequence, used by `make run` and by the Docker image.
# DATABASE_URL, HOST and PORT come from the environment.
set -eu
python -m alembic upgrade head
python -m app.seeding
exec python -m uvicorn app.main:app --host "${HOST:-127.0.0.1}" --port "${PORT:-8000}" \
    --no-server-header --proxy-headers
