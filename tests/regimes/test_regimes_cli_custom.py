"""`sezatlas incentives compare|synthetic --regime-file`: custom regimes on the command line, and the
synthetic asset mix (`--asset`)."""

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from sezatlas.regimes.cli import incentives_app

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "regimes" / "custom-10-then-15.toml"
WORKED = ROOT / "docs" / "examples" / "incentives" / "worked-10-year.json"
PLANT = ROOT / "docs" / "examples" / "incentives" / "manufacturing-plant.json"  # with a rouble rate
runner = CliRunner()


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(incentives_app, list(args))
    return result.exit_code, result.output


def written(path: Path) -> list[dict[str, Any]]:
    regimes: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["regimes"]
    return regimes


def test_a_regime_file_alone_is_compared_with_its_standard_regime(tmp_path: Path) -> None:
    code, out = run(
        "compare", "-p", str(WORKED), "--regime-file", str(EXAMPLE), "-o", str(tmp_path / "c.json")
    )
    assert code == 0, out
    assert "RUS-custom-10-then-15 (custom)" in out and "RUS-standard" in out
    (custom,) = written(tmp_path / "c.json")
    assert custom["is_custom"] and custom["counterfactual_id"] == "RUS-standard"
    assert custom["comparison"]["npv_of_incentives"] > 0


def test_a_regime_file_joins_the_bundled_regimes_named(tmp_path: Path) -> None:
    target = tmp_path / "c.json"
    code, out = run(
        "compare", "-p", str(WORKED), "--regime-file", str(EXAMPLE), "-r", "RUS-tor", "-o", str(target)
    )
    assert code == 0, out
    assert [(r["regime_id"], r["is_custom"]) for r in written(target)] == [
        ("RUS-custom-10-then-15", True),
        ("RUS-tor", False),
    ]


def test_a_custom_regimes_taxes_by_year_can_be_printed() -> None:
    code, out = run(
        "compare", "-p", str(WORKED), "--regime-file", str(EXAMPLE), "--schedule", "RUS-custom-10-then-15"
    )
    assert code == 0, out
    assert "RUS-custom-10-then-15: taxes by year" in out and "0.1" in out


def test_an_invalid_regime_file_names_the_file_and_the_field(tmp_path: Path) -> None:
    bad = tmp_path / "my-regime.toml"
    bad.write_text(
        EXAMPLE.read_text(encoding="utf-8").replace("value = 0.10", "value = 1.10"), encoding="utf-8"
    )
    result = runner.invoke(incentives_app, ["compare", "-p", str(WORKED), "--regime-file", str(bad)])
    assert result.exit_code == 1
    assert (
        "error: my-regime.toml: field cit.phases.0.value: Input should be less than or equal to 1"
        in result.stderr
    )


def test_a_file_that_is_not_toml_or_json_says_so(tmp_path: Path) -> None:
    other = tmp_path / "regime.yaml"
    other.write_text("regime_id: RUS-x\n", encoding="utf-8")
    result = runner.invoke(incentives_app, ["compare", "-p", str(WORKED), "--regime-file", str(other)])
    assert (
        result.exit_code == 1
        and "regime.yaml: not a regime file: give a .toml or .json file" in result.stderr
    )


def test_synthetic_rates_of_a_custom_regime_with_another_asset_mix(tmp_path: Path) -> None:
    target = tmp_path / "s.json"
    mix = ("--asset", "machinery=0.10:2", "--asset", "buildings=0.03:0")
    code, out = run("synthetic", "--regime-file", str(EXAMPLE), *mix, "-o", str(target))
    assert code == 0, out
    words = " ".join(out.split())  # the note wraps at the console's width
    assert "machinery delta=0.1 weight=2" in words and "buildings delta=0.03 weight=0" in words
    (custom,) = json.loads(target.read_text(encoding="utf-8"))  # alone: no bundled regime named
    assert custom["regime_id"] == "RUS-custom-10-then-15" and custom["is_custom"]


def test_a_default_asset_mix_leaves_the_rates_as_before() -> None:
    plain = run("synthetic", "-r", "CHN-standard")
    named = run("synthetic", "-r", "CHN-standard", "--asset", "machinery=0.15:1")
    assert plain[0] == named[0] == 0
    assert plain[1].split("Equity-financed")[0] == named[1].split("Equity-financed")[0]


def test_a_malformed_or_impossible_asset_is_refused() -> None:
    result = runner.invoke(incentives_app, ["synthetic", "-r", "CHN-standard", "--asset", "plant=0.1:1"])
    assert result.exit_code == 2 and "--asset 'plant=0.1:1': write CLASS=DELTA:WEIGHT" in result.stderr
    result = runner.invoke(incentives_app, ["synthetic", "-r", "CHN-standard", "--asset", "machinery=0:1"])
    assert (
        result.exit_code == 1
        and "assets.machinery.economic_depreciation: 0 is outside (0, 1]" in result.stderr
    )


def test_a_bundled_regime_file_is_printed_to_start_a_custom_one(tmp_path: Path) -> None:
    code, out = run("regime-file", "RUS-tor")
    assert code == 0 and out == (ROOT / "sezatlas" / "regimes" / "rules_data" / "RUS-tor.toml").read_text()
    mine = tmp_path / "my-tor.toml"
    mine.write_text(
        out.replace('regime_id = "RUS-tor"', 'regime_id = "RUS-tor-8"').replace("years = 5", "years = 8", 1)
    )
    target = tmp_path / "c.json"
    code, printed = run(
        "compare", "-p", str(PLANT), "--regime-file", str(mine), "-r", "RUS-tor", "-o", str(target)
    )
    assert code == 0, printed
    longer, tor = written(target)
    assert longer["comparison"]["npv_of_incentives"] != tor["comparison"]["npv_of_incentives"]
    result = runner.invoke(incentives_app, ["regime-file", "XXX-nowhere"])
    assert result.exit_code == 2 and "'XXX-nowhere' is not a bundled regime" in result.stderr
