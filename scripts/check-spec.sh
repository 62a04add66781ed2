#!/usr/bin/env bash
# The checks of openapi.json that need Node, so kept out of `make test`: Spectral with the
# OWASP ruleset (.spectral.yaml), then the TypeScript client generated from the document and
# examples/ts, a strict program calling every operation through it, compiled and then run
# against a real server. `make spec-check` runs this; CI runs it after `make test` (both have
# made .venv). Both npm trees install exactly from their lock files.
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
