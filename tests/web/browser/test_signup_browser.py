"""An investor signs up in a real browser (Debian chromium), the letter is caught by a real SMTP server on
127.0.0.1, and its link verifies the address; then they log in and out. Nothing leaves 127.0.0.1."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import Engine

from tests.accounts.mailbox import Mailbox, catching_mail
from tests.web.browser.conftest import DESKTOP
from tests.web.browser.watched_page import watching
from tests.web.conftest import serving

pytestmark = pytest.mark.parametrize("empty_engine", ["sqlite"], indirect=True)
EMAIL, PASSWORD = "ivan@example.org", "a brand new passphrase"


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with catching_mail() as caught:
        yield caught


@pytest.fixture
def site(empty_engine: Engine, mailbox: Mailbox) -> Iterator[str]:
    """A server of its own (this test writes), started while the mail settings name the mailbox."""
    with serving(empty_engine) as url:
        yield url


def test_an_investor_signs_up_verifies_by_the_caught_letter_logs_in_and_out(
    browser: Browser, site: str, mailbox: Mailbox
) -> None:
    with watching(browser, site, DESKTOP) as watched:
        page = watched.page
        watched.goto("/login")
        page.get_by_test_id("signup-link").click()
        page.fill("#signup-name", "Ivan")
        page.fill("#signup-email", EMAIL)
        page.fill("#signup-password", PASSWORD)
        page.get_by_role("button", name="Sign up").click()
        expect(page.get_by_test_id("account-notice")).to_contain_text(EMAIL)

        watched.goto(mailbox.last_link(EMAIL))  # the link as the letter has it, on this server
        page.get_by_role("button", name="Verify my address").click()
        expect(page.get_by_test_id("account-notice")).to_contain_text("verified")
        page.get_by_test_id("login-link").click()

        page.fill("#login-email", EMAIL)
        page.fill("#login-password", PASSWORD)
        page.get_by_test_id("login-form").get_by_role("button", name="Log in").click()
        logout = page.get_by_test_id("account-nav").get_by_role("button", name="Log out")
        expect(logout).to_be_visible()
        watched.screenshot("signup-logged-in", full_page=False)
        logout.click()
        expect(page.get_by_test_id("account-nav").get_by_role("link", name="Log in")).to_be_visible()
