"""`sezatlas incentives`: the comparison table, the schedule, JSON/XLSX files, synthetic rates."""

import json
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook
from regime_examples import worked_project
from typer.testing import CliRunner

from sezatlas.regimes.cli import incentives_app
from sezatlas.regimes.contract import ProjectInput

EXAMPLES = Path(__file__).parents[2] / "docs" / "examples" / "incentives"
WORKED = EXAMPLES / "worked-10-year.json"
PLANT = EXAMPLES / "manufacturing-plant.json"
runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(incentives_app, list(args))
    return result.exit_code, result.output


def test_the_example_files_are_valid_projects() -> None:
    assert ProjectInput.model_validate_json(WORKED.read_bytes()).to_project() == worked_project()
    assert ProjectInput.model_validate_json(PLANT.read_bytes()).to_project().horizon_years == 15


def test_compare_prints_each_regime_against_its_standard() -> None:
    code, out = run(
        "compare", "--project", str(PLANT), "--regimes", "RUS-tor,SAU-sez,SAU-standard", "--no-metr"
    )
    assert code == 0, out
    assert "RUS-tor" in out and "RUS-standard" in out and "NPV of incentives" in out
    assert "payroll" in out and "(itself)" in out


def test_doubtful_regimes_carry_a_marker_and_a_footnote() -> None:
    code, out = run("compare", "-p", str(PLANT), "-r", "RUS-sez-industrial", "--no-metr")
    assert code == 0, out
    assert "RUS-sez-industrial †" in out
    assert "† low-confidence or UNVERIFIED facts" in out and "UNVERIFIED: federal share" in out


def test_a_regime_closed_to_new_entrants_shows_its_error_not_a_number() -> None:
    code, out = run("compare", "-p", str(PLANT), "-r", "IND-sez-10aa,IND-sez-new-unit", "--no-metr")
    assert code == 0, out
    assert "closed to" in out and "2020-03-31" in out


def test_an_ineligible_project_says_why(tmp_path: Path) -> None:
    code, out = run("compare", "-p", str(WORKED), "-r", "IDN-kek-holiday-tier1", "--no-metr")
    assert code == 0 and "fx_rates" in out  # the threshold is in IDR: the fix is named
    project = json.loads(WORKED.read_text()) | {"fx_rates": {"IDR": 0.000063}}
    path = tmp_path / "small.json"
    path.write_text(json.dumps(project))
    code, out = run("compare", "-p", str(path), "-r", "IDN-kek-holiday-tier1", "--no-metr")
    assert code == 0 and "not eligible because" in out and "below the minimum" in out


def test_schedule_prints_the_year_by_year_taxes() -> None:
    code, out = run("compare", "-p", str(WORKED), "-r", "ARE-qfzp", "--schedule", "ARE-standard", "--no-metr")
    assert code == 0, out
    assert "ARE-standard: taxes by year" in out and "customs_capital_goods" in out and "2035" in out


def test_a_long_schedule_is_split_by_years_and_never_cuts_a_figure() -> None:
    code, out = run("compare", "-p", str(PLANT), "-r", "RUS-tor", "--schedule", "RUS-tor", "--no-metr")
    assert code == 0, out
    assert "RUS-tor: taxes by year (USD), 2027–" in out and "–2041" in out
    assert "-8,014,000.0" in out and not re.search(r"\d[.,]?…", out)
    assert "customs_capital_goods" in out  # labels are not cut either


def test_json_output_holds_every_regime(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    code, out = run("compare", "-p", str(WORKED), "-r", "BRA-zpe,EGY-free-zone", "-o", str(target))
    assert code == 0, out
    data = json.loads(target.read_text())
    assert [r["regime_id"] for r in data["regimes"]] == ["BRA-zpe", "EGY-free-zone"]
    comparison = data["regimes"][0]["comparison"]
    assert comparison["npv_of_incentives"] == pytest.approx(
        comparison["standard"]["pv_taxes"] - comparison["zone"]["pv_taxes"]
    )
    assert len(comparison["zone"]["schedule"]["calendar_years"]) == 10


def test_xlsx_has_a_summary_and_one_schedule_sheet_per_regime(tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    code, out = run(
        "compare", "-p", str(WORKED), "-r", "ZAF-sez-12r,ZAF-standard", "-o", str(target), "--no-metr"
    )
    assert code == 0, out
    book = load_workbook(target)
    assert book.sheetnames == ["Summary", "ZAF-sez-12r", "ZAF-standard"]
    summary = list(book["Summary"].iter_rows(values_only=True))
    assert summary[1][0] == "regime_id" and summary[2][0] == "ZAF-sez-12r" and summary[2][4] == "yes"
    years = list(book["ZAF-sez-12r"].iter_rows(values_only=True))
    assert years[0][:3] == ("year", 2026, 2027) and years[1][0] == "CIT rate"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("-r", "XXX-nothing"), "unknown regime_id XXX-nothing"),
        (("--country", "FRA"), "no regime is encoded for 'FRA'"),
        (("-r", "RUS-tor", "-o", "out.csv"), "write .json or .xlsx"),
        (("-r", "RUS-tor", "--schedule", "NOPE"), "--schedule: unknown regime_id"),
    ],
)
def test_bad_requests_exit_with_an_actionable_message(args: tuple[str, ...], message: str) -> None:
    code, out = run("compare", "-p", str(WORKED), "--no-metr", *args)
    assert code == 2 and message in out


def test_a_bad_project_file_names_the_field(tmp_path: Path) -> None:
    bad = json.loads(WORKED.read_text())
    bad["capex"][0]["amount"] = -5
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(bad))
    code, out = run("compare", "-p", str(path), "-r", "RUS-tor")
    assert code == 1 and "bad.json, field capex.0.amount" in out


def test_synthetic_prints_rates_per_asset_and_composite(tmp_path: Path) -> None:
    target = tmp_path / "rates.json"
    code, out = run("synthetic", "--country", "ZAF", "-o", str(target))
    assert code == 0, out
    assert (
        "composite" in out and "cost of capital" in out and "ZAF-sez-12r †" in out and "illustrative" in out
    )
    rates = json.loads(target.read_text())
    assert {r["regime_id"] for r in rates} == {"ZAF-standard", "ZAF-sez-12r"}
    assert rates[0]["composite"]["eatr"] < 1 and set(rates[0]["by_asset"]) == {
        "buildings",
        "machinery",
        "intangibles",
    }


def test_an_unsupported_output_is_refused_before_computing(tmp_path: Path) -> None:
    result = runner.invoke(incentives_app, ["synthetic", "--country", "ZAF", "-o", str(tmp_path / "r.csv")])
    assert result.exit_code == 2 and result.stderr == f"error: --output {tmp_path / 'r.csv'}: write .json\n"


def test_output_into_a_missing_folder_creates_it(tmp_path: Path) -> None:
    target = tmp_path / "new" / "rates.json"
    result = runner.invoke(incentives_app, ["synthetic", "--country", "ZAF", "--output", str(target)])
    assert result.exit_code == 0 and f"Created the folder {target.parent}" in result.stderr
    assert {r["regime_id"] for r in json.loads(target.read_text())} == {"ZAF-standard", "ZAF-sez-12r"}


def test_list_shows_every_regime() -> None:
    code, out = run("list")
    assert code == 0 and "RUS-kaliningrad-sez" in out and "(standard)" in out


DOCS = (Path(__file__).parents[2] / "docs" / "incentives.md").read_text(encoding="utf-8")


def _docs_run_is_current(*args: str) -> None:
    """The output pasted in the docs under the command is what the CLI prints now, line by line."""
    code, out = run(*args)
    assert code == 0, out
    for line in out.splitlines():
        assert line.rstrip() in DOCS, line


def test_the_command_line_examples_in_the_docs_are_current() -> None:
    regimes = (
        "RUS-tor,RUS-sez-industrial,SAU-sez,ARE-qfzp,IND-sez-new-unit,IND-sez-10aa,IDN-kek-holiday-tier3"
    )
    regimes += ",EGY-free-zone,ZAF-sez-12r,CHN-hainan-ftp"
    assert f"--regimes {regimes}" in DOCS
    _docs_run_is_current("compare", "--project", str(PLANT), "--regimes", regimes)
    assert "--regimes SAU-sez,SAU-standard,BRA-zpe --schedule SAU-sez" in DOCS
    _docs_run_is_current(
        "compare", "-p", str(WORKED), "-r", "SAU-sez,SAU-standard,BRA-zpe", "--schedule", "SAU-sez"
    )
