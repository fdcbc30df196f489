"""Whether a project may use a regime: in force on the start date, and meeting every checked condition.

A regime not in force is an error (the user picked the wrong regime for the date); an unmet condition
is an answer ("not eligible because ...") that the comparison shows next to the other regimes.
"""

from sezatlas.regimes.errors import MissingExchangeRateError, RegimeNotInForceError
from sezatlas.regimes.project import Project
from sezatlas.regimes.rules import Eligibility, Regime
from sezatlas.regimes.sectors import is_in_sector


def check_in_force(project: Project, regime: Regime) -> None:
    start = project.start_date
    if regime.valid_from is not None and start < regime.valid_from:
        raise RegimeNotInForceError(
            f"regime {regime.regime_id} applies to projects starting from {regime.valid_from}; "
            f"project {project.name!r} starts on {start}: choose a later start_date or another regime"
        )
    if regime.valid_until is not None and start > regime.valid_until:
        raise RegimeNotInForceError(
            f"regime {regime.regime_id} is closed to projects starting after {regime.valid_until}; "
            f"project {project.name!r} starts on {start}: compare it with a regime open to new entrants"
        )


def to_project_currency(amount: float, currency: str, project: Project) -> float:
    if currency == project.currency:
        return amount
    rate = project.fx_rates.get(currency)
    if rate is None:
        raise MissingExchangeRateError(
            f"fx_rates: a threshold is in {currency} and the project in {project.currency}; "
            f"add fx_rates[{currency!r}] = {project.currency} per 1 {currency}"
        )
    return amount * rate


def _investment_reason(rules: Eligibility, project: Project) -> str | None:
    if rules.min_investment is None:
        return None
    within = rules.min_investment_within_years
    counted = sum(i.amount for i in project.capex if within is None or i.year < within)
    needed = to_project_currency(rules.min_investment.value, rules.min_investment.currency, project)
    if counted >= needed:
        return None
    period = "" if within is None else f" within {within} years"
    minimum = f"{rules.min_investment.value:,.0f} {rules.min_investment.currency}"
    if rules.min_investment.currency != project.currency:
        minimum += f" ({needed:,.0f} {project.currency})"
    return f"capex{period} is {counted:,.0f} {project.currency}, below the minimum of {minimum}"


def _sector_reason(rules: Eligibility, project: Project) -> str | None:
    """Sectors are ISIC section letters or numeric prefixes (`sectors`); the code is already normalised."""
    code = project.isic_code
    allowed = rules.isic_allowed_prefixes
    if allowed and not any(is_in_sector(code, sector) for sector in allowed):
        return (
            f"activity ISIC {code or '(none given)'} is not among the eligible sectors "
            f"(ISIC {', '.join(allowed)})"
        )
    excluded = next((s for s in rules.isic_excluded_prefixes if is_in_sector(code, s)), None)
    if excluded is not None:
        return f"activity ISIC {code} is in an excluded sector (ISIC {excluded})"
    return None


def ineligibility_reasons(project: Project, regime: Regime) -> tuple[str, ...]:
    """Every unmet condition, in words; empty when the project is eligible."""
    rules = regime.eligibility
    reasons = [_investment_reason(rules, project), _sector_reason(rules, project)]
    if rules.min_export_share is not None and project.export_share < rules.min_export_share.value:
        reasons.append(
            f"export share {project.export_share:.0%} is below the required "
            f"{rules.min_export_share.value:.0%}"
        )
    share = rules.min_qualifying_income_share
    if share is not None and project.qualifying_income_share < share.value:
        reasons.append(
            f"qualifying income share {project.qualifying_income_share:.0%} is below the "
            f"required {share.value:.0%}"
        )
    if rules.min_headcount is not None and project.headcount < rules.min_headcount:
        reasons.append(f"headcount {project.headcount} is below the required {rules.min_headcount}")
    return tuple(r for r in reasons if r is not None)
