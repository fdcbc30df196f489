""" "Common approach" scenarios (issue 18, item 3): one model regime applied to every member's zones.

The question a working group of the association asks is: if every member country offered its zones the
same regime, how would each country's zones change for an investor, and what would it cost the treasury
per job? The model is a regime record as the bundled files are written (`rules_data/*.toml`, or a custom
one from `designer.py`). Applied to a country it becomes a zone regime of that country: it keeps what the
model states and inherits every instrument section the model omits from the country's standard regime
(`loader.inherit`, exactly as a bundled zone regime does), so a model that only sets profit-tax phases
keeps each country's own VAT, customs and payroll rules.

For each country and reference project:

* **today**: the country's zones as the registry links them to regimes (`zones.regime_id`), each regime
  compared with the country's standard regime, averaged over the zones (a regime of 19 zones weighs 19);
  zones with no regime linked are counted, not valued; a regime the engine cannot value for the project
  (not in force, a threshold in another currency without an exchange rate) is listed with its reason;
* **model**: the model regime in that country against the same standard regime;
* the changes, and the **fiscal cost per job**: the NPV of incentives (taxes the treasury forgoes over the
  project's horizon, discounted as the engine discounts) divided by the project's headcount.

Every figure is the incentive engine's output (`comparison.compare_one`); nothing is estimated here
beyond the zone-weighted mean.
"""

import io
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sezatlas.regimes.comparison import RegimeOutcome, compare_one
from sezatlas.regimes.designer import RegimeDocument, custom_regime
from sezatlas.regimes.errors import IncentiveInputError
from sezatlas.regimes.project import Project
from sezatlas.regimes.rules import Regime

METHOD = (
    "Each country's zones today: the incentive engine's NPV of incentives, AETR and METR under each zone's "
    "regime against the country's standard regime, averaged over the zones the registry links to a regime. "
    "Model: the model regime applied in that country (sections it omits inherited from the standard "
    "regime), against the same standard. Fiscal cost per job = NPV of incentives ÷ the project's headcount."
)
# What a model does not carry into another country: its identity, and its harmonization-matrix cells (facts
# about the model's own law: legal basis, dispute settlement…, `matrix/`), which are not the country's.
NOT_CARRIED = ("regime_id", "country_iso3", "counterfactual_id", "matrix")


class ScenarioError(IncentiveInputError):
    """A scenario that cannot be run (no countries, no projects, a model that is not a zone regime)."""


@dataclass(frozen=True, slots=True)
class Figures:
    """One regime's figures for one project (or a zone-weighted mean of several)."""

    npv_of_incentives: float | None
    aetr: float | None
    metr: float | None
    standard_aetr: float | None
    cost_per_job: float | None


@dataclass(frozen=True, slots=True)
class RegimeToday:
    regime_id: str
    zones: int
    figures: Figures | None
    error: str | None = None


@dataclass(frozen=True, slots=True)
class CountryRow:
    """One country and one reference project: today, under the model, and the change."""

    country_iso3: str
    project: str
    currency: str
    standard_id: str | None
    zones: int  # all the country's zones in the registry
    zones_valued: int  # those whose regime the engine valued: the weights of `today`
    today: Figures | None
    model: Figures | None
    regimes_today: list[RegimeToday]
    model_error: str | None = None

    @property
    def npv_change(self) -> float | None:
        return _difference(self.model, self.today, "npv_of_incentives")

    @property
    def aetr_change(self) -> float | None:
        return _difference(self.model, self.today, "aetr")

    @property
    def metr_change(self) -> float | None:
        return _difference(self.model, self.today, "metr")


@dataclass(frozen=True, slots=True)
class Scenario:
    model_name: str
    rows: list[CountryRow]
    notes: list[str] = field(default_factory=list)
    method: str = METHOD


def _difference(after: Figures | None, before: Figures | None, name: str) -> float | None:
    if after is None or before is None:
        return None
    a, b = getattr(after, name), getattr(before, name)
    return None if a is None or b is None else a - b


def _figures(outcome: RegimeOutcome, headcount: int) -> Figures | None:
    comparison = outcome.comparison
    if comparison is None:
        return None
    npv = comparison.npv_of_incentives
    per_job = npv / headcount if npv is not None and headcount > 0 else None
    return Figures(npv, comparison.zone.aetr, comparison.zone.metr, comparison.standard.aetr, per_job)


def _mean(parts: Sequence[tuple[int, Figures]], name: str) -> float | None:
    """The zone-weighted mean of a figure over the regimes that have it."""
    known = [
        (weight, getattr(figures, name)) for weight, figures in parts if getattr(figures, name) is not None
    ]
    total = sum(weight for weight, _ in known)
    return sum(weight * value for weight, value in known) / total if total else None


def weighted(parts: Sequence[tuple[int, Figures]]) -> Figures | None:
    """Today's figures of a country: each regime's weighed by its zones."""
    if not parts:
        return None
    names = ("npv_of_incentives", "aetr", "metr", "standard_aetr", "cost_per_job")
    return Figures(*(_mean(parts, name) for name in names))


def model_in(model: Mapping[str, Any], standard_id: str, country: str, source: str) -> Regime:
    """The model regime as a zone regime of `country`, inheriting what it omits from `standard_id`."""
    record = {key: value for key, value in model.items() if key not in NOT_CARRIED}
    record |= {"regime_id": f"{country}-common-approach", "country_iso3": country,
               "counterfactual_id": standard_id}  # fmt: skip
    return custom_regime(RegimeDocument(source, record))


def country_standard(country: str, zone_regimes: Iterable[str], regimes: Mapping[str, Regime]) -> str | None:
    """The standard regime the country's zone regimes are compared with (the most used one), else the
    country's only standard regime; None when the bundle has none for it."""
    used = Counter(
        regimes[regime_id].counterfactual_id or regime_id
        for regime_id in zone_regimes
        if regime_id in regimes
    )
    if used:
        return used.most_common(1)[0][0]
    own = sorted(r.regime_id for r in regimes.values() if r.country_iso3 == country and r.is_standard)
    return own[0] if own else None


def country_row(
    country: str,
    project: Project,
    zone_counts: Mapping[str | None, int],
    model: Mapping[str, Any],
    source: str,
    regimes: Mapping[str, Regime],
) -> CountryRow:
    """One country under one project: today's regimes valued and averaged, then the model."""
    linked = {regime_id: count for regime_id, count in zone_counts.items() if regime_id is not None}
    standard_id = country_standard(country, linked, regimes)
    today: list[RegimeToday] = []
    for regime_id, count in sorted(linked.items()):
        regime = regimes.get(regime_id)
        if regime is None:
            today.append(RegimeToday(regime_id, count, None, f"{regime_id}: not a bundled regime"))
            continue
        outcome = compare_one(project, regime, regimes, with_metr=True)
        today.append(RegimeToday(regime_id, count, _figures(outcome, project.headcount), outcome.error))
    parts = [(entry.zones, entry.figures) for entry in today if entry.figures is not None]
    model_figures, model_error = None, None
    if standard_id is None:
        model_error = f"no standard regime of {country} is bundled: nothing to compare the model with"
    else:
        # a model the engine cannot read raises here (field-named, `designer.py`): every country would fail
        regime = model_in(model, standard_id, country, source)
        outcome = compare_one(project, regime, {**regimes, regime.regime_id: regime}, with_metr=True,
                              is_custom=True)  # fmt: skip
        model_figures, model_error = _figures(outcome, project.headcount), outcome.error
    return CountryRow(
        country, project.name, project.currency, standard_id, sum(zone_counts.values()),
        sum(weight for weight, _ in parts), weighted(parts), model_figures, today, model_error,
    )  # fmt: skip


def scenario(
    model: RegimeDocument,
    projects: Sequence[Project],
    zone_counts: Mapping[str, Mapping[str | None, int]],
    regimes: Mapping[str, Regime],
) -> Scenario:
    """The model regime in each country of `zone_counts` (country → regime_id → zones), per project."""
    if not projects:
        raise ScenarioError("projects: name at least one reference project")
    name = str(model.record.get("name") or model.source)
    rows = [
        country_row(country, project, counts, model.record, model.source, regimes)
        for country, counts in zone_counts.items()
        for project in projects
    ]
    notes = [f"{country}: no zone in the registry" for country, counts in zone_counts.items() if not counts]
    return Scenario(name, rows, notes)


COLUMNS = (
    "country_iso3", "project", "currency", "standard_regime", "zones", "zones_valued",
    "npv_of_incentives_today", "npv_of_incentives_model", "npv_change",
    "aetr_standard", "aetr_today", "aetr_model", "aetr_change", "metr_today", "metr_model", "metr_change",
    "cost_per_job_today", "cost_per_job_model", "regimes_today", "not_valued",
)  # fmt: skip


def _of(figures: Figures | None, name: str) -> float | None:
    return None if figures is None else getattr(figures, name)


def scenario_rows(scenario: Scenario) -> list[dict[str, Any]]:
    """The scenario as one flat row per country and project: the table the exports and pages share."""
    rows = []
    for row in scenario.rows:
        unvalued = [f"{entry.regime_id}: {entry.error}" for entry in row.regimes_today if entry.error]
        if row.model_error:
            unvalued.append(f"model: {row.model_error}")
        rows.append({
            "country_iso3": row.country_iso3, "project": row.project, "currency": row.currency,
            "standard_regime": row.standard_id, "zones": row.zones, "zones_valued": row.zones_valued,
            "npv_of_incentives_today": _of(row.today, "npv_of_incentives"),
            "npv_of_incentives_model": _of(row.model, "npv_of_incentives"), "npv_change": row.npv_change,
            "aetr_standard": _of(row.model, "standard_aetr") or _of(row.today, "standard_aetr"),
            "aetr_today": _of(row.today, "aetr"), "aetr_model": _of(row.model, "aetr"),
            "aetr_change": row.aetr_change, "metr_today": _of(row.today, "metr"),
            "metr_model": _of(row.model, "metr"), "metr_change": row.metr_change,
            "cost_per_job_today": _of(row.today, "cost_per_job"),
            "cost_per_job_model": _of(row.model, "cost_per_job"),
            "regimes_today": "; ".join(f"{entry.regime_id} ({entry.zones})" for entry in row.regimes_today),
            "not_valued": "; ".join(unvalued),
        })  # fmt: skip
    return rows


def scenario_as_dict(scenario: Scenario) -> dict[str, Any]:
    return {"model": scenario.model_name, "method": scenario.method, "notes": scenario.notes,
            "rows": scenario_rows(scenario)}  # fmt: skip


def scenario_xlsx(scenario: Scenario) -> bytes:
    """The table as an XLSX sheet, the model and the method below it; text never becomes a formula."""
    from openpyxl import Workbook

    from sezatlas.tabular.safe_cells import append_row

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "common approach"
    append_row(sheet, COLUMNS)
    for row in scenario_rows(scenario):
        append_row(sheet, [row[name] for name in COLUMNS])
    append_row(sheet, [])
    for line in [f"model: {scenario.model_name}", scenario.method, *scenario.notes]:
        append_row(sheet, [line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
