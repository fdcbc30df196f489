"""Corporate income tax of one project year, with the state carried between years.

Order within a year (methodology §1.9 step 2), the rate being given (`cit_rates.rate_path`):
allowances (lost or deferred in a 0% year) → taxable income → losses brought forward → tax → benefit
cap → investment credit → minimum tax.
"""

from dataclasses import dataclass, field

from sezatlas.regimes.project import Project
from sezatlas.regimes.rules import (
    AllowanceSpread,
    HolidayAllowanceRule,
    HolidayLossRule,
    MinimumTaxBase,
    Regime,
)


@dataclass(slots=True)
class CitYearInput:
    """What the CIT of year t depends on, computed by the caller from the project and the other taxes.

    Not frozen: one is built per project year in the engine's hot loop, and frozen dataclasses are
    several times slower to construct."""

    year: int
    profit_before_allowances: float
    allowances: float
    book_profit: float
    revenue: float
    capex: float
    cumulative_capex: float
    first_revenue_year: int | None
    standard_rate: float
    rate: float


@dataclass(slots=True)
class CitState:
    """Pools carried between years: losses and credits as [year created, amount] (first in, first out)."""

    losses: list[list[float]] = field(default_factory=list)
    credits: list[list[float]] = field(default_factory=list)
    deferred_allowances: float = 0.0
    min_tax_credit: float = 0.0
    benefit_used: float = 0.0
    investment_allowance_left: float = 0.0


def initial_state(regime: Regime, project: Project) -> CitState:
    """Pools at the start; the investment allowance is share x capex, capped by paid-in capital."""
    state = CitState()
    rule = regime.investment_allowance
    if rule is not None:
        total = rule.share * project.total_capex
        if rule.cap_share_of_paid_in_capital is not None:
            paid_in = (1.0 - project.debt_share) * project.total_capex
            total = min(total, rule.cap_share_of_paid_in_capital * paid_in)
        state.investment_allowance_left = total
    return state


def _use_pool(pool: list[list[float]], wanted: float, year: int, life: int | None) -> float:
    """Take up to `wanted` from the oldest unexpired entries; expired entries are dropped."""
    used = 0.0
    for entry in pool:
        if life is not None and year - entry[0] > life:
            entry[1] = 0.0
        take = min(entry[1], wanted - used)
        entry[1] -= take
        used += take
    pool[:] = [entry for entry in pool if entry[1] > 0]
    return used


def _investment_allowance(regime: Regime, state: CitState, item: CitYearInput, room: float) -> float:
    """This year's investment allowance (equal instalments, or absorbed up to `room`) in its window."""
    rule = regime.investment_allowance
    start = item.first_revenue_year
    if rule is None or start is None or not start <= item.year < start + rule.years:
        return 0.0
    if rule.spread is AllowanceSpread.EQUAL:
        amount = min(
            state.investment_allowance_left / (start + rule.years - item.year),
            state.investment_allowance_left,
        )
    else:
        amount = min(state.investment_allowance_left, max(room, 0.0))
    state.investment_allowance_left -= amount
    return amount


def _allowances_claimed(regime: Regime, state: CitState, allowances: float, is_holiday: bool) -> float:
    """Allowances of a 0% year are deemed taken (they reduce that year's exempt income, and any loss
    they create follows the holiday loss rule) or deferred to the first taxed year."""
    if is_holiday:
        if regime.cit.holiday_allowance_rule is HolidayAllowanceRule.DEFERRED:
            state.deferred_allowances += allowances
            return 0.0
        return allowances
    claimed = allowances + state.deferred_allowances
    state.deferred_allowances = 0.0
    return claimed


def _taxable_income(
    regime: Regime, state: CitState, item: CitYearInput, income: float, is_holiday: bool
) -> float:
    cit = regime.cit
    if income < 0:
        if not (is_holiday and cit.holiday_loss_rule is HolidayLossRule.FORFEIT):
            state.losses.append([float(item.year), -income])
        return 0.0
    if is_holiday:
        return income
    life = None if cit.loss_carry_forward_years is None else cit.loss_carry_forward_years.value
    return income - _use_pool(state.losses, income, item.year, life)


def _apply_benefit_cap(
    regime: Regime,
    state: CitState,
    item: CitYearInput,
    tax: float,
    taxable: float,
    rate: float,
    standard: float,
) -> float:
    """Russia art. 56.1 (as reported): benefits beyond the capex cap are taxed at the standard rate."""
    if regime.benefit_cap is None:
        return tax
    benefit = taxable * max(standard - rate, 0.0)
    room = max(regime.benefit_cap.share_of_capex * item.cumulative_capex - state.benefit_used, 0.0)
    allowed = min(benefit, room)
    state.benefit_used += allowed
    return tax + benefit - allowed


def _apply_credits(regime: Regime, state: CitState, item: CitYearInput, tax: float) -> float:
    rule = regime.investment_credit
    if rule is None:
        return tax
    if item.capex > 0:
        state.credits.append([float(item.year), rule.rate * item.capex])
    return tax - _use_pool(state.credits, tax, item.year, rule.carry_forward_years)


def _apply_minimum_tax(regime: Regime, state: CitState, item: CitYearInput, tax: float) -> float:
    rule = regime.minimum_tax
    if rule is None:
        return tax
    base = item.revenue if rule.base is MinimumTaxBase.TURNOVER else max(item.book_profit, 0.0)
    minimum = rule.rate * base
    if tax < minimum:
        if rule.is_creditable:
            state.min_tax_credit += minimum - tax
        return minimum
    used = min(state.min_tax_credit, tax - minimum) if rule.is_creditable else 0.0
    state.min_tax_credit -= used
    return tax - used


def cit_year(regime: Regime, state: CitState, item: CitYearInput) -> tuple[float, float]:
    """(CIT, taxable income before losses) of one year; mutates `state`, the pools carried forward."""
    rate = item.rate
    is_holiday = rate == 0.0
    room = 0.0 if is_holiday else item.profit_before_allowances - item.allowances
    extra = _investment_allowance(regime, state, item, room)
    claimed = _allowances_claimed(regime, state, item.allowances + extra, is_holiday)
    income = item.profit_before_allowances - claimed
    taxable = _taxable_income(regime, state, item, income, is_holiday)
    tax = _apply_benefit_cap(regime, state, item, taxable * rate, taxable, rate, item.standard_rate)
    tax = _apply_credits(regime, state, item, tax)
    return _apply_minimum_tax(regime, state, item, tax), income
