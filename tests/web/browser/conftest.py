"""Browser fixtures: one Debian chromium per session, driven by Playwright, watched for stray requests.

Every page is a `WatchedPage` (watched_page.py): a request to any host but 127.0.0.1, or a console
error, fails the test.
`playwright install` is not needed: the tests drive the system chromium. In CI (CI set) a missing
chromium fails the tests instead of skipping them.
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, ViewportSize, sync_playwright

from tests.web.browser.watched_page import WatchedPage, watching

CHROMIUM = Path(os.environ.get("SEZATLAS_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = ViewportSize(width=1280, height=900)
PHONE = ViewportSize(width=375, height=812)


@pytest.fixture(scope="session")
def playwright_driver() -> Iterator[Playwright]:
    if not CHROMIUM.exists():
        message = f"chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright_driver: Playwright) -> Iterator[Browser]:
    """One browser for the whole session: starting chromium is the slow part."""
    chromium = playwright_driver.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def desktop(browser: Browser, live_server: str) -> Iterator[WatchedPage]:
    """A 1280 px wide page whose browser prefers English."""
    with watching(browser, live_server, DESKTOP) as watched:
        yield watched


@pytest.fixture
def phone(browser: Browser, live_server: str) -> Iterator[WatchedPage]:
    """A 375 px wide page (a phone)."""
    with watching(browser, live_server, PHONE) as watched:
        yield watched
