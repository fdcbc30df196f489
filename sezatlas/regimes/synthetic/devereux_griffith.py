"""Devereux & Griffith (2003, International Tax and Public Finance 10:107–126): one-period perturbation.

Equity finance, no personal taxes; A = τz. Formulas of methodology §1.2:
    R*  = (p − r)/(1 + r)
    R   = −(1 − A) + [(1+π)(p+δ)(1−τ) + (1+π)(1−δ)(1−A)]/(1+ρ)
    p̃   = (1 − A)[ρ + δ(1+π) − π]/[(1−τ)(1+π)] − δ
    EMTR = (p̃ − r)/p̃,   EATR = (R* − R)/(p/(1+r))
and the continuous-time forms of the Cost-of-Capital-Calculator (`eq_coc`, `eq_metr`, `eq_eatr`).
"""

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Economy:
    """Real return r, inflation π, real pre-tax profitability p (DG/OECD use 20% for the EATR)."""

    real_rate: float = 0.05
    inflation: float = 0.0
    profitability: float = 0.20

    @property
    def nominal_rate(self) -> float:
        return (1.0 + self.real_rate) * (1.0 + self.inflation) - 1.0


def post_tax_rent(econ: Economy, delta: float, tax_rate: float, z: float) -> float:
    r_nom, pi, p = econ.nominal_rate, econ.inflation, econ.profitability
    allowance = tax_rate * z
    future = (1 + pi) * (p + delta) * (1 - tax_rate) + (1 + pi) * (1 - delta) * (1 - allowance)
    return -(1 - allowance) + future / (1 + r_nom)


def cost_of_capital(econ: Economy, delta: float, tax_rate: float, z: float) -> float:
    rho, pi = econ.nominal_rate, econ.inflation
    return (1 - tax_rate * z) * (rho + delta * (1 + pi) - pi) / ((1 - tax_rate) * (1 + pi)) - delta


def emtr(econ: Economy, delta: float, tax_rate: float, z: float) -> float:
    coc = cost_of_capital(econ, delta, tax_rate, z)
    return (coc - econ.real_rate) / coc


def eatr(econ: Economy, delta: float, tax_rate: float, z: float) -> float:
    r, p = econ.real_rate, econ.profitability
    pre_tax = (p - r) / (1 + r)
    return (pre_tax - post_tax_rent(econ, delta, tax_rate, z)) / (p / (1 + r))


def ccc_cost_of_capital(
    delta: float,
    z: float,
    property_tax: float,
    tax_rate: float,
    deduction_rate: float,
    credit: float,
    basis_adjustment: float,
    credit_share: float,
    inflation: float,
    r: float,
) -> float:
    """CCC `eq_coc`: ρ = (r − π + δ)/(1 − u)·(1 − kν − u_d·z·(1 − ψk)) + w − δ."""
    net_cost = 1 - credit * credit_share - deduction_rate * z * (1 - basis_adjustment * credit)
    return (r - inflation + delta) / (1 - tax_rate) * net_cost + property_tax - delta


def ccc_metr(coc: float, r: float, inflation: float) -> float:
    """CCC `eq_metr`: (ρ − (r − π))/ρ."""
    return (coc - (r - inflation)) / coc


def ccc_eatr(coc: float, metr: float, profitability: float, tax_rate: float) -> float:
    """CCC `eq_eatr`, the DG identity: EATR = ((p − ρ)/p)·u + (ρ/p)·METR."""
    return (profitability - coc) / profitability * tax_rate + coc / profitability * metr
