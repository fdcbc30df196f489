"""Which CIT rate applies in a project year: the general rate of the calendar year, or a phase rate.

A regime's preferential phases run consecutively from the trigger year; after the last phase (or before
the trigger) the general rate of the calendar year applies. Where the preference covers only part of
the income (export profits, qualifying income) the rate is the share-weighted blend
τ_eff = q·τ_phase + (1 − q)·τ_standard, which is exact for a tax proportional to profit.
"""

from sezatlas.regimes.project import Project
from sezatlas.regimes.rules import CitRules, HolidayTrigger, IncomeScope


def standard_rate(cit: CitRules, calendar_year: int) -> float:
    """The general rate in force in a calendar year; before the first dated rate, the first one."""
    earliest = min(cit.standard_rates, key=lambda d: d.from_year)
    best = earliest
    for dated in cit.standard_rates:
        if best.from_year < dated.from_year <= calendar_year:
            best = dated
    return best.value


def standard_rates_by_year(cit: CitRules, first_year: int, years: int) -> list[float]:
    """`standard_rate` for `years` consecutive calendar years from `first_year`, sorting once."""
    dated = sorted(cit.standard_rates, key=lambda d: d.from_year)
    rates, k = [], 0
    for year in range(first_year, first_year + years):
        while k + 1 < len(dated) and dated[k + 1].from_year <= year:
            k += 1
        rates.append(dated[k].value)
    return rates


def phase_rate(cit: CitRules, years_since_trigger: int, calendar_year: int) -> float | None:
    """The phase rate `years_since_trigger` years after the trigger, or None once the phases are over
    (or the phase's calendar sunset, `until_year`, has passed)."""
    if years_since_trigger < 0:
        return None
    elapsed = 0
    for phase in cit.phases:
        if phase.years is None or years_since_trigger < elapsed + phase.years:
            is_expired = phase.until_year is not None and calendar_year > phase.until_year
            return None if is_expired else phase.value
        elapsed += phase.years
    return None


def preferred_share(cit: CitRules, project: Project) -> float:
    """The share q of income the preferential rate covers."""
    if cit.income_scope is IncomeScope.EXPORT:
        return project.export_share
    if cit.income_scope is IncomeScope.QUALIFYING:
        return project.qualifying_income_share
    return 1.0


def effective_rate(
    cit: CitRules, project: Project, year: int, trigger_year: int | None, standard: float
) -> float:
    """The effective rate in project year `year`, given that year's general rate `standard`."""
    if trigger_year is None:
        return standard
    phase = phase_rate(cit, year - trigger_year, project.start_date.year + year)
    if phase is None:
        return standard
    share = preferred_share(cit, project)
    return share * phase + (1.0 - share) * standard


def trigger_year(cit: CitRules, income: list[float], first_revenue_year: int | None) -> int | None:
    """The year the preferential schedule starts: registration (year 0), first production or revenue
    (the first year with revenue), or first profit (the first year with positive income before losses),
    at the latest `trigger_deadline_years` after registration; None if it never happens."""
    if cit.trigger is HolidayTrigger.REGISTRATION:
        return 0
    if cit.trigger is HolidayTrigger.FIRST_PROFIT:
        year = next((t for t, value in enumerate(income) if value > 0), None)
    else:
        year = first_revenue_year
    deadline = cit.trigger_deadline_years
    if deadline is not None and (year is None or year > deadline.value) and deadline.value < len(income):
        return deadline.value
    return year


def rate_path(cit: CitRules, project: Project, trigger: int | None, standards: list[float]) -> list[float]:
    """The effective rate of every project year, given the general rate of each year."""
    return [effective_rate(cit, project, t, trigger, standard) for t, standard in enumerate(standards)]
