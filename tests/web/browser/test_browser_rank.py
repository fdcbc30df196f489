"""The site-selection page in a real browser (Debian chromium): the project form is filled step by step,
sent by htmx, and its shortlist compared side by side and downloaded as a PDF. Nothing is fetched from
outside 127.0.0.1 and nothing is logged as an error (the fixtures check that).
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.web.browser.documents import pdf_text
from tests.web.browser.test_rank_page_http import QUERY
from tests.web.browser.watched_page import WatchedPage

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)

FINANCES = {"capex_buildings_m": "20", "capex_machinery_m": "55", "revenue_m_per_year": "120",
            "opex_m_per_year": "72", "payroll_m_per_year": "15"}  # fmt: skip


def fill_the_project_form(page: WatchedPage) -> None:
    """An automotive parts plant in SEZs, ranked on sector fit and incentives, with its finances."""
    form = page.page.locator("#rank-form")
    form.get_by_label("Project name").fill("Car parts plant")
    form.get_by_label("Sector (ISIC Rev.4 code)").fill("2930")
    form.get_by_text("Zone types (none ticked: any)").click()
    form.get_by_label("Special economic zone").check()
    for criterion in ("land_headroom", "power_headroom", "seaport_distance", "airport_distance"):
        form.locator(f"#rank-w_{criterion}").fill("0")
    form.get_by_label("Method").select_option("weighted_sum")
    form.get_by_text("Add the project's money").click()
    for name, amount in FINANCES.items():
        form.locator(f"#rank-{name}").fill(amount)


def test_a_project_gets_a_shortlist_that_is_compared_and_downloaded(
    desktop: WatchedPage, tmp_path: Path
) -> None:
    desktop.goto("/rank")
    fill_the_project_form(desktop)
    desktop.page.get_by_test_id("rank-submit").click()
    expect(desktop.page.get_by_test_id("ranked")).to_be_visible()
    desktop.page.wait_for_selector("#acceptability-chart[data-state=ready]")
    assert "isic=2930" in desktop.page.url and "capex_machinery_m=55" in desktop.page.url  # shareable
    assert desktop.page.locator("#rank-results").count() == 1  # swapped in place, not nested
    first = desktop.page.locator(".ranked-zone .zone-name").first.inner_text()
    expect(desktop.page.locator(".ranked-zone").first).to_contain_text("Incentives (NPV)")
    desktop.screenshot("rank-1280")

    desktop.page.get_by_test_id("rank-compare").click()
    desktop.page.wait_for_url("**/compare?zones=*")
    expect(desktop.page.locator("th.zone-column > a.zone-name").first).to_have_text(first)

    desktop.page.go_back()
    desktop.page.wait_for_selector("[data-testid=rank-pdf]")
    with desktop.page.expect_download() as pdf:
        desktop.page.get_by_test_id("rank-pdf").click()
    assert first in pdf_text(Path(pdf.value.path()).read_bytes(), tmp_path)
    desktop.assert_clean()


def test_the_rank_page_fits_a_phone(phone: WatchedPage) -> None:
    phone.assert_fits([(QUERY, "rank-375", "#acceptability-chart[data-state=ready]")])
