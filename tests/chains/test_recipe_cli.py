"""`sezatlas chains recipe`: the recipe in the terminal and in files, always with the proxy label."""

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from sezatlas.chains.recipe import PROXY_LABEL
from sezatlas.cli import app

runner = CliRunner()


def test_the_terminal_table_lists_the_inputs_under_the_proxy_label() -> None:
    result = runner.invoke(app, ["chains", "recipe", "2720", "--top", "3"], env={"COLUMNS": "120"})
    assert result.exit_code == 0, result.output
    assert "ISIC:2720 Manufacture of batteries and accumulators" in result.output
    assert "2420" in result.output and "Made of BEA industries 335911 78%, 335912 22%" in result.output
    assert PROXY_LABEL in result.output


def test_json_output_is_the_api_shape_with_the_label(tmp_path: Path) -> None:
    out = tmp_path / "recipes" / "batteries.json"
    args = ["chains", "recipe", "HS:850760", "--total", "--top", "4", "--output", str(out)]
    result = runner.invoke(app, args, env={"COLUMNS": "250"})  # the line names the path: not wrapped
    assert result.exit_code == 0, result.output
    assert PROXY_LABEL in result.output
    recipe = json.loads(out.read_text(encoding="utf-8"))
    assert recipe["label"] == PROXY_LABEL and recipe["ranked_by"] == "total" and len(recipe["inputs"]) == 4
    assert recipe["stands_for"][0]["isic_class"] in {"2720", "3314"}


def test_every_csv_row_carries_the_label(tmp_path: Path) -> None:
    out = tmp_path / "cars.csv"
    result = runner.invoke(app, ["chains", "recipe", "2910", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len([r for r in rows if r["input_kind"] == "isic_class"]) == 15
    assert {r["label"] for r in rows} == {PROXY_LABEL}
    assert {r["asked_code"] for r in rows} == {"ISIC:2910"}


def test_an_unknown_code_is_refused_naming_it() -> None:
    result = runner.invoke(app, ["chains", "recipe", "9999"])
    assert result.exit_code == 1
    assert "error: ISIC 9999 is not an ISIC Rev.4 code" in result.output


def test_an_unreadable_code_is_a_usage_error_and_a_wrong_file_type_is_refused_first(tmp_path: Path) -> None:
    assert runner.invoke(app, ["chains", "recipe", "ISIC:27"]).exit_code == 2
    result = runner.invoke(app, ["chains", "recipe", "2720", "-o", str(tmp_path / "r.xlsx")])
    assert result.exit_code == 2 and "write .csv or .json" in result.output
