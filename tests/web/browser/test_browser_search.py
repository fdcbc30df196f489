"""A Chinese investor looks for an EV-battery site in Russia or Brazil, in real chromium (Debian's).

The walk of issue 15, item 1: on the Chinese page, "俄罗斯" in the search box offers Russia's zones and the
country filter; "电池" (batteries) with Russia and Brazil ticked lists the Manaus Free Trade Zone (BRA-001,
declared only "manufacturing") as a possible match, saying so; on the Portuguese page, Brazil with ISIC 27
does the same with the sector filter. At 1366 and 390 px: nothing scrolls sideways, the sector filter shows
its Chinese or Portuguese label whole, and no internal id or field path is on the page.
"""

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.web.browser.test_browser_pages import wait_for_map
from tests.web.browser.watched_page import WatchedPage, watching

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)

# What a reader must never see: a zone id (BRA-001), a field path (specialisation.isic_codes) or a
# snake_case column name (sector_match).
INTERNAL = re.compile(r"\b[A-Z]{3}(?:-[A-Z]+)?-\d{3}\b|\b[a-z]+\.[a-z_]+\b|\b[a-z]+_[a-z_]+\b")
VISIBLE_TEXT = "() => document.body.innerText"


def search(page: WatchedPage, words: str) -> None:
    field = page.page.locator("#filter-q")
    field.fill(words)
    field.press("Enter")
    wait_for_map(page, "q=" + quote(words))


def tick_countries(page: WatchedPage, *codes: str) -> None:
    page.page.locator("#country-picker summary").click()
    for code in codes:
        page.page.check(f"#filter-country-{code}")
    wait_for_map(page, "country=" + ",".join(sorted(codes)))  # the URL lists them in code order
    page.page.locator("#country-picker summary").click()  # closed again, as a reader leaves it


def assert_reads_well(page: Page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0, "scrolls sideways"
    shown = INTERNAL.findall(page.evaluate(VISIBLE_TEXT))
    assert not shown, f"internal ids or field paths on the page: {shown}"


@pytest.mark.parametrize("width", [1366, 390])
def test_a_chinese_investor_finds_battery_sites_in_russia_or_brazil(
    browser: Browser, live_server: str, width: int
) -> None:
    with watching(browser, live_server, ViewportSize(width=width, height=900), locale="zh-CN") as watched:
        page = watched.page
        watched.goto("/?lang=zh")
        wait_for_map(watched)
        search(watched, "俄罗斯")
        expect(page.locator(".zone-list .zone-meta").first).to_contain_text("俄罗斯")
        hint = page.get_by_test_id("country-hint")
        expect(hint).to_contain_text("您是想按国家筛选吗？")
        assert_reads_well(page)
        watched.screenshot(f"search-zh-russia-{width}")
        hint.get_by_role("link").click()
        page.wait_for_url("**/?country=RUS")
        expect(page.locator("#filter-country-RUS")).to_be_checked()
        expect(page.locator("#filter-q")).to_have_value("")

        watched.goto("/?lang=zh")
        wait_for_map(watched)
        tick_countries(watched, "RUS", "BRA")
        expect(page.locator("#country-chosen")).to_have_text("巴西, 俄罗斯")  # by pinyin: Baxi, Eluosi
        search(watched, "电池")
        manaus = page.locator(".zone-list > li", has=page.locator("a[href='/zones/BRA-001']"))
        expect(manaus.get_by_test_id("possible-match")).to_have_text("可能符合（仅申报了行业“制造业”）")
        expect(page.get_by_test_id("sector-hint")).to_contain_text("272 — 电池和蓄电池的制造")
        assert set(page.locator(".zone-list .zone-meta").all_inner_texts()) and all(
            "俄罗斯" in meta or "巴西" in meta
            for meta in page.locator(".zone-list .zone-meta").all_inner_texts()
        )
        assert_reads_well(page)
        watched.screenshot(f"search-zh-battery-russia-brazil-{width}")


@pytest.mark.parametrize("width", [1366, 390])
def test_brazil_and_electrical_equipment_in_portuguese_lists_possible_matches(
    browser: Browser, live_server: str, width: int
) -> None:
    with watching(browser, live_server, ViewportSize(width=width, height=900), locale="pt-BR") as watched:
        page = watched.page
        watched.goto("/?lang=pt")
        wait_for_map(watched)
        tick_countries(watched, "BRA")
        page.select_option("#filter-isic", "27")
        wait_for_map(watched, "country=BRA&isic=27")
        expect(page.locator("#filter-isic-chosen")).to_have_text(
            "27 — Fabricação de máquinas, aparelhos e materiais elétricos"
        )
        chosen = page.locator("#filter-isic-chosen")  # written out whole, wrapping: never cut
        assert chosen.evaluate("e => e.scrollWidth <= e.clientWidth")
        form_width = page.locator("#filters").bounding_box()["width"]  # type: ignore[index]
        if width < 960:  # on a phone the sector select spans the form
            assert page.locator("#filter-isic").bounding_box()["width"] >= 0.95 * form_width  # type: ignore[index]
        manaus = page.locator(".zone-list > li", has=page.locator("a[href='/zones/BRA-001']"))
        expect(manaus.get_by_test_id("possible-match")).to_have_text(
            "correspondência possível (setor declarado apenas como Indústrias de transformação)"
        )
        assert_reads_well(page)
        watched.screenshot(f"search-pt-brazil-isic27-{width}")
