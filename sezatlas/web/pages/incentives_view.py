"""A regime comparison as the incentives page shows it: one row per regime, a chart, one schedule by year.

Amounts are shown in millions of the project currency (the engine computes in units); rates in per cent.
Eligibility reasons, errors and schedule notes come from the engine in English, as the rank page's
explanations do; titles of instruments and taxes are translated. Regimes are named (`regime_words`), never
shown by their internal id, and the chart's bars run from the largest NPV of incentives down.
"""

import math
from collections.abc import Iterable, Mapping
from typing import Any

from sezatlas.regimes.comparison import RegimeOutcome
from sezatlas.regimes.evaluate import RegimeEvaluation
from sezatlas.regimes.schedule import TAX_NAMES, FloatArray, TaxSchedule
from sezatlas.web.i18n import country_name
from sezatlas.web.pages.labels import CONFIDENCE_TITLES, N_
from sezatlas.web.pages.regime_words import plain_doubts, with_names
from sezatlas.web.pages.rendering import PageContext

MILLION = 1_000_000.0
Row = dict[str, Any]  # a row of the schedule table: title, kind (money or rate), by_year, pv, is_total
CHART_COLOUR = "#0072B2"

INSTRUMENT_TITLES: dict[str, str] = {
    "cit": N_("Profit tax"),
    "depreciation": N_("Depreciation"),
    "investment_allowance": N_("Investment allowance"),
    "investment_credit": N_("Investment credit"),
    "customs": N_("Customs duties"),
    "vat": N_("VAT"),
    "property_tax": N_("Property tax"),
    "land_tax": N_("Land tax"),
    "payroll": N_("Payroll contributions"),
    "turnover_levy": N_("Turnover levy"),
    "minimum_tax": N_("Minimum tax"),
    "benefit_cap": N_("Cap on benefits"),
    "pillar_two": N_("Global minimum tax (Pillar Two)"),
}
TAX_TITLES: dict[str, str] = {
    "customs_capital_goods": N_("Customs duty on capital goods"),
    "vat_capital_goods": N_("VAT on capital goods (cost of the refund delay)"),
    "customs_inputs": N_("Customs duty on inputs"),
    "property_tax": N_("Property tax"),
    "land_tax": N_("Land tax"),
    "payroll_contributions": N_("Payroll contributions"),
    "turnover_levy": N_("Turnover levy"),
    "cit": N_("Profit tax"),
    "pillar_two_top_up": N_("Pillar Two top-up tax"),
}


def millions(value: float | None) -> float | None:
    """An amount in millions; None for an undefined or non-finite number (never a silent 0)."""
    return None if value is None or not math.isfinite(value) else value / MILLION


def percent(rate: float | None) -> float | None:
    return None if rate is None or not math.isfinite(rate) else rate * 100


def _numbers(outcome: RegimeOutcome, reader: PageContext) -> dict[str, Any]:
    result = outcome.comparison
    if result is None or not result.zone.is_eligible:
        return {}
    zone, standard, _ = result.zone, result.standard, reader.gettext
    return {
        "npv_of_incentives": millions(result.npv_of_incentives),
        "parts": [
            {"title": _(INSTRUMENT_TITLES.get(name, name)), "value": millions(value)}
            for name, value in result.by_instrument.items()
            if value != 0
        ],
        "pv_taxes": millions(zone.pv_taxes),
        "pv_taxes_standard": millions(standard.pv_taxes),
        "npv_pre_tax": millions(zone.npv_pre_tax),
        "npv_post_tax": millions(zone.npv_post_tax),
        "aetr": percent(zone.aetr),
        "metr": percent(zone.metr),
    }


def regime_row(outcome: RegimeOutcome, reader: PageContext, titles: Mapping[str, str]) -> dict[str, Any]:
    """One regime: identity, trust, and its numbers, its reasons for not being eligible, or its error."""
    regime, result = outcome.regime, outcome.comparison
    confidence = regime.provenance.confidence
    reasons = [with_names(reason, titles) for reason in result.zone.reasons] if result is not None else []
    standard_id = regime.counterfactual_id or regime.regime_id
    return {
        "regime_id": regime.regime_id,
        "title": titles[regime.regime_id],
        "name": regime.name,
        "country": country_name(regime.country_iso3, reader.lang),
        "standard_title": titles[standard_id],
        "confidence": reader.gettext(CONFIDENCE_TITLES[confidence]) if confidence else None,
        "as_of": regime.provenance.as_of,
        "is_doubtful": outcome.is_doubtful,
        "is_custom": outcome.is_custom,
        "doubts": plain_doubts(regime, reader.gettext, reader.lang),
        "sources": list(regime.provenance.source_urls),
        "error": with_names(outcome.error, titles) if outcome.error else None,
        "reasons": reasons,
        "has_schedule": result is not None and result.zone.schedule is not None,
        **_numbers(outcome, reader),
    }


def npv_chart(rows: list[dict[str, Any]], currency: str, reader: PageContext) -> dict[str, Any]:
    """NPV of incentives per regime, in millions, largest first, for charts.js (the table's numbers)."""
    shown = sorted((row for row in rows if row.get("npv_of_incentives") is not None),
                   key=lambda row: -row["npv_of_incentives"])  # fmt: skip
    return {
        "categories": [f"{row['title']} ({row['country']})" for row in shown],
        "axis_title": reader.gettext("NPV of incentives, million %(currency)s") % {"currency": currency},
        "series": [{"name": reader.gettext("NPV of incentives"), "colour": CHART_COLOUR,
                    "data": [round(row["npv_of_incentives"], 3) for row in shown]}],
    }  # fmt: skip


def _row(title: str, by_year: FloatArray, pv: float | None = None, is_total: bool = False) -> Row:
    """A row of amounts by year, in millions, with their present value."""
    return {"title": title, "kind": "money", "by_year": [millions(v) for v in by_year.tolist()],
            "pv": millions(pv), "is_total": is_total}  # fmt: skip


def _rate_row(title: str, rates: FloatArray) -> Row:
    return {"title": title, "kind": "rate", "by_year": [percent(r) for r in rates.tolist()], "pv": None,
            "is_total": False}  # fmt: skip


def _standard_rows(zone: RegimeEvaluation, standard: RegimeEvaluation, standard_title: str,
                   reader: PageContext) -> list[Row]:  # fmt: skip
    """The same project's taxes under the country's standard regime, and what the zone saves each year."""
    if zone.schedule is None or standard.schedule is None or zone.regime_id == standard.regime_id:
        return []
    _ = reader.gettext
    base = standard.schedule.total_by_year
    saved = base - zone.schedule.total_by_year
    saved_pv = None
    if standard.pv_taxes is not None and zone.pv_taxes is not None:
        saved_pv = standard.pv_taxes - zone.pv_taxes
    return [
        _row(_("All taxes under %(regime)s") % {"regime": standard_title}, base, standard.pv_taxes),
        _row(_("Saved against the standard regime"), saved, saved_pv, is_total=True),
    ]


def _schedule_rows(schedule: TaxSchedule, zone: RegimeEvaluation, standard: RegimeEvaluation,
                   standard_title: str, reader: PageContext) -> list[Row]:  # fmt: skip
    _ = reader.gettext
    taxes = [_row(_(TAX_TITLES[name]), schedule.taxes[name], zone.pv_by_tax.get(name)) for name in TAX_NAMES]
    return [
        _rate_row(_("Profit tax rate, per cent"), schedule.cit_rate),
        _row(_("Taxable income before losses"), schedule.taxable_income),
        _row(_("Tax depreciation"), schedule.depreciation),
        *taxes,
        _row(_("All taxes and duties"), schedule.total_by_year, zone.pv_taxes, is_total=True),
        *_standard_rows(zone, standard, standard_title, reader),
        _row(_("Pre-tax cash flow"), schedule.pre_tax_cash_flow, zone.npv_pre_tax),
    ]


def schedule_view(outcome: RegimeOutcome, reader: PageContext, titles: Mapping[str, str]) -> dict[str, Any]:
    """Every tax and duty of one regime by year, the standard regime's total and the saving, with PVs;
    or why there is none (an error, or the reasons the project is not eligible)."""
    result = outcome.comparison
    regime = outcome.regime

    def named(lines: Iterable[str]) -> list[str]:
        return [with_names(line, titles) for line in lines]

    error = with_names(outcome.error, titles) if outcome.error else None
    view: dict[str, Any] = {"regime_id": regime.regime_id, "title": titles[regime.regime_id],
                            "name": regime.name, "error": error,
                            "reasons": [], "years": [], "rows": [], "notes": []}  # fmt: skip
    if result is None:
        return view
    schedule = result.zone.schedule
    if schedule is None:
        return {**view, "reasons": named(result.zone.reasons)}
    standard_title = titles[result.standard.regime_id]
    rows = _schedule_rows(schedule, result.zone, result.standard, standard_title, reader)
    return {**view, "years": list(schedule.calendar_years), "rows": rows, "notes": named(schedule.notes)}
