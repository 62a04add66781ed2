"""End to end in a real browser: /docs and /redoc run on the app's own assets.

Headless Chromium, Debian's package at /usr/bin/chromium (never a browser Playwright
downloads), is driven by Playwright against a real uvicorn process. Without that browser the
tests skip, so `make test` needs nothing but Python; CI installs it and sets
CERTPATH_REQUIRE_BROWSER=1, which turns the skip into a failure.
"""

import json
import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import ConsoleMessage, Page, Route, expect, sync_playwright

from app.schemas.recommendations import PROFILE_EXAMPLE
from tests.live_server import live_server

CHROMIUM = Path("/usr/bin/chromium")
REQUIRE_BROWSER = os.environ.get("CERTPATH_REQUIRE_BROWSER") == "1"
# What this machine's closed network needs (no background calls to Google's hosts), and what
# running as root in a container needs (no sandbox, no GPU).
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def chromium() -> str:
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return str(CHROMIUM)
    reason = (
        f"{CHROMIUM} is not installed (Debian: apt-get install chromium); the browser tests need it"
    )
    if REQUIRE_BROWSER:
        pytest.fail(f"{reason}, and CERTPATH_REQUIRE_BROWSER=1 requires them to run")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def server(chromium: str, database_url: str) -> Iterator[str]:
    with live_server(database_url) as base:
        yield base


@pytest.fixture
def page(chromium: str, server: str, tmp_path: Path) -> Iterator[Page]:
    with sync_playwright() as playwright:
        # A persistent context on a new, empty directory: the fresh --user-data-dir.
        context = playwright.chromium.launch_persistent_context(
            tmp_path / "profile",
            executable_path=chromium,
            headless=True,
            args=CHROMIUM_FLAGS,
        )
        try:
            page = context.pages[0] if context.pages else context.new_page()
            page.set_default_timeout(30_000)
            yield page
        finally:
            context.close()


# ReDoc's bundle always shows Redocly's logo from their CDN; the docs pages' Content Security
# Policy blocks it before any request is made (app/core/docs.py). Nothing else may be refused.
EXPECTED_REFUSALS = ("https://cdn.redoc.ly/redoc/logo-mini.svg",)


class Traffic:
    """Every request the page sends to the network, every script error, and every load the
    page's Content Security Policy refused (a refused load never reaches the network). A
    request for another host is recorded and aborted: the test never depends on the network."""

    def __init__(self, page: Page, base: str) -> None:
        # blob: and data: URLs are made in the page itself (ReDoc's search worker, icons).
        self.local = (f"{base}/", f"blob:{base}/", "data:")
        self.requests: list[str] = []
        self.elsewhere: list[str] = []
        self.errors: list[str] = []
        self.refused: list[str] = []
        page.route("**/*", self._route)
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", self._console)

    def _route(self, route: Route) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith(self.local):
            route.continue_()
        else:
            self.elsewhere.append(url)
            route.abort()

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            self.refused.append(message.text)

    def assert_only_local(self) -> None:
        assert not self.elsewhere, f"the page asked other hosts: {self.elsewhere}"
        assert not self.errors, self.errors
        unexpected = [
            text for text in self.refused if not any(url in text for url in EXPECTED_REFUSALS)
        ]
        assert not unexpected, unexpected


def test_swagger_ui_try_it_out_runs_the_documented_example(
    page: Page, server: str, tmp_path: Path
) -> None:
    traffic = Traffic(page, server)
    expected = httpx.post(f"{server}/recommendations", json=PROFILE_EXAMPLE)
    assert expected.status_code == 200
    slugs = [step["slug"] for step in expected.json()["steps"] if step["slug"]]
    assert slugs

    page.goto(f"{server}/docs")
    operation = page.locator("#operations-recommendations-recommend_path")
    operation.locator("button.opblock-summary-control").click()
    operation.get_by_role("button", name="Try it out").click()

    # The body editor holds the documented example; it is sent as it is.
    body = operation.locator("textarea.body-param__text")
    expect(body).to_be_editable()
    assert json.loads(body.input_value()) == PROFILE_EXAMPLE

    operation.get_by_role("button", name="Execute").click()
    response = operation.locator(".live-responses-table tr.response")
    expect(response.locator(".response-col_status")).to_have_text("200", timeout=30_000)
    rendered = response.locator(".highlight-code pre").first
    for slug in slugs:
        expect(rendered).to_contain_text(f'"{slug}"')
    # The panel shows the whole plan the API returns, steps in order.
    shown = json.loads(rendered.inner_text())
    assert [step["slug"] for step in shown["steps"]] == [
        step["slug"] for step in expected.json()["steps"]
    ]

    operation.screenshot(path=tmp_path / "swagger-ui-try-it-out.png")
    traffic.assert_only_local()
    assert f"{server}/docs/assets/swagger-ui-bundle.js" in traffic.requests
    assert f"{server}/docs/assets/swagger-ui.css" in traffic.requests


def test_redoc_renders_the_api_from_local_assets(page: Page, server: str, tmp_path: Path) -> None:
    traffic = Traffic(page, server)
    page.goto(f"{server}/redoc")
    expect(page.get_by_role("heading", name="certpath", exact=False).first).to_be_visible()
    expect(page.get_by_text("Recommend Path").first).to_be_attached()
    page.screenshot(path=tmp_path / "redoc.png")
    traffic.assert_only_local()
    assert f"{server}/docs/assets/redoc.standalone.js" in traffic.requests
