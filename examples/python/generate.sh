#!/usr/bin/env bash
# openapi.json -> certpath_client/ (generated, not committed: always fresh), with the generator
# and the package's runtime dependencies installed into .venv/ from requirements.txt, exact
# versions with hashes. PYTHON names the interpreter (3.11+: the generated code needs it).
set -euo pipefail
cd "$(dirname "$0")"

python=${PYTHON:-python3}
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || { echo "examples/python needs Python 3.11+; set PYTHON" >&2; exit 1; }
# Installed again only when requirements.txt changes.
if ! cmp -s requirements.txt .venv/requirements.installed 2>/dev/null; then
    rm -rf .venv
    "$python" -m venv .venv
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes \
        -r requirements.txt
    cp requirements.txt .venv/requirements.installed
fi
# The generator formats its output with ruff (a dependency of it) when ruff is on PATH.
PATH="$PWD/.venv/bin:$PATH" .venv/bin/openapi-python-client generate \
    --path ../../openapi.json --meta none --output-path certpath_client --overwrite
