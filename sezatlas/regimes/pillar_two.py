"""Pillar Two (GloBE) top-up of a project year, simplified (methodology §1.8).

TopUp_t = max(0, m − ETR_t) × max(0, income_t − SBIE_t), ETR_t = covered taxes / GloBE income, with
m = 15% and the substance-based income exclusion SBIE_t = 5% × (payroll_t + tangible carrying value_t)
(GloBE Model Rules art. 5.2–5.3 at their steady-state rates). Simplifications, stated: year by year
(no carry-forward of GloBE losses, no deferred-tax accounting, no jurisdictional blending, no
transition rates); GloBE income is approximated by book profit with tax depreciation.
"""

import numpy as np
from numpy.typing import NDArray

from sezatlas.regimes.project import Project
from sezatlas.regimes.rules import Regime

FloatArray = NDArray[np.float64]
SBIE_RATE = 0.05


def applies(regime: Regime, project: Project, calendar_year: int) -> bool:
    """In scope (group ≥ EUR 750m) and collected: domestic QDMTT in force, or the parent's IIR."""
    if not project.is_in_pillar_two_scope:
        return False
    qdmtt = regime.pillar_two.qdmtt_from_year
    return project.is_parent_applying_iir or (qdmtt is not None and calendar_year >= qdmtt)


def top_up(
    regime: Regime,
    project: Project,
    income: FloatArray,
    covered_taxes: FloatArray,
    payroll: FloatArray,
    tangible_value: FloatArray,
) -> FloatArray:
    """Yearly top-up tax; zero where Pillar Two does not apply or income is not positive."""
    result = np.zeros_like(income)
    if not project.is_in_pillar_two_scope:
        return result
    rate = regime.pillar_two.minimum_rate
    for t in range(income.shape[0]):
        if income[t] <= 0 or not applies(regime, project, project.start_date.year + t):
            continue
        etr = covered_taxes[t] / income[t]
        excess = income[t] - SBIE_RATE * (payroll[t] + tangible_value[t])
        result[t] = max(0.0, rate - etr) * max(0.0, excess)
    return result
