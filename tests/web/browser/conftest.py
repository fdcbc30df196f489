"""Browser fixtures: one Debian chromium per session, driven by Playwright, watched for stray requests.

Every page is a `WatchedPage` (watched_page.py): a request to any host but 127.0.0.1, or a console
error, fails the test.
`playwright install` is not needed: the tests drive the system chromium. In CI (CI set) a missing
chromium fails the tests instead of skipping them.
"""

import os
import sqlite3
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Playwright, ViewportSize, sync_playwright
from sqlalchemy import Engine

from sezatlas.accounts.actions import create_person
from sezatlas.accounts.roles import Actor, Grant
from sezatlas.store.database import make_engine, session_factory
from tests.accounts.people import PASSWORD
from tests.web.browser.congress_example import import_example
from tests.web.browser.watched_page import WatchedPage, watching
from tests.web.conftest import serving

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


def copied_registry(bundled_engine: Engine, copy: Path) -> Engine:
    """A private copy of the bundled SQLite registry (SQLite's backup API: consistent while others read it),
    for a test that writes to it."""
    source_file = bundled_engine.url.database
    assert bundled_engine.dialect.name == "sqlite" and source_file, (
        "the browser tests run on the SQLite registry"
    )
    with sqlite3.connect(source_file) as source, sqlite3.connect(copy) as target:
        source.backup(target)
    return make_engine(f"sqlite:///{copy}")


@contextmanager
def serving_congress_copy(
    bundled_engine: Engine, directory: Path, accounts: Mapping[str, Grant]
) -> Iterator[tuple[str, Engine]]:
    """The registry copied into `directory` (SQLite's backup API: consistent while others read it), plus
    the example event and an account per e-mail holding its grant, served by its own uvicorn."""
    engine = copied_registry(bundled_engine, directory / "congress.sqlite3")
    import_example(engine)
    with session_factory(engine)() as session:
        for email, grant in accounts.items():
            create_person(session, Actor.command_line(), email, email.split("@")[0], PASSWORD, (grant,))
    with serving(engine) as url:
        yield url, engine
    engine.dispose()


def log_in(page: WatchedPage, email: str, then: str) -> None:
    """Log in through the log-in form, as a person would, and land on `then`."""
    page.context.clear_cookies()
    page.goto(f"/login?next={then}")
    page.page.get_by_label("E-mail").fill(email)
    page.page.get_by_label("Password").fill(PASSWORD)
    page.page.get_by_role("button", name="Log in").click()
    page.page.wait_for_url(f"**{then}")
