"""A regime designed from a bundled one (design.py): only what changed is written, the rest keeps its source,
and the designer's "10 % for 10 years, then 15 %" is the example file's regime."""

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from regime_examples import worked_project

from sezatlas.regimes.actions import compare_incentives
from sezatlas.regimes.design import (
    DESIGNED,
    Allowance,
    Phase,
    RegimeDesign,
    design_document,
    designed_record,
    designed_regime_file,
    start_regime,
    starting_point,
)
from sezatlas.regimes.designer import RegimeDocument, custom_regime, read_regime_file
from sezatlas.regimes.errors import CustomRegimeError
from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.rules import AssetClass, DepreciationMethod, Regime, Treatment

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "regimes" / "custom-10-then-15.toml"
RULES = ("cit", "depreciation", "customs", "vat", "property_tax", "land_tax", "payroll", "eligibility")


def rules(regime: Regime) -> dict[str, object]:
    """What the engine computes with, without identity, provenance and notes."""
    return {name: getattr(regime, name) for name in RULES}


@pytest.mark.parametrize("start_id", sorted(load_regimes()))
def test_an_unchanged_design_has_the_rules_of_its_start(start_id: str) -> None:
    start = load_regimes()[start_id]
    record = designed_record(start_id, starting_point(start, "Unchanged"))
    designed = custom_regime(RegimeDocument("design", record))
    assert rules(designed) == rules(start)
    assert designed.counterfactual_id == (start.counterfactual_id or start_id)
    assert "changed: nothing" in (designed.notes or "") and not designed.provenance.source_urls


def ten_then_fifteen(start: Regime) -> RegimeDesign:
    machinery = {AssetClass.MACHINERY: Allowance(DepreciationMethod.STRAIGHT_LINE, 0.20)}
    before = starting_point(start, "Ten then fifteen")
    return replace(
        before,
        phases=(Phase(0.10, 10), Phase(0.15, None)),
        depreciation={**before.depreciation, **machinery},
    )


def test_the_designers_ten_then_fifteen_gives_the_example_files_figures() -> None:
    design = ten_then_fifteen(start_regime("RUS-standard"))
    designed = design_document("RUS-standard", design)
    page, file = compare_incentives(
        worked_project(), [], custom=[designed, read_regime_file(EXAMPLE)], with_metr=True
    )
    assert page.comparison is not None and file.comparison is not None
    assert page.comparison.npv_of_incentives == file.comparison.npv_of_incentives
    assert page.comparison.zone.pv_taxes == file.comparison.zone.pv_taxes
    assert (page.comparison.zone.aetr, page.comparison.zone.metr) == (
        file.comparison.zone.aetr,
        file.comparison.zone.metr,
    )


def test_a_changed_rule_loses_the_starts_source_and_the_rest_keeps_it() -> None:
    start = start_regime("RUS-standard")
    before = starting_point(start, "Buildings faster")
    faster = {AssetClass.BUILDINGS: Allowance(DepreciationMethod.STRAIGHT_LINE, 0.10)}
    record = designed_record("RUS-standard", replace(before, depreciation={**before.depreciation, **faster}))
    buildings = record["depreciation"]["buildings"]
    assert buildings["rate"] == 0.10 and buildings["note"] == DESIGNED and "source_url" not in buildings
    assert buildings["initial_allowance"] == start.depreciation.buildings.initial_allowance  # type: ignore[union-attr]
    assert record["cit"]["standard_rates"][1]["source_url"]  # untouched: still sourced
    assert "changed: depreciation.buildings" in record["notes"]


def test_exemptions_and_border_taxes_are_written_only_when_they_change() -> None:
    start = start_regime("RUS-tor")  # exempt from duty on capital goods, property tax 5 years
    design = replace(
        starting_point(start, "TOR without the duty exemption"),
        is_capital_goods_duty_exempt=False,
        is_capital_goods_vat_exempt=True,
        land_exemption_years=7,
    )
    regime = custom_regime(RegimeDocument("design", designed_record("RUS-tor", design)))
    assert regime.customs.capital_goods.treatment is Treatment.STANDARD
    assert regime.vat.capital_goods is Treatment.EXEMPT
    assert (regime.land_tax.exemption_years, regime.property_tax.exemption_years) == (7, 5)
    assert regime.cit.phases == start.cit.phases and regime.cit.trigger == start.cit.trigger


def test_the_advanced_toml_is_merged_last() -> None:
    start = start_regime("RUS-standard")
    extra = {"payroll": {"reduced_rate": 0.076, "reduced_years": 10}, "regime_id": "RUS-my-zone"}
    record = designed_record("RUS-standard", replace(starting_point(start, "With payroll"), extra=extra))
    regime = custom_regime(RegimeDocument("design", record))
    assert (regime.regime_id, regime.payroll.reduced_rate, regime.payroll.reduced_years) == (
        "RUS-my-zone",
        0.076,
        10,
    )


def test_the_designed_file_is_checked_before_it_is_handed_out() -> None:
    start = start_regime("RUS-standard")
    name, text = designed_regime_file("RUS-standard", starting_point(start, "As a file"))
    assert name == "RUS-custom.toml"
    assert custom_regime(RegimeDocument(name, tomllib.loads(text))).name == "As a file"
    broken = replace(starting_point(start, "Broken"), extra={"payroll": {"reduced_rate": 7.6}})
    with pytest.raises(CustomRegimeError, match=r"design: field payroll\.reduced_rate"):
        designed_regime_file("RUS-standard", broken)
