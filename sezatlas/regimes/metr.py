"""Project METR: the tax wedge on the marginal version of the project (methodology §1.9).

Scale the operating margin by λ (revenue = costs + λ·(revenue − costs)) until the post-tax NPV is zero;
p̃ is the real pre-tax IRR of that marginal project, (1 + IRR)/(1 + π) − 1, and
METR = (p̃ − r)/p̃ (tax-inclusive, as the OECD EMTR). None when no such margin or IRR exists.
"""

import numpy as np
from scipy.optimize import brentq

from sezatlas.regimes.project import Project
from sezatlas.regimes.rules import Regime
from sezatlas.regimes.schedule import project_flows, tax_schedule

_MAX_DOUBLINGS = 60


def post_tax_npv(project: Project, regime: Regime, margin_scale: float) -> float:
    schedule = tax_schedule(project, regime, margin_scale)
    factors = (1.0 + project.nominal_discount_rate) ** -np.arange(project.horizon_years)
    return float((schedule.pre_tax_cash_flow - schedule.total_by_year) @ factors)


def _bracket(f: "_Scalar") -> tuple[float, float] | None:
    low, high = 0.0, 1.0
    for _ in range(_MAX_DOUBLINGS):
        if f(low) < 0 < f(high):
            return low, high
        if f(low) >= 0:
            low = low - (high - low)
        else:
            high *= 2.0
    return None


class _Scalar:
    """A cached scalar function (each evaluation is a full tax schedule)."""

    def __init__(self, project: Project, regime: Regime) -> None:
        self.project, self.regime = project, regime
        self.cache: dict[float, float] = {}

    def __call__(self, margin_scale: float) -> float:
        if margin_scale not in self.cache:
            self.cache[margin_scale] = post_tax_npv(self.project, self.regime, margin_scale)
        return self.cache[margin_scale]


def real_irr(cash_flows: np.ndarray, inflation: float) -> float | None:
    """Real IRR of yearly nominal flows (year 0 undiscounted); None without a sign change."""
    years = np.arange(cash_flows.shape[0])

    def npv(rate: float) -> float:
        return float(cash_flows @ (1.0 + rate) ** -years)

    low, high = -0.99, 10.0
    if npv(low) * npv(high) > 0:
        return None
    nominal = float(brentq(npv, low, high, xtol=1e-12))
    return (1.0 + nominal) / (1.0 + inflation) - 1.0


def marginal_scale(project: Project, regime: Regime) -> float | None:
    """λ* with post-tax NPV(λ*) = 0."""
    f = _Scalar(project, regime)
    bracket = _bracket(f)
    if bracket is None:
        return None
    return float(brentq(f, bracket[0], bracket[1], xtol=1e-12))


def project_metr(project: Project, regime: Regime) -> float | None:
    scale = marginal_scale(project, regime)
    if scale is None:
        return None
    flows = project_flows(project, scale)
    cash = flows.revenue - flows.opex - flows.payroll - flows.capex
    p_tilde = real_irr(cash, project.inflation)
    if p_tilde is None or p_tilde == 0:
        return None
    return (p_tilde - project.real_discount_rate) / p_tilde
