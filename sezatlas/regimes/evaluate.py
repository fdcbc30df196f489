"""A project under one regime, and against the country's standard regime (methodology §1.9 step 3).

NPV of incentives = PV(all taxes, standard regime) − PV(all taxes, zone regime), both at the nominal
rate i. Project AETR (FARI style, Luca & Mesa Puyo 2016) = PV(all taxes and duties) / pre-tax NPV,
defined only when the pre-tax NPV is positive.
"""

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from sezatlas.regimes.decompose import DECOMPOSITION_RULE, shapley_by_instrument
from sezatlas.regimes.eligibility import check_in_force, ineligibility_reasons
from sezatlas.regimes.errors import IncentiveInputError
from sezatlas.regimes.metr import project_metr
from sezatlas.regimes.project import Project
from sezatlas.regimes.rules import Regime
from sezatlas.regimes.schedule import TAX_NAMES, TaxSchedule, tax_schedule

FloatArray = NDArray[np.float64]


def discount_factors(project: Project) -> FloatArray:
    years = np.arange(project.horizon_years, dtype=np.float64)
    factors: FloatArray = np.power(1.0 + project.nominal_discount_rate, -years)
    return factors


def pv_taxes(project: Project, regime: Regime) -> float:
    """PV of all taxes and duties of the project under the regime (the engine's hot path)."""
    schedule = tax_schedule(project, regime)
    return float(schedule.total_by_year @ discount_factors(project))


@dataclass(frozen=True, slots=True)
class RegimeEvaluation:
    """One regime's result; when not eligible the numbers are None and `reasons` say why."""

    regime_id: str
    reasons: tuple[str, ...]
    schedule: TaxSchedule | None = None
    pv_by_tax: dict[str, float] = field(default_factory=dict)
    pv_taxes: float | None = None
    npv_pre_tax: float | None = None
    npv_post_tax: float | None = None
    aetr: float | None = None
    metr: float | None = None

    @property
    def is_eligible(self) -> bool:
        return not self.reasons


def evaluate_regime(project: Project, regime: Regime, with_metr: bool = False) -> RegimeEvaluation:
    """Taxes by year, their PV, pre- and post-tax NPV, AETR and (optionally) METR under one regime."""
    check_in_force(project, regime)
    reasons = ineligibility_reasons(project, regime)
    if reasons:
        return RegimeEvaluation(regime.regime_id, reasons)
    schedule = tax_schedule(project, regime)
    factors = discount_factors(project)
    by_tax = {name: float(schedule.taxes[name] @ factors) for name in TAX_NAMES}
    total = sum(by_tax.values())
    npv_pre = float(schedule.pre_tax_cash_flow @ factors)
    aetr = total / npv_pre if npv_pre > 0 else None
    metr = project_metr(project, regime) if with_metr else None
    return RegimeEvaluation(
        regime.regime_id, (), schedule, by_tax, total, npv_pre, npv_pre - total, aetr, metr
    )


@dataclass(frozen=True, slots=True)
class IncentiveComparison:
    """A zone regime against its counterfactual; `by_instrument` sums to `npv_of_incentives`."""

    zone: RegimeEvaluation
    standard: RegimeEvaluation
    npv_of_incentives: float | None
    by_instrument: dict[str, float]
    decomposition_rule: str


def compare(project: Project, zone: Regime, standard: Regime, with_metr: bool = False) -> IncentiveComparison:
    """Evaluate both regimes and decompose the difference by instrument (rule in `decompose`)."""
    if standard.regime_id not in (zone.regime_id, zone.counterfactual_id):
        raise IncentiveInputError(
            f"regime {zone.regime_id} is compared with {zone.counterfactual_id}, not {standard.regime_id}"
        )
    if standard.counterfactual_id is not None:
        raise IncentiveInputError(f"{standard.regime_id} is not a standard regime (counterfactual_id is set)")
    base = evaluate_regime(project, standard, with_metr)
    result = evaluate_regime(project, zone, with_metr)
    if not result.is_eligible or base.pv_taxes is None or result.pv_taxes is None:
        return IncentiveComparison(result, base, None, {}, DECOMPOSITION_RULE)
    parts, rule = shapley_by_instrument(zone, standard, lambda r: pv_taxes(project, r))
    return IncentiveComparison(result, base, base.pv_taxes - result.pv_taxes, parts, rule)
