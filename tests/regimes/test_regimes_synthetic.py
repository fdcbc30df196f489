"""Synthetic rates of a regime record: per asset class, composite, and consistent with the closed forms."""

import pytest
from regime_examples import standard_regime

from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.rules import AssetClass, InvestmentAllowance, Regime
from sezatlas.regimes.synthetic import allowances as z
from sezatlas.regimes.synthetic import devereux_griffith as dg
from sezatlas.regimes.synthetic.devereux_griffith import Economy
from sezatlas.regimes.synthetic.klemm import holiday_rates
from sezatlas.regimes.synthetic.regime_rates import AssetAssumption, SyntheticSetting, regime_synthetic_rates

ECON = Economy(0.05, 0.02, 0.20)
MACHINERY = (AssetAssumption(AssetClass.MACHINERY, 0.15, 1.0),)


def db_regime(**cit: object) -> Regime:
    return standard_regime(
        cit={"standard_rates": [{"from_year": 2000, "value": 0.25}], **cit},
        depreciation={"machinery": {"method": "declining_balance", "rate": 0.3}},
    )


def test_constant_rate_regime_gives_the_devereux_griffith_rates() -> None:
    result = regime_synthetic_rates(db_regime(), SyntheticSetting(economy=ECON), MACHINERY)
    z_db = z.z_declining_balance(0.3, ECON.nominal_rate)
    rates = result.by_asset[AssetClass.MACHINERY]
    assert rates.eatr == pytest.approx(dg.eatr(ECON, 0.15, 0.25, z_db), abs=1e-12)
    assert rates.cost_of_capital == pytest.approx(dg.cost_of_capital(ECON, 0.15, 0.25, z_db), abs=1e-12)


def test_holiday_phase_gives_the_klemm_closed_form() -> None:
    regime = db_regime(phases=[{"value": 0.0, "years": 4}])
    result = regime_synthetic_rates(regime, SyntheticSetting(economy=ECON), MACHINERY)
    z_h = z.z_declining_balance_after_holiday(0.3, ECON.nominal_rate, 4)
    closed = holiday_rates(ECON, 0.15, 0.25, z_h, 4)
    assert result.composite_eatr == pytest.approx(closed.aetr, abs=1e-12)
    assert result.composite_emtr == pytest.approx(closed.metr, abs=1e-12)


def test_calendar_sunset_ends_the_preferential_rate() -> None:
    open_ended = db_regime(phases=[{"value": 0.15}])
    sunset = db_regime(phases=[{"value": 0.15, "until_year": 2027}])
    setting = SyntheticSetting(economy=ECON, start_year=2026)
    rates = [regime_synthetic_rates(r, setting, MACHINERY).composite_eatr for r in (open_ended, sunset)]
    standard = regime_synthetic_rates(db_regime(), setting, MACHINERY).composite_eatr
    assert rates[0] < rates[1] < standard


def test_composite_weights_are_declared_and_applied() -> None:
    assets = (
        AssetAssumption(AssetClass.MACHINERY, 0.15, 3.0),
        AssetAssumption(AssetClass.BUILDINGS, 0.03, 1.0),
    )
    result = regime_synthetic_rates(standard_regime(), SyntheticSetting(economy=ECON), assets)
    by = result.by_asset
    expected = (3 * by[AssetClass.MACHINERY].eatr + by[AssetClass.BUILDINGS].eatr) / 4
    assert result.composite_eatr == pytest.approx(expected, abs=1e-15)
    coc = (3 * by[AssetClass.MACHINERY].cost_of_capital + by[AssetClass.BUILDINGS].cost_of_capital) / 4
    assert result.composite_emtr == pytest.approx((coc - 0.05) / coc, abs=1e-15)
    assert any(note.startswith("buildings: depreciation not in the sources") for note in result.notes)


def test_investment_allowance_and_duty_exemption_lower_the_cost_of_capital() -> None:
    setting = SyntheticSetting(economy=ECON, import_share=0.5, duty_rate_capital_goods=0.1)
    base = regime_synthetic_rates(db_regime(), setting, MACHINERY).composite_cost_of_capital
    allowance = db_regime().model_copy(
        update={"investment_allowance": InvestmentAllowance(share=0.3, years=6)}
    )
    with_allowance = regime_synthetic_rates(allowance, setting, MACHINERY).composite_cost_of_capital
    assert with_allowance < base


def test_every_bundled_regime_has_finite_synthetic_rates() -> None:
    for regime in load_regimes().values():
        result = regime_synthetic_rates(regime, SyntheticSetting())
        assert -1 < result.composite_eatr < 1, regime.regime_id
