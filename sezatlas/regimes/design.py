"""A regime designed from a bundled one: the incentives page's "Design a regime" form, as data.

The form shows the few rules an analyst changes most (the profit-tax phases, each asset class's tax
depreciation, the property- and land-tax exemptions, customs and VAT on capital goods) as the chosen
bundled regime has them (`starting_point`), plus a TOML text for anything else. `designed_record` turns
what was sent into a regime record in the bundled files' format: the start's own file (`loader`), with
only what differs from the start replaced, then the TOML text merged over it. A replaced rule loses the
start's source (the number is no longer the source's) and says where it comes from instead; the rest
keeps its source and confidence. The record is then checked and compared as any custom regime is
(`designer.py`), and can be downloaded as the file that feeds `--regime-file`.
"""

import copy
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sezatlas.regimes.comparison import UnknownRegimeError
from sezatlas.regimes.designer import RegimeDocument, custom_regime
from sezatlas.regimes.loader import bundled_records, load_regimes, merged
from sezatlas.regimes.regime_toml import record_toml
from sezatlas.regimes.rules import AssetClass, DepreciationMethod, Regime, Treatment

DESIGNED = "set in the regime designer: a hypothetical value, not from a source"
CUSTOM_TERRITORY = "custom"
SOURCE = "design"  # how messages about the designed regime name it


@dataclass(frozen=True, slots=True)
class Phase:
    """A preferential profit-tax rate (0.10 = 10 %) for `years` years; None: to the end (last phase only)."""

    rate: float
    years: int | None


@dataclass(frozen=True, slots=True)
class Allowance:
    """Tax depreciation of one asset class: method and yearly rate (1.0 for expensing)."""

    method: DepreciationMethod
    rate: float


@dataclass(frozen=True, slots=True)
class RegimeDesign:
    """What the designer states; compared with the start's own values, only differences are written."""

    name: str
    phases: tuple[Phase, ...]
    depreciation: Mapping[AssetClass, Allowance | None]  # None: not in the sources (the engine assumes)
    property_exemption_years: int
    land_exemption_years: int
    is_capital_goods_duty_exempt: bool
    is_capital_goods_vat_exempt: bool
    extra: Mapping[str, Any] = field(default_factory=dict)  # the advanced TOML, merged last


def start_regime(start_id: str) -> Regime:
    """The bundled regime a design starts from."""
    regime = load_regimes().get(start_id)
    if regime is None:
        raise UnknownRegimeError(f"design_from: unknown regime_id {start_id!r}")
    return regime


def starting_point(start: Regime, name: str) -> RegimeDesign:
    """The designer's fields as the bundled regime `start` has them (inherited sections included)."""
    return RegimeDesign(
        name=name,
        phases=tuple(Phase(phase.value, phase.years) for phase in start.cit.phases),
        depreciation={kind: _allowance(start, kind) for kind in AssetClass},
        property_exemption_years=start.property_tax.exemption_years,
        land_exemption_years=start.land_tax.exemption_years,
        is_capital_goods_duty_exempt=start.customs.capital_goods.treatment is Treatment.EXEMPT,
        is_capital_goods_vat_exempt=start.vat.capital_goods is Treatment.EXEMPT,
    )


def _allowance(regime: Regime, kind: AssetClass) -> Allowance | None:
    rule = regime.depreciation.rule_for(kind)
    return None if rule is None else Allowance(rule.method, rule.rate)


def custom_id(start: Regime) -> str:
    """The designed regime's id: the start's country and "custom" (no bundled id ends so)."""
    return f"{start.country_iso3}-custom"


def designed_record(start_id: str, design: RegimeDesign) -> dict[str, Any]:
    """The custom regime as a record of the bundled files' format (see the module docstring)."""
    start = start_regime(start_id)
    before = starting_point(start, design.name)
    record: dict[str, Any] = copy.deepcopy(dict(bundled_records()[start_id]))
    changed = _apply(record, start, before, design)
    record.update(
        regime_id=custom_id(start),
        name=design.name,
        territory_type=CUSTOM_TERRITORY,
        counterfactual_id=start.counterfactual_id or start.regime_id,
        provenance={},
        notes=f"Designed from {start_id} ({start.name}); changed: {', '.join(changed) or 'nothing'}. "
        "A hypothetical regime, not a law: the changed rules have no source.",
    )
    return merged(record, design.extra)


def design_document(start_id: str, design: RegimeDesign) -> RegimeDocument:
    """The designed regime as a custom regime to compare (`actions.compare_incentives(custom=...)`)."""
    return RegimeDocument(SOURCE, designed_record(start_id, design))


def designed_regime_file(start_id: str, design: RegimeDesign) -> tuple[str, str]:
    """The designed regime as the file `--regime-file` and the API read: its name and TOML text, once it
    has passed the checks every custom regime passes."""
    document = design_document(start_id, design)
    regime = custom_regime(document)
    return f"{regime.regime_id}.toml", record_toml(document.record)


def _apply(record: dict[str, Any], start: Regime, before: RegimeDesign, design: RegimeDesign) -> list[str]:
    """Each field that differs from the start written into `record`; the names of those changed."""
    changed: list[str] = []
    if not _same_phases(design.phases, before.phases):
        record.setdefault("cit", {})["phases"] = [_phase(phase) for phase in design.phases]
        changed.append("cit.phases")
    for kind, allowance in design.depreciation.items():
        if allowance is not None and not _same_allowance(allowance, before.depreciation[kind]):
            rule = start.depreciation.rule_for(kind)
            initial = rule.initial_allowance if rule is not None else 0.0
            record.setdefault("depreciation", {})[kind.value] = {
                "method": allowance.method.value, "rate": allowance.rate, "initial_allowance": initial,
                "note": DESIGNED,
            }  # fmt: skip
            changed.append(f"depreciation.{kind.value}")
    for section, years, was in (
        ("property_tax", design.property_exemption_years, before.property_exemption_years),
        ("land_tax", design.land_exemption_years, before.land_exemption_years),
    ):
        if years != was:
            record.setdefault(section, {}).update(exemption_years=years, note=DESIGNED)
            changed.append(f"{section}.exemption_years")
    if design.is_capital_goods_duty_exempt != before.is_capital_goods_duty_exempt:
        treatment = _treatment(design.is_capital_goods_duty_exempt)
        record.setdefault("customs", {})["capital_goods"] = {"treatment": treatment, "note": DESIGNED}
        changed.append("customs.capital_goods")
    if design.is_capital_goods_vat_exempt != before.is_capital_goods_vat_exempt:
        record.setdefault("vat", {}).update(capital_goods=_treatment(design.is_capital_goods_vat_exempt))
        changed.append("vat.capital_goods")
    return changed


def _same_phases(these: tuple[Phase, ...], those: tuple[Phase, ...]) -> bool:
    """The same rates and lengths, rates equal to 1e-9 (a form's 7.6 % read back as 0.076 may differ in the
    last bit, and a rate the reader did not touch must not count as changed)."""
    return len(these) == len(those) and all(
        math.isclose(a.rate, b.rate, abs_tol=1e-9) and a.years == b.years
        for a, b in zip(these, those, strict=True)
    )


def _same_allowance(this: Allowance, that: Allowance | None) -> bool:
    return (
        that is not None and this.method is that.method and math.isclose(this.rate, that.rate, abs_tol=1e-9)
    )


def _phase(phase: Phase) -> dict[str, Any]:
    return {"value": phase.rate} if phase.years is None else {"value": phase.rate, "years": phase.years}


def _treatment(is_exempt: bool) -> str:
    return (Treatment.EXEMPT if is_exempt else Treatment.STANDARD).value
