"""Compare, statistics, country and Arabic pages in a real browser (Debian chromium): zones picked from
the keyboard are compared and downloaded, charts draw the tables' numbers, Arabic mirrors the layout,
every page stays under 1 MB, and nothing is fetched from outside 127.0.0.1 (the fixtures check that).
"""

from io import BytesIO
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, expect

from tests.web.browser.conftest import DESKTOP
from tests.web.browser.documents import pdf_text
from tests.web.browser.watched_page import WatchedPage, open_watched_page

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)

PAGE_BUDGET_BYTES = 1_000_000
# Bytes the page and everything it loaded took on the wire (headers and compressed bodies).
TRANSFERRED = """() => performance.getEntries()
  .reduce((sum, entry) => sum + (entry.transferSize || 0), 0)"""  # navigation and resource entries
CHART_BARS = "(id) => document.querySelectorAll('#' + id + ' svg path').length"
CHART_SERIES = "(id) => window.sezatlasCharts.find((c) => c.getDom().id === id).getOption().series"
FIRST_LOADS = [
    ("/", "#map[data-state=ready]"),
    ("/zones/RUS-001", "#locator[data-state=ready]"),
    ("/compare?zones=RUS-001,RUS-002,CHN-HTZ-001", "table.compare"),
    ("/stats", "#chart-by-type[data-state=ready]"),
    ("/countries/CHN", "#country-map[data-state=ready]"),
]
PICKED = ["Alabuga SEZ", "Lipetsk SEZ", "Zhongguancun Science Park"]


def press_compare(page: WatchedPage, toggle_index: int, key: str) -> None:
    """Reach a zone's "Compare" button with the keyboard and press it."""
    toggle = page.page.locator(".compare-toggle").nth(toggle_index)
    toggle.focus()
    page.page.keyboard.press(key)
    expect(toggle).to_have_attribute("aria-pressed", "true")


def test_three_zones_picked_from_the_list_and_a_zone_page_are_compared_and_downloaded(
    desktop: WatchedPage, tmp_path: Path
) -> None:
    desktop.goto("/?country=RUS&q=Alabuga")
    press_compare(desktop, 0, "Enter")
    desktop.goto("/?country=RUS&q=Lipetsk")
    press_compare(desktop, 0, "Space")
    desktop.goto("/zones/CHN-HTZ-001")
    press_compare(desktop, 0, "Enter")
    expect(desktop.page.locator("#compare-link .compare-count")).to_have_text("3")

    desktop.page.locator("#compare-link").click()
    desktop.page.wait_for_url("**/compare?zones=*")
    headings = desktop.page.locator("th.zone-column > a.zone-name").all_inner_texts()
    assert headings == PICKED
    expect(desktop.page.locator("tr[data-column=country_iso3]")).to_have_class("is-different")
    expect(desktop.page.get_by_test_id("not-known")).to_contain_text("Power, free (MW)")
    desktop.screenshot("compare-1280")

    with desktop.page.expect_download() as xlsx:
        desktop.page.get_by_test_id("download-xlsx").click()
    sheet = load_workbook(BytesIO(Path(xlsx.value.path()).read_bytes())).worksheets[0]
    assert [cell.value for cell in sheet[1]][1:4] == PICKED
    with desktop.page.expect_download() as pdf:
        desktop.page.get_by_test_id("download-pdf").click()
    text = pdf_text(Path(pdf.value.path()).read_bytes(), tmp_path)
    for name in [*PICKED, "ОЭЗ «Алабуга»", "中关村科技园区"]:
        assert name in text, f"{name!r} is not in the PDF's text"
    desktop.assert_clean()


def test_statistics_and_country_charts_draw_the_numbers_in_their_tables(desktop: WatchedPage) -> None:
    desktop.goto("/stats")
    desktop.page.wait_for_selector("#chart-by-type[data-state=ready]")
    assert desktop.page.evaluate(CHART_BARS, "chart-by-type") > 10
    series = desktop.page.evaluate(CHART_SERIES, "chart-by-type")
    china = desktop.page.locator("tr[data-key=CHN] td.total").inner_text()
    assert sum(s["data"][0] for s in series) == int(china.replace(",", ""))  # China is the first bar
    desktop.screenshot("stats-1280")

    desktop.goto("/countries/CHN")
    desktop.page.wait_for_selector("#chart-by-status[data-state=ready]")
    desktop.page.wait_for_selector("#country-map[data-state=ready]")
    located = desktop.page.evaluate("fetch('/map/points?country=CHN').then((r) => r.json())")
    assert desktop.page.locator("#country-map").get_attribute("data-markers") == str(located["total"])
    desktop.screenshot("country-1280")
    desktop.assert_clean()


def test_arabic_pages_read_right_to_left(desktop: WatchedPage) -> None:
    desktop.goto("/?lang=ar")
    desktop.page.wait_for_selector("#map[data-state=ready]")
    expect(desktop.page.locator("html")).to_have_attribute("dir", "rtl")
    expect(desktop.page.locator("h1")).to_have_text("المناطق الاقتصادية الخاصة في دول بريكس")
    brand = desktop.page.locator(".brand").bounding_box()
    filters = desktop.page.locator("label[for=filter-q]").bounding_box()
    assert brand and filters and brand["x"] > 640 and filters["x"] > 640, "the layout is not mirrored"
    desktop.screenshot("home-1280-ar")

    desktop.goto("/stats")  # the language is remembered
    desktop.page.wait_for_selector("#chart-by-type[data-state=ready]")
    expect(desktop.page.locator("h1")).to_have_text("إحصاءات")
    cell = desktop.page.locator("table.counts tbody th").first.bounding_box()
    assert cell and cell["x"] > 640, "the first column of a table is not on the right"
    desktop.screenshot("stats-1280-ar")
    desktop.assert_clean()


def test_every_page_stays_under_1_mb_on_first_load(browser: Browser, live_server: str) -> None:
    """Each page in a fresh browser context (an empty cache), as a first-time visitor loads it."""
    for path, ready in FIRST_LOADS:
        watched = open_watched_page(browser, live_server, DESKTOP, "en-US")
        watched.goto(path)
        watched.page.wait_for_selector(ready)
        watched.page.wait_for_load_state("networkidle")
        transferred = int(watched.page.evaluate(TRANSFERRED))
        print(f"{path}: {transferred:,} bytes transferred on first load")
        assert 0 < transferred < PAGE_BUDGET_BYTES, f"{path}: {transferred:,} bytes on first load"
        watched.context.close()
        watched.assert_clean()


def test_compare_and_statistics_fit_a_phone_screen(phone: WatchedPage) -> None:
    pages = [("/compare?zones=RUS-001,RUS-002,CHN-HTZ-001", "compare-375", ".compare-cards"),
             ("/stats", "stats-375", "#chart-by-type[data-state=ready]"),
             ("/countries/RUS", "country-375", "#country-map[data-state=ready]")]  # fmt: skip
    phone.assert_fits(pages)
