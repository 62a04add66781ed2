# Two commands are the contract: `make run` and `make test`. Everything they need is
# installed here from the lock file, with nothing but Python 3.11+ and make on the machine.

PYTHON ?= python3
UV_VERSION := 0.13.8
TOOLS := .tools
UV := $(TOOLS)/bin/uv
VENV := .venv
BIN := $(VENV)/bin

HOST ?= 127.0.0.1
PORT ?= 8000
export HOST PORT

# Use the machine's Python; never download an interpreter.
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(VENV)

.PHONY: install run migrate seed export-seed test lint typecheck openapi spec-check clean admin-key admin-keys admin-revoke

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# Bytecode is compiled here, once: where PYTHONDONTWRITEBYTECODE is set (or site-packages is
# read-only) every start would otherwise compile every library from source, ~2 s of each launch.
# The Makefile is a prerequisite so that a change to this recipe reaches existing venvs; a
# second sync of an unchanged lock takes well under a second.
$(VENV)/.synced: uv.lock pyproject.toml Makefile | $(UV)
	$(UV) sync --frozen --compile-bytecode --python $(PYTHON)
	@touch $@

install: $(VENV)/.synced

run: install
	PATH="$(CURDIR)/$(BIN):$$PATH" sh scripts/start.sh

migrate: install
	$(BIN)/alembic upgrade head

# SEED_ARGS=--take-files applies the files over items changed or deleted through the API.
seed: migrate
	$(BIN)/python -m app.seeding $(SEED_ARGS)

# The database's catalog written back over seed/, for review: `git diff seed/` after it.
export-seed: migrate
	$(BIN)/python -m app.seeding --export seed

# Maintainers' API keys: `make admin-key name=alice` prints the key once, on the last line.
admin-key: migrate
	@test -n "$(name)" || { echo "usage: make admin-key name=NAME" >&2; exit 2; }
	@$(BIN)/python -m app.security create "$(name)"

admin-keys: migrate
	@$(BIN)/python -m app.security list

admin-revoke: migrate
	@test -n "$(name)" || { echo "usage: make admin-revoke name=NAME" >&2; exit 2; }
	@$(BIN)/python -m app.security revoke "$(name)"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	$(BIN)/mypy app migrations/env.py scripts

test: lint typecheck
	$(BIN)/pytest

openapi: install
	$(BIN)/python -m scripts.export_openapi

# Spectral + OWASP on openapi.json and the typed clients in examples/ts and examples/python,
# checked and run against a scratch server. Needs Node, npm and PyPI, which is why `make test`
# leaves it to CI.
spec-check: install
	bash scripts/check-spec.sh

clean:
	rm -rf $(VENV) $(TOOLS) .pytest_cache .mypy_cache .ruff_cache

# The performance benchmark of issue 5 (bench/run.py; results in bench/RESULTS.md): the server
# as `make run` starts it, driven by wrk, on SQLite and, when reachable, PostgreSQL
# (BENCH_DATABASE_URL or TEST_DATABASE_URL; default the local test server). Takes ~6 minutes.
# Arguments go through BENCH_ARGS, e.g. make bench BENCH_ARGS="--databases sqlite --duration 3";
# on a machine shared with other jobs, BENCH_ARGS="--nice -10" (root) keeps them off its cores.
.PHONY: bench bench-wrk
bench-wrk:
	@sh bench/ensure_wrk.sh

bench: install bench-wrk
	$(BIN)/python -m bench.run $(BENCH_ARGS)

# The drills of issue 12 (bench/drills/): WORKERS=2 behind nginx with deploy/nginx/certpath.conf,
# a write's visibility and cached reads through the proxy, a load, a PostgreSQL outage and a soak;
# figures printed with their targets, never a failure for a missed one. ~15 minutes;
# DRILL_ARGS=--quick takes ~2. Not part of `make test`.
.PHONY: drill drill-nginx
drill-nginx:
	@sh bench/ensure_nginx.sh

drill: install bench-wrk drill-nginx
	$(BIN)/python -m bench.drills $(DRILL_ARGS)
