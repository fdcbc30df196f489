"""A CSV or XLSX sheet as rows of text cells keyed by known column names, problems reported not raised.

The shared import kit (`sezatlas/tabular/`) takes the file apart and its report carries the problems;
what differs from the registry's zone files is only the set of known columns, so the header is checked
against the caller's list instead of the zone standard's.
"""

from __future__ import annotations

import difflib
from collections.abc import Collection, Sequence
from pathlib import Path

from sezatlas.tabular.control_characters import control_character_reason, printable
from sezatlas.tabular.flat_tables import FlatTable, read_csv_table, read_xlsx_table
from sezatlas.tabular.report import ValidationReport
from sezatlas.tabular.text_encoding import (
    decode_utf8,
    encoding_reason,
    is_undecodable,
    report_bad_file_encoding,
    shown,
)

Row = dict[str, str]


def read_rows(
    path: Path, report: ValidationReport, columns: Sequence[str], required: Sequence[str],
    identifiers: Collection[str] = (),
) -> tuple[list[tuple[int, Row]], frozenset[str]]:  # fmt: skip
    """Data rows as {column: text} and the required columns the header lacks.

    Problems of the file, its encoding, its header and any text holding a control character go to
    `report`; in the `identifiers` columns not even a tab or a line break is allowed.
    """
    table, undecoded = _read_table(path, report)
    if table is None:
        return [], frozenset()
    names = _header(table, report, columns)
    absent = frozenset(c for c in required if c not in names)
    for column in (c for c in required if c in absent):
        report.add(1, column, None, "required column is missing from the header")
    rows = []
    for number, cells in table.rows:
        if len(cells) > len(names) and any(cells[len(names) :]):
            report.add(
                number, None, None, f"row has {len(cells)} cells but the header has {len(names)} columns"
            )
        values: Row = {}
        for name, cell in zip(names, cells, strict=False):
            if name is not None and cell is not None:
                values[name] = _checked(cell, report, number, name, is_identifier=name in identifiers)
        rows.append((number, values))
    if undecoded is not None:
        report_bad_file_encoding(undecoded, report)  # after the cells, so it can count them
    return rows, absent


def _checked(cell: str, report: ValidationReport, row: int, name: str, *, is_identifier: bool) -> str:
    """The cell's text, reported (and from then on printable) if it is not UTF-8 or holds a control
    character; an identifier is checked as it is read, stripped."""
    if is_undecodable(cell):
        report.add(row, name, shown(cell), encoding_reason(cell))
        return shown(cell)
    reason = control_character_reason(cell.strip() if is_identifier else cell, is_identifier=is_identifier)
    if reason is not None:
        report.add(row, name, printable(cell), reason)
        return printable(cell)
    return cell


def _read_table(path: Path, report: ValidationReport) -> tuple[FlatTable | None, bytes | None]:
    """The table of a CSV or XLSX file, and the raw bytes of a CSV that is not UTF-8 (else None)."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return read_xlsx_table(path, report), None
    if suffix != ".csv":
        hint = " (save it as .xlsx)" if suffix == ".xls" else ""
        report.add(None, None, None, f"unsupported file type {suffix or '(none)'!r}{hint}; use .csv or .xlsx")
        return None, None
    data = path.read_bytes()
    if not data.strip():
        report.add(None, None, None, "the file is empty")
        return None, None
    text, is_utf8 = decode_utf8(data)
    table = read_csv_table(text, report)
    if table is None and not is_utf8:
        report_bad_file_encoding(data, report)
    return table, None if is_utf8 or table is None else data


def _header(table: FlatTable, report: ValidationReport, columns: Sequence[str]) -> list[str | None]:
    """The known column at each position (None to skip); unknown, repeated or unnamed columns are reported."""
    names: list[str | None] = []
    seen: dict[str, int] = {}
    for position, cell in enumerate(table.header, start=1):
        name = (shown(cell) if cell and is_undecodable(cell) else cell or "").strip()
        known = name.lower() in columns
        if cell and is_undecodable(cell):
            report.add(1, name, name, encoding_reason(cell))
        elif not name:
            if any(position <= len(cells) and cells[position - 1] for _, cells in table.rows):
                report.add(1, None, None, f"column {position} has values but no name in the header")
        elif name.lower() in seen:
            report.add(1, name, None, f"column appears twice (columns {seen[name.lower()]} and {position})")
        elif not known:
            close = difflib.get_close_matches(name.lower(), columns, n=1)
            hint = f"; did you mean {close[0]!r}?" if close else ""
            report.add(1, name, None, f"unknown column{hint} (the columns are {', '.join(columns)})")
        if known and name.lower() not in seen:
            seen[name.lower()] = position
            names.append(name.lower())
        else:
            names.append(None)
    return names
