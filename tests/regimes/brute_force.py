"""Brute-force discounted cash flow of a permanent investment, sharing no code with the engine.

It walks the investment period by period (4,000 periods), depreciating the tax basis by the statute's
own rule, and reads the cost of capital off the rent, which is linear in p.
"""

from collections.abc import Callable

from sezatlas.regimes.synthetic.devereux_griffith import Economy

PERIODS = 4000
TOLERANCE = 1e-6


def allowance_stream(method: str, rate: float, initial: float = 0.0) -> list[float]:
    """Allowances per unit of cost dated 0, 1, ... by walking the written-down value."""
    stream, balance = [initial], 1.0 - initial
    if method == "expensing":
        return [1.0]
    if method == "economic":
        stream, balance = [0.0], 1.0
    for _ in range(PERIODS):
        amount = rate * balance if method in ("db", "economic") else min(rate * (1.0 - initial), balance)
        stream.append(amount)
        balance -= amount
    if method in ("db", "sl") and initial == 0.0:
        return stream[1:]
    return stream


def brute_rent(
    econ: Economy,
    delta: float,
    p: float,
    rate_of_year: Callable[[int], float],
    stream: list[float],
    property_of_year: Callable[[int], float] = lambda k: 0.0,
    duty: float = 0.0,
) -> float:
    rho, pi = econ.nominal_rate, econ.inflation
    value = -(1.0 + duty)
    for k in range(1, PERIODS):
        capital = (1 + pi) ** k * (1 - delta) ** (k - 1)
        value += (p + delta - property_of_year(k)) * capital * (1 - rate_of_year(k)) / (1 + rho) ** k
    for j, amount in enumerate(stream[:PERIODS]):
        value += rate_of_year(j + 1) * amount * (1 + duty) / (1 + rho) ** j
    return value


def brute_rates(
    econ: Economy, delta: float, rate_of_year: Callable[[int], float], stream: list[float], **kwargs: object
) -> tuple[float, float, float]:
    """(cost of capital, EMTR, EATR) by brute force."""
    r, p = econ.real_rate, econ.profitability
    at0 = brute_rent(econ, delta, 0.0, rate_of_year, stream, **kwargs)  # type: ignore[arg-type]
    at1 = brute_rent(econ, delta, 1.0, rate_of_year, stream, **kwargs)  # type: ignore[arg-type]
    coc = -at0 / (at1 - at0)
    rent = at0 + p * (at1 - at0)
    pre_tax = brute_rent(econ, delta, p, lambda k: 0.0, [0.0])
    return coc, (coc - r) / coc, (pre_tax - rent) / (p / (r + delta))
