"""Cells on the territory, border taxes, local taxes and labour, read from the regime file.

A standard regime states the general rules of its country, so its cells are coded ("standard"). A zone's
cell is coded only when the zone file states the fact, that is when its section differs from the
standard's it would otherwise inherit (`cells.is_stated_by_zone`): a zone file that says nothing about
VAT gets an unknown VAT cell, not the standard regime's VAT.
"""

from sezatlas.regimes.matrix.cells import Compute, Reading, is_stated_by_zone, percent
from sezatlas.regimes.rules import DutyRule, ExemptScope, LocalTaxRule, Regime, Treatment

# The regime files' territory types in the UNCTAD WIR 2019 typology (dimensions.py).
TERRITORY_TYPES: dict[str, str] = {
    "free_zone": "free_zone",
    "FTZ": "free_zone",
    "free_port": "free_zone",
    "FTP": "free_zone",
    "bonded_zone": "free_zone",
    "EPZ": "export_processing_zone",
    "SEZ": "special_economic_zone",
    "TOR": "special_economic_zone",
    "IFSC": "special_economic_zone",
    "regional": "wide_area",
    "national_standard": "not_a_zone",
    "national_preference": "not_a_zone",
}


def territory(regime: Regime, standard: Regime | None) -> Reading | None:
    code = TERRITORY_TYPES.get(regime.territory_type)
    if code is None:
        return None
    text = regime.territory_type.replace("_", " ")  # "national standard", "free port", "SEZ"
    return Reading(code, text, "territory_type", ((None, regime),))


def _duty_text(rule: DutyRule) -> str:
    if rule.description:
        return rule.description
    if rule.treatment is Treatment.REDUCED:
        return f"reduced to {percent(rule.rate)}" if rule.rate is not None else "reduced"
    return rule.treatment.value


def _customs_code(capital_goods: DutyRule, inputs: DutyRule) -> str:
    treatments = (capital_goods.treatment, inputs.treatment)
    if Treatment.REDUCED in treatments:
        return "partial"
    if capital_goods.treatment is Treatment.EXEMPT:
        if inputs.treatment is not Treatment.EXEMPT:
            return "capital_goods_exempt"
        return "exempt" if inputs.exempt_scope is ExemptScope.ALL else "exempt_for_exports"
    return "partial" if inputs.treatment is Treatment.EXEMPT else "standard"


def _is_stated(rule: DutyRule) -> bool:
    return rule != DutyRule()


def customs(regime: Regime, standard: Regime | None) -> Reading | None:
    if not is_stated_by_zone(regime, standard, "customs"):
        return None
    capital_goods, inputs = regime.customs.capital_goods, regime.customs.inputs
    if standard is None and not (_is_stated(capital_goods) or _is_stated(inputs)):
        text = "the general customs duties"
    elif _duty_text(capital_goods) == _duty_text(inputs):
        text = f"capital goods and inputs: {_duty_text(inputs)}"
    else:
        stated_inputs = _duty_text(inputs) if _is_stated(inputs) else "not stated"
        text = f"capital goods: {_duty_text(capital_goods)}; inputs: {stated_inputs}"
    facts = ((capital_goods, regime), (inputs, regime))
    return Reading(_customs_code(capital_goods, inputs), text, "customs", facts)


def vat(regime: Regime, standard: Regime | None) -> Reading | None:
    if not is_stated_by_zone(regime, standard, "vat"):
        return None
    rule = regime.vat
    code = {Treatment.EXEMPT: "exempt", Treatment.REDUCED: "reduced"}.get(rule.capital_goods, "standard")
    parts = [rule.description or ("the general VAT" if code == "standard" else rule.capital_goods.value)]
    if rule.standard_rate is not None and not (
        rule.description and percent(rule.standard_rate) in rule.description
    ):
        parts.append(f"standard rate {percent(rule.standard_rate)}")
    return Reading(code, "; ".join(parts), "vat", ((rule, regime),))


def _exemption_text(name: str, rule: LocalTaxRule) -> str:
    text = f"{name} exempt for {rule.exemption_years} years"
    return text + (f" ({rule.note})" if rule.note else "")


def property_land(regime: Regime, standard: Regime | None) -> Reading | None:
    if not is_stated_by_zone(regime, standard, "property_tax", "land_tax"):
        return None
    rules = {"property tax": regime.property_tax, "land tax": regime.land_tax}
    exempt = [(name, rule) for name, rule in rules.items() if rule.exemption_years > 0]
    names = {name for name, _ in exempt}
    code = ("property_and_land" if len(names) == 2 else "property_only" if "property tax" in names
            else "land_only" if names else "standard")  # fmt: skip
    text = (
        "; ".join(_exemption_text(name, rule) for name, rule in exempt)
        or "the general property and land taxes"
    )
    facts = tuple((rule, regime) for _, rule in exempt) or ((regime.property_tax, regime),)
    return Reading(code, text, "property_tax, land_tax", facts)


def labour(regime: Regime, standard: Regime | None) -> Reading | None:
    """Only the fiscal labour incentive the engine models (payroll); the rest is hand-coded."""
    rule = regime.payroll
    if rule.reduced_rate is None or not is_stated_by_zone(regime, standard, "payroll"):
        return None
    years = f" for {rule.reduced_years} years" if rule.reduced_years is not None else ""
    text = f"employer social contributions {percent(rule.reduced_rate)}{years}"
    return Reading("payroll_relief", text, "payroll", ((rule, regime),))


COMPUTED_BORDER: dict[str, Compute] = {
    "territory": territory,
    "customs": customs,
    "vat": vat,
    "property_land": property_land,
    "labour": labour,
}
