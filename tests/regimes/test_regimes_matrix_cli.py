"""`sezatlas incentives matrix`: the summary in the terminal, and the matrix as JSON, XLSX and PDF."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from sezatlas.regimes.cli import incentives_app
from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.matrix.actions import harmonization_matrix

runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(incentives_app, ["matrix", *args])
    return result.exit_code, result.output


def test_the_terminal_shows_the_cells_and_the_summary_of_few_dimensions() -> None:
    code, out = run("--country", "RUS,IND", "--dimension", "customs,vat")
    assert code == 0, out
    assert "RUS-sez-industrial" in out and "exempt_for_exports" in out and "IND-sez-10aa" in out
    assert "Across the regimes shown" in out and "Divergent" in out
    matrix = harmonization_matrix(["RUS", "IND"], ["customs", "vat"])
    assert (
        f"Regimes shown: {len(matrix.rows)}. Unknown cells: {matrix.unknown_count} of {matrix.cell_count}."
        in out
    )


def test_every_dimension_gives_the_summary_only() -> None:
    code, out = run("-c", "ZAF")
    assert code == 0, out
    assert "pillar_two" in out and "dispute_settlement" in out and "Not known" in out
    assert "Cells (source" not in out  # 17 columns do not fit a terminal: --output shows them


def test_json_output_is_the_api_answer(tmp_path: Path) -> None:
    target = tmp_path / "out" / "m.json"
    code, out = run("--country", "BRA", "--output", str(target))
    assert code == 0, out
    body = json.loads(target.read_text(encoding="utf-8"))
    assert body["regimes"][0]["regime_id"] == "BRA-standard"  # each country's standard regime first
    brazil = sum(regime.country_iso3 == "BRA" for regime in load_regimes().values())
    assert body["cells"] == brazil * 17 and body["summary"]["local_content"]["verdict"] == "divergent"
    manaus = next(row for row in body["regimes"] if row["regime_id"] == "BRA-manaus-zfm")
    assert manaus["cells"]["stability"]["code"] == "guaranteed"


def test_xlsx_output_opens_with_a_row_per_regime(tmp_path: Path) -> None:
    target = tmp_path / "m.xlsx"
    code, out = run("--country", "EGY", "--output", str(target))
    assert code == 0, out
    workbook = load_workbook(target)
    assert workbook.sheetnames == ["Matrix", "Sources", "Summary", "Codes"]
    matrix = workbook["Matrix"]
    assert matrix.max_row == 2 + sum(r.country_iso3 == "EGY" for r in load_regimes().values())


def test_pdf_output_in_chinese(tmp_path: Path) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext not found (apt-get install poppler-utils)")
    target = tmp_path / "m.pdf"
    code, out = run(
        "--country", "CHN", "--dimension", "territory,customs", "--lang", "zh", "--output", str(target)
    )
    assert code == 0, out
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(target), "-"], check=True, capture_output=True,
                          text=True).stdout  # fmt: skip
    assert "协调矩阵" in text and "区域类型" in text and "关税" in text


@pytest.mark.parametrize(("args", "message"), [
    (["--dimension", "tariffs"], "dimension: unknown tariffs"),
    (["--country", "FRA"], "country: no regime is encoded for FRA"),
    (["--lang", "de"], "--lang de: one of en, ru, zh, pt, ar"),
    (["--output", "m.csv"], "--output m.csv: write .xlsx, .pdf or .json"),
])  # fmt: skip
def test_a_bad_option_is_a_usage_error(args: list[str], message: str) -> None:
    code, out = run(*args)
    assert code == 2 and message in out
