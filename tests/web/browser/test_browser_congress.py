"""The Congress pages in a real browser (Debian chromium): a participant asks for a recommended meeting,
the other accepts, the organiser runs the scheduler, and both agendas show the meeting, whose calendar
file parses. Nothing is fetched from outside 127.0.0.1 and nothing is logged as an error.

The example event of docs/examples/congress is imported into a copy of the bundled registry (the shared
test database is read only), served by its own uvicorn.
"""

import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from icalendar import Calendar
from playwright.sync_api import Browser, expect
from sqlalchemy import Engine

from sezatlas.accounts.roles import Grant, Role
from tests.accounts.people import PASSWORD
from tests.web.browser.conftest import DESKTOP, PHONE, log_in, serving_congress_copy
from tests.web.browser.congress_example import EVENT, EVENT_ID, participant_page
from tests.web.browser.watched_page import WatchedPage, watching

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)

INVESTOR, MANUFACTURER = "P01", "P04"
INVESTOR_NAME, MANUFACTURER_NAME = "Sinoauto Capital Partners (fictional)", "Autopeças Horizonte (fictional)"
SCHEDULE_WAIT_MS = 40_000  # the page's scheduler runs for at most 15 s
ORGANISER_EMAIL, INVESTOR_EMAIL, MANUFACTURER_EMAIL = (
    "organiser@example.org",
    "p01@example.org",
    "p04@example.org",
)
ACCOUNTS = {
    ORGANISER_EMAIL: Grant(Role.ORGANISER, EVENT_ID),
    INVESTOR_EMAIL: Grant(Role.PARTICIPANT, f"{EVENT_ID}/{INVESTOR}"),
    MANUFACTURER_EMAIL: Grant(Role.PARTICIPANT, f"{EVENT_ID}/{MANUFACTURER}"),
}


@pytest.fixture(scope="module")
def congress_server(bundled_engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The registry copied, plus the example event and the accounts above (`serving_congress_copy`)."""
    with serving_congress_copy(bundled_engine, tmp_path_factory.mktemp("congress"), ACCOUNTS) as (url, _):
        yield url


@pytest.fixture
def page(browser: Browser, congress_server: str) -> Iterator[WatchedPage]:
    with watching(browser, congress_server, DESKTOP) as watched:
        yield watched


def test_a_recommended_meeting_is_requested_accepted_scheduled_and_downloaded(page: WatchedPage) -> None:
    page.goto("/congress")
    page.page.get_by_role("link", name="International Technological Congress 2027 (example)").click()

    log_in(page, INVESTOR_EMAIL, participant_page(INVESTOR))
    recommended = page.page.locator(f".recommendation[data-participant-id={MANUFACTURER}]")
    expect(recommended.locator(".reasons")).to_contain_text("they offer it")
    recommended.get_by_role("button", name="Request a meeting").click()
    expect(page.page.get_by_test_id(f"state-{MANUFACTURER}")).to_have_text("You asked for a meeting: Pending")
    expect(page.page.get_by_test_id("matchmaking-message")).to_contain_text(
        f"Request sent to {MANUFACTURER_NAME}"
    )
    page.screenshot("congress-participant-1280")

    log_in(page, MANUFACTURER_EMAIL, participant_page(MANUFACTURER))
    page.page.get_by_test_id(f"accept-{INVESTOR}").click()
    expect(page.page.get_by_test_id(f"answered-{INVESTOR}")).to_have_text("Accepted")
    expect(page.page.locator(f"#request-{_request_id(page, INVESTOR, MANUFACTURER)}")).to_be_focused()

    log_in(page, ORGANISER_EMAIL, f"{EVENT}/organiser")
    page.page.get_by_test_id("run-scheduler").click()
    expect(page.page.get_by_test_id("schedule-message")).to_contain_text(
        "published", timeout=SCHEDULE_WAIT_MS
    )
    page.page.wait_for_selector("#distribution-chart[data-state=ready]")
    expect(page.page.get_by_test_id("run-scheduler")).to_have_text("Re-run the scheduler")
    page.screenshot("congress-organiser-1280")
    menu = page.page.get_by_test_id("plan-slot")
    menu.focus()
    page.page.keyboard.press("ArrowDown")  # another slot's plan, from the keyboard, swapped in place
    page.page.wait_for_url("**/organiser?slot=*")
    expect(page.page.get_by_test_id("plan-slot")).to_be_focused()

    page.goto(participant_page(MANUFACTURER))
    expect(page.page.locator("#agenda")).to_contain_text(INVESTOR_NAME)
    page.goto(participant_page(INVESTOR))
    expect(page.page.locator("#agenda")).to_contain_text(MANUFACTURER_NAME)
    with page.page.expect_download() as calendar_file:
        page.page.get_by_test_id("agenda-ics").click()  # in the investor's own language: Chinese
    calendar = Calendar.from_ical(Path(calendar_file.value.path()).read_bytes())
    summaries = [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    assert f"会谈：{MANUFACTURER_NAME}" in summaries
    with page.page.expect_download() as calendar_file:
        page.page.get_by_test_id("agenda-ics-en").click()  # and in the page's language
    calendar = Calendar.from_ical(Path(calendar_file.value.path()).read_bytes())
    assert f"Meeting: {MANUFACTURER_NAME}" in [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]
    page.assert_clean()


def _request_id(page: WatchedPage, requester: str, target: str) -> int:
    """The request's id as the page's reader (logged in as its target) reads it from the API."""
    found = page.page.request.get(
        f"{page.base_url}/api/v1/congress/events/itc-2027/requests", params={"participant": target}
    )
    assert found.ok, found.status
    return next(r["request_id"] for r in found.json() if (r["requester"], r["target"]) == (requester, target))


def test_the_congress_pages_fit_a_phone_and_read_right_to_left(
    browser: Browser, congress_server: str
) -> None:
    published = f"{congress_server}/api/v1/congress/events/itc-2027/schedule"
    if not httpx.get(published).is_success:
        with httpx.Client(base_url=congress_server, timeout=60) as organiser:  # a schedule to show
            organiser.post("/api/v1/session", json={"email": ORGANISER_EMAIL, "password": PASSWORD})
            organiser.post(f"{EVENT}/organiser/schedule")
        deadline = time.monotonic() + SCHEDULE_WAIT_MS / 1000  # the app's own worker publishes it
        while not httpx.get(published).is_success:
            assert time.monotonic() < deadline, "the scheduling job published nothing"
            time.sleep(0.2)
    with watching(browser, congress_server, PHONE) as phone:
        log_in(phone, ORGANISER_EMAIL, f"{EVENT}/organiser")  # the organiser's page is theirs
        phone.assert_fits([
            (participant_page(INVESTOR), "congress-participant-375", "[data-testid=agenda]"),
            (f"{EVENT}/organiser", "congress-organiser-375", "#distribution-chart[data-state=ready]"),
            ("/congress", "congress-events-375", "[data-testid=congress-events]"),
            (participant_page(INVESTOR) + "?lang=ar", "congress-participant-375-ar", "[data-testid=agenda]"),
        ])  # fmt: skip
        assert phone.page.evaluate("document.documentElement.dir") == "rtl"
        phone.page.keyboard.press("Tab")  # the skip link first: the page is usable from the keyboard
        expect(phone.page.locator(".skip-link")).to_be_focused()
