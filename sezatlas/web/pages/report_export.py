"""A secretariat report as files: the PDF (the print template, WeasyPrint as every PDF here) and the XLSX
annex holding the tables behind every figure of it, in the reader's language.

The annex's rows are the view's (`report_view.py`), with the raw numbers beside the worded ones, so a
figure of the PDF can be found, checked and summed; every text goes through `safe_cells.append_row`, so a
zone or regime name starting with "=" stays text and the workbook holds no live formula.
"""

from collections.abc import Callable, Iterable, Sequence
from io import BytesIO
from typing import Any

from jinja2 import Environment
from openpyxl import Workbook
from openpyxl.styles import Font

from sezatlas.tabular.safe_cells import append_row
from sezatlas.web.i18n import LANGUAGES
from sezatlas.web.pages.compare_export import comparison_pdf, sheet_title

View = dict[str, Any]
Gettext = Callable[[str], str]


def report_pdf(view: View, environment: Environment, lang: str) -> bytes:
    """The print template in `lang` (its environment: the page's, or `PageRenderer.load()`'s for the CLI)."""
    language = LANGUAGES[lang]
    html = environment.get_template("report_pdf.html").render(
        html_lang=language.html_lang, html_dir=language.direction, **view
    )
    return comparison_pdf(html)


def _sheet(workbook: Workbook, title: str, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    sheet = workbook.create_sheet(sheet_title(title))
    append_row(sheet, header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        append_row(sheet, row)
    sheet.freeze_panes = "A2"


def _about(view: View, _: Gettext) -> list[list[Any]]:
    header = view["header"]
    rows: list[list[Any]] = [
        [_("As of"), header["as_of_iso"]],
        [_("Made"), header["made_at"]],
        [_("Version"), header["version"]],
    ]
    rows += [[f"fx {code}", rate] for code, rate in header["fx_rates"]]
    return rows


def _coverage(view: View) -> Iterable[list[Any]]:
    for country in view["countries"]:
        for row in country["coverage"]:
            for figure in [row["headline"], *row["history"]] if row["headline"] else row["history"]:
                is_headline = figure is row["headline"]
                yield [
                    country["iso3"],
                    row["regime"],
                    figure["value"],
                    figure["metric"],
                    figure["as_of"],
                    figure["source_type"],
                    "\n".join(figure["source_urls"]),
                    is_headline,
                    row["in_registry"] if is_headline else None,
                    row["coverage"] if is_headline else None,
                ]


def _types(view: View) -> Iterable[list[Any]]:
    for country in view["countries"]:
        table = country["types"]
        for key, counts in zip(table.row_keys, table.counts, strict=True):
            for status, zones in zip(table.column_keys, counts, strict=True):
                if zones:
                    yield [country["iso3"], key, status, zones]


def _regimes(view: View) -> Iterable[list[Any]]:
    for country in view["countries"]:
        for regime in country["regimes"]:
            yield [
                country["iso3"],
                regime["regime_id"],
                regime["name"],
                regime["is_standard"],
                regime["zones"],
                regime["as_of"],
                "\n".join(source["url"] for source in regime["sources"]),
            ]


def _matrix(view: View) -> Iterable[list[Any]]:
    for country in view["countries"]:
        matrix = country["matrix"]
        for row in matrix["rows"] if matrix else []:
            for dimension, cell in zip(matrix["dimensions"], row["cells"], strict=True):
                yield [
                    country["iso3"],
                    row["regime_id"],
                    dimension["key"],
                    cell["code"],
                    cell["text"],
                    "\n".join(s["url"] for s in cell["sources"]),
                    cell["as_of_raw"],
                    cell["basis"],
                ]


def _incentives(view: View) -> Iterable[list[Any]]:
    for country in view["countries"]:
        for sector in country["incentives"]:
            for line in sector["lines"]:
                yield [
                    country["iso3"],
                    sector["code"],
                    line["regime_id"],
                    line["standard_id"],
                    line["npv"],
                    *line["raw"],
                    line["error"],
                ]


def _activity(view: View) -> Iterable[list[Any]]:
    for country in view["countries"]:
        inq = country["inquiries"]
        yield [
            country["iso3"],
            "inquiries",
            None,
            inq.get("received"),
            inq.get("answered"),
            inq.get("within_target"),
            inq["sent_by_as_of"],
        ]
        for event in country["congress"]:
            yield [
                country["iso3"],
                "congress",
                event.event_id,
                event.participants,
                event.participants_of_country,
                event.meetings,
                event.meetings_of_country,
            ]


def _sources(view: View) -> Iterable[list[Any]]:
    for country in view["countries"]:
        for source in country["sources"]:
            yield [country["iso3"], source["kind"], source["subject"], source["url"], source["as_of"]]
        for dataset in country["zone_sources"]:
            for url in dataset.source_urls:
                yield [
                    country["iso3"],
                    "zones",
                    f"{dataset.dataset} ({dataset.zones})",
                    url,
                    dataset.newest_as_of,
                ]


COLUMNS = {
    "coverage": ("country", "regime", "value", "metric", "as_of", "source_type", "source_urls", "is_headline",
                 "zones_in_registry", "coverage"),
    "zones": ("country", "zone_type", "status", "zones"),
    "regimes": ("country", "regime_id", "name", "is_standard", "zones_linked", "as_of", "source_urls"),
    "matrix": ("country", "regime_id", "dimension", "code", "text", "source_urls", "as_of", "basis"),
    "incentives": ("country", "project", "regime_id", "standard_id", "npv_of_incentives_usd", "aetr",
                   "standard_aetr", "metr", "standard_metr", "not_valued_because"),
    "projects": ("project", "title", "isic", "currency", "capex_m", "revenue_m_per_year", "headcount",
                 "years", "real_discount_rate"),
    "activity": ("country", "kind", "event", "received_or_participants", "answered_or_of_country",
                 "within_target_or_meetings", "sent_by_as_of_or_meetings_of_country"),
    "sources": ("country", "kind", "of", "url", "as_of"),
}  # fmt: skip


def _projects(view: View) -> Iterable[list[Any]]:
    for p in view["header"]["projects"]:
        yield [p["code"], p["title"], p["isic"], p["currency"], p["capex_m"], p["revenue_m"], p["headcount"],
               p["horizon"], p["discount"]]  # fmt: skip


def report_xlsx(view: View, gettext: Gettext) -> bytes:
    """The annex: one sheet per table of the report, numbers as numbers, sources as text."""
    _ = gettext
    workbook = Workbook()
    workbook.remove(workbook.active)
    _sheet(workbook, _("Report"), [_("Item"), _("Value")], _about(view, _))
    sheets = (
        (_("Coverage"), "coverage", _coverage), (_("Zones"), "zones", _types),
        (_("Regimes"), "regimes", _regimes), (_("Matrix"), "matrix", _matrix),
        (_("Incentives"), "incentives", _incentives), (_("Projects"), "projects", _projects),
        (_("Inquiries and Congress"), "activity", _activity), (_("Sources"), "sources", _sources),
    )  # fmt: skip
    for title, key, rows in sheets:
        _sheet(workbook, title, COLUMNS[key], rows(view))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
