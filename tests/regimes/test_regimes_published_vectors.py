"""Published unit-test vectors (methodology §2.1) and exact identities (§2.2)."""

import math

import pytest

from sezatlas.regimes.synthetic import allowances as z
from sezatlas.regimes.synthetic import devereux_griffith as dg
from sezatlas.regimes.synthetic.devereux_griffith import Economy
from sezatlas.regimes.synthetic.klemm import holiday_rates
from sezatlas.regimes.synthetic.schedule import AllowanceSchedule, TaxPath, synthetic_rates


@pytest.mark.parametrize(
    ("life", "b", "bonus", "expected"),
    [
        (40, 1.2, 0, 0.588563059),
        (3, 1.0, 0, 0.956320164),
        (10, 1.5, 0.4, 0.924042198),
        (20, 2.0, 1.0, 1.0),
        (8, 1.8, 0.9, 0.99041001),
    ],
)
def test_ccc_dbsl_vector(life: float, b: float, bonus: float, expected: float) -> None:
    assert z.z_continuous_db_to_sl(life, b, bonus, 0.03) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("life", "bonus", "expected"),
    [(40, 0, 0.206618803), (1, 0, 0.942329694), (10, 0.4, 0.749402894), (20, 1, 1.0), (8, 1.2, 1.071436018)],
)
def test_ccc_sl_vector(life: float, bonus: float, expected: float) -> None:
    assert z.z_continuous_straight_line(life, bonus, 0.12) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("delta", "bonus", "expected"),
    [(0.01, 0, 0.1), (0.1, 0, 0.526315789), (0.1, 0.4, 0.715789474), (0.02, 1, 1.0), (0.1, 1.2, 1.094736842)],
)
def test_ccc_econ_vector(delta: float, bonus: float, expected: float) -> None:
    assert z.z_continuous_economic(delta, bonus, 0.12, 0.03) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("z_value", "u", "r", "expected"),
    [
        (0.1, 0.3, 0.05, 0.0757314286),
        (0, 0, 0.06, 0.0388),
        (0.5, 0.3, 0.04, 0.04405714),
        (1, 0, 0.03, 0.0112),
        (0.55556, 0.3, 0.11, 0.11809491),
        (0.8, 0, 0.12, 0.094),
    ],
)
def test_ccc_cost_of_capital_with_credit_and_property_tax(
    z_value: float, u: float, r: float, expected: float
) -> None:
    coc = dg.ccc_cost_of_capital(0.1, z_value, 0.01, u, u, 0.08, 1, 1, 0.02, r)
    assert coc == pytest.approx(expected, abs=1e-8)


def test_ccc_metr_equals_statutory_rate_under_economic_depreciation() -> None:
    econ_z = z.z_continuous_economic(0.05, 0, 0.04, 0.02)
    coc = dg.ccc_cost_of_capital(0.05, econ_z, 0, 0.35, 0.35, 0, 0, 0, 0.02, 0.04)
    assert dg.ccc_metr(coc, 0.04, 0.02) == pytest.approx(0.35, abs=1e-12)


def test_ccc_metr_is_zero_under_expensing() -> None:
    coc = dg.ccc_cost_of_capital(0.05, 1.0, 0, 0.35, 0.35, 0, 0, 0, 0.02, 0.04)
    assert dg.ccc_metr(coc, 0.04, 0.02) == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize(
    ("rho", "metr", "p", "u", "expected"),
    [
        (0.075285714, 0.601518027, 0.1, 0.35, 0.539357143),
        (0.0388, -0.030927835, 0.2, 0.21, 0.16326),
        (0.042, 0.523809524, 0.3, 0, 0.073333333),
        (0.0112, 0.107142857, 0.05, 0.4, 0.3344),
        (0.114475829, 0.213807831, 0.5, 1, 0.82),
        (0.094, -0.063829787, 1, 0.9, 0.8094),
    ],
)
def test_ccc_eatr_vector(rho: float, metr: float, p: float, u: float, expected: float) -> None:
    assert dg.ccc_eatr(rho, metr, p, u) == pytest.approx(expected, abs=1e-8)


def test_ccc_eatr_equals_metr_when_profitability_is_the_cost_of_capital() -> None:
    assert dg.ccc_eatr(0.07, 0.3, 0.07, 0.25) == pytest.approx(0.3, abs=1e-12)


def test_tax_foundation_allowance_vectors() -> None:
    assert z.z_straight_line(0.20, 0.12) == pytest.approx(0.807469869, abs=1e-9)
    assert z.z_declining_balance(0.20, 0.12) == pytest.approx(0.7, abs=1e-12)


ECON = Economy(real_rate=0.05, inflation=0.0, profitability=0.20)
INFLATED = Economy(real_rate=0.05, inflation=0.03, profitability=0.20)


@pytest.mark.parametrize("econ", [ECON, INFLATED])
def test_economic_depreciation_gives_emtr_and_eatr_equal_to_statutory_rate(econ: Economy) -> None:
    """§2.2.1: z = δ/(r+δ) (real; = δ/(ρ+δ) without inflation) makes EMTR = EATR = τ."""
    econ_z = z.z_economic(0.1, econ.real_rate)
    assert dg.emtr(econ, 0.1, 0.3, econ_z) == pytest.approx(0.3, abs=1e-12)
    assert dg.eatr(econ, 0.1, 0.3, econ_z) == pytest.approx(0.3, abs=1e-12)


def test_expensing_gives_zero_emtr_and_the_published_eatr() -> None:
    """§2.2.2: τ = 25%, p = 20%, r = 5% → EMTR 0, EATR 18.75%."""
    assert dg.emtr(ECON, 0.1, 0.25, 1.0) == pytest.approx(0.0, abs=1e-12)
    assert dg.eatr(ECON, 0.1, 0.25, 1.0) == pytest.approx(0.1875, abs=1e-12)


def test_no_tax_gives_zero_rates_and_cost_of_capital_r() -> None:
    """§2.2.3."""
    result = synthetic_rates(ECON, 0.1, AllowanceSchedule.declining_balance(0.2), TaxPath((), 0.0))
    assert result.cost_of_capital == pytest.approx(0.05, abs=1e-12)
    assert result.emtr == pytest.approx(0.0, abs=1e-12)
    assert result.eatr == pytest.approx(0.0, abs=1e-12)


@pytest.mark.parametrize("econ", [ECON, INFLATED])
def test_dg_one_period_equals_klemm_permanent_investment_without_holiday(econ: Economy) -> None:
    """§2.2.4 with declining-balance allowances."""
    z_db = z.z_declining_balance(0.25, econ.nominal_rate)
    klemm = holiday_rates(econ, 0.1, 0.25, z_db, 0)
    assert klemm.aetr == pytest.approx(dg.eatr(econ, 0.1, 0.25, z_db), abs=1e-12)
    assert klemm.metr == pytest.approx(dg.emtr(econ, 0.1, 0.25, z_db), abs=1e-12)


@pytest.mark.parametrize("tau", [0.0, 0.2, 0.35])
def test_dg_eatr_identity(tau: float) -> None:
    """§2.2.5: EATR = (p̃/p)·EMTR + (1 − p̃/p)·τ."""
    z_sl = z.z_straight_line(0.1, INFLATED.nominal_rate)
    coc = dg.cost_of_capital(INFLATED, 0.07, tau, z_sl)
    share = coc / INFLATED.profitability
    expected = share * dg.emtr(INFLATED, 0.07, tau, z_sl) + (1 - share) * tau
    assert dg.eatr(INFLATED, 0.07, tau, z_sl) == pytest.approx(expected, abs=1e-12)


def test_infinite_holiday_drives_both_rates_to_zero() -> None:
    """§2.2.6: H → ∞ ⇒ EATR → 0 and EMTR → 0."""
    rho = ECON.nominal_rate
    results = [
        holiday_rates(ECON, 0.1, 0.25, z.z_declining_balance_after_holiday(0.25, rho, h), h)
        for h in (10, 100, 1000)
    ]
    assert abs(results[-1].aetr) < 1e-12 and abs(results[-1].metr) < 1e-12
    assert abs(results[0].aetr) > abs(results[1].aetr) > abs(results[2].aetr)


def test_property_tax_raises_cost_of_capital_by_w_and_eatr_by_w_times_one_minus_tau_over_p() -> None:
    """§2.2.7."""
    allowances = AllowanceSchedule.straight_line(0.2)
    base = synthetic_rates(INFLATED, 0.1, allowances, TaxPath((), 0.25))
    taxed = synthetic_rates(INFLATED, 0.1, allowances, TaxPath((), 0.25, property_rate_after=0.01))
    assert taxed.cost_of_capital - base.cost_of_capital == pytest.approx(0.01, abs=1e-12)
    assert taxed.eatr - base.eatr == pytest.approx(0.01 * 0.75 / 0.20, abs=1e-12)


def test_capitalised_duty_scales_the_cost_of_capital() -> None:
    """§2.2.8: CoC = (1+md)(1−τz)(r+δ)/(1−τ) − δ."""
    rho = ECON.nominal_rate
    result = synthetic_rates(
        ECON, 0.1, AllowanceSchedule.declining_balance(0.25), TaxPath((), 0.25, duty=0.04)
    )
    expected = 1.04 * (1 - 0.25 * z.z_declining_balance(0.25, rho)) * (0.05 + 0.1) / 0.75 - 0.1
    assert result.cost_of_capital == pytest.approx(expected, abs=1e-12)


@pytest.mark.parametrize("holiday", [1, 3, 7])
@pytest.mark.parametrize("econ", [ECON, INFLATED])
def test_holiday_schedule_reproduces_the_dietr_closed_form(holiday: int, econ: Economy) -> None:
    """§2.2.9, for declining-balance and straight-line allowances."""
    rho = econ.nominal_rate
    cases = [
        (AllowanceSchedule.declining_balance(0.25), z.z_declining_balance_after_holiday(0.25, rho, holiday)),
        (AllowanceSchedule.straight_line(0.25), z.z_straight_line_after_holiday(0.25, rho, holiday)),
    ]
    for schedule, z_h in cases:
        general = synthetic_rates(econ, 0.1, schedule, TaxPath((0.0,) * holiday, 0.3))
        closed = holiday_rates(econ, 0.1, 0.3, z_h, holiday)
        assert general.eatr == pytest.approx(closed.aetr, abs=1e-12)
        assert general.cost_of_capital == pytest.approx(closed.cost_of_capital, abs=1e-12)
        assert general.emtr is not None and math.isclose(general.emtr, closed.metr, abs_tol=1e-12)
