"""CSV and XLSX as one thing: a header row and rows of text cells, each with the row number a user sees.

Spreadsheet cells are turned into the same text a CSV would hold (numbers in full precision, booleans as
true/false, dates as ISO dates), so both formats go through one path and one set of rules. What the
columns mean is the caller's business: the registry checks the header against the zone standard
(`sezatlas/registry/readers.py`), the Congress against its sheets' columns (`congress/files/sheets.py`).
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sezatlas.tabular.report import ValidationReport
from sezatlas.tabular.safe_cells import from_csv_text

Cell = str | None


@dataclass(frozen=True, slots=True)
class FlatTable:
    """Header cells and the data rows with their spreadsheet row numbers (the header is row 1)."""

    header: list[Cell]
    rows: list[tuple[int, list[Cell]]]


def _split_header(
    rows: list[tuple[int, list[Cell]]], report: ValidationReport, row_noun: str
) -> FlatTable | None:
    filled = [(number, cells) for number, cells in rows if any(cell and cell.strip() for cell in cells)]
    if not filled:
        report.add(None, None, None, "the file is empty")
        return None
    (_, header), *data = filled
    if not data:
        report.add(None, None, None, f"the file has a header row but no {row_noun}")
    return FlatTable(header, data)


def read_csv_table(text: str, report: ValidationReport, row_noun: str = "data rows") -> FlatTable | None:
    """Rows of a comma-separated UTF-8 file; blank lines are skipped but still counted as rows.

    `row_noun` names the data rows when the file has a header only ("…a header row but no zones"). A
    cell like ``'=x`` loses its leading quote: that is how exports keep formula-like text inert
    (`safe_cells`), so a file exported by SEZ Atlas reads back exactly as it was.
    """
    try:
        rows = [(number, list(cells)) for number, cells in enumerate(csv.reader(io.StringIO(text)), 1)]
    except csv.Error as error:
        report.add(None, None, None, f"not a readable CSV file: {error}")
        return None
    cleaned = [(n, [from_csv_text(cell) if cell.strip() else None for cell in c]) for n, c in rows]
    return _split_header(cleaned, report, row_noun)


def _cell_text(value: Any) -> Cell:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def read_xlsx_table(path: Path, report: ValidationReport, row_noun: str = "data rows") -> FlatTable | None:
    """The first worksheet of a workbook; formulas count by their last computed value."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as error:
        report.add(None, None, None, f"not a readable XLSX workbook ({error}); save it from Excel as .xlsx")
        return None
    try:
        sheet = workbook.worksheets[0]
        rows = [
            (n, [_cell_text(v) for v in cells])
            for n, cells in enumerate(sheet.iter_rows(values_only=True), 1)
        ]
    finally:
        workbook.close()
    return _split_header(rows, report, row_noun)
