"""Issue 18's acceptance for the regime designer, in a real browser (Debian chromium): the hypothetical
regime of docs/examples/regimes/custom-10-then-15.toml (10 % profit tax for 10 years, then 15 %; machinery
written off in 5 years, straight line) gives the same NPV of incentives, PV of taxes, AETR and METR through
the command line, the API and the incentives page, where a reader designs it from Russia's standard
regime. The TOML the page hands back gives the command line the same figures again, and a bad rate is
refused next to its field. Nothing leaves 127.0.0.1 and nothing is logged as an error (the fixtures).
"""

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, expect
from typer.testing import CliRunner

from sezatlas.regimes.cli import incentives_app
from sezatlas.web.i18n import format_number
from tests.web.browser.watched_page import WatchedPage

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)

EXAMPLE = Path(__file__).parents[3] / "docs" / "examples" / "regimes" / "custom-10-then-15.toml"


def figures(regime: dict[str, Any]) -> dict[str, float]:
    """The four figures the acceptance compares, from a regime of a comparison's JSON."""
    comparison = regime["comparison"]
    zone = comparison["zone"]
    return {"npv_of_incentives": comparison["npv_of_incentives"], "pv_taxes": zone["pv_taxes"],
            "aetr": zone["aetr"], "metr": zone["metr"]}  # fmt: skip


def cli_figures(project: Path, regime_file: Path, target: Path) -> dict[str, float]:
    run = CliRunner().invoke(
        incentives_app, ["compare", "-p", str(project), "--regime-file", str(regime_file), "-o", str(target)]
    )
    assert run.exit_code == 0, run.output
    (regime,) = json.loads(target.read_text(encoding="utf-8"))["regimes"]
    return figures(regime)


def design_ten_then_fifteen(desktop: WatchedPage) -> Locator:
    """Fill the designer from Russia's standard regime as a reader does, compare, return the form."""
    page = desktop.page
    desktop.goto("/incentives")
    form = page.locator("#incentives-form")
    form.get_by_label("Start from", exact=True).select_option("RUS-standard")  # htmx fills in its rules
    name = form.get_by_label("Name of the designed regime")
    expect(name).to_have_value(re.compile(r"^My regime, from Standard profit tax regime"))  # its short name
    expect(form.get_by_label("Machinery: method")).to_have_value("")  # not in the sources: the engine assumes
    name.fill("Ten then fifteen")
    form.get_by_label("Phase 1: rate, per cent").fill("10")
    form.get_by_label("Phase 1: years").fill("10")
    form.get_by_label("Phase 2: rate, per cent").fill("15")
    form.get_by_label("Machinery: method").select_option(label="Straight line")
    form.get_by_label("Machinery: life in years").fill("5")
    form.get_by_test_id("incentives-submit").click()
    expect(page.locator('tr[data-regime-id="RUS-custom"]')).to_contain_text("Ten then fifteen")  # swapped in
    return form


def shown_figures(row: Locator) -> dict[str, str]:
    """The row's NPV of incentives, PV of taxes, AETR and METR as the page shows them."""
    numbers = row.locator("td.number")
    return {
        "npv_of_incentives": numbers.nth(0).inner_text().strip(),
        "pv_taxes": numbers.nth(1).locator("bdi").first.inner_text(),
        "aetr": numbers.nth(3).locator("bdi").nth(0).inner_text(),
        "metr": numbers.nth(3).locator("bdi").nth(1).inner_text(),
    }


def as_shown(value: dict[str, float]) -> dict[str, str]:
    """The figures formatted as the English page formats them (millions to 2 places, rates to 1)."""
    return {
        "npv_of_incentives": format_number(value["npv_of_incentives"] / 1e6, "en", 2),
        "pv_taxes": format_number(value["pv_taxes"] / 1e6, "en", 2),
        "aetr": format_number(value["aetr"] * 100, "en", 1) + "%",
        "metr": format_number(value["metr"] * 100, "en", 1) + "%",
    }


def test_the_example_regime_gives_the_same_figures_by_cli_api_and_page(
    desktop: WatchedPage, tmp_path: Path
) -> None:
    page = desktop.page
    design_ten_then_fifteen(desktop)
    row = page.locator('tr[data-regime-id="RUS-custom"]')
    expect(row.get_by_test_id("custom-mark")).to_be_visible()
    desktop.screenshot("incentives-designer-1280")

    twin_link = page.locator(".downloads a", has_text="JSON").get_attribute("href")
    twin = page.request.get(desktop.base_url + str(twin_link)).json()
    designed = next(regime for regime in twin["regimes"] if regime["regime_id"] == "RUS-custom")
    project = tmp_path / "project.json"  # the page's project, in the CLI's and the API's ProjectInput
    project.write_text(json.dumps(twin["request"]["project"]), encoding="utf-8")

    by_cli = cli_figures(project, EXAMPLE, tmp_path / "cli.json")
    api_body = {"project": twin["request"]["project"], "with_metr": True,
                "custom_regimes": [tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))]}  # fmt: skip
    answer = page.request.post(desktop.base_url + "/api/v1/incentives/project", data=api_body)
    assert answer.status == 200, answer.text()
    by_api = figures(answer.json()["regimes"][0])
    by_page = figures(designed)
    assert by_cli == by_api == pytest.approx(by_page, rel=1e-12)
    assert shown_figures(row) == as_shown(by_cli)  # what the reader sees is the same figure

    with page.expect_download() as download:
        page.get_by_test_id("download-toml").click()
    downloaded = tmp_path / download.value.suggested_filename
    download.value.save_as(downloaded)
    assert downloaded.name == "RUS-custom.toml"
    assert cli_figures(project, downloaded, tmp_path / "again.json") == pytest.approx(by_cli, rel=1e-12)
    desktop.assert_clean()


def test_a_bad_rate_is_refused_next_to_its_field_and_kept(desktop: WatchedPage) -> None:
    form = design_ten_then_fifteen(desktop)
    rate = form.get_by_label("Phase 2: rate, per cent")
    rate.fill("150")
    rate.press("Enter")
    error = desktop.page.locator("#inc-design_phase_rate_2-error")
    expect(error).to_have_text("Must be at most 100.")
    expect(form.get_by_label("Phase 2: rate, per cent")).to_have_value("150")
    expect(form.get_by_label("Phase 2: rate, per cent")).to_have_attribute("aria-invalid", "true")
    expect(desktop.page.get_by_test_id("incentives-errors")).to_contain_text("Phase 2: rate, per cent")
    refusals = [line for line in desktop.console_errors if "status of 400" in line]  # chromium logs the 400
    assert len(refusals) == 1
    desktop.console_errors[:] = [line for line in desktop.console_errors if line not in refusals]
    desktop.assert_clean()
