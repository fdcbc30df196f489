"""The harmonization matrix in a real browser (Debian chromium) at 1366 px and on a 390 px phone: reached from
the incentives page, filtered by its GET form (with and without JavaScript), the wide table scrolling inside
its box with the regime column kept in view. Screenshots: `matrix-1366`, `matrix-all-1366`, `matrix-390`,
`matrix-390-ar` in test-artifacts/screenshots/.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, ViewportSize, expect

from sezatlas.regimes.loader import load_regimes
from sezatlas.store.database import make_engine
from sezatlas.web.i18n import country_name
from tests.web.browser.watched_page import watching
from tests.web.conftest import serving

LAPTOP = ViewportSize(width=1366, height=900)
PHONE = ViewportSize(width=390, height=844)


@pytest.fixture(scope="module")
def matrix_server() -> Iterator[str]:
    """The matrix reads no database: an app over an empty in-memory one serves it."""
    with serving(make_engine("sqlite://")) as url:
        yield url


def count(country: str) -> int:
    return sum(regime.country_iso3 == country for regime in load_regimes().values())


def test_the_matrix_is_reached_from_the_incentives_page_and_filtered(
    browser: Browser, matrix_server: str
) -> None:
    with watching(browser, matrix_server, LAPTOP) as watched:
        page = watched.page
        watched.goto("/incentives")
        page.get_by_test_id("matrix-link").click()
        expect(page.get_by_test_id("matrix")).to_be_visible()
        filters = page.get_by_test_id("matrix-filters")
        filters.get_by_label(country_name("RUS", "en")).check()
        filters.get_by_label("Customs duties").check()
        filters.get_by_label("Pillar Two exposure").check()
        page.get_by_test_id("matrix-show").click()
        page.wait_for_url("**country=RUS**")
        assert "dimension=customs" in page.url and "dimension=pillar_two" in page.url
        expect(page.locator("tr[data-regime-id]")).to_have_count(count("RUS"))
        summary = page.get_by_test_id("summary-row")
        expect(summary.locator("td")).to_have_count(2)
        expect(summary).to_contain_text("Divergent")
        expect(page.locator('tr[data-regime-id="RUS-sez-tourist"] td.is-unknown')).to_have_text("? unknown")
        expect(page.get_by_test_id("matrix-pdf")).to_have_attribute(
            "href", "/incentives/matrix?country=RUS&dimension=customs&dimension=pillar_two&f=pdf"
        )
        watched.screenshot("matrix-1366")

        watched.goto("/incentives/matrix")
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
        box = page.locator(".table-scroll")
        assert box.evaluate("b => b.scrollWidth > b.clientWidth")  # 17 dimensions scroll inside the box
        expect(page.get_by_test_id("scroll-hint")).to_be_visible()
        box.evaluate("b => { b.scrollLeft = b.scrollWidth; }")
        first = page.locator('tr[data-regime-id="ARE-standard"] th').bounding_box()
        assert first is not None and 0 <= first["x"] < 40  # the regime column stays in view
        watched.screenshot("matrix-all-1366", full_page=False)


def test_the_form_works_without_javascript(browser: Browser, matrix_server: str) -> None:
    context = browser.new_context(viewport=LAPTOP, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{matrix_server}/incentives/matrix")
        page.get_by_test_id("matrix-filters").get_by_label(country_name("ZAF", "en")).check()
        page.get_by_test_id("matrix-show").click()
        page.wait_for_url("**country=ZAF**")
        assert page.locator("tr[data-regime-id]").count() == count("ZAF")
    finally:
        context.close()


def test_the_matrix_fits_a_390_px_phone_in_english_and_arabic(browser: Browser, matrix_server: str) -> None:
    with watching(browser, matrix_server, PHONE) as watched:
        watched.assert_fits([
            ("/incentives/matrix?country=RUS&country=IND", "matrix-390", "[data-testid=matrix]"),
            ("/incentives/matrix?country=EGY&lang=ar", "matrix-390-ar", "[data-testid=matrix]"),
        ])  # fmt: skip
        page = watched.page
        expect(page.locator("html")).to_have_attribute("dir", "rtl")
        heading = page.locator('tr[data-regime-id="EGY-standard"] th').bounding_box()
        assert heading is not None and heading["x"] + heading["width"] <= PHONE["width"] + 1  # on the right
