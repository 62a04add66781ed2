#!/usr/bin/env bash
# with-scratch-server.sh KEY_NAME COMMAND...: runs COMMAND against a real server, started by
# scripts/start.sh exactly as `make run` starts one (migrate, seed, `python -m scripts.serve`),
# on a scratch SQLite database, with CERTPATH_URL and CERTPATH_KEY (a fresh maintainer's key
# named KEY_NAME) in its environment. The example clients' runs (run-ts-example.sh,
# run-python-example.sh) go through it. Needs .venv (`make install`).
set -euo pipefail
cd "$(dirname "$0")/.."
key_name=$1
shift

scratch=$(mktemp -d)
server=""
cleanup() {
    if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; fi
    rm -rf "$scratch"
}
trap cleanup EXIT

export DATABASE_URL="sqlite:///$scratch/certpath.db"
port=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# start.sh ends in `exec`, so $! is the server itself.
HOST=127.0.0.1 PORT="$port" PATH="$PWD/.venv/bin:$PATH" sh scripts/start.sh \
    >"$scratch/server.log" 2>&1 &
server=$!
base="http://127.0.0.1:$port"
.venv/bin/python - "$base" "$server" <<'PY' || { cat "$scratch/server.log" >&2; exit 1; }
import os, sys, time, urllib.request

for _ in range(600):
    try:
        urllib.request.urlopen(sys.argv[1] + "/healthz", timeout=1)
        break
    except OSError:
        try:
            os.kill(int(sys.argv[2]), 0)
        except OSError:
            sys.exit("the server stopped before it answered; its log:")
        time.sleep(0.1)
else:
    sys.exit("the server did not answer within a minute; its log:")
PY
# After the first answer: start.sh has migrated, so the key has a table to go into.
key=$(.venv/bin/python -m app.security create "$key_name" | tail -n 1)

CERTPATH_URL="$base" CERTPATH_KEY="$key" "$@" || {
    echo "the example failed; the server's log:" >&2
    tail -n 20 "$scratch/server.log" >&2
    exit 1
}
