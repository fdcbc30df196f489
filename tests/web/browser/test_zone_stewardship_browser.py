"""Issue 16's acceptance in a real browser (Debian chromium): an operator edits its zone's free land with
a source, the secretariat approves it on /review, the zone page shows the new value as operator-confirmed
with its source, the history shows both versions and their diff, a revert restores the old value as a new
version, the audit trail holds every step, and the operator's decision letter reaches the local mailbox.

Screenshots: `zone-edit-1280`, `review-1280`, `zone-history-1280` in `test-artifacts/screenshots/`.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import Engine

from sezatlas.accounts.actions import create_person
from sezatlas.accounts.audit import read_trail
from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.registry.bootstrap import init_database
from sezatlas.store.database import make_engine, session_factory
from sezatlas.store.zones import get_zone
from tests.accounts.mailbox import catching_mail
from tests.accounts.people import PASSWORD
from tests.web.browser.conftest import DESKTOP, log_in
from tests.web.browser.watched_page import watching
from tests.web.conftest import serving

OPERATOR_EMAIL, SECRETARIAT_EMAIL = "operator@alabuga.example.org", "secretariat@example.org"
SOURCE = "https://alabuga.ru/en/"


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """The bundled registry, the operator of RUS-001 and a secretariat account, in a database of its own."""
    engine = make_engine(f"sqlite:///{tmp_path / 'registry.sqlite3'}")
    init_database(engine)
    with session_factory(engine)() as session:
        create_person(session, Actor.command_line(), OPERATOR_EMAIL, "Alabuga operator", PASSWORD,
                      (Grant(Role.ZONE_OPERATOR, "RUS-001"),))  # fmt: skip
        create_person(session, Actor.command_line(), SECRETARIAT_EMAIL, "Secretariat", PASSWORD,
                      (Grant(Role.SECRETARIAT),))  # fmt: skip
    yield engine
    engine.dispose()


def free_land_row(page: object) -> object:
    return page.locator('[data-column="free_area_ha"]')  # type: ignore[attr-defined]


def test_an_operator_edit_is_approved_shown_with_its_source_kept_in_history_and_reverted(  # noqa: PLR0915
    browser: Browser, engine: Engine
) -> None:
    with session_factory(engine)() as session:
        zone = get_zone(session, "RUS-001")
        assert zone is not None
        before = zone.land.free_area_ha
    with catching_mail() as mailbox, serving(engine) as url, watching(browser, url, DESKTOP) as watched:
        page = watched.page
        log_in(watched, OPERATOR_EMAIL, "/zones/RUS-001")
        page.get_by_test_id("edit-link").click()
        page.wait_for_url("**/zones/RUS-001/edit")
        expect(page.locator("#edit-point-map")).to_have_attribute("data-state", "ready")
        page.get_by_label("Free land (ha)").fill("95.5")
        page.get_by_label("Source web page (address)").fill(SOURCE)
        page.get_by_label("True as of").fill("2026-11")
        page.get_by_label("Comment for the reviewer (optional)").fill("Two new plots were handed over.")
        watched.screenshot("zone-edit-1280")
        page.get_by_test_id("send-change").click()
        page.wait_for_url("**/zones/RUS-001?notice=sent*")
        expect(page.get_by_test_id("zone-notice")).to_contain_text("Sent for review")

        log_in(watched, SECRETARIAT_EMAIL, "/review")
        item = page.get_by_test_id("review-item")
        expect(item).to_have_count(1)
        expect(item.locator('[data-column="free_area_ha"]')).to_contain_text("95.5")
        expect(item.get_by_test_id("review-source")).to_have_attribute("href", SOURCE)
        watched.screenshot("review-1280")
        item.get_by_test_id("approve").click()
        page.wait_for_url("**/review?notice=approved")
        expect(page.get_by_test_id("review-empty")).to_be_visible()

        watched.goto("/zones/RUS-001")
        row = free_land_row(page)
        expect(row).to_contain_text("95.5")  # type: ignore[arg-type]
        expect(row.get_by_test_id("fact-origin")).to_have_text("operator-confirmed")  # type: ignore[attr-defined]
        expect(page.locator(f'a.source-link[href="{SOURCE}"]')).to_have_count(1)
        expect(page.get_by_test_id("last-confirmed")).to_contain_text("Last confirmed by the operator")

        page.get_by_test_id("history-link").click()
        page.wait_for_url("**/zones/RUS-001/history")
        expect(page.get_by_test_id("version")).to_have_count(2)
        page.get_by_role("button", name="Compare").click()
        comparison = page.get_by_test_id("comparison")
        expect(comparison.locator('[data-column="free_area_ha"]')).to_contain_text("95.5")
        watched.screenshot("zone-history-1280")
        page.get_by_role("button", name="Revert to version 1").click()
        page.wait_for_url("**/zones/RUS-001/history?reverted=3&to=1")
        expect(page.get_by_test_id("version")).to_have_count(3)
        expect(page.get_by_test_id("history-notice")).to_contain_text("version 3")

    with session_factory(engine)() as session:
        zone = get_zone(session, "RUS-001")
        assert zone is not None and zone.land.free_area_ha == before
        actions = {entry.action for entry in read_trail(session)}
    assert {"login", "propose zone change", "approve zone change", "revert zone"} <= actions, actions
    [letter] = mailbox.to(OPERATOR_EMAIL)
    assert "RUS-001" in str(letter["Subject"]) + letter.get_body(("plain",)).get_content()  # type: ignore[union-attr]
