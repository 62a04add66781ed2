"""The certpath application: `app.main:app` for uvicorn, `create_app()` for tests."""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager, suppress
from datetime import UTC, datetime

import anyio.to_thread
from fastapi import FastAPI
from fastapi.responses import RedirectResponse
from fastapi.routing import APIRoute
from sqlalchemy import Engine

from app.api.catalog_version import CatalogVersion, poll_catalog_version, read_catalog_version
from app.api.response_cache import ResponseCache
from app.api.routes import audit, certifications, courses, export, health, recommendations
from app.catalog.list_indexes import build_lists
from app.catalog.snapshot import build_snapshot
from app.catalog.versioned import PerVersion
from app.core.config import Settings, get_settings
from app.core.db import make_engine, reader, transaction, writer
from app.core.docs import install_docs
from app.core.heap import settle_startup
from app.core.middleware import install_middleware
from app.core.openapi import install_openapi
from app.core.outage import DatabaseOutage
from app.core.problems import install_problem_handlers

DESCRIPTION = """
Which machine-learning credential should I pursue, and what should I study first?

certpath serves a curated catalog of ML-engineering **certifications** (proctored vendor exams
from Google, AWS and Microsoft, and course-completion certificates) and the **courses** that
prepare for them, with each credential's lifecycle: retired exams stay listed, with their
successor.

Errors are [RFC 9457](https://www.rfc-editor.org/rfc/rfc9457) `application/problem+json`.
Lists are paged with `limit` and `offset`; follow `next` or the `Link` header.

Every response carries an `X-Request-ID` (yours when you send a plain one of up to 128
characters, otherwise a new one); problem bodies quote it as `request_id`. Recommendations,
writes and the audit trail are rate limited per client: see the `X-RateLimit-*` headers and,
past the limit, a 429 with `Retry-After`. By default browsers may read from any origin; writes
only from configured ones.
"""

TAGS = [
    {"name": "certifications", "description": "Vendor exams and course certificates."},
    {"name": "courses", "description": "Courses, their audience, and what they prepare for."},
    {
        "name": "recommendations",
        "description": "A profile in; a ranked, explained learning path out.",
    },
    {"name": "export", "description": "The whole catalog in one answer, as NDJSON."},
    {"name": "maintenance", "description": "The audit trail of maintainers' writes."},
    {"name": "health", "description": "Liveness and readiness probes."},
]


# Relative, so the document holds wherever it is served: a laptop, staging or production.
SERVERS = [
    {
        "url": "/",
        "description": "The deployment serving this document: local, staging or production.",
        "x-internal": False,
    }
]


def _operation_id(route: APIRoute) -> str:
    # Stable, readable ids: generated clients get `listCertifications`, not a hash.
    return route.name


# How long a reading of the catalog version counts as current: kept answers are at most this
# far behind another instance's write (the README promises two seconds).
VERSION_MAX_AGE = 1.5


def _utc_now() -> datetime:
    return datetime.now(UTC)


def create_app(
    settings: Settings | None = None,
    engine: Engine | None = None,
    clock: Callable[[], datetime] = _utc_now,
) -> FastAPI:
    """The app; `clock` gives the aware UTC time that plans without `as_of` are dated by."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        settle_startup()
        # A first reading before the first request, so that its answer can be kept; a
        # failure here is the poller's to report.
        with suppress(Exception):
            await anyio.to_thread.run_sync(read_catalog_version, app.state.engine, catalog)
        poller = asyncio.create_task(
            poll_catalog_version(
                app.state.engine, catalog, app.state.database_outage, settings.catalog_poll_interval
            )
        )
        try:
            yield
        finally:
            poller.cancel()
            with suppress(asyncio.CancelledError):
                await poller
            if owns_engine:
                app.state.engine.dispose()

    owns_engine = engine is None
    app = FastAPI(
        title="certpath",
        version="0.1.0",
        summary="Machine-learning credentials, the courses that prepare for them, and paths.",
        description=DESCRIPTION,
        openapi_tags=TAGS,
        contact={"name": "certpath maintainers", "url": "https://github.com/certpath/certpath"},
        license_info={"name": "MIT", "identifier": "MIT"},
        servers=SERVERS,
        generate_unique_id_function=_operation_id,
        lifespan=lifespan,
        docs_url=None,  # app.core.docs serves /docs and /redoc without a CDN
        redoc_url=None,
    )
    app.state.engine = engine or make_engine(settings.database_url)
    app.state.write_engine = writer(app.state.engine)
    app.state.read_engine = reader(app.state.engine)
    app.state.sessions = lambda: transaction(app.state.read_engine)
    app.state.migration_head = None  # the newest migration, found by /readyz when first asked
    # Built from the whole catalog, once per version: the recommender's facts, the lists.
    app.state.snapshots = PerVersion(build_snapshot)
    app.state.lists = PerVersion(build_lists)
    app.state.clock = clock
    app.state.catalog_version = catalog = CatalogVersion(max_age=VERSION_MAX_AGE)
    # Whether the database answers, as the poller finds; meanwhile reads are answered stale.
    app.state.database_outage = DatabaseOutage()

    install_problem_handlers(app)
    # Innermost, so that kept answers still get the request id, CORS and rate-limit headers.
    app.add_middleware(ResponseCache, catalog=catalog, clock=clock)
    # Request id, access log, CORS and rate limits (app/core/middleware.py).
    install_middleware(app, settings)

    # The router tries routes in order: POST /recommendations, the one that reaches it most,
    # comes before the catalog's many.
    app.include_router(health.router)
    app.include_router(recommendations.router)
    app.include_router(certifications.router)
    app.include_router(courses.router)
    app.include_router(export.router)
    app.include_router(audit.router)

    @app.get("/", include_in_schema=False)
    def index() -> RedirectResponse:
        return RedirectResponse("/docs")

    install_openapi(app, extra_models=recommendations.BODY_MODELS)
    install_docs(app)
    return app


app = create_app()
