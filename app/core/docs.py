"""Swagger UI at /docs and ReDoc at /redoc, with every script, style and icon served by the app.

FastAPI's own pages load Swagger UI and ReDoc from jsDelivr, their favicon from
fastapi.tiangolo.com and ReDoc's fonts from Google: behind a firewall or offline they stay
blank. The files come from the `fastapi-offline` package (Swagger UI's `swagger-ui-dist`
bundle and stylesheet, ReDoc's standalone bundle, a favicon), so they are pinned by uv.lock
and upgraded like any other dependency; only its static directory is used here.
"""

from pathlib import Path
from typing import Any

import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.openapi.docs import (
    get_redoc_html,
    get_swagger_ui_html,
    get_swagger_ui_oauth2_redirect_html,
)
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS_DIR = Path(fastapi_offline.__path__[0]) / "static"
ASSETS_URL = "/docs/assets"
DOCS_URL = "/docs"
OAUTH2_REDIRECT_URL = "/docs/oauth2-redirect"
REDOC_URL = "/redoc"

# Swagger UI's default validatorUrl shows a badge fetched from validator.swagger.io whenever
# the spec is not on localhost; off, the page asks nothing of any other host.
_SWAGGER_UI_PARAMETERS: dict[str, Any] = {"validatorUrl": None}

# The pages load nothing from another origin, and the browser holds them to it: ReDoc's bundle
# always adds an <img> of Redocly's logo from cdn.redoc.ly, which this policy blocks before any
# request leaves. Inline code is FastAPI's page templates and the UIs' own styles; ReDoc runs
# its search in a worker made from a blob: URL.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "worker-src 'self' blob:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
    ]
)


def _local_only(response: HTMLResponse) -> HTMLResponse:
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    return response


def install_docs(app: FastAPI) -> None:
    """Serve the documentation pages and their assets; create the app with
    `docs_url=None, redoc_url=None` so FastAPI's CDN-backed pages are not added too."""
    openapi_url = app.openapi_url
    if openapi_url is None:
        return
    # A mount is not a route of the API: it never appears in openapi.json.
    app.mount(ASSETS_URL, StaticFiles(directory=ASSETS_DIR), name="docs-assets")

    def root(request: Request) -> str:
        return str(request.scope.get("root_path", "")).rstrip("/")

    @app.get(DOCS_URL, include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        base = root(request)
        page = get_swagger_ui_html(
            openapi_url=base + openapi_url,
            title=f"{app.title} - Swagger UI",
            swagger_js_url=f"{base}{ASSETS_URL}/swagger-ui-bundle.js",
            swagger_css_url=f"{base}{ASSETS_URL}/swagger-ui.css",
            swagger_favicon_url=f"{base}{ASSETS_URL}/favicon.png",
            oauth2_redirect_url=base + OAUTH2_REDIRECT_URL,
            init_oauth=app.swagger_ui_init_oauth,
            swagger_ui_parameters={**_SWAGGER_UI_PARAMETERS, **(app.swagger_ui_parameters or {})},
        )
        return _local_only(page)

    @app.get(OAUTH2_REDIRECT_URL, include_in_schema=False)
    def swagger_ui_oauth2_redirect() -> HTMLResponse:
        return _local_only(get_swagger_ui_oauth2_redirect_html())

    @app.get(REDOC_URL, include_in_schema=False)
    def redoc(request: Request) -> HTMLResponse:
        base = root(request)
        page = get_redoc_html(
            openapi_url=base + openapi_url,
            title=f"{app.title} - ReDoc",
            redoc_js_url=f"{base}{ASSETS_URL}/redoc.standalone.js",
            redoc_favicon_url=f"{base}{ASSETS_URL}/favicon.png",
            with_google_fonts=False,
        )
        return _local_only(page)
