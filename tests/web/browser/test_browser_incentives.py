"""The incentives page in a real browser (Debian chromium): a sector fills the form, the comparison comes
back as a table and a chart, and a regime's taxes by year open below it. Nothing is fetched from outside
127.0.0.1 and nothing is logged as an error (the fixtures check that).
"""

import pytest
from playwright.sync_api import expect

from tests.web.browser.test_incentives_page_http import QUERY
from tests.web.browser.watched_page import WatchedPage

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)


def test_a_project_is_compared_across_regimes_and_a_schedule_opened(desktop: WatchedPage) -> None:
    page = desktop.page
    desktop.goto("/incentives")
    form = page.locator("#incentives-form")
    form.get_by_label("Sector", exact=True).select_option(
        label="Electronics assembly"
    )  # htmx fills its figures
    expect(form.get_by_label("Revenue per year")).to_have_value("150")
    expect(form.get_by_label("Machinery imported, per cent")).to_have_value("85")
    expect(page.get_by_test_id("comparison")).to_be_visible()  # choosing a sector compares at once
    form.get_by_text("Russian Federation").click()  # a country's regimes, behind its summary
    form.locator('input[name=regime][value="RUS-tor"]').check()  # labelled by its name, not its id
    form.get_by_label("Exchange rates (optional)").fill("RUB=0.0125")
    form.get_by_label("Revenue per year").fill("140")
    years = form.get_by_label("Years", exact=True)
    years.fill("12")
    years.press("Enter")  # the keyboard sends the form, as typed (Enter does not refill the sector's figures)
    row = page.locator('tr[data-regime-id="RUS-tor"]')
    expect(row).to_contain_text("Eligible")
    expect(form.get_by_label("Revenue per year")).to_have_value("140")
    page.wait_for_selector("#npv-chart[data-state=ready]")
    for part in ("sector=electronics", "regime=RUS-tor", "horizon_years=12", "revenue_m_per_year=140"):
        assert part in page.url  # the comparison can be shared by its URL
    assert page.locator("#incentives-layout").count() == 1  # swapped in place, not nested
    expect(page.locator("#npv-chart svg")).to_be_visible()
    desktop.screenshot("incentives-1280")

    row.get_by_test_id("open-schedule").click()
    schedule = page.get_by_test_id("schedule")
    expect(schedule).to_be_visible()
    expect(page.locator("#schedule-heading")).to_contain_text("Territory of Advanced Development")
    expect(schedule.locator("thead th")).to_have_count(12 + 2)  # a column per year, the label and the PV
    expect(schedule).to_contain_text("Customs duty on capital goods")
    assert "schedule=RUS-tor" in page.url
    desktop.screenshot("incentives-schedule-1280")

    page.go_back()  # the history holds each comparison
    page.wait_for_url("**horizon_years=12**")
    expect(page.get_by_test_id("schedule")).to_have_count(0)
    desktop.assert_clean()


def test_the_incentives_page_fits_a_phone(phone: WatchedPage) -> None:
    phone.assert_fits([(QUERY + "&schedule=ARE-qfzp", "incentives-375", "#npv-chart[data-state=ready]")])
