"""CSV and XLSX as one thing: a header of flat column names and rows of text cells.

Spreadsheet cells are turned into the same text a CSV would hold (numbers in full precision, booleans as
true/false, dates as ISO dates), so both formats go through one path and one set of rules.
"""

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sezatlas.registry.column_types import required_columns
from sezatlas.registry.text_encoding import encoding_reason, is_undecodable, shown
from sezatlas.registry.validation import ValidationReport, unknown_name_reason
from sezatlas.standard.flat import flat_column_names

Cell = str | None


@dataclass(frozen=True, slots=True)
class FlatTable:
    """Header cells and the data rows with their spreadsheet row numbers (the header is row 1)."""

    header: list[Cell]
    rows: list[tuple[int, list[Cell]]]


def _split_header(rows: list[tuple[int, list[Cell]]], report: ValidationReport) -> FlatTable | None:
    filled = [(number, cells) for number, cells in rows if any(cell and cell.strip() for cell in cells)]
    if not filled:
        report.add(None, None, None, "the file is empty")
        return None
    (_, header), *data = filled
    if not data:
        report.add(None, None, None, "the file has a header row but no zones")
    return FlatTable(header, data)


def read_csv_table(text: str, report: ValidationReport) -> FlatTable | None:
    """Rows of a comma-separated UTF-8 file; blank lines are skipped but still counted as rows."""
    try:
        rows = [(number, list(cells)) for number, cells in enumerate(csv.reader(io.StringIO(text)), 1)]
    except csv.Error as error:
        report.add(None, None, None, f"not a readable CSV file: {error}")
        return None
    return _split_header([(n, [cell if cell.strip() else None for cell in c]) for n, c in rows], report)


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


def read_xlsx_table(path: Path, report: ValidationReport) -> FlatTable | None:
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
    return _split_header(rows, report)


def _column_names(table: FlatTable, report: ValidationReport) -> list[str | None]:
    """Known column per position, or None for a position to skip; header problems go to `report`."""
    known = flat_column_names()
    names: list[str | None] = []
    seen: dict[str, int] = {}
    for position, cell in enumerate(table.header, start=1):
        name = (shown(cell) if cell and is_undecodable(cell) else cell or "").strip()
        if cell and is_undecodable(cell):
            report.add(1, name, name, encoding_reason(cell))
        elif not name:
            if any(position <= len(cells) and cells[position - 1] for _, cells in table.rows):
                report.add(1, None, None, f"column {position} has values but no name in the header")
        elif name in seen:
            report.add(1, name, None, f"column appears twice (columns {seen[name]} and {position})")
        elif name not in known:
            report.add(1, name, None, unknown_name_reason(name, "column"))
        else:
            seen[name] = position
            names.append(name)
            continue
        names.append(None)
    return names


def table_records(
    table: FlatTable, report: ValidationReport
) -> tuple[list[tuple[int, dict[str, Cell]]], frozenset[str]]:
    """Each data row as {column: text}; also the required columns the header lacks (reported once)."""
    names = _column_names(table, report)
    missing = frozenset(required_columns()) - set(filter(None, names))
    for absent in sorted(missing, key=required_columns().index):
        report.add(1, absent, None, "required column is missing from the header")
    records = []
    for number, cells in table.rows:
        if len(cells) > len(names) and any(cells[len(names) :]):
            report.add(
                number, None, None, f"row has {len(cells)} cells but the header has {len(names)} columns"
            )
        values: dict[str, Cell] = {}
        for name, cell in zip(names, cells, strict=False):
            if name is not None and cell is not None and is_undecodable(cell):
                report.add(number, name, shown(cell), encoding_reason(cell))
                values[name] = shown(cell)
            elif name is not None:
                values[name] = cell
        records.append((number, values))
    return records, missing
