"""The pages in a real browser (Debian chromium): map and list agree with the API, sources can be
followed, the pages speak Russian and Chinese, and nothing is fetched from outside 127.0.0.1.

Kept to a handful of page loads: they run on SQLite only (the API tests cover PostgreSQL) and share
one browser.
"""

from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from tests.web.browser.watched_page import WatchedPage

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)

MAP_READY = """(expected) => {
  const map = document.getElementById('map');
  const results = document.getElementById('results');
  return map.dataset.state === 'ready' && map.dataset.shownUrl === results.dataset.pointsUrl
    && results.dataset.pointsUrl.includes(expected);
}"""
MARKERS = "() => window.sezatlas.cluster.getLayers().length"
DASHED_MARKERS = "() => window.sezatlas.cluster.getLayers().filter((m) => m.options.dashArray).length"


def api_zones(base_url: str, **params: str) -> dict[str, Any]:
    response = httpx.get(f"{base_url}/api/v1/zones", params={**params, "limit": "1000"})
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    return body


def wait_for_map(page: WatchedPage, points_query: str = "") -> None:
    page.page.wait_for_function(MAP_READY, arg=points_query)


def test_filtering_to_one_country_and_type_keeps_map_list_and_api_in_agreement(desktop: WatchedPage) -> None:
    desktop.goto("/")
    wait_for_map(desktop)
    everything = api_zones(desktop.base_url)
    located = [z for z in everything["items"] if z["location"]["latitude"] is not None]
    assert desktop.page.evaluate(MARKERS) == len(located)
    approximate = [z for z in located if z["location"]["coordinate_precision"] == "approximate"]
    assert desktop.page.evaluate(DASHED_MARKERS) == len(approximate) > 0, "approximate points look different"
    desktop.screenshot("home-1280")

    desktop.page.evaluate("window.stillTheSamePage = true")
    desktop.page.locator("#country-picker summary").click()  # the country picker: checkboxes, any number
    desktop.page.check("#filter-country-RUS")
    wait_for_map(desktop, "country=RUS")
    desktop.page.locator("#country-picker summary").click()
    desktop.page.select_option("#filter-type", "sez")
    wait_for_map(desktop, "country=RUS&zone_type=sez")

    api = api_zones(desktop.base_url, country="RUS", zone_type="sez")
    api_located = [z for z in api["items"] if z["location"]["latitude"] is not None]
    results = desktop.page.locator("#results")
    assert desktop.page.evaluate("window.stillTheSamePage") is True, "the filter reloaded the whole page"
    assert desktop.page.url.endswith("/?country=RUS&zone_type=sez"), "the URL does not keep the filters"
    assert int(results.get_attribute("data-total") or -1) == api["total"]
    on_map = int(results.get_attribute("data-on-map") or -1)
    assert desktop.page.evaluate(MARKERS) == len(api_located) == on_map
    expect(results.locator(".summary .total")).to_contain_text(str(api["total"]))
    expect(results.locator(".zone-list > li")).to_have_count(min(20, api["total"]))

    desktop.page.get_by_role("link", name="Next").click()
    expect(desktop.page.locator(".zone-list")).to_have_attribute("start", "21")
    assert desktop.page.url.endswith("/?country=RUS&zone_type=sez&page=2")

    desktop.goto("/?country=RUS&zone_type=sez&page=2")  # a shared link opens the same search
    wait_for_map(desktop, "country=RUS&zone_type=sez")
    expect(desktop.page.locator("#filter-country-RUS")).to_be_checked()
    expect(desktop.page.locator("#country-chosen")).to_have_text("Russian Federation")
    expect(desktop.page.locator("#filter-type")).to_have_value("sez")
    assert desktop.page.evaluate(MARKERS) == len(api_located)

    desktop.goto("/")  # the search box works from the keyboard and tolerates a misspelling
    desktop.page.locator("#filter-q").focus()
    desktop.page.keyboard.type("Alabuha")
    desktop.page.keyboard.press("Enter")
    wait_for_map(desktop, "q=Alabuha")
    expect(desktop.page.locator(".zone-list .zone-name").first).to_have_text("Alabuga SEZ")
    desktop.assert_clean()


def test_zone_page_groups_facts_and_its_source_link_can_be_followed(desktop: WatchedPage) -> None:
    desktop.goto("/zones/RUS-001")
    desktop.page.wait_for_selector("#locator[data-state=ready]")
    headings = desktop.page.locator(".fact-group h2").all_inner_texts()
    assert headings[:8] == ["Identity", "Location", "Land", "Utilities", "Logistics", "Specialisation",
                            "Regime", "Performance"]  # fmt: skip
    expect(desktop.page.get_by_test_id("data-age")).to_contain_text("Data as of")
    expect(desktop.page.locator("tr[data-column=power_mw_free] .value")).to_have_text("unknown")
    desktop.screenshot("zone-1280")

    desktop.page.locator("tr[data-column=name_en] a.source-ref").first.click()  # [1] leads to the source list
    expect(desktop.page.locator("#source-1")).to_be_in_viewport()
    link = desktop.page.locator("#source-1 a.source-link").first
    href = link.get_attribute("href") or ""
    assert href.startswith("http") and "127.0.0.1" not in href
    desktop.stub(href)
    link.click()
    desktop.page.wait_for_url(href)
    expect(desktop.page.locator("h1")).to_have_text("Source stub served by the test")
    assert desktop.stubbed == [href]
    desktop.assert_clean()


def test_switching_to_russian_and_chinese_translates_the_labels(desktop: WatchedPage) -> None:
    desktop.goto("/?lang=ru")
    wait_for_map(desktop)
    expect(desktop.page.locator("html")).to_have_attribute("lang", "ru")
    expect(desktop.page.locator("h1")).to_have_text("Особые экономические зоны стран БРИКС")
    expect(desktop.page.locator("#country-label")).to_have_text("Страна")
    expect(desktop.page.locator("label:has(#filter-country-CHN)")).to_contain_text("Китай")

    desktop.goto("/zones/CHN-001")  # the choice is remembered
    expect(desktop.page.locator("#heading-identity")).to_have_text("Основные сведения")

    desktop.page.get_by_role("link", name="中文").click()
    expect(desktop.page.locator("html")).to_have_attribute("lang", "zh-Hans")
    expect(desktop.page.locator("#heading-identity")).to_have_text("基本信息")
    expect(desktop.page.locator(".unknown").first).to_have_text("未知")
    desktop.page.wait_for_selector("#locator[data-state=ready]")
    desktop.screenshot("zone-1280-zh")
    desktop.assert_clean()


def test_pages_fit_a_phone_screen(phone: WatchedPage) -> None:
    phone.assert_fits([("/", "home-375", "#map[data-state=ready]"),
                       ("/zones/RUS-001", "zone-375", "#locator[data-state=ready]")])  # fmt: skip
