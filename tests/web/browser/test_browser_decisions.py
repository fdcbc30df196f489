"""The compare and incentives journeys end in a decision, at a laptop's 1366 px and a phone's 390 px, in a
real browser (Debian chromium): every compared zone is on a phone's screen, the incentives table's last
column is on a laptop's, and no page shows a regime's internal id or a path in a rules file, in any
language. Screenshots of each journey at both widths land in test-artifacts/screenshots/.
"""

import re
from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest
from playwright.sync_api import Browser, ViewportSize, expect

from sezatlas.regimes.loader import load_regimes
from sezatlas.web.i18n import LANGUAGES
from tests.web.browser.test_incentives_page_http import QUERY
from tests.web.browser.watched_page import WatchedPage, watching

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)

Opener = Callable[[ViewportSize], WatchedPage]
LAPTOP = ViewportSize(width=1366, height=768)
PHONE = ViewportSize(width=390, height=844)
ZONES = ["RUS-001", "CHN-HTZ-001", "BRA-001", "IND-001"]
COMPARE = "/compare?zones=" + ",".join(ZONES)
SCHEDULE = QUERY + "&schedule=ARE-qfzp"
# A path in a regime's rules file: `cit.phases[0]`, `pillar_two.qdmtt_from_year`, `benefit_cap`.
PARTS = "cit|pillar_two|benefit_cap|customs|vat|payroll|depreciation|eligibility|property_tax|land_tax"
FIELD_PATH = re.compile(rf"\b(?:[a-z_]+\[\d+\]|(?:{PARTS})\.[a-z_]+|pillar_two|benefit_cap)")
REGIME_ID = re.compile("|".join(rf"(?<![\w-]){re.escape(i)}(?![\w-])" for i in load_regimes()))
IS_VISIBLE = """(element) => { const box = element.getBoundingClientRect();
  return box.width > 0 && box.left >= 0 && box.right <= window.innerWidth; }"""
LAST_COLUMN_SHOWN = """() => {
  const box = document.querySelector('table.incentives-table').closest('.table-scroll');
  const cell = box.querySelector('thead th:last-child').getBoundingClientRect();
  const frame = box.getBoundingClientRect();
  return cell.width > 0 && cell.left >= frame.left && cell.right <= frame.right
    && cell.right <= innerWidth; }"""


@pytest.fixture
def opened(browser: Browser, live_server: str) -> Iterator[Opener]:
    """Open watched pages at the sizes a test asks for; each is closed and checked after the test."""
    with ExitStack() as pages:
        yield lambda size: pages.enter_context(watching(browser, live_server, size))


def test_a_phone_shows_every_compared_zone_as_a_card(opened: Opener) -> None:
    phone = opened(PHONE)
    phone.goto(COMPARE)
    phone.page.wait_for_selector("#compare-map[data-state=ready]")
    expect(phone.page.locator("table.compare")).to_be_hidden()  # one column at a time would hide zones
    cards = phone.page.locator(".zone-card")
    assert cards.evaluate_all("(cards) => cards.map((card) => card.dataset.zoneId)") == ZONES
    for index in range(len(ZONES)):
        card = cards.nth(index)
        card.scroll_into_view_if_needed()
        assert card.evaluate(IS_VISIBLE), f"{ZONES[index]} is not within the screen"
        expect(card.locator("[data-zone-id], .zone-name")).not_to_have_count(0)
    assert phone.page.locator("#compare-map").get_attribute("data-markers") == str(len(ZONES))
    assert phone.page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    phone.screenshot("compare-390")


def test_a_laptop_compares_the_zones_on_a_map_and_in_one_table(opened: Opener) -> None:
    laptop = opened(LAPTOP)
    laptop.goto(COMPARE)
    laptop.page.wait_for_selector("#compare-map[data-state=ready]")
    expect(laptop.page.locator(".compare-cards")).to_be_hidden()
    expect(laptop.page.locator("th.zone-column")).to_have_count(len(ZONES))
    expect(laptop.page.locator('tr[data-column="zone_id"]')).not_to_have_class("is-different")
    expect(laptop.page.locator('tr[data-column="cit_headline_pct"]')).to_have_class("is-different")
    expect(laptop.page.get_by_test_id("not-known")).to_contain_text("Power, free (MW)")
    assert laptop.page.locator("#compare-map").get_attribute("data-markers") == str(len(ZONES))
    laptop.screenshot("compare-1366")


def test_the_incentives_table_shows_its_last_column_on_a_laptop_in_every_language(opened: Opener) -> None:
    laptop = opened(LAPTOP)
    for lang in LANGUAGES:
        laptop.goto(f"{QUERY}&lang={lang}")
        laptop.page.wait_for_selector("#npv-chart[data-state=ready]")
        assert laptop.page.evaluate(LAST_COLUMN_SHOWN), f"{lang}: the last column is cut off at 1366 px"
        expect(laptop.page.get_by_test_id("scroll-hint")).to_be_hidden()
        form = laptop.page.locator("#incentives-form").bounding_box()
        results = laptop.page.locator("#incentives-results").bounding_box()
        assert form and results and abs(form["y"] - results["y"]) < 40, (
            f"{lang}: results are not beside the form"
        )
        laptop.screenshot(f"incentives-1366-{lang}", full_page=False)


def test_a_phone_scrolls_the_incentives_table_and_says_so(opened: Opener) -> None:
    phone = opened(PHONE)
    phone.goto(SCHEDULE)
    phone.page.wait_for_selector("#npv-chart[data-state=ready]")
    expect(phone.page.get_by_test_id("scroll-hint")).to_be_visible()
    assert phone.page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    phone.screenshot("incentives-390")


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_no_page_shows_an_internal_regime_id_or_a_rules_path(opened: Opener, lang: str) -> None:
    laptop = opened(LAPTOP)
    for path, ready in (
        (COMPARE, "#compare-map[data-state=ready]"),
        (SCHEDULE, "#npv-chart[data-state=ready]"),
    ):
        laptop.goto(f"{path}&lang={lang}")
        laptop.page.wait_for_selector(ready)
        laptop.page.locator("details.choices").evaluate_all("(all) => all.forEach((d) => { d.open = true; })")
        text = laptop.page.locator("body").inner_text()
        assert not REGIME_ID.findall(text), f"{lang} {path}: regime ids shown: {set(REGIME_ID.findall(text))}"
        assert not FIELD_PATH.findall(text), (
            f"{lang} {path}: rules paths shown: {set(FIELD_PATH.findall(text))}"
        )
