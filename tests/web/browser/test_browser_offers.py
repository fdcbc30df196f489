"""Cooperation offers in a real browser (Debian chromium): a member of the organisation keeping RUS-001
publishes an offer through the form, sees it in the zone page's "Cooperation offers" block; a member of
another organisation sends an inquiry about it from the offer's page, and it lands in the inbox of
RUS-001's operator, on the inquiry clock like any inquiry.

Screenshots: `offer-new-1280`, `offer-1280` in `test-artifacts/screenshots/`.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import Engine, select

from sezatlas.accounts.roles import Grant, Role
from sezatlas.store.database import session_factory
from sezatlas.store.offers_tables import OfferInquiryRow
from tests.offers.people import organisation, person
from tests.web.browser.conftest import DESKTOP, copied_registry
from tests.web.browser.watched_page import WatchedPage, watching
from tests.web.conftest import serving

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)

ZONE = "RUS-001"
MEMBER, BUYER, OPERATOR = "member@alabuga.example", "buyer@lipetsk.example", "operator@alabuga.example"
PASSWORD = "a long pass phrase"  # tests/offers/people.py
TITLE = "Prismatic LFP cells from Yelabuga"
MESSAGE = "Our bus plant needs 50,000 prismatic cells a year from 2027: what are the terms and lead times?"


@pytest.fixture
def site(bundled_engine: Engine, tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    """A copy of the registry with two member organisations (one keeping RUS-001), their members, and
    RUS-001's operator, served by its own uvicorn."""
    engine = copied_registry(bundled_engine, tmp_path / "offers.sqlite3")
    with session_factory(engine)() as session:
        alabuga = organisation(session, "JSC SEZ Alabuga", "RUS", ZONE)
        lipetsk = organisation(session, "Lipetsk SEZ", "RUS", "RUS-002")
        person(session, MEMBER, alabuga, Grant(Role.MEMBER))
        person(session, OPERATOR, alabuga, Grant(Role.ZONE_OPERATOR, ZONE))
        person(session, BUYER, lipetsk, Grant(Role.MEMBER))
    with serving(engine) as url:
        yield url, engine
    engine.dispose()


@pytest.fixture
def watched(browser: Browser, site: tuple[str, Engine]) -> Iterator[WatchedPage]:
    with watching(browser, site[0], DESKTOP) as page:
        yield page


def log_in(page: WatchedPage, email: str, then: str) -> None:
    page.context.clear_cookies()
    page.goto(f"/login?next={then}")
    page.page.get_by_label("E-mail").fill(email)
    page.page.get_by_label("Password").fill(PASSWORD)
    page.page.get_by_role("button", name="Log in").click()
    page.page.wait_for_url(f"**{then}")


def test_a_member_publishes_an_offer_and_another_members_inquiry_reaches_the_zones_inbox(
    watched: WatchedPage, site: tuple[str, Engine]
) -> None:
    page = watched.page
    log_in(watched, MEMBER, "/offers/new")
    page.get_by_label("Kind of offer").select_option("make")
    page.get_by_label("Title").fill(TITLE)
    page.get_by_label("Description").fill("280 Ah LFP cells for buses and storage; samples on request.")
    page.get_by_label("Activity (ISIC Rev.4 code)").fill("2720")
    page.get_by_label("Zone").select_option(ZONE)
    page.get_by_label("Volume", exact=True).fill("2000000")
    page.get_by_label("Unit of the volume").fill("cells/year")
    watched.screenshot("offer-new-1280")
    page.get_by_role("button", name="Publish the offer").click()
    page.wait_for_url("**/offers/1")
    expect(page.get_by_test_id("offer-title")).to_have_text(TITLE)

    watched.goto(f"/zones/{ZONE}")
    expect(page.get_by_test_id("zone-offers-own")).to_contain_text(TITLE)

    log_in(watched, BUYER, "/offers/1")
    page.get_by_label("Your message").fill(MESSAGE)
    watched.screenshot("offer-1280")
    page.get_by_role("button", name="Send the inquiry").click()
    page.wait_for_url("**/inquiries/*")
    thread_path = page.url.removeprefix(site[0])

    log_in(watched, OPERATOR, "/inquiries")
    expect(page.get_by_test_id("inquiries").locator(f'a[href="{thread_path}"]')).to_have_count(1)
    watched.goto(thread_path)
    expect(page.get_by_text(MESSAGE)).to_be_visible()
    with session_factory(site[1])() as session:
        assert session.scalars(select(OfferInquiryRow.offer_id)).all() == [1]
