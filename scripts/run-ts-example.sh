#!/usr/bin/env bash
# Runs the compiled examples/ts program against a real server, started as `make run` starts
# one, on a scratch SQLite database with a fresh maintainer's key: every operation must answer
# as a typed client expects. Needs .venv (`make install`) and examples/ts/node_modules.
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT

export DATABASE_URL="sqlite:///$scratch/certpath.db"
{ .venv/bin/alembic upgrade head && .venv/bin/python -m app.seeding; } >"$scratch/setup.log" 2>&1 \
    || { cat "$scratch/setup.log" >&2; exit 1; }
key=$(.venv/bin/python -m app.security create ts-example | tail -n 1)
port=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
.venv/bin/python -m uvicorn app.main:app --host 127.0.0.1 --port "$port" --no-access-log \
    2>"$scratch/server.log" &
server=$!
base="http://127.0.0.1:$port"
.venv/bin/python - "$base" <<'PY'
import sys, time, urllib.request

for _ in range(300):
    try:
        urllib.request.urlopen(sys.argv[1] + "/healthz", timeout=1)
        break
    except OSError:
        time.sleep(0.1)
else:
    sys.exit("the server did not start")
PY

(cd examples/ts && npx tsc && CERTPATH_URL="$base" CERTPATH_KEY="$key" node dist/main.js) || {
    echo "the example failed; the server's log:" >&2
    tail -n 20 "$scratch/server.log" >&2
    exit 1
}
