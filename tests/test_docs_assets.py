"""/docs and /redoc work offline: their pages name no other host, and the app serves every
script, stylesheet and icon they load. (tests/e2e/ checks the same in a real browser.)"""

import re
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

EXPECTED_TYPES = {
    ".js": ("text/javascript", "application/javascript"),
    ".css": ("text/css",),
    ".png": ("image/png",),
    ".json": ("application/json",),
}

# Anything that could send the browser elsewhere: a scheme, or a protocol-relative URL.
EXTERNAL = re.compile(r"(?i)\b[a-z][a-z0-9+.-]*://|(?<![:/\w])//[\w.-]")


class _References(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("src", "href", "spec-url") and value is not None:
                self.urls.append(value)


def references(html: str) -> list[str]:
    parser = _References()
    parser.feed(html)
    # Swagger UI's page names its spec inside the inline script.
    return parser.urls + re.findall(r"\burl: '([^']*)'", html)


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_doc_page_references_only_assets_the_app_serves(client: TestClient, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert not EXTERNAL.findall(html), f"{page} names another host"
    assert "fonts.googleapis.com" not in html

    urls = references(html)
    scripts = [url for url in urls if url.endswith(".js")]
    assert scripts, f"{page} loads no script"
    assert "/openapi.json" in urls
    if page == "/docs":
        assert any(url.endswith(".css") for url in urls)

    for url in urls:
        assert url.startswith("/") and not url.startswith("//"), url
        asset = client.get(url)
        assert asset.status_code == 200, url
        suffix = url[url.rfind(".") :]
        media_type = asset.headers["content-type"].split(";")[0].strip()
        assert media_type in EXPECTED_TYPES[suffix], (url, media_type)
        assert len(asset.content) > 100, url


def test_swagger_ui_asks_no_online_validator(client: TestClient) -> None:
    # Swagger UI's default validatorUrl loads a badge from validator.swagger.io.
    assert '"validatorUrl": null' in client.get("/docs").text


def test_oauth2_redirect_page_is_served(client: TestClient) -> None:
    response = client.get("/docs/oauth2-redirect")
    assert response.status_code == 200
    assert "swaggerUIRedirectOauth2" in response.text
    assert not EXTERNAL.findall(response.text)


def test_a_missing_asset_is_a_404(client: TestClient) -> None:
    assert client.get("/docs/assets/nope.js").status_code == 404


def test_doc_pages_and_assets_stay_out_of_the_api_contract(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert not [path for path in paths if path.startswith(("/docs", "/redoc"))]


@pytest.mark.parametrize("page", ["/docs", "/redoc", "/docs/oauth2-redirect"])
def test_doc_pages_forbid_loads_from_other_origins(client: TestClient, page: str) -> None:
    # ReDoc's bundle adds an <img> from cdn.redoc.ly; the policy keeps the browser from asking.
    policy = client.get(page).headers["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    for name, sources in directives.items():
        assert not EXTERNAL.findall(sources), (name, sources)
        assert "*" not in sources.split(), (name, sources)
    assert directives["img-src"].split()[0] == "'self'"
