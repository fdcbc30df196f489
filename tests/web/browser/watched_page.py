"""A browser page that records where it sent requests and what it logged as errors.

Requests to 127.0.0.1 go on; a source link a test means to follow is answered by a stub, so it never
leaves the machine; anything else is aborted and recorded, which fails the test.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Route, ViewportSize

SCREENSHOTS = Path(__file__).resolve().parents[3] / "test-artifacts" / "screenshots"
LOCAL_HOST = "127.0.0.1"
SOURCE_STUB = "<!doctype html><title>Source stub</title><h1>Source stub served by the test</h1>"


@dataclass
class WatchedPage:
    """A page and what it did on the network and in its console."""

    context: BrowserContext
    page: Page
    base_url: str
    stubs: set[str] = field(default_factory=set)
    requested: list[str] = field(default_factory=list)
    stubbed: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def goto(self, path: str) -> None:
        self.page.goto(self.base_url + path)

    def stub(self, url: str) -> None:
        """Answer `url` (an outside source link) locally, so following it never leaves 127.0.0.1."""
        self.stubs.add(url)

    def screenshot(self, name: str, full_page: bool = True) -> Path:
        """Save the page (only the window with `full_page=False`, for pages tens of screens long)."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=full_page)
        return path

    def assert_fits(self, pages: list[tuple[str, str, str]]) -> None:
        """Open each (path, screenshot name, ready selector): no page may scroll sideways."""
        for path, name, ready in pages:
            self.goto(path)
            self.page.wait_for_selector(ready)
            overflow = self.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at this width"
            self.screenshot(name)
        self.assert_clean()

    def assert_clean(self) -> None:
        """No request went anywhere but 127.0.0.1, and no page logged an error."""
        went_out = [
            url for url in self.requested if urlsplit(url).hostname != LOCAL_HOST and url not in self.stubs
        ]
        assert not self.blocked, f"requests to other hosts were attempted: {self.blocked}"
        assert not went_out, f"requests left 127.0.0.1: {went_out}"
        assert not self.console_errors, f"console errors: {self.console_errors}"

    def _route(self, route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname == LOCAL_HOST:
            route.continue_()
        elif url in self.stubs:
            self.stubbed.append(url)
            route.fulfill(status=200, content_type="text/html; charset=utf-8", body=SOURCE_STUB)
        else:
            self.blocked.append(url)
            route.abort()

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} at {message.location}")


def open_watched_page(browser: Browser, base_url: str, viewport: ViewportSize, locale: str) -> WatchedPage:
    context = browser.new_context(viewport=viewport, locale=locale)
    page = context.new_page()
    watched = WatchedPage(context=context, page=page, base_url=base_url)
    context.route("**/*", watched._route)
    page.on("request", lambda request: watched.requested.append(request.url))
    page.on("console", watched._console)
    page.on("pageerror", lambda error: watched.console_errors.append(f"uncaught: {error}"))
    return watched


@contextmanager
def watching(
    browser: Browser, base_url: str, viewport: ViewportSize, locale: str = "en-US"
) -> Iterator[WatchedPage]:
    """A watched page in a context of its own, closed after use; then nothing may have gone wrong."""
    watched = open_watched_page(browser, base_url, viewport, locale)
    try:
        yield watched
    finally:
        watched.context.close()
    watched.assert_clean()
