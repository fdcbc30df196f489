"""Klemm (2008, IMF WP 08/56; JEM 2012) permanent investment with a tax holiday of H years.

Closed forms as in the CIT branch of the IMF `dietr` command (Hebous & Mengistu), equity finance and no
personal taxes (γ = 1, s_NE = s_D = 0), methodology §1.3:
    D    = ρ − π + δ(1+π),  θ^H = [(1−δ)(1+π)/(1+ρ)]^H
    R(H) = (1+π)(p+δ)(1 − τθ^H)/D − 1 + τ·z_H
    AETR = [(p−r)/(r+δ) − R]/[p/(r+δ)]
    CoC  = (1 − τ·z_H)·D/[(1+π)(1 − τθ^H)] − δ,   METR = (CoC − r)/CoC
"""

from dataclasses import dataclass

from sezatlas.regimes.synthetic.devereux_griffith import Economy


@dataclass(frozen=True, slots=True)
class KlemmResult:
    post_tax_rent: float
    cost_of_capital: float
    metr: float
    aetr: float


def holiday_rates(
    econ: Economy, delta: float, tax_rate: float, z_after_holiday: float, holiday_years: int
) -> KlemmResult:
    """METR/AETR of a permanent investment whose first H years of income are exempt.

    `z_after_holiday` is z_H from `allowances.z_*_after_holiday` (allowances dated 0..H−1 lost).
    """
    r, pi, p = econ.real_rate, econ.inflation, econ.profitability
    rho = econ.nominal_rate
    d = rho - pi + delta * (1 + pi)
    theta_h = ((1 - delta) * (1 + pi) / (1 + rho)) ** holiday_years
    rent = (1 + pi) * (p + delta) * (1 - tax_rate * theta_h) / d - 1 + tax_rate * z_after_holiday
    coc = (1 - tax_rate * z_after_holiday) * d / ((1 + pi) * (1 - tax_rate * theta_h)) - delta
    aetr = ((p - r) / (r + delta) - rent) / (p / (r + delta))
    return KlemmResult(rent, coc, (coc - r) / coc, aetr)
