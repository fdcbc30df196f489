"""A comparison as files people take away: an XLSX workbook and a PDF, in the reader's language.

The workbook holds the same rows as the page (a sheet of values, differing rows filled, and a sheet of
every fact's sources and dates, or how SEZ Atlas computed it), so it can be filtered and pasted into a
memo; text is always written as text, so a zone named "=HYPERLINK(...)" is never run as a formula
(`safe_cells`). The PDF is the print template rendered by WeasyPrint with the Noto fonts, so Chinese,
Cyrillic and Arabic names print as text; it may load nothing but `data:` URLs, so making a PDF never
reaches the network.
"""

from collections.abc import Callable
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from sezatlas.standard.zone import Zone
from sezatlas.tabular.safe_cells import append_row
from sezatlas.web.pages.comparison import ComparedGroup, Comparison
from sezatlas.web.pages.facts import Fact

XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DIFFERENT_FILL = PatternFill("solid", fgColor="FFF2CC")
GROUP_FILL = PatternFill("solid", fgColor="DDE5EE")
SHEET_TITLE_LIMIT = 31  # Excel's limit on a sheet name


def _cell_text(fact: Fact, unknown: str) -> str:
    if fact.items:
        return "\n".join(fact.items)
    return fact.value if fact.value is not None else unknown


def sheet_title(text: str) -> str:
    return "".join(ch for ch in text if ch not in "[]:*?/\\")[:SHEET_TITLE_LIMIT] or "Sheet"


def _values_sheet(workbook: Workbook, zones: list[Zone], comparison: Comparison,
                  gettext: Callable[[str], str]) -> None:  # fmt: skip
    sheet = workbook.active
    sheet.title = sheet_title(gettext("Comparison"))
    append_row(sheet, [gettext("Fact"), *(zone.name_en for zone in zones), gettext("Differs")])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    unknown = gettext("unknown")
    for group in comparison.groups:
        append_row(sheet, [group.title])
        for cell in sheet[sheet.max_row]:
            cell.font, cell.fill = Font(bold=True), GROUP_FILL
        for row in group.rows:
            append_row(sheet, [row.label, *(_cell_text(fact, unknown) for fact in row.cells),
                               gettext("yes") if row.is_different else ""])  # fmt: skip
            for cell in sheet[sheet.max_row]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                if row.is_different:
                    cell.fill = DIFFERENT_FILL
            if row.method:
                append_row(sheet, [None, row.method])
                sheet.cell(row=sheet.max_row, column=2).font = Font(italic=True)
    if comparison.not_known:
        append_row(sheet, [gettext("Not known for these zones"), "; ".join(comparison.not_known)])
    sheet.freeze_panes = "B2"
    sheet.column_dimensions["A"].width = 34
    for index in range(len(zones)):
        sheet.column_dimensions[get_column_letter(index + 2)].width = 36


def _sources_sheet(workbook: Workbook, zones: list[Zone], groups: list[ComparedGroup],
                   gettext: Callable[[str], str]) -> None:  # fmt: skip
    sheet = workbook.create_sheet(sheet_title(gettext("Sources")))
    append_row(sheet, [gettext("Zone"), gettext("Fact"), gettext("Value"), gettext("Source"),
                       gettext("As of")])  # fmt: skip
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for position, zone in enumerate(zones):
        for group in groups:
            for row in group.rows:
                fact = row.cells[position]
                if fact.is_known:
                    source = "\n".join(fact.source_urls) or row.method or ""
                    append_row(
                        sheet, [zone.name_en, row.label, _cell_text(fact, ""), source, fact.as_of or ""]
                    )
    for letter, width in zip("ABCDE", (30, 30, 30, 60, 16), strict=True):
        sheet.column_dimensions[letter].width = width


def comparison_xlsx(zones: list[Zone], comparison: Comparison, gettext: Callable[[str], str]) -> bytes:
    """The comparison as a workbook: values side by side (how computed values were computed, and the facts
    no zone knows, below them), then every known fact's sources."""
    workbook = Workbook()
    _values_sheet(workbook, zones, comparison, gettext)
    _sources_sheet(workbook, zones, comparison.groups, gettext)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def comparison_pdf(html: str) -> bytes:
    """The print template as a PDF (WeasyPrint is imported here: it is slow to import, and rarely used)."""
    from weasyprint import HTML  # type: ignore[import-untyped]
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    fetcher = URLFetcher(allowed_protocols={"data"})
    pdf: bytes = HTML(string=html, url_fetcher=fetcher).write_pdf()
    return pdf
