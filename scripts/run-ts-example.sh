#!/usr/bin/env bash
# Runs the compiled examples/ts program against a real server (scripts/with-scratch-server.sh:
# started as `make run` starts one, on a scratch SQLite database, with a fresh maintainer's
# key): every operation must answer as a typed client expects. Needs .venv (`make install`)
# and examples/ts/node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."

(cd examples/ts && npx tsc)
scripts/with-scratch-server.sh ts-example node examples/ts/dist/main.js
