"""The localization page in chromium: batteries made in Alabuga with non-ferrous metals added, 5 languages.

The stacked bars (today, with the additions) are drawn, the shares table has a row per case, the proxy label
and the method are on the page, and Arabic is laid out right to left.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.web.browser.test_browser_chains import LABELS
from tests.web.browser.watched_page import WatchedPage

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)

PATH = "/chains/localization?code=2720&zone=RUS-001&add=2420@RUS-001"
TITLES = {
    "en": "Localization share",
    "ru": "Доля локализации",
    "zh": "本地化比例",
    "pt": "Índice de localização",
    "ar": "نسبة التوطين",
}


@pytest.mark.parametrize("lang", list(TITLES))
def test_the_localization_page_draws_the_bars_and_the_table(desktop: WatchedPage, lang: str) -> None:
    desktop.goto(f"{PATH}&lang={lang}")
    desktop.page.wait_for_selector("#localization-chart[data-state=ready]")
    assert desktop.page.locator("#localization-chart svg path").count() >= 6  # 3 parts × 2 bars
    expect(desktop.page.locator("h1")).to_have_text(TITLES[lang])
    expect(desktop.page.get_by_test_id("localization-label")).to_have_text(LABELS[lang])
    cases = desktop.page.locator("table[data-testid=localization-shares] tbody tr")
    assert [cases.nth(i).get_attribute("data-case") for i in range(cases.count())] == [
        "before",
        "after",
        "change",
    ]
    expect(desktop.page.locator("tr[data-input='2420']")).to_have_attribute("data-where", "country")
    change = desktop.page.locator("tr[data-case=change] td").first
    expect(change).not_to_have_text("0%")  # non-ferrous metals move into the country
    expect(change).to_have_text(re.compile("^\u200e?[+]"))  # a gain, signed, the sign before in Arabic too
    expect(desktop.page.get_by_test_id("localization-method")).to_contain_text("zone_isic")
    if lang == "ar":
        expect(desktop.page.locator("html")).to_have_attribute("dir", "rtl")
    desktop.screenshot(f"localization-1280-{lang}")
    desktop.assert_clean()


def test_the_form_alone_offers_an_example(desktop: WatchedPage) -> None:
    desktop.goto("/chains/localization")
    desktop.page.get_by_role(
        "link", name="Example: batteries in the Alabuga zone, with non-ferrous metals added"
    ).click()
    desktop.page.wait_for_selector("#localization-chart[data-state=ready]")
    desktop.assert_clean()
