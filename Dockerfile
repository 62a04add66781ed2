# certpath: the catalog API in a small image that runs as a non-root user.
#   docker build -t certpath .
#   docker run -p 8000:8000 -e DATABASE_URL=postgresql+psycopg://user:password@host:5432/db certpath
# Without DATABASE_URL the catalog lives in SQLite at /app/var/certpath.db inside the container.

# --- builder: the locked runtime dependencies, in /app/.venv ---------------------------------
FROM python:3.11-slim AS builder

# uv comes from PyPI, pinned to the version the Makefile uses.
RUN pip install --no-cache-dir --disable-pip-version-check uv==0.13.8

# Use the image's Python, never a downloaded one; compile bytecode now, since the runtime
# user cannot write __pycache__ next to the installed packages.
ENV UV_PYTHON_DOWNLOADS=never \
    UV_PROJECT_ENVIRONMENT=/app/.venv \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    UV_NO_CACHE=1

WORKDIR /app
# Only the lock and the project file: this layer is rebuilt only when dependencies change.
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev

# --- runtime: the venv, the code, and the start script -------------------------------------
FROM python:3.11-slim AS runtime

RUN groupadd --system --gid 10001 certpath \
    && useradd --system --uid 10001 --gid certpath --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin certpath

ENV PATH="/app/.venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    HOST=0.0.0.0 \
    PORT=8000 \
    WORKERS=1 \
    DATABASE_URL=sqlite:////app/var/certpath.db

WORKDIR /app
COPY --from=builder /app/.venv /app/.venv
COPY alembic.ini ./
COPY app ./app
COPY migrations ./migrations
COPY scripts ./scripts
COPY seed ./seed
# The app's own bytecode too (the libraries' was compiled in the builder): the service cannot
# write it, so without this every start would compile the app from source.
RUN python -m compileall -q app migrations scripts
# The code stays root-owned and read-only to the service; only var/ (the SQLite file) is its.
RUN mkdir -p /app/var && chown certpath:certpath /app/var

USER certpath
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:' + os.environ.get('PORT', '8000') + '/healthz', timeout=4)"

# The same migrate, seed-if-empty, serve sequence as `make run`; uvicorn ends up as PID 1 (exec),
# or, with WORKERS=N, the process that supervises the N workers and passes them docker's SIGTERM.
CMD ["sh", "scripts/start.sh"]
