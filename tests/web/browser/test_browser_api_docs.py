"""The API documentation pages, `/docs` (Swagger UI) and `/redoc`, in a real browser (Debian chromium):
both render from the vendored scripts, so they work offline; the fixtures fail a test whose page sent a
request beyond 127.0.0.1 or logged a console error.
"""

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import expect

import sezatlas.web
from tests.web.browser.watched_page import WatchedPage

ON_SQLITE = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)

DOCS_PAGES = ["/docs", "/redoc"]
VENDOR_DIR = Path(sezatlas.web.__file__).parent / "static" / "vendor"


@ON_SQLITE
@pytest.mark.parametrize("path", DOCS_PAGES)
def test_api_docs_pages_load_their_scripts_from_this_server(client: TestClient, path: str) -> None:
    html = client.get(path).text
    assert "/static/vendor/" in html
    assert "cdn.jsdelivr.net" not in html and "fonts.googleapis.com" not in html
    assert "SEZ Atlas API" in html


def test_vendored_redoc_asks_no_cdn_for_its_sidebar_logo() -> None:
    bundle = (VENDOR_DIR / "redoc" / "redoc.standalone.js").read_text(encoding="utf-8")
    assert "cdn.redoc.ly" not in bundle, "re-apply the logo edit described in static/vendor/README.md"


@ON_SQLITE
def test_swagger_ui_docs_list_the_operations_offline(desktop: WatchedPage) -> None:
    desktop.goto("/docs")
    expect(desktop.page.locator('.opblock-summary-path[data-path="/api/v1/zones"]').first).to_be_visible()
    expect(desktop.page.locator(".info .title")).to_contain_text("SEZ Atlas API")
    desktop.screenshot("api-docs-swagger-1280")


@ON_SQLITE
def test_redoc_docs_show_the_api_title_offline(desktop: WatchedPage) -> None:
    desktop.goto("/redoc")
    expect(desktop.page.locator("h1").filter(has_text="SEZ Atlas API")).to_be_visible()
    expect(desktop.page.get_by_text("/api/v1/zones").first).to_be_attached()
    desktop.screenshot("api-docs-redoc-1280", full_page=False)  # the whole reference is ~30 screens
