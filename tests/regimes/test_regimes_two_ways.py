"""Reference cases computed two ways: the closed forms against brute-force discounted cash flow
(`brute_force.py`, which shares no code with the engine)."""

import pytest
from brute_force import allowance_stream, brute_rates
from hypothesis import given, settings
from hypothesis import strategies as st

from sezatlas.regimes.synthetic import allowances as z
from sezatlas.regimes.synthetic import devereux_griffith as dg
from sezatlas.regimes.synthetic.devereux_griffith import Economy
from sezatlas.regimes.synthetic.klemm import holiday_rates
from sezatlas.regimes.synthetic.schedule import AllowanceSchedule, TaxPath, synthetic_rates

TOLERANCE = 1e-6


ECONOMIES = [Economy(0.05, 0.0, 0.2), Economy(0.04, 0.025, 0.15)]


@pytest.mark.parametrize("econ", ECONOMIES)
@pytest.mark.parametrize(
    ("method", "rate"), [("db", 0.25), ("sl", 0.2), ("expensing", 1.0), ("economic", 0.12)]
)
def test_devereux_griffith_closed_form_equals_brute_force(econ: Economy, method: str, rate: float) -> None:
    rho = econ.nominal_rate
    z_value = {
        "db": z.z_declining_balance(rate, rho),
        "sl": z.z_straight_line(rate, rho),
        "expensing": 1.0,
        "economic": z.z_economic(rate, rho),
    }[method]
    coc, emtr, eatr = brute_rates(econ, 0.12, lambda k: 0.27, allowance_stream(method, rate))
    assert dg.cost_of_capital(econ, 0.12, 0.27, z_value) == pytest.approx(coc, abs=TOLERANCE)
    assert dg.emtr(econ, 0.12, 0.27, z_value) == pytest.approx(emtr, abs=TOLERANCE)
    assert dg.eatr(econ, 0.12, 0.27, z_value) == pytest.approx(eatr, abs=TOLERANCE)


@pytest.mark.parametrize("econ", ECONOMIES)
@pytest.mark.parametrize("holiday", [2, 5, 10])
def test_klemm_holiday_closed_form_equals_brute_force(econ: Economy, holiday: int) -> None:
    rho = econ.nominal_rate
    coc, emtr, eatr = brute_rates(
        econ, 0.1, lambda k: 0.0 if k <= holiday else 0.25, allowance_stream("db", 0.2)
    )
    closed = holiday_rates(econ, 0.1, 0.25, z.z_declining_balance_after_holiday(0.2, rho, holiday), holiday)
    assert closed.cost_of_capital == pytest.approx(coc, abs=TOLERANCE)
    assert closed.metr == pytest.approx(emtr, abs=TOLERANCE)
    assert closed.aetr == pytest.approx(eatr, abs=TOLERANCE)


def kaliningrad_like(k: int) -> float:
    """0% for 6 years, 12.5% for 6, then 25% (a phased schedule)."""
    return 0.0 if k <= 6 else 0.125 if k <= 12 else 0.25


@pytest.mark.parametrize("econ", ECONOMIES)
@pytest.mark.parametrize(
    ("schedule", "stream"),
    [
        (AllowanceSchedule.straight_line(0.1), allowance_stream("sl", 0.1)),
        (AllowanceSchedule.declining_balance(0.3, initial=0.4), allowance_stream("db", 0.3, initial=0.4)),
        (AllowanceSchedule.straight_line(0.25, initial=0.2), allowance_stream("sl", 0.25, initial=0.2)),
    ],
)
def test_phased_schedule_with_property_exemption_and_duty_equals_brute_force(
    econ: Economy, schedule: AllowanceSchedule, stream: list[float]
) -> None:
    path = TaxPath(
        rates=tuple(kaliningrad_like(k) for k in range(1, 13)),
        rate_after=0.25,
        property_rates=(0.0,) * 10,
        property_rate_after=0.022,
        duty=0.05,
    )
    coc, emtr, eatr = brute_rates(
        econ, 0.08, kaliningrad_like, stream, property_of_year=lambda k: 0.0 if k <= 10 else 0.022, duty=0.05
    )
    result = synthetic_rates(econ, 0.08, schedule, path)
    assert result.cost_of_capital == pytest.approx(coc, abs=TOLERANCE)
    assert result.emtr == pytest.approx(emtr, abs=TOLERANCE)
    assert result.eatr == pytest.approx(eatr, abs=TOLERANCE)


def test_short_holiday_raises_the_emtr_but_lowers_the_eatr_of_a_very_profitable_project() -> None:
    """Klemm (2009): a short holiday wastes generous allowances, so it taxes the marginal project more,
    while a project earning 50% still gains from the exempt income."""
    econ = Economy(0.05, 0.0, 0.5)
    schedule = AllowanceSchedule.declining_balance(0.5)
    without = synthetic_rates(econ, 0.1, schedule, TaxPath((), 0.25))
    with_holiday = synthetic_rates(econ, 0.1, schedule, TaxPath((0.0, 0.0), 0.25))
    assert without.emtr is not None and with_holiday.emtr is not None
    assert with_holiday.emtr > without.emtr
    assert with_holiday.eatr < without.eatr


@settings(max_examples=15, deadline=None)
@given(
    rates=st.lists(st.floats(0, 0.4), max_size=8),
    rate_after=st.floats(0, 0.4),
    property_rates=st.lists(st.floats(0, 0.03), max_size=6),
    property_after=st.floats(0, 0.03),
    duty=st.floats(0, 0.2),
    db_rate=st.floats(0.05, 0.6),
)
def test_any_schedule_equals_brute_force(
    rates: list[float],
    rate_after: float,
    property_rates: list[float],
    property_after: float,
    duty: float,
    db_rate: float,
) -> None:
    econ = Economy(0.05, 0.02, 0.2)

    def rate_of_year(k: int) -> float:
        return rates[k - 1] if k <= len(rates) else rate_after

    def property_of_year(k: int) -> float:
        return property_rates[k - 1] if k <= len(property_rates) else property_after

    path = TaxPath(tuple(rates), rate_after, tuple(property_rates), property_after, duty=duty)
    result = synthetic_rates(econ, 0.1, AllowanceSchedule.declining_balance(db_rate), path)
    coc, _, eatr = brute_rates(
        econ, 0.1, rate_of_year, allowance_stream("db", db_rate), property_of_year=property_of_year, duty=duty
    )
    assert result.cost_of_capital == pytest.approx(coc, abs=TOLERANCE)
    assert result.eatr == pytest.approx(eatr, abs=TOLERANCE)
