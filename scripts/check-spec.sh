#!/usr/bin/env bash
# The checks of openapi.json that need Node or packages of their own, so kept out of
# `make test`: Spectral with the OWASP ruleset (.spectral.yaml), then the TypeScript client
# generated from the document and examples/ts, a strict program calling every operation
# through it, compiled and then run against a real server; then the same for the Python
# client (examples/python). `make spec-check` runs this; CI runs it after `make test` (both
# have made .venv). Both npm trees install exactly from their lock files, the Python example
# from its requirements.txt (exact versions, with hashes) into examples/python/.venv.
set -euo pipefail
cd "$(dirname "$0")/.."

npm ci --prefix tools/spectral --no-audit --no-fund --loglevel=error
# .spectral.yaml extends the OWASP ruleset by package name, which Node resolves from the
# ruleset's folder (the root) unless told where the pinned copy lives.
NODE_PATH="$PWD/tools/spectral/node_modules" tools/spectral/node_modules/.bin/spectral \
    lint openapi.json --ruleset .spectral.yaml --format stylish --fail-severity error

npm ci --prefix examples/ts --no-audit --no-fund --loglevel=error
npm run --prefix examples/ts --silent check
scripts/run-ts-example.sh

examples/python/check.sh
scripts/run-python-example.sh
