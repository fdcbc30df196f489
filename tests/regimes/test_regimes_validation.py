"""Impossible inputs get a specific error naming the field; ineligible projects get the reasons."""

from datetime import date

import pytest
from pydantic import ValidationError
from regime_examples import standard_regime, worked_project, zone_regime

from sezatlas.regimes.errors import IncentiveInputError, MissingExchangeRateError, RegimeNotInForceError
from sezatlas.regimes.evaluate import compare, evaluate_regime
from sezatlas.regimes.project import CapexItem
from sezatlas.regimes.rules import AssetClass, Regime


def test_negative_capex_is_rejected() -> None:
    with pytest.raises(IncentiveInputError, match=r"capex\[0\]\.amount: -5"):
        worked_project(capex=(CapexItem(AssetClass.MACHINERY, 0, -5.0),))


@pytest.mark.parametrize("field", ["export_share", "imported_input_share", "debt_share", "duty_rate_inputs"])
def test_share_outside_zero_one_is_rejected(field: str) -> None:
    with pytest.raises(IncentiveInputError, match=f"{field}: 1.5 is outside 0..1"):
        worked_project(**{field: 1.5})


def test_import_share_of_a_capex_item_outside_zero_one_is_rejected() -> None:
    with pytest.raises(IncentiveInputError, match=r"capex\[0\]\.import_share"):
        worked_project(capex=(CapexItem(AssetClass.MACHINERY, 0, 10.0, import_share=-0.1),))


def test_zero_horizon_is_rejected() -> None:
    with pytest.raises(IncentiveInputError, match="horizon_years: 0"):
        worked_project(horizon_years=0, revenue=(), opex=(), payroll=())


@pytest.mark.parametrize("rate", [-1.0, -2.0])
def test_discount_rate_at_or_below_minus_one_is_rejected(rate: float) -> None:
    with pytest.raises(IncentiveInputError, match="real_discount_rate"):
        worked_project(real_discount_rate=rate)


def test_series_of_the_wrong_length_is_rejected() -> None:
    with pytest.raises(IncentiveInputError, match="revenue: 3 values for a horizon of 10 years"):
        worked_project(revenue=(1.0, 2.0, 3.0))


def test_capex_outside_the_horizon_is_rejected() -> None:
    with pytest.raises(IncentiveInputError, match=r"capex\[0\]\.year: 12"):
        worked_project(capex=(CapexItem(AssetClass.BUILDINGS, 12, 10.0),))


def test_regime_closed_to_new_entrants_is_an_error_naming_the_cut_off() -> None:
    closed = zone_regime(valid_until=date(2020, 3, 31))
    with pytest.raises(RegimeNotInForceError, match="closed to projects starting after 2020-03-31"):
        evaluate_regime(worked_project(), closed)


def test_regime_not_yet_in_force_is_an_error() -> None:
    future = zone_regime(valid_from=date(2030, 1, 1))
    with pytest.raises(RegimeNotInForceError, match="from 2030-01-01"):
        evaluate_regime(worked_project(), future)


def test_ineligible_project_gets_reasons_and_no_numbers() -> None:
    strict = zone_regime(
        eligibility={
            "min_investment": {"value": 2000, "currency": "USD"},
            "isic_allowed_prefixes": ["C"],
            "min_export_share": {"value": 0.5},
        }
    )
    result = compare(worked_project(isic_code="4711"), strict, standard_regime())
    assert result.npv_of_incentives is None
    assert not result.zone.is_eligible and result.zone.pv_taxes is None
    reasons = " | ".join(result.zone.reasons)
    assert "below the minimum of 2,000 USD" in reasons
    assert "ISIC 4711 is not among the eligible sectors (ISIC C)" in reasons
    assert "export share 0% is below the required 50%" in reasons


def test_threshold_in_another_currency_needs_an_exchange_rate() -> None:
    rub = zone_regime(eligibility={"min_investment": {"value": 120e6, "currency": "RUB"}})
    with pytest.raises(MissingExchangeRateError, match=r"add fx_rates\['RUB'\]"):
        evaluate_regime(worked_project(), rub)
    eligible = evaluate_regime(worked_project(fx_rates={"RUB": 1 / 1_000_000}), rub)
    assert eligible.is_eligible
    too_small = evaluate_regime(worked_project(fx_rates={"RUB": 1 / 100_000}), rub)
    assert too_small.reasons == ("capex is 1,000 USD, below the minimum of 120,000,000 RUB (1,200 USD)",)


def test_comparison_with_the_wrong_counterfactual_is_rejected() -> None:
    other = standard_regime(regime_id="YYY-standard")
    with pytest.raises(IncentiveInputError, match="compared with XXX-standard, not YYY-standard"):
        compare(worked_project(), zone_regime(), other)


def test_only_the_last_rate_phase_may_be_open_ended() -> None:
    with pytest.raises(ValidationError, match="only the last rate phase"):
        standard_regime(
            cit={
                "standard_rates": [{"from_year": 2000, "value": 0.2}],
                "phases": [{"value": 0.1}, {"value": 0.0, "years": 2}],
            }
        )


@pytest.mark.parametrize("as_of", ["2025-13", "25-01-01", "2025-02-30", "yesterday"])
def test_as_of_must_be_an_iso_date_at_year_month_or_day_precision(as_of: str) -> None:
    with pytest.raises(ValidationError):
        standard_regime(cit={"standard_rates": [{"from_year": 2000, "value": 0.2, "as_of": as_of}]})


def test_rates_carry_source_as_of_and_confidence() -> None:
    regime = standard_regime(
        cit={
            "standard_rates": [
                {
                    "from_year": 2025,
                    "value": 0.25,
                    "source_url": "https://example.org/law",
                    "as_of": "2024-07",
                    "confidence": "unverified",
                    "note": "UNVERIFIED",
                }
            ]
        }
    )
    rate = regime.cit.standard_rates[0]
    assert (rate.as_of, rate.confidence, rate.source_url) == (
        "2024-07",
        "unverified",
        "https://example.org/law",
    )


def test_reduced_duty_without_a_rate_is_rejected() -> None:
    with pytest.raises(ValidationError, match="reduced duty needs its rate"):
        Regime.model_validate(
            {**standard_regime().model_dump(), "customs": {"capital_goods": {"treatment": "reduced"}}}
        )
