"""Small things users notice, in a real browser (Debian chromium) at 1366 px and 390 px: the statistics
legend names every series (no paging arrows), country names are not cut, a legend entry hides its series;
a participant finds their own page from the Congress page; the navigation marks where the reader is.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, ViewportSize, expect
from sqlalchemy import Engine

from tests.web.browser.conftest import serving_congress_copy
from tests.web.browser.congress_example import participant_page
from tests.web.browser.watched_page import watching

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)

LAPTOP = ViewportSize(width=1366, height=900)
PHONE = ViewportSize(width=390, height=844)
WIDTHS = {"1366": LAPTOP, "390": PHONE}
CHART_OPTION = "(id) => window.sezatlasCharts.find((c) => c.getDom().id === id).getOption()"
CHART_TEXTS = "(id) => [...document.querySelectorAll('#' + id + ' svg text')].map((t) => t.textContent)"
# Each legend entry's box, and whether it is the element the browser shows at its centre (not hidden).
LEGEND_BOXES = """(id) => [...document.querySelectorAll('[data-legend-for=' + id + '] button')].map((b) => {
  const box = b.getBoundingClientRect();
  const top = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  return {name: b.textContent, left: box.left, right: box.right, width: box.width,
          isOnTop: top !== null && b.contains(top)};
})"""


@pytest.mark.parametrize(("width", "lang"), [("1366", "en"), ("390", "en"), ("390", "ar")])
def test_the_statistics_legend_names_every_series_on_the_screen_and_no_country_is_cut(
    browser: Browser, live_server: str, width: str, lang: str
) -> None:
    with watching(browser, live_server, WIDTHS[width]) as page:
        page.goto(f"/stats?lang={lang}")
        page.page.wait_for_selector("#chart-by-type[data-state=ready]")
        option = page.page.evaluate(CHART_OPTION, "chart-by-type")
        names = [series["name"] for series in option["series"]]
        assert len(names) >= 8 and option["legend"][0]["show"] is False  # ECharts' own (paged) legend is off

        page.page.locator("[data-legend-for=chart-by-type] button").first.scroll_into_view_if_needed()
        boxes = page.page.evaluate(LEGEND_BOXES, "chart-by-type")
        inner_width = page.page.evaluate("window.innerWidth")
        assert [box["name"] for box in boxes] == names
        for box in boxes:
            assert box["width"] > 0 and box["left"] >= 0 and box["right"] <= inner_width, box
            assert box["isOnTop"], f"{box['name']} is hidden at {width} px"

        texts = page.page.evaluate(CHART_TEXTS, "chart-by-type")
        assert not [text for text in texts if text.endswith(("…", "..."))], "a label is cut"
        shown = " ".join(texts)
        for country in option["yAxis"][0]["data"]:
            assert all(word in shown for word in country.split()), f"{country} is not shown whole"
        page.screenshot(f"stats-legend-{width}" + ("" if lang == "en" else f"-{lang}"))
        page.assert_clean()


def test_a_legend_entry_hides_and_shows_its_series(browser: Browser, live_server: str) -> None:
    with watching(browser, live_server, LAPTOP) as page:
        page.goto("/countries/RUS")
        page.page.wait_for_selector("#chart-by-status[data-state=ready]")
        entry = page.page.locator("[data-legend-for=chart-by-status] button").first
        name = entry.inner_text()
        entry.click()
        expect(entry).to_have_attribute("aria-pressed", "false")
        selected = page.page.evaluate(CHART_OPTION, "chart-by-status")["legend"][0]["selected"]
        assert selected[name] is False
        entry.press("Enter")  # a button: the keyboard shows it again
        expect(entry).to_have_attribute("aria-pressed", "true")
        page.screenshot("country-legend-1366")
        page.assert_clean()


@pytest.fixture(scope="module")
def congress_server(bundled_engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The registry copied, plus the example event; no accounts: finding one's page needs none."""
    with serving_congress_copy(bundled_engine, tmp_path_factory.mktemp("finder"), {}) as (url, _):
        yield url


@pytest.mark.parametrize("width", ["1366", "390"])
def test_a_participant_finds_their_page_from_the_congress_page(
    browser: Browser, congress_server: str, width: str
) -> None:
    with watching(browser, congress_server, WIDTHS[width]) as page:
        page.goto("/congress")
        nav = page.page.get_by_role("navigation", name="Pages")
        expect(nav.get_by_role("link", name="Congress")).to_have_attribute("aria-current", "page")
        page.page.get_by_label("Organisation or participant id").fill("deccan forg")
        page.page.get_by_role("button", name="Find").click()
        expect(page.page.get_by_test_id("finder-outcome")).to_have_text(
            "1 participant matches “deccan forg”:"
        )
        page.screenshot(f"congress-finder-{width}")

        page.page.get_by_test_id("finder-results").get_by_role(
            "link", name="Deccan Forgings (fictional)"
        ).click()
        page.page.wait_for_url(f"**{participant_page('P05')}")
        expect(page.page.get_by_test_id("participant-name")).to_have_text("Deccan Forgings (fictional)")
        expect(nav.get_by_role("link", name="Congress")).to_have_attribute("aria-current", "true")
        summary = page.page.get_by_test_id("summary-P04")
        expect(summary).to_contain_text("Good match (0.")
        expect(summary).to_be_in_viewport(
            ratio=0
        ) if width == "1366" else summary.scroll_into_view_if_needed()
        page.screenshot(f"congress-participant-found-{width}")
        page.assert_clean()
