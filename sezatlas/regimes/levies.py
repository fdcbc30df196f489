"""Taxes other than CIT, by project year: customs, VAT financing cost, property, land, payroll, levies.

Each function returns the yearly amounts and, when a rate is known neither from the regime nor from the
project, zeros plus a note saying what was left out, so the standard and the zone regime are compared on
the same footing and the user sees the gap.
"""

from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from sezatlas.regimes.project import Project
from sezatlas.regimes.rules import (
    DutyRule,
    ExemptScope,
    HolidayTrigger,
    LocalTaxRule,
    PayrollRule,
    Regime,
    Treatment,
    TurnoverLevy,
    VatRule,
)

FloatArray = NDArray[np.float64]


@dataclass(slots=True)
class Notes:
    """Assumptions and omissions met while computing one regime, in the order met."""

    items: list[str] = field(default_factory=list)

    def add(self, text: str) -> None:
        if text not in self.items:
            self.items.append(text)


def duty_rate(rule: DutyRule, project_rate: float | None, export_share: float) -> float | None:
    """Effective duty rate; exemption scoped to exports leaves duty on the domestic share."""
    if rule.treatment is Treatment.REDUCED and rule.rate is not None:
        return rule.rate
    if rule.treatment is Treatment.REDUCED:
        relief = rule.relief_share or 0.0
        return None if project_rate is None else project_rate * (1.0 - relief)
    standard = rule.rate if rule.rate is not None else project_rate
    if rule.treatment is Treatment.STANDARD:
        return standard
    if rule.exempt_scope is ExemptScope.ALL:
        return 0.0
    return None if standard is None else standard * (1.0 - export_share)


def first_revenue_year(project: Project) -> int | None:
    return next((t for t, value in enumerate(project.revenue) if value > 0), None)


def local_exemption_start(trigger: HolidayTrigger, project: Project) -> int | None:
    """Year from which a property/land exemption runs (first profit is not allowed for these taxes)."""
    if trigger is HolidayTrigger.REGISTRATION:
        return 0
    return first_revenue_year(project)


def local_tax(
    rule: LocalTaxRule,
    project_rate: float | None,
    base: FloatArray,
    project: Project,
    label: str,
    notes: Notes,
) -> FloatArray:
    """rate x base, zero during the exemption years counted from the rule's trigger."""
    rate = rule.rate if rule.rate is not None else project_rate
    if rate is None:
        notes.add(f"{label}: no rate in the regime or the project; not modelled")
        return np.zeros_like(base)
    amounts = rate * base
    start = local_exemption_start(rule.trigger, project)
    if rule.exemption_years and start is not None:
        amounts[start : start + rule.exemption_years] = 0.0
    return amounts


def payroll_contributions(
    rule: PayrollRule, project: Project, payroll: FloatArray, notes: Notes
) -> FloatArray:
    """Employer contributions; the reduced rate runs from registration for `reduced_years`."""
    rate = rule.rate if rule.rate is not None else project.payroll_contribution_rate
    if rate is None:
        notes.add("payroll contributions: no rate in the regime or the project; not modelled")
        return np.zeros_like(payroll)
    rates = np.full_like(payroll, rate)
    if rule.reduced_rate is not None:
        years = payroll.shape[0] if rule.reduced_years is None else rule.reduced_years
        rates[:years] = rule.reduced_rate
    return rates * payroll


def vat_financing_cost(rule: VatRule, project: Project, capex: FloatArray, notes: Notes) -> FloatArray:
    """Creditable VAT refunded after L years costs VAT x [1 − (1+i)^−L] (methodology §1.7)."""
    if rule.capital_goods is Treatment.EXEMPT:
        return np.zeros_like(capex)
    rate = rule.standard_rate if rule.standard_rate is not None else project.vat_rate
    lag = rule.refund_lag_years if rule.refund_lag_years is not None else project.vat_refund_lag_years
    if rate is None or lag is None:
        notes.add("VAT on capital goods: rate or refund lag unknown; not modelled")
        return np.zeros_like(capex)
    return rate * capex * (1.0 - (1.0 + project.nominal_discount_rate) ** -lag)


def turnover_levy(levy: TurnoverLevy | None, project: Project, revenue: FloatArray) -> FloatArray:
    if levy is None:
        return np.zeros_like(revenue)
    share = project.export_share
    return revenue * (levy.export_rate * share + levy.domestic_rate * (1.0 - share))


def customs(
    regime: Regime, project: Project, imports_capex: FloatArray, inputs: FloatArray, notes: Notes
) -> tuple[FloatArray, FloatArray]:
    """Duty on imported capital goods (capitalised by the caller) and on imported inputs (deductible)."""
    share = project.export_share
    capital_rate = duty_rate(regime.customs.capital_goods, project.duty_rate_capital_goods, share)
    input_rate = duty_rate(regime.customs.inputs, project.duty_rate_inputs, share)
    if capital_rate is None:
        notes.add("customs on capital goods: no duty rate given; not modelled")
    if input_rate is None:
        notes.add("customs on inputs: no duty rate given; not modelled")
    return imports_capex * (capital_rate or 0.0), inputs * (input_rate or 0.0)
