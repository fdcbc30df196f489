"""The hand-checkable 10-year project of docs/incentives.md: its tax tables and what follows from them."""

import numpy as np
import pytest
from regime_examples import standard_regime, worked_project, zone_regime

from sezatlas.regimes.decompose import sequential, shapley
from sezatlas.regimes.evaluate import compare, evaluate_regime
from sezatlas.regimes.metr import project_metr
from sezatlas.regimes.project import Project
from sezatlas.regimes.rules import Regime
from sezatlas.regimes.schedule import tax_schedule

# Standard: duty 10% x 500 imported = 50, capitalised (basis 1050, allowance 210 a year for 5 years);
# input duty 200 x 25% x 5% = 2.5; contributions 30% x 100 = 30; property tax 2% of the opening value;
# year 0's loss (21 + 210 = 231) is used up by year 5: 231 − 40.7 − 44.9 − 49.1 − 53.3 = 43.0.
STANDARD_TABLE = {
    "customs_capital_goods": [50, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    "customs_inputs": [0] + [2.5] * 9,
    "property_tax": [21, 16.8, 12.6, 8.4, 4.2, 0, 0, 0, 0, 0],
    "payroll_contributions": [0] + [30] * 9,
    "cit": [0, 0, 0, 0, 0, 44.9, 53.5, 53.5, 53.5, 53.5],
}
STANDARD_TAXABLE = [-231, 40.7, 44.9, 49.1, 53.3, 267.5, 267.5, 267.5, 267.5, 267.5]
# Zone: no duties (allowance 200), no property tax for 5 years; first profit in year 1 (270 − 200 = 70)
# starts 0% for years 1-2 (the year-0 loss of 200 survives), 10% for years 3-5 (loss used 70, 70, 60).
ZONE_TABLE = {
    "customs_capital_goods": [0] * 10,
    "customs_inputs": [0] * 10,
    "property_tax": [0] * 10,
    "payroll_contributions": [0] + [30] * 9,
    "cit": [0, 0, 0, 0, 0, 21, 54, 54, 54, 54],
}
ZONE_RATES = [0.2, 0.0, 0.0, 0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.2]


@pytest.mark.parametrize(
    ("regime", "table"), [(standard_regime(), STANDARD_TABLE), (zone_regime(), ZONE_TABLE)]
)
def test_year_by_year_table_matches_the_hand_computation(
    regime: Regime, table: dict[str, list[float]]
) -> None:
    schedule = tax_schedule(worked_project(), regime)
    for name, expected in table.items():
        np.testing.assert_allclose(schedule.taxes[name], expected, atol=1e-9, err_msg=name)
    for name in ("vat_capital_goods", "land_tax", "turnover_levy", "pillar_two_top_up"):
        assert not schedule.taxes[name].any()


def test_taxable_income_and_rates_match_the_hand_computation(
    project: Project, zone: Regime, standard: Regime
) -> None:
    np.testing.assert_allclose(tax_schedule(project, standard).taxable_income, STANDARD_TAXABLE, atol=1e-9)
    np.testing.assert_allclose(tax_schedule(project, zone).cit_rate, ZONE_RATES, atol=1e-12)


def test_unknown_rates_are_named_not_silently_zero(project: Project, standard: Regime) -> None:
    notes = tax_schedule(project, standard).notes
    assert "land tax: no rate in the regime or the project; not modelled" in notes
    assert any(note.startswith("VAT on capital goods") for note in notes)


def test_pv_npv_and_aetr_follow_from_the_table(project: Project, standard: Regime) -> None:
    result = evaluate_regime(project, standard)
    factors = 1.1 ** -np.arange(10)
    total = sum(np.asarray(row, dtype=float) for row in STANDARD_TABLE.values())
    assert result.pv_taxes == pytest.approx(float(total @ factors), abs=1e-9)
    assert result.pv_taxes is not None
    npv_pre = -1000 + 300 * float(factors[1:].sum())
    assert result.npv_pre_tax == pytest.approx(npv_pre, abs=1e-9)
    assert result.npv_post_tax == pytest.approx(npv_pre - result.pv_taxes, abs=1e-9)
    assert result.aetr == pytest.approx(result.pv_taxes / npv_pre, abs=1e-12)


def test_npv_of_incentives_is_the_pv_difference_and_its_parts_add_up(
    project: Project, zone: Regime, standard: Regime
) -> None:
    result = compare(project, zone, standard)
    assert result.zone.pv_taxes is not None and result.standard.pv_taxes is not None
    assert result.npv_of_incentives == pytest.approx(result.standard.pv_taxes - result.zone.pv_taxes)
    assert set(result.by_instrument) == {"cit", "customs", "property_tax"}
    assert sum(result.by_instrument.values()) == pytest.approx(result.npv_of_incentives, abs=1e-9)
    assert result.decomposition_rule == "shapley"


def test_shapley_shares_interactions_equally_and_sequential_depends_on_order() -> None:
    game = {frozenset(): 0.0, frozenset({"a"}): 1.0, frozenset({"b"}): 2.0, frozenset({"a", "b"}): 4.0}
    assert shapley(("a", "b"), game) == pytest.approx({"a": 1.5, "b": 2.5})


def test_sequential_decomposition_adds_up_in_the_stated_order(
    project: Project, zone: Regime, standard: Regime
) -> None:
    from sezatlas.regimes.evaluate import pv_taxes

    names = ("cit", "customs", "property_tax")
    parts = sequential(names, zone, standard, lambda r: pv_taxes(project, r))
    assert sum(parts.values()) == pytest.approx(compare(project, zone, standard).npv_of_incentives)


def test_metr_is_zero_without_taxes() -> None:
    untaxed = standard_regime(cit={"standard_rates": [{"from_year": 2000, "value": 0.0}]})
    project = worked_project(
        duty_rate_capital_goods=None,
        duty_rate_inputs=None,
        property_tax_rate=None,
        payroll_contribution_rate=None,
    )
    assert project_metr(project, untaxed) == pytest.approx(0.0, abs=1e-8)


def test_metr_is_positive_and_below_one_under_the_standard_regime(project: Project, standard: Regime) -> None:
    metr = project_metr(project, standard)
    assert metr is not None and 0 < metr < 1


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        ("forfeit", [0, 0, 0, 14, 14, 54, 54, 54, 54, 54]),
        ("carry_forward", [0, 0, 0, 0, 0, 42, 54, 54, 54, 54]),
    ],
)
def test_a_loss_made_in_a_holiday_year_is_forfeited_or_carried_forward(
    rule: str, expected: list[float]
) -> None:
    """Year 0 (0%): allowances of 200 are deemed taken and make a loss of 200; years 1-2 earn an exempt 70."""
    zone = zone_regime(
        cit={
            "standard_rates": [{"from_year": 2000, "value": 0.20}],
            "phases": [{"value": 0.0, "years": 3}],
            "holiday_loss_rule": rule,
        }
    )
    schedule = tax_schedule(worked_project(), zone)
    np.testing.assert_allclose(schedule.taxable_income[:3], [-200, 70, 70], atol=1e-9)
    np.testing.assert_allclose(schedule.taxes["cit"], expected, atol=1e-9)


def test_deferred_allowances_are_claimed_in_the_first_taxed_year() -> None:
    zone = zone_regime(
        cit={
            "standard_rates": [{"from_year": 2000, "value": 0.20}],
            "phases": [{"value": 0.0, "years": 2}],
            "holiday_allowance_rule": "deferred",
        }
    )
    schedule = tax_schedule(worked_project(), zone)
    # years 0-1 exempt, allowances 400 deferred; year 2: 270 − 200 − 400 = −330 carried forward,
    # used 70 in years 3 and 4, the last 190 in year 5
    np.testing.assert_allclose(schedule.taxable_income[:3], [0, 270, -330], atol=1e-9)
    np.testing.assert_allclose(schedule.taxes["cit"][:6], [0, 0, 0, 0, 0, 0.2 * (270 - 190)], atol=1e-9)


def test_more_than_ten_differing_instruments_fall_back_to_sequential_and_say_so() -> None:
    busy = zone_regime(
        depreciation={"machinery": {"method": "expensing"}},
        investment_allowance={"share": 0.1, "years": 2},
        investment_credit={"rate": 0.05},
        vat={"standard_rate": 0.1, "refund_lag_years": 1},
        land_tax={"exemption_years": 2},
        payroll={"reduced_rate": 0.1},
        turnover_levy={"export_rate": 0.001},
        minimum_tax={"rate": 0.001, "base": "turnover"},
    )
    result = compare(worked_project(land_tax_rate=0.01, land_value=100.0), busy, standard_regime())
    assert len(result.by_instrument) == 11
    assert result.decomposition_rule.startswith("sequential")
    assert sum(result.by_instrument.values()) == pytest.approx(result.npv_of_incentives, abs=1e-9)
