"""EATR, EMTR and cost of capital under any time-varying tax schedule (Klemm's permanent investment).

Derivation (the discrete form of Lyon 1989 as restated in kpomerleau/book-tax, methodology §1.3): one
unit invested at date 0 in capital decaying at δ earns (p + δ)(1+π)^k(1−δ)^(k−1) at date k = 1, 2, ...
taxed at τ_k; a deductible property tax w_k is levied on the capital's value (1+π)^k(1−δ)^(k−1). With
I_k = (1+π)^k(1−δ)^(k−1)/(1+ρ)^k, S = Σ(1−τ_k)I_k, P = Σ w_k(1−τ_k)I_k, the allowance dated j valued
at the rate of year j+1, Z = basis·Σ τ_{j+1} a_j (1+ρ)^(−j), and the net cost C (cost with capitalised
duty, less a credit):
    R  = (p + δ)·S − P − C + Z                     (post-tax rent)
    p̃  = (C − Z + P)/S − δ                         (cost of capital: R(p̃) = 0)
    EATR = [(p−r)/(r+δ) − R]/[p/(r+δ)],  EMTR = (p̃ − r)/p̃
Rates and property taxes are explicit for K years and constant after; allowances are explicit then
geometric; both tails are summed in closed form, so the result is exact, not truncated. With a
constant rate this is Devereux–Griffith; with K zero-rate years it is the dietr holiday closed form.
"""

from dataclasses import dataclass

import numpy as np

from sezatlas.regimes.synthetic.devereux_griffith import Economy


@dataclass(frozen=True, slots=True)
class AllowanceSchedule:
    """Allowance per unit of basis dated j = 0, 1, ...: `explicit`, then explicit[-1]·ratio^m."""

    explicit: tuple[float, ...]
    tail_ratio: float = 0.0

    @classmethod
    def declining_balance(cls, rate: float, initial: float = 0.0) -> "AllowanceSchedule":
        if initial > 0:
            return cls((initial, (1 - initial) * rate), 1 - rate)
        return cls((rate,), 1 - rate)

    @classmethod
    def straight_line(cls, rate: float, initial: float = 0.0) -> "AllowanceSchedule":
        """a per year until the cost is used up (the last allowance takes the remainder)."""
        rest, amounts = 1.0 - initial, [initial] if initial > 0 else []
        while rest > 1e-12:
            amount = min(rate * (1.0 - initial), rest)
            amounts.append(amount)
            rest -= amount
        return cls(tuple(amounts), 0.0)

    @classmethod
    def expensing(cls) -> "AllowanceSchedule":
        return cls((1.0,), 0.0)

    @classmethod
    def economic(cls, delta: float) -> "AllowanceSchedule":
        """δ(1−δ)^(j−1) dated j ≥ 1: z = δ/(ρ+δ), the identity case of methodology §2.2."""
        return cls((0.0, delta), 1 - delta)

    def padded(self, length: int) -> np.ndarray:
        values = list(self.explicit)
        while len(values) < length:
            values.append(values[-1] * self.tail_ratio)
        return np.asarray(values[:length], dtype=np.float64)


@dataclass(frozen=True, slots=True)
class TaxPath:
    """Year-by-year tax parameters seen by an investment made at date 0 (year k income at date k)."""

    rates: tuple[float, ...]
    rate_after: float
    property_rates: tuple[float, ...] = ()
    property_rate_after: float = 0.0
    duty: float = 0.0
    credit: float = 0.0
    credit_reduces_basis: bool = False
    defer_holiday_allowances: bool = False


@dataclass(frozen=True, slots=True)
class SyntheticRates:
    post_tax_rent: float
    cost_of_capital: float
    emtr: float | None
    eatr: float


def _padded(values: tuple[float, ...], after: float, length: int) -> np.ndarray:
    return np.asarray(list(values[:length]) + [after] * (length - len(values[:length])), dtype=np.float64)


def _income_sums(econ: Economy, delta: float, path: TaxPath, years: int) -> tuple[float, float]:
    """S = Σ(1−τ_k)I_k and P = Σ w_k(1−τ_k)I_k, the tail k > K summed as a geometric series."""
    rho, pi = econ.nominal_rate, econ.inflation
    k = np.arange(1, years + 1, dtype=np.float64)
    weights = (1 + pi) ** k * (1 - delta) ** (k - 1) / (1 + rho) ** k
    theta = (1 - delta) * (1 + pi) / (1 + rho)
    tail = weights[-1] * theta / (1 - theta)
    tau = _padded(path.rates, path.rate_after, years)
    w = _padded(path.property_rates, path.property_rate_after, years)
    s = float((1 - tau) @ weights) + (1 - path.rate_after) * tail
    p = float((w * (1 - tau)) @ weights) + path.property_rate_after * (1 - path.rate_after) * tail
    return s, p


def _allowance_value(
    econ: Economy, path: TaxPath, allowances: AllowanceSchedule, years: int
) -> tuple[float, float]:
    """(Σ τ_{j+1}·a_j·(1+ρ)^(−j) per unit of basis, discount factor of the date a credit is used)."""
    rho = econ.nominal_rate
    amounts = allowances.padded(years)
    tau = _padded(path.rates, path.rate_after, years)
    discount = (1 + rho) ** -np.arange(years, dtype=np.float64)
    ratio = allowances.tail_ratio / (1 + rho)
    tail = path.rate_after * amounts[-1] * discount[-1] * ratio / (1 - ratio)
    taxed = [j for j in range(years) if tau[j] > 0]
    credit_date = discount[taxed[0]] if taxed else ((1 + rho) ** -years if path.rate_after > 0 else 0.0)
    if not path.defer_holiday_allowances:
        return float((tau * amounts) @ discount) + tail, credit_date
    value, pool = 0.0, 0.0
    for j in range(years):
        pool += amounts[j]
        if tau[j] > 0:
            value += tau[j] * pool * discount[j]
            pool = 0.0
    value += path.rate_after * pool * (1 + rho) ** -years
    return value + tail, credit_date


def synthetic_rates(
    econ: Economy, delta: float, allowances: AllowanceSchedule, path: TaxPath
) -> SyntheticRates:
    """Post-tax rent, cost of capital, EMTR and EATR of one asset under a tax path (module docstring)."""
    if econ.real_rate <= -1 or econ.inflation <= -1 or delta + econ.real_rate <= 0:
        raise ValueError("need r > −1, π > −1 and r + δ > 0 for the permanent investment to have a value")
    r, p = econ.real_rate, econ.profitability
    years = max(len(path.rates), len(path.property_rates), len(allowances.explicit)) + 1
    s, property_cost = _income_sums(econ, delta, path, years)
    z, credit_discount = _allowance_value(econ, path, allowances, years)
    gross_cost = 1.0 + path.duty
    basis = gross_cost * (1.0 - path.credit if path.credit_reduces_basis else 1.0)
    net_cost = gross_cost - path.credit * gross_cost * credit_discount
    rent = (p + delta) * s - property_cost - net_cost + basis * z
    coc = (net_cost - basis * z + property_cost) / s - delta
    eatr = ((p - r) / (r + delta) - rent) / (p / (r + delta))
    emtr = None if abs(coc) < 1e-12 else (coc - r) / coc
    return SyntheticRates(float(rent), float(coc), None if emtr is None else float(emtr), float(eatr))
