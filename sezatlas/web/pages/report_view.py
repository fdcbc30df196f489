"""A secretariat report (`reports/model.py`) as the PDF and the XLSX annex show it, in the reader's language.

Everything here words or formats; nothing is computed but units (money in millions, rates in per cent).
Coverage and the zone counts are worded by the statistics page's own functions (`statistics.py`), the
matrix by the matrix page's (`matrix_view.py`), so the report and those pages cannot word a figure
differently. The engine's reasons, regime names and the sources' texts stay in English, as they are
recorded, and the template marks them so.
"""

from datetime import datetime
from typing import Any

from sezatlas.regimes.matrix.table import HarmonizationMatrix
from sezatlas.reports.model import CountryReport, IncentiveLine, ReferenceProject, Report, ReportHeader
from sezatlas.web.i18n import country_name, format_as_of, format_number, format_share, translations
from sezatlas.web.pages.facts import Reader
from sezatlas.web.pages.labels import CONFIDENCE_TITLES, N_, ZONE_TYPE_TITLES
from sezatlas.web.pages.matrix_view import matrix_view
from sezatlas.web.pages.statistics import coverage_rows, types_by_status
from sezatlas.web.pages.zone_page import source_label

View = dict[str, Any]
MILLION = 1_000_000
SOURCE_KINDS = {
    "count": N_("Official or reported count"),
    "regime": N_("Regime file"),
    "matrix": N_("Harmonization matrix cell"),
    "zones": N_("Zone records"),
}


def _money(value: float | None, reader: Reader) -> str | None:
    return None if value is None else format_number(value / MILLION, reader.lang, 2)


def _percent(rate: float | None, reader: Reader) -> str | None:
    return None if rate is None else format_share(rate, reader.lang, 2)


def _moment(moment: datetime, reader: Reader) -> str:
    return f"{format_as_of(moment.date().isoformat(), reader.lang)} {moment:%H:%M} UTC"


def _project(p: ReferenceProject, reader: Reader) -> View:
    return {
        "code": p.code, "title": p.title, "isic": p.isic_code, "currency": p.currency,
        "capex_m": _money(p.capex, reader), "revenue_m": _money(p.revenue_per_year, reader),
        "headcount": format_number(p.headcount, reader.lang, 0), "horizon": p.horizon_years,
        "discount": _percent(p.real_discount_rate, reader),
    }  # fmt: skip


def _header(header: ReportHeader, reader: Reader) -> View:
    rates = header.fx_rates
    return {
        "as_of": _moment(header.as_of, reader),
        "as_of_iso": header.as_of.isoformat(timespec="seconds"),
        "is_as_of_asked": header.is_as_of_asked,
        "made_at": _moment(header.made_at, reader),
        "version": header.version,
        "fx_rates": [(code, format_number(rate, reader.lang, 6)) for code, rate in sorted(rates.items())],
        "projects": [_project(project, reader) for project in header.projects],
    }


def _incentive(line: IncentiveLine, reader: Reader) -> View:
    return {
        "regime_id": line.regime_id, "standard_id": line.standard_id,
        "npv_m": _money(line.npv_of_incentives, reader), "npv": line.npv_of_incentives,
        "aetr": _percent(line.aetr, reader), "standard_aetr": _percent(line.standard_aetr, reader),
        "metr": _percent(line.metr, reader), "standard_metr": _percent(line.standard_metr, reader),
        "raw": (line.aetr, line.standard_aetr, line.metr, line.standard_metr), "error": line.error,
    }  # fmt: skip


def _incentives(country: CountryReport, titles: dict[str, str], reader: Reader) -> list[View]:
    by_sector: dict[str, list[View]] = {}
    for line in country.incentives:
        by_sector.setdefault(line.sector, []).append(_incentive(line, reader))
    return [{"code": code, "title": titles[code], "lines": lines} for code, lines in by_sector.items()]


def _regimes(country: CountryReport, reader: Reader) -> list[View]:
    return [
        {"regime_id": line.regime.regime_id, "name": line.regime.name, "is_standard": line.regime.is_standard,
         "zones": line.zones_linked, "as_of": line.regime.provenance.as_of,
         "confidence": reader.gettext(CONFIDENCE_TITLES[line.regime.provenance.confidence])
         if line.regime.provenance.confidence else None,
         "sources": [{"url": str(url), "label": source_label(str(url))}
                     for url in line.regime.provenance.source_urls]}
        for line in country.regimes
    ]  # fmt: skip


def _matrix(matrix: HarmonizationMatrix | None, lang: str) -> View | None:
    if matrix is None:
        return None
    view = matrix_view(matrix, lang)
    return {
        "dimensions": view["dimensions"],
        "rows": [row for group in view["groups"] for row in group["rows"]],
    }


def _inquiries(country: CountryReport, reader: Reader) -> View:
    stats = country.inquiries.dashboard
    if stats is None:
        return {"has_any": False, "sent_by_as_of": country.inquiries.sent_by_as_of}
    days = (stats.median_days, stats.p90_days)
    return {
        "has_any": True, "received": stats.received, "answered": stats.answered, "settled": stats.settled,
        "within_target": stats.within_target, "share": _percent(stats.share_within_target, reader),
        "median_days": None if days[0] is None else format_number(days[0], reader.lang, 1),
        "p90_days": None if days[1] is None else format_number(days[1], reader.lang, 1),
        "sent_by_as_of": country.inquiries.sent_by_as_of,
    }  # fmt: skip


def _sources(
    country: CountryReport, coverage: list[View], regimes: list[View], matrix: View | None
) -> list[View]:
    """Every source URL a figure of the country rests on, once per kind and subject."""
    rows: list[View] = []
    for row in coverage:
        for figure in [row["headline"], *row["history"]] if row["headline"] else row["history"]:
            for url in figure["source_urls"]:
                rows.append({"kind": "count", "subject": f"{row['regime']}: {figure['value']}", "url": url,
                             "as_of": figure["as_of"]})  # fmt: skip
    for regime in regimes:
        for source in regime["sources"]:
            rows.append({"kind": "regime", "subject": regime["regime_id"], "url": source["url"],
                         "as_of": regime["as_of"]})  # fmt: skip
    for row in matrix["rows"] if matrix else []:
        for dimension, cell in zip(matrix["dimensions"] if matrix else [], row["cells"], strict=True):
            for source in cell["sources"]:
                rows.append({"kind": "matrix", "subject": f"{row['regime_id']} · {dimension['title']}",
                             "url": source["url"], "as_of": cell["as_of"]})  # fmt: skip
    return rows


def _country(country: CountryReport, titles: dict[str, str], reader: Reader) -> View:
    coverage = coverage_rows(country.stats, reader)
    regimes = _regimes(country, reader)
    matrix = _matrix(country.matrix, reader.lang)
    table = types_by_status(country.stats.by_type_and_status, reader)
    return {
        "iso3": country.iso3,
        "name": country_name(country.iso3, reader.lang),
        "zones": country.stats.zones,
        "unplaced": country.stats.unplaced,
        "in_no_counted_regime": country.stats.in_no_counted_regime,
        "counts_after_as_of": country.counts_after_as_of,
        "coverage": coverage,
        "types": table,
        "type_rows": list(zip(table.row_keys, table.row_titles, table.counts, table.row_totals, strict=True)),
        "regimes": regimes,
        "matrix": matrix,
        "incentives": _incentives(country, titles, reader),
        "inquiries": _inquiries(country, reader),
        "congress": country.congress,
        "sources": _sources(country, coverage, regimes, matrix),
        "zone_sources": country.zone_sources,
    }


def report_view(report: Report, lang: str) -> View:
    """Everything the PDF and the annex show, in `lang`."""
    reader = Reader(translations(lang).gettext, lang)
    titles = {p.code: p.title for p in report.header.projects}
    totals = [
        (reader.gettext(ZONE_TYPE_TITLES[kind]), zones) for kind, zones in report.zones_by_type().items()
    ]
    countries = [_country(country, titles, reader) for country in report.countries]
    return {
        "is_association": report.is_association,
        "header": _header(report.header, reader),
        "countries": countries,
        "zones": report.zones,
        "regimes_total": sum(len(country["regimes"]) for country in countries),
        "inquiries_total": sum(country.inquiries.sent_by_as_of for country in report.countries),
        "totals_by_type": totals,
        "source_kinds": {key: reader.gettext(title) for key, title in SOURCE_KINDS.items()},
    }
