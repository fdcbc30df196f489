"""Profit-tax cells read from the regime file: rate relief, allowances and credits, eligibility, the benefit
ceiling, the WTO flags the rules show, and the Pillar Two screen.

The profit-tax dimensions read the file as the engine does: a relief the file does not model is not
there (a regime's notes may name one; the cell's text says "as modelled"). Other cells are computed only
when the file states the fact; otherwise they are left to a hand-coded cell or stay unknown.

Pillar Two: the engine (`pillar_two.py`) tops up a project year by year, max(0, 15% − ETR) × (income −
substance carve-out), where the minimum tax applies (an in-scope group, and a domestic QDMTT in force or
the parent's IIR). The matrix cannot take a project, so it screens the same two facts of the regime: a
statutory rate below `pillar_two.minimum_rate` (the lowest of the preferential phases, or the standard
rate) exposes large groups to a top-up, collected at home when `pillar_two.qdmtt_from_year` is set and
otherwise by the parent's country. Allowances alone can also push an ETR below 15%; that shows only in
the engine's figures for a project (`sezatlas incentives compare` with an in-scope project).
"""

from sezatlas.regimes.matrix.cells import Compute, Reading, percent, stated_by
from sezatlas.regimes.provenance import Sourced
from sezatlas.regimes.rules import (
    AssetClass,
    DepreciationMethod,
    DepreciationRule,
    HolidayTrigger,
    IncomeScope,
    RatePhase,
    Regime,
)

SCOPE_TEXT = {IncomeScope.EXPORT: "export income only", IncomeScope.QUALIFYING: "qualifying income only"}


def _phase_text(phase: RatePhase) -> str:
    if phase.years is not None:
        return f"{percent(phase.value)} for {phase.years} years"
    if phase.until_year is not None:
        return f"{percent(phase.value)} until {phase.until_year}"
    return f"{percent(phase.value)} with no time limit"


def _schedule_text(regime: Regime) -> str:
    cit = regime.cit
    text = ", then ".join(_phase_text(phase) for phase in cit.phases)
    extras = [SCOPE_TEXT[cit.income_scope]] if cit.income_scope in SCOPE_TEXT else []
    if cit.trigger is not HolidayTrigger.REGISTRATION:
        extras.append("from " + cit.trigger.value.replace("_", " "))
    general = cit.standard_rates[-1]
    extras.append(f"standard {percent(general.value)}")
    return f"{text} ({'; '.join(extras)})"


def rate_relief(regime: Regime, standard: Regime | None) -> Reading:
    cit = regime.cit
    general = cit.standard_rates[-1]
    levy = regime.turnover_levy
    if levy is not None:
        rates = f"{percent(levy.export_rate)} of export and {percent(levy.domestic_rate)} of domestic revenue"
        text = f"levy of {rates}; profit tax {_schedule_text(regime)}"
        return Reading("turnover_levy", text, "turnover_levy, cit.phases", ((levy, regime),))
    if not cit.phases:
        owner = stated_by(regime, standard, "cit")
        text = f"standard rate {percent(general.value)} from {general.from_year}" + (
            "" if standard is None else "; no preferential rate in the regime file"
        )
        facts: tuple[tuple[Sourced | None, Regime], ...] = ((general, owner),)
        return Reading(
            "none", text, "cit.standard_rates, cit.phases", facts + ((None, regime),) * (owner is not regime)
        )
    zero = [phase for phase in cit.phases if phase.value == 0]
    code = "reduced_rate" if not zero else "holiday" if zero[0].years is not None else "exemption"
    return Reading(code, _schedule_text(regime), "cit.phases", tuple((p, regime) for p in cit.phases))


def _first_year_share(rule: DepreciationRule | None) -> float:
    """The share of cost deducted in the first year: how fast a rule recovers an asset, to compare two."""
    if rule is None:
        return 0.0
    if rule.method is DepreciationMethod.EXPENSING:
        return 1.0
    return rule.initial_allowance + rule.rate * (1 - rule.initial_allowance)


def _faster_classes(regime: Regime, standard: Regime | None) -> list[tuple[AssetClass, DepreciationRule]]:
    if standard is None:
        return []
    faster = []
    for asset_class in AssetClass:
        rule = regime.depreciation.rule_for(asset_class)
        usual = standard.depreciation.rule_for(asset_class)
        if rule is not None and rule != usual and _first_year_share(rule) > _first_year_share(usual):
            faster.append((asset_class, rule))
    return faster


def base_relief(regime: Regime, standard: Regime | None) -> Reading:
    parts: list[tuple[str, str, Sourced]] = []
    credit, allowance = regime.investment_credit, regime.investment_allowance
    if credit is not None:
        parts.append(("tax_credit", f"credit of {percent(credit.rate)} of the investment", credit))
    if allowance is not None:
        cap = allowance.cap_share_of_paid_in_capital
        limit = f", at most {percent(cap)} of paid-in capital" if cap is not None else ""
        text = f"extra deduction of {percent(allowance.share)} of the investment over {allowance.years} years"
        parts.append(("investment_allowance", text + limit, allowance))
    for asset_class, rule in _faster_classes(regime, standard):
        text = f"{asset_class.value}: {rule.method.value.replace('_', ' ')} {percent(rule.rate)}"
        parts.append(("accelerated_depreciation", text, rule))
    basis = "investment_credit, investment_allowance, depreciation"
    if not parts:
        text = (
            "standard depreciation rules" if standard is None else "none modelled; the standard depreciation"
        )
        return Reading("none", text, basis, ((None, regime),))
    return Reading(parts[0][0], "; ".join(text for _, text, _ in parts), basis,
                   tuple((fact, regime) for _, _, fact in parts))  # fmt: skip


def _shortened(text: str, limit: int = 160) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def eligibility(regime: Regime, standard: Regime | None) -> Reading | None:
    if standard is None:
        return Reading(
            "none", "the general regime: every resident company", "counterfactual_id", ((None, regime),)
        )
    rules, scope = regime.eligibility, regime.cit.income_scope
    found: list[tuple[str, str, Sourced | None]] = []
    if scope is not IncomeScope.ALL:
        code = "export_share" if scope is IncomeScope.EXPORT else "qualifying_income"
        found.append((code, "relief on " + SCOPE_TEXT[scope], None))
    if rules.min_export_share is not None:
        found.append(
            ("export_share", f"exports ≥ {percent(rules.min_export_share.value)}", rules.min_export_share)
        )
    if (income := rules.min_qualifying_income_share) is not None:
        found.append(("qualifying_income", f"qualifying income ≥ {percent(income.value)} of revenue", income))
    if (amount := rules.min_investment) is not None:
        found.append(("minimum_investment", f"investment ≥ {amount.currency} {amount.value:,.0f}", amount))
    if rules.isic_allowed_prefixes or rules.isic_excluded_prefixes:
        listed = ", ".join(rules.isic_allowed_prefixes) or "any but " + ", ".join(
            rules.isic_excluded_prefixes
        )
        found.append(("sector", f"ISIC {listed}", None))
    if rules.min_headcount is not None:
        found.append(("approval_and_location", f"≥ {rules.min_headcount} employees", None))
    if rules.conditions:
        found.append(("approval_and_location", _shortened(rules.conditions), None))
    if not found:
        return None
    text = "; ".join(text for _, text, _ in found)
    facts = tuple((fact, regime) for _, _, fact in found if fact is not None) or ((None, regime),)
    return Reading(found[0][0], text, "eligibility, cit.income_scope", facts)


def benefit_cap(regime: Regime, standard: Regime | None) -> Reading | None:
    if standard is None:
        return Reading("not_applicable", "the general regime", "counterfactual_id", ((None, regime),))
    cap = regime.benefit_cap
    if cap is None:
        return None
    text = f"benefits ≤ {percent(cap.share_of_capex)} of the capital invested" + (
        f" ({cap.note})" if cap.note else ""
    )
    return Reading("capped", text, "benefit_cap", ((cap, regime),))


def export_contingency(regime: Regime, standard: Regime | None) -> Reading | None:
    """Export-contingent when the rules tie relief to exports; "not" needs a source (a hand-coded cell)."""
    if standard is None:
        return Reading("no_relief", "the general regime", "counterfactual_id", ((None, regime),))
    basis = "cit.income_scope, eligibility.min_export_share, turnover_levy"
    share, levy = regime.eligibility.min_export_share, regime.turnover_levy
    if regime.cit.income_scope is IncomeScope.EXPORT:
        return Reading(
            "export_contingent", "profit-tax relief on export income only", basis, ((None, regime),)
        )
    if share is not None:
        return Reading(
            "export_contingent", f"exports ≥ {percent(share.value)} required", basis, ((share, regime),)
        )
    if levy is not None and levy.export_rate < levy.domestic_rate:
        text = f"revenue levy {percent(levy.export_rate)} on exports, {percent(levy.domestic_rate)} at home"
        return Reading("export_contingent", text, basis, ((levy, regime),))
    return None


def local_content(regime: Regime, standard: Regime | None) -> Reading | None:
    if standard is None:
        return Reading("no_relief", "the general regime", "counterfactual_id", ((None, regime),))
    return None


def pillar_two(regime: Regime, standard: Regime | None) -> Reading:
    cit, rules = regime.cit, regime.pillar_two
    lowest = min(cit.phases, key=lambda phase: phase.value, default=None)
    rate = lowest.value if lowest is not None else cit.standard_rates[-1].value
    rate_fact = (
        (lowest, regime)
        if lowest is not None
        else (cit.standard_rates[-1], stated_by(regime, standard, "cit"))
    )
    facts: tuple[tuple[Sourced | None, Regime], ...] = (
        rate_fact,
        (rules, stated_by(regime, standard, "pillar_two")),
    )
    basis = "cit.phases, cit.standard_rates, pillar_two"
    lowest_text = f"lowest statutory rate {percent(rate)}"
    if rate >= rules.minimum_rate:
        return Reading("not_exposed", f"{lowest_text} ≥ {percent(rules.minimum_rate)}", basis, facts)
    below = f"{lowest_text} < {percent(rules.minimum_rate)}"
    if rules.qdmtt_from_year is not None:
        text = f"{below}; domestic top-up tax from {rules.qdmtt_from_year}"
        return Reading("exposed_with_qdmtt", text, basis, facts)
    return Reading(
        "exposed_without_qdmtt", f"{below}; no domestic top-up tax in the regime file", basis, facts
    )


COMPUTED_TAX: dict[str, Compute] = {
    "rate_relief": rate_relief,
    "base_relief": base_relief,
    "eligibility": eligibility,
    "benefit_cap": benefit_cap,
    "export_contingency": export_contingency,
    "local_content": local_content,
    "pillar_two": pillar_two,
}
