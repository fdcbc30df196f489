"""An incentives comparison as files people take away: an XLSX workbook and a PDF, in the reader's language.

The same rows as the page, in the same words: a sheet of regimes (amounts in millions of the project
currency, rates in per cent, as numbers a spreadsheet can sum), a sheet of the facts to check with their
sources, the project as the form stated it, and, when a regime's taxes by year are open on the page, a
sheet of them. Text is written through `safe_cells.append_row`, so a project named "=HYPERLINK(...)" is
never run as a formula. The PDF is the print template rendered as the compare page's is
(`compare_export.comparison_pdf`: no network).
"""

from collections.abc import Callable
from io import BytesIO
from typing import Any

from fastapi import Request
from fastapi.responses import Response
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from sezatlas.tabular.safe_cells import append_row
from sezatlas.web.downloads import attachment
from sezatlas.web.pages.compare_export import XLSX_MEDIA_TYPE, comparison_pdf, sheet_title
from sezatlas.web.pages.rendering import PageContext, render_text

DOCUMENTS = ("xlsx", "pdf")
FILE_NAME = "sez-atlas-incentives"


def _bold_header(sheet: Any, widths: list[int]) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "B2"


def _outcome_text(row: dict[str, Any], gettext: Callable[[str], str]) -> str:
    if row["error"]:
        return gettext("Cannot be computed for this project:") + " " + str(row["error"])
    if row["reasons"]:
        return gettext("Not eligible because") + " " + "; ".join(row["reasons"])
    return gettext("Eligible")


def _regimes_sheet(workbook: Workbook, result: dict[str, Any], gettext: Callable[[str], str]) -> None:
    sheet = workbook.active
    sheet.title = sheet_title(gettext("Regime by regime"))
    unit = f" ({result['currency']} m)"
    append_row(sheet, [
        gettext("Regime"), gettext("Country"), gettext("compared with"), gettext("Eligibility"),
        gettext("NPV of incentives") + unit, gettext("By instrument"), gettext("PV of taxes") + unit,
        gettext("PV of taxes, standard regime") + unit, gettext("NPV before tax") + unit,
        gettext("NPV after tax") + unit, gettext("AETR") + " (%)", gettext("METR") + " (%)",
        gettext("Full name"),
    ])  # fmt: skip
    for row in result["rows"]:
        parts = "\n".join(f"{part['title']}: {part['value']:.3f}" for part in row.get("parts", []))
        append_row(sheet, [
            row["title"], row["country"], row["standard_title"], _outcome_text(row, gettext),
            row.get("npv_of_incentives"), parts, row.get("pv_taxes"), row.get("pv_taxes_standard"),
            row.get("npv_pre_tax"), row.get("npv_post_tax"), row.get("aetr"), row.get("metr"), row["name"],
        ])  # fmt: skip
        for cell in sheet[sheet.max_row]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    _bold_header(sheet, [30, 18, 26, 30, 14, 28, 12, 14, 12, 12, 8, 8, 50])


def _doubts_sheet(workbook: Workbook, result: dict[str, Any], gettext: Callable[[str], str]) -> None:
    sheet = workbook.create_sheet(sheet_title(gettext("Facts to check")))
    append_row(sheet, [gettext("Regime"), gettext("Fact"), gettext("Source")])
    for row in result["rows"]:
        for doubt in row["doubts"]:
            append_row(sheet, [row["title"], doubt.text, doubt.url or ""])
    _bold_header(sheet, [30, 70, 60])


def _schedule_sheet(workbook: Workbook, schedule: dict[str, Any], gettext: Callable[[str], str]) -> None:
    sheet = workbook.create_sheet(sheet_title(gettext("Taxes by year")))
    append_row(sheet, [schedule["title"], *schedule["years"], gettext("PV")])
    for row in schedule["rows"]:
        append_row(sheet, [row["title"], *row["by_year"], row["pv"]])
    _bold_header(sheet, [44, *([10] * (len(schedule["years"]) + 1))])


def _project_sheet(workbook: Workbook, context: dict[str, Any], gettext: Callable[[str], str]) -> None:
    """The project as the form stated it: the assumptions every number of the workbook rests on."""
    sheet = workbook.create_sheet(sheet_title(gettext("The project")))
    labels, values = context["labels"], context["values"]
    for name, label in labels.items():
        if name in values and not isinstance(values[name], list) and values[name] != "":
            append_row(sheet, [label, values[name]])
    _bold_header(sheet, [40, 40])


def incentives_xlsx(context: dict[str, Any], gettext: Callable[[str], str]) -> bytes:
    """The comparison as a workbook: regimes, facts to check, the project, and the open regime's taxes by
    year."""
    result = context["result"]
    workbook = Workbook()
    _regimes_sheet(workbook, result, gettext)
    _doubts_sheet(workbook, result, gettext)
    _project_sheet(workbook, context, gettext)
    schedule = result.get("schedule")
    if schedule and schedule["rows"]:
        _schedule_sheet(workbook, schedule, gettext)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def incentives_document(request: Request, reader: PageContext, context: dict[str, Any], fmt: str) -> Response:
    """The comparison of `context["result"]` as an XLSX workbook or a PDF download."""
    if fmt == "xlsx":
        body, media_type = incentives_xlsx(context, reader.gettext), XLSX_MEDIA_TYPE
    else:
        body, media_type = comparison_pdf(render_text(request, reader, "incentives_pdf.html", context)), \
            "application/pdf"  # fmt: skip
    return Response(body, media_type=media_type, headers=attachment(f"{FILE_NAME}.{fmt}"))
