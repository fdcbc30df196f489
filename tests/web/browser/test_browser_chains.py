"""The chain page in chromium: batteries seen from Alabuga, in each of the five languages.

The Sankey diagram is drawn (SVG paths in its element), the table lists zones with links to their pages,
the proxy label is shown, and the page with the full ECharts build stays within the page budget.
"""

import pytest
from playwright.sync_api import expect

from tests.web.browser.watched_page import WatchedPage

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)

PATH = "/chains?code=2720&zone=RUS-001"
PAGE_BUDGET_BYTES = 1_000_000
TRANSFERRED = """() => performance.getEntries()
  .reduce((sum, entry) => sum + (entry.transferSize || 0), 0)"""
LABELS = {
    "en": "US 2017 technology coefficients — a proxy, not the country's own",
    "ru": "Технологические коэффициенты США 2017 года — приближение, а не данные самой страны",
    "zh": "美国 2017 年技术系数——仅为近似替代，并非该国自身数据",
    "pt": "Coeficientes técnicos dos EUA de 2017 — uma aproximação, não os do próprio país",
    "ar": "معاملات التقنية الأمريكية لعام 2017 — تقريب بديل، لا معاملات البلد نفسه",
}


@pytest.mark.parametrize("lang", list(LABELS))
def test_the_chain_page_draws_the_sankey_and_lists_the_zones(desktop: WatchedPage, lang: str) -> None:
    desktop.goto(f"{PATH}&lang={lang}")
    desktop.page.wait_for_selector("#chain-sankey[data-state=ready]")
    assert desktop.page.locator("#chain-sankey svg path").count() > 10  # nodes and links
    expect(desktop.page.get_by_test_id("proxy-label")).to_have_text(LABELS[lang])
    zones = desktop.page.locator("table[data-testid=suppliers] tbody tr[data-zone] a[href^='/zones/']")
    assert zones.count() >= 10
    assert desktop.page.locator("tbody[data-input]").count() == 10
    assert desktop.page.locator("tr[data-zone=RUS-001]").count() == 0  # the target is not its own supplier
    if lang == "ar":
        expect(desktop.page.locator("html")).to_have_attribute("dir", "rtl")
    desktop.screenshot(f"chains-1280-{lang}")
    desktop.assert_clean()


def test_the_chain_page_with_the_full_echarts_build_stays_within_the_budget(desktop: WatchedPage) -> None:
    desktop.goto(PATH)
    desktop.page.wait_for_selector("#chain-sankey[data-state=ready]")
    desktop.page.wait_for_load_state("networkidle")
    transferred = int(desktop.page.evaluate(TRANSFERRED))
    assert 0 < transferred < PAGE_BUDGET_BYTES, f"{transferred:,} bytes on first load"
    first_zone = desktop.page.locator("tr[data-zone] a[href^='/zones/']").first
    href = first_zone.get_attribute("href")
    first_zone.click()
    expect(desktop.page).to_have_url(f"{desktop.base_url}{href}")
    desktop.assert_clean()
