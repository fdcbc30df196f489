"""The harmonization matrix as files people take away: an XLSX workbook and a PDF, in the reader's language.

The page (`?f=xlsx|pdf`, with the page's filters) and `sezatlas incentives matrix --output m.xlsx|m.pdf`
write the same files from the same view (`matrix_view.py`). The workbook holds the matrix (a row per
regime, a summary row), every cell with its source, date and basis, the summary, and the codes with
their meanings; every text goes through `safe_cells.append_row`, so a cell text starting with "=" stays
text. The PDF is the print template rendered by WeasyPrint as the compare page's is
(`compare_export.comparison_pdf`: Noto fonts, no network).
"""

from collections.abc import Callable
from io import BytesIO
from typing import Any

from jinja2 import Environment
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sezatlas import __version__
from sezatlas.tabular.safe_cells import append_row
from sezatlas.web.i18n import LANGUAGES
from sezatlas.web.pages.compare_export import comparison_pdf, sheet_title

View = dict[str, Any]
UNKNOWN_FILL = PatternFill("solid", fgColor="EEEEEE")
SUMMARY_FILL = PatternFill("solid", fgColor="DDE5EE")


def _style(sheet: Any, widths: list[int], freeze: str = "B2") -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = freeze


def _cell_text(cell: View) -> str:
    return f"{cell['label']}: {cell['text']}" if cell["is_known"] else cell["label"]


def _matrix_sheet(workbook: Workbook, view: View, gettext: Callable[[str], str]) -> None:
    sheet = workbook.active
    sheet.title = sheet_title(gettext("Matrix"))
    dimensions = view["dimensions"]
    append_row(sheet, [gettext("Regime"), gettext("Country"), *(d["title"] for d in dimensions)])
    verdicts = [f"{d['verdict_title']} ({gettext('unknown')}: {d['unknown']})" for d in dimensions]
    append_row(sheet, [gettext("Across the regimes shown"), "", *verdicts])
    for cell in sheet[2]:
        cell.fill, cell.font = SUMMARY_FILL, Font(bold=True)
    for group in view["groups"]:
        for row in group["rows"]:
            append_row(sheet, [row["title"], group["name"], *(_cell_text(cell) for cell in row["cells"])])
            for cell, shown in zip(sheet[sheet.max_row][2:], row["cells"], strict=True):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if not shown["is_known"]:
                    cell.fill = UNKNOWN_FILL
    _style(sheet, [40, 16, *([30] * len(dimensions))], freeze="C3")


def _sources_sheet(workbook: Workbook, view: View, gettext: Callable[[str], str]) -> None:
    sheet = workbook.create_sheet(sheet_title(gettext("Sources")))
    append_row(sheet, [gettext("Regime"), gettext("Dimension"), gettext("Code"), gettext("Value"),
                       gettext("Source"), gettext("As of"), gettext("Computed from")])  # fmt: skip
    for group in view["groups"]:
        for row in group["rows"]:
            for dimension, cell in zip(view["dimensions"], row["cells"], strict=True):
                if cell["is_known"]:
                    sources = "\n".join(source["url"] for source in cell["sources"])
                    append_row(sheet, [row["title"], dimension["title"], cell["code"], cell["text"],
                                       sources, cell["as_of_raw"] or "", cell["basis"] or ""])  # fmt: skip
    _style(sheet, [26, 26, 22, 50, 60, 12, 30])


def _summary_sheet(workbook: Workbook, view: View, gettext: Callable[[str], str]) -> None:
    sheet = workbook.create_sheet(sheet_title(gettext("Summary")))
    append_row(sheet, [gettext("Dimension"), gettext("Verdict"), gettext("Known"), gettext("unknown"),
                       gettext("Codes"), gettext("Framework")])  # fmt: skip
    for dimension in view["dimensions"]:
        counts = "; ".join(f"{label}: {count}" for label, count in dimension["counts"])
        append_row(sheet, [dimension["title"], dimension["verdict_title"], dimension["known"],
                           dimension["unknown"], counts, dimension["framework"]])  # fmt: skip
    append_row(sheet, [])
    for title, sentence in view["rule"]:
        append_row(sheet, [title, sentence])
    _style(sheet, [30, 16, 8, 8, 60, 60])


def _codes_sheet(workbook: Workbook, view: View, gettext: Callable[[str], str]) -> None:
    sheet = workbook.create_sheet(sheet_title(gettext("Codes")))
    append_row(sheet, [gettext("Dimension"), gettext("Code"), gettext("Value"), gettext("Meaning")])
    for dimension in view["dimensions"]:
        for code in dimension["codes"]:
            append_row(sheet, [dimension["title"], code["key"], code["label"], code["meaning"]])
    _style(sheet, [30, 26, 30, 80])


def matrix_xlsx(view: View, gettext: Callable[[str], str]) -> bytes:
    """The matrix, its sources, its summary and its codes as one workbook."""
    workbook = Workbook()
    _matrix_sheet(workbook, view, gettext)
    _sources_sheet(workbook, view, gettext)
    _summary_sheet(workbook, view, gettext)
    _codes_sheet(workbook, view, gettext)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def matrix_pdf(view: View, environment: Environment, lang: str) -> bytes:
    """The print template in `lang` (its environment: the page's, or `PageRenderer.load()`'s for the CLI)."""
    language = LANGUAGES[lang]
    html = environment.get_template("matrix_pdf.html").render(
        html_lang=language.html_lang, html_dir=language.direction, version=__version__, **view
    )
    return comparison_pdf(html)
