"""`sezatlas chains near` and `chains country`: the Growth Lab's figures in the terminal, attributed."""

from typer.testing import CliRunner

from sezatlas.chains.growth_lab import ATTRIBUTION
from sezatlas.cli import app

runner = CliRunner()
WIDE = {"COLUMNS": "200"}


def test_near_lists_the_linked_products_with_pci_and_the_attribution() -> None:
    result = runner.invoke(app, ["chains", "near", "850760", "--top", "2"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "Near HS92 8507 Batteries (PCI 0.947" in result.output
    assert "8532" in result.output and "0.474" in result.output and "8528" in result.output
    assert "850760 was read as its heading 8507" in result.output
    assert "split heading 8507 differently" in result.output
    assert ATTRIBUTION in result.output


def test_country_prints_eci_projections_and_strategic_approach() -> None:
    result = runner.invoke(app, ["chains", "country", "RUS"], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "RUS (member)" in result.output and "2024" in result.output and "0.247" in result.output
    assert "Strategic approach: light touch" in result.output and ATTRIBUTION in result.output


def test_a_bad_code_is_one_error_line_and_exit_code_2() -> None:
    result = runner.invoke(app, ["chains", "near", "85"])
    assert result.exit_code == 2
    assert "error: HS code '85': give a 4-digit heading" in result.output


def test_an_uncovered_country_exits_1() -> None:
    result = runner.invoke(app, ["chains", "country", "FRA"])
    assert result.exit_code == 1 and "error: country 'FRA'" in result.output
