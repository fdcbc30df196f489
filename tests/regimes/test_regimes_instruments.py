"""Each instrument on the worked project, checked against hand arithmetic (docs/incentives.md)."""

import numpy as np
import pytest
from regime_examples import standard_regime, worked_project, zone_regime

from sezatlas.regimes.schedule import tax_schedule


def test_turnover_levy_charges_exports_and_domestic_sales_at_their_rates() -> None:
    regime = standard_regime(turnover_levy={"export_rate": 0.01, "domestic_rate": 0.02})
    levy = tax_schedule(worked_project(export_share=0.5), regime).taxes["turnover_levy"]
    np.testing.assert_allclose(levy, [0] + [600 * (0.01 * 0.5 + 0.02 * 0.5)] * 9)


def test_creditable_vat_costs_the_interest_on_the_refund_lag() -> None:
    regime = standard_regime(vat={"standard_rate": 0.2, "refund_lag_years": 1})
    vat = tax_schedule(worked_project(), regime).taxes["vat_capital_goods"]
    assert vat[0] == pytest.approx(0.2 * 1000 * (1 - 1 / 1.1)) and not vat[1:].any()


def test_reduced_payroll_contributions_apply_for_their_years() -> None:
    regime = standard_regime(payroll={"reduced_rate": 0.076, "reduced_years": 4})
    paid = tax_schedule(worked_project(), regime).taxes["payroll_contributions"]
    np.testing.assert_allclose(paid, [0, 7.6, 7.6, 7.6, 30, 30, 30, 30, 30, 30])


def test_investment_credit_is_used_against_cit_and_carried_forward() -> None:
    cit = tax_schedule(worked_project(), standard_regime(investment_credit={"rate": 0.1})).taxes["cit"]
    np.testing.assert_allclose(cit[5:], [0, 0, 53.5 - (100 - 44.9 - 53.5), 53.5, 53.5], atol=1e-9)


@pytest.mark.parametrize(("creditable", "year5"), [(False, 44.9), (True, 44.9 - 24)])
def test_minimum_tax_on_turnover_with_and_without_credit(creditable: bool, year5: float) -> None:
    regime = standard_regime(minimum_tax={"rate": 0.01, "base": "turnover", "is_creditable": creditable})
    cit = tax_schedule(worked_project(), regime).taxes["cit"]
    np.testing.assert_allclose(cit[:6], [0, 6, 6, 6, 6, year5], atol=1e-9)


def test_benefit_cap_restores_the_standard_rate_once_benefits_reach_the_cap() -> None:
    """0% with a cap of 10% of capex (100): benefits 8.14 + 8.98 + 9.82 + 10.66 + 53.5 = 91.1, then 8.9."""
    regime = zone_regime(
        cit={"standard_rates": [{"from_year": 2000, "value": 0.2}], "phases": [{"value": 0.0}]},
        customs={},
        property_tax={},
        benefit_cap={"share_of_capex": 0.1},
    )
    cit = tax_schedule(worked_project(), regime).taxes["cit"]
    np.testing.assert_allclose(cit, [0, 0, 0, 0, 0, 0, 53.5 - 8.9, 53.5, 53.5, 53.5], atol=1e-9)


def test_equal_investment_allowance_is_deducted_from_the_first_revenue_year() -> None:
    regime = standard_regime(investment_allowance={"share": 0.3, "years": 6})
    income = tax_schedule(worked_project(), regime).taxable_income
    expected = [-231, 40.7 - 50, 44.9 - 50, 49.1 - 50, 53.3 - 50, 217.5, 217.5, 267.5, 267.5, 267.5]
    np.testing.assert_allclose(income, expected, atol=1e-9)


def test_absorbed_investment_allowance_is_capped_by_paid_in_capital() -> None:
    """Debt 90% of capex: paid-in capital 100, cap 80% of it = 80, absorbed 40.7 then 39.3."""
    regime = standard_regime(
        investment_allowance={
            "share": 0.5,
            "years": 7,
            "spread": "as_absorbed",
            "cap_share_of_paid_in_capital": 0.8,
        }
    )
    income = tax_schedule(worked_project(debt_share=0.9, interest_rate=0.0), regime).taxable_income
    np.testing.assert_allclose(income[:4], [-231, 0, 44.9 - 39.3, 49.1], atol=1e-9)


def test_customs_relief_share_reduces_the_project_duty_rate() -> None:
    regime = standard_regime(customs={"inputs": {"treatment": "reduced", "relief_share": 0.88}})
    duty = tax_schedule(worked_project(), regime).taxes["customs_inputs"]
    np.testing.assert_allclose(duty[1:], [2.5 * 0.12] * 9)


def test_exemption_scoped_to_exports_leaves_duty_on_domestic_sales() -> None:
    regime = standard_regime(customs={"inputs": {"treatment": "exempt", "exempt_scope": "exports"}})
    duty = tax_schedule(worked_project(export_share=0.6), regime).taxes["customs_inputs"]
    np.testing.assert_allclose(duty[1:], [2.5 * 0.4] * 9)
