#!/usr/bin/env bash
# Runs examples/python/main.py against a real server (scripts/with-scratch-server.sh: started
# as `make run` starts one, on a scratch SQLite database, with a fresh maintainer's key): every
# operation must answer as the generated client expects. Needs .venv (`make install`) and
# examples/python/.venv with the client generated (examples/python/check.sh makes both).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/with-scratch-server.sh python-example examples/python/.venv/bin/python examples/python/main.py
