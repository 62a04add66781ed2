#!/usr/bin/env bash
# What CI checks here (scripts/check-spec.sh): the client generated afresh from openapi.json,
# main.py strict against it (mypy --strict follows main.py into the generated package), and
# every operation of the document called in main.py. scripts/run-python-example.sh then runs
# main.py against a real server.
set -euo pipefail
cd "$(dirname "$0")"

./generate.sh
.venv/bin/mypy --strict --no-error-summary main.py covers_every_operation.py
.venv/bin/python covers_every_operation.py
