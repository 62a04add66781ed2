#!/bin/sh
# Migrate, seed a never-written catalog, serve: the one start sequence, used by `make run`
# and by the Docker image.
# DATABASE_URL, HOST, PORT and the settings of the README come from the environment.
set -eu
# Compile, migrate and seed in one process (scripts/prepare.py): one set of imports, not three.
python -m scripts.prepare
# uvicorn, with the limits on connections and request heads (scripts/serve.py).
exec python -m scripts.serve
