"""Every tax and duty of a project under a regime, year by year (methodology §1.9 step 2).

Conventions, stated once: amounts are nominal in the project currency; flows of year t are discounted
by (1 + i)^t with i the nominal rate (year 0 undiscounted); import duty on capital goods is paid with
the purchase and capitalised into the depreciable basis; the debt share of capex is an interest-only
loan outstanding to the horizon, whose interest is deductible (pre-tax NPV excludes financing); no
terminal value; turnover levies are not deductible; book profit uses tax depreciation.
"""

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from sezatlas.regimes import levies, pillar_two
from sezatlas.regimes.cit import CitYearInput, cit_year, initial_state
from sezatlas.regimes.cit_rates import rate_path, standard_rates_by_year, trigger_year
from sezatlas.regimes.depreciation import depreciate, resolve_rule
from sezatlas.regimes.project import Project
from sezatlas.regimes.rules import AssetClass, Regime

FloatArray = NDArray[np.float64]

TAX_NAMES: tuple[str, ...] = (
    "customs_capital_goods",
    "vat_capital_goods",
    "customs_inputs",
    "property_tax",
    "land_tax",
    "payroll_contributions",
    "turnover_levy",
    "cit",
    "pillar_two_top_up",
)
_TANGIBLE = (AssetClass.BUILDINGS, AssetClass.MACHINERY)


@dataclass(frozen=True, slots=True)
class TaxSchedule:
    """The year-by-year table of one regime: each tax, the CIT rate and the bases it was computed on."""

    calendar_years: tuple[int, ...]
    taxes: dict[str, FloatArray]
    cit_rate: FloatArray
    taxable_income: FloatArray
    depreciation: FloatArray
    pre_tax_cash_flow: FloatArray
    notes: tuple[str, ...]

    @property
    def total_by_year(self) -> FloatArray:
        total: FloatArray = self.taxes[TAX_NAMES[0]].copy()
        for name in TAX_NAMES[1:]:
            total += self.taxes[name]
        return total


@dataclass(frozen=True, slots=True)
class _Flows:
    revenue: FloatArray
    opex: FloatArray
    payroll: FloatArray
    capex_by_class: dict[AssetClass, FloatArray]
    imports_by_class: dict[AssetClass, FloatArray]
    capex: FloatArray
    imports: FloatArray


def project_flows(project: Project, margin_scale: float = 1.0) -> _Flows:
    """Arrays of the project; `margin_scale` λ sets revenue = costs + λ(revenue − costs) (for the METR)."""
    n = project.horizon_years
    opex = np.asarray(project.opex, dtype=np.float64)
    payroll = np.asarray(project.payroll, dtype=np.float64)
    revenue = np.asarray(project.revenue, dtype=np.float64)
    if margin_scale != 1.0:
        revenue = opex + payroll + margin_scale * (revenue - opex - payroll)
    capex = {c: np.zeros(n) for c in AssetClass}
    imports = {c: np.zeros(n) for c in AssetClass}
    total_capex, total_imports = np.zeros(n), np.zeros(n)
    for item in project.capex:
        capex[item.asset_class][item.year] += item.amount
        imports[item.asset_class][item.year] += item.amount * item.import_share
        total_capex[item.year] += item.amount
        total_imports[item.year] += item.amount * item.import_share
    return _Flows(revenue, opex, payroll, capex, imports, total_capex, total_imports)


def _cit_rows(
    regime: Regime, project: Project, flows: _Flows, profit: FloatArray, allowances: FloatArray
) -> tuple[FloatArray, FloatArray, FloatArray]:
    capex = flows.capex
    first_revenue = next((t for t, v in enumerate(flows.revenue) if v > 0), None)
    state = initial_state(regime, project)
    n = project.horizon_years
    start = project.start_date.year
    standards = standard_rates_by_year(regime.cit, start, n)
    income = (profit - allowances).tolist()
    rates = rate_path(regime.cit, project, trigger_year(regime.cit, income, first_revenue), standards)
    columns = zip(
        profit.tolist(),
        allowances.tolist(),
        income,
        flows.revenue.tolist(),
        capex.tolist(),
        np.cumsum(capex).tolist(),
        standards,
        rates,
        strict=True,
    )
    tax, taxable = np.zeros(n), np.zeros(n)
    for t, (before, allowed, book, revenue, spent, cumulative, standard, rate) in enumerate(columns):
        item = CitYearInput(
            t, before, allowed, book, revenue, spent, cumulative, first_revenue, standard, rate
        )
        tax[t], taxable[t] = cit_year(regime, state, item)
    rate = np.asarray(rates, dtype=np.float64)
    return tax, rate, taxable


def _depreciation(
    regime: Regime, project: Project, flows: _Flows, notes: levies.Notes
) -> tuple[FloatArray, FloatArray]:
    """Allowances by year (all classes) and the opening tangible value (the property-tax base)."""
    n = project.horizon_years
    rate = (
        levies.duty_rate(regime.customs.capital_goods, project.duty_rate_capital_goods, project.export_share)
        or 0.0
    )
    allowances, tangible_basis, tangible_allowances = np.zeros(n), np.zeros(n), np.zeros(n)
    for asset_class in AssetClass:
        if not flows.capex_by_class[asset_class].any():
            continue
        rule, is_assumed = resolve_rule(regime.depreciation, asset_class)
        if is_assumed:
            notes.add(
                f"depreciation of {asset_class.value}: not in the sources; assumed {rule.method.value} "
                f"at {rule.rate:g} a year"
            )
        basis = flows.capex_by_class[asset_class] + flows.imports_by_class[asset_class] * rate
        result = depreciate(basis, rule)
        allowances += result
        if asset_class in _TANGIBLE:
            tangible_basis += basis
            tangible_allowances += result
    # opening value of year t = all basis added up to t − allowances claimed before t
    tangible_open = np.cumsum(tangible_basis) - np.cumsum(tangible_allowances) + tangible_allowances
    return allowances, tangible_open


def _non_cit_taxes(
    regime: Regime, project: Project, flows: _Flows, tangible_open: FloatArray, notes: levies.Notes
) -> dict[str, FloatArray]:
    capex, imports = flows.capex, flows.imports
    duty_capital, duty_inputs = levies.customs(
        regime, project, imports, flows.opex * project.imported_input_share, notes
    )
    land_base = np.full(project.horizon_years, project.land_value)
    return {
        "customs_capital_goods": duty_capital,
        "vat_capital_goods": levies.vat_financing_cost(regime.vat, project, capex, notes),
        "customs_inputs": duty_inputs,
        "property_tax": levies.local_tax(
            regime.property_tax, project.property_tax_rate, tangible_open, project, "property tax", notes
        ),
        "land_tax": levies.local_tax(
            regime.land_tax, project.land_tax_rate, land_base, project, "land tax", notes
        ),
        "payroll_contributions": levies.payroll_contributions(regime.payroll, project, flows.payroll, notes),
        "turnover_levy": levies.turnover_levy(regime.turnover_levy, project, flows.revenue),
    }


def tax_schedule(project: Project, regime: Regime, margin_scale: float = 1.0) -> TaxSchedule:
    """All taxes by year; pure: the same project and regime always give the same table."""
    notes = levies.Notes()
    flows = project_flows(project, margin_scale)
    allowances, tangible_open = _depreciation(regime, project, flows, notes)
    taxes = _non_cit_taxes(regime, project, flows, tangible_open, notes)
    capex = flows.capex
    interest_rate = project.nominal_discount_rate if project.interest_rate is None else project.interest_rate
    interest = interest_rate * project.debt_share * np.cumsum(capex)
    deductible = taxes["customs_inputs"] + taxes["property_tax"] + taxes["land_tax"]
    deductible = deductible + taxes["payroll_contributions"]
    profit = flows.revenue - flows.opex - flows.payroll - deductible - interest
    cit, rate, taxable = _cit_rows(regime, project, flows, profit, allowances)
    taxes["cit"] = cit
    taxes["pillar_two_top_up"] = pillar_two.top_up(
        regime, project, profit - allowances, cit, flows.payroll, tangible_open
    )
    years = tuple(project.start_date.year + t for t in range(project.horizon_years))
    cash = flows.revenue - flows.opex - flows.payroll - capex
    return TaxSchedule(years, taxes, rate, taxable, allowances, cash, tuple(notes.items))
