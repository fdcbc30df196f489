"""Cells a spreadsheet never runs: text that looks like a formula is written as text (CSV injection).

A name such as ``=HYPERLINK("http://x","y")`` exported as is becomes a live formula when the file is
opened in Excel or LibreOffice. The rule is OWASP's (https://owasp.org/www-community/attacks/CSV_Injection):
a text cell beginning with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is made inert.

* CSV: the cell is prefixed with a single quote (``'=HYPERLINK(...)``), which spreadsheets show as text.
  Reading the CSV back, `from_csv_text` removes that one quote, so an export imports back unchanged. To
  keep that lossless for text that itself starts with quotes before such a character (``'=x``), the
  prefix is added whenever the text matches ``'*[=+-@\\t\\r]`` and removed whenever it matches
  ``'+[=+-@\\t\\r]``: exactly one quote is added, exactly one is taken away.
* XLSX: the cell keeps its text but is stored as a string cell with Excel's "quote prefix" style, so it is
  neither evaluated on opening nor when edited; openpyxl would otherwise store a text starting with
  ``=`` as a formula. No quote is added, so an XLSX cell reads back as written.

Numbers stay numbers: only `str` values are ever changed (a negative number is not text starting with -).
"""

import re
from collections.abc import Iterable, Mapping
from typing import Any

FORMULA_TRIGGERS = "=+-@\t\r"
_NEEDS_QUOTE = re.compile(r"'*[=+\-@\t\r]")
_QUOTED = re.compile(r"'+[=+\-@\t\r]")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could take this text for a formula."""
    return bool(text) and text[0] in FORMULA_TRIGGERS


def csv_text(value: Any) -> Any:
    """A value for a CSV cell: formula-like text quoted, everything else (numbers too) unchanged."""
    if isinstance(value, str) and _NEEDS_QUOTE.match(value):
        return "'" + value
    return value


def csv_row(record: Mapping[str, Any]) -> dict[str, Any]:
    """A record for `csv.DictWriter`: unknown (None) as an empty cell, text made inert."""
    return {name: "" if value is None else csv_text(value) for name, value in record.items()}


def from_csv_text(cell: str) -> str:
    """The text a CSV cell written by `csv_text` stood for: one protective quote removed."""
    return cell[1:] if _QUOTED.match(cell) else cell


def make_inert(cell: Any) -> None:
    """Store an openpyxl cell holding text as a string cell, quote-prefixed if it looks like a formula."""
    if isinstance(cell.value, str):
        cell.data_type = "s"
        if is_formula_like(cell.value):
            cell.quotePrefix = True


def append_row(sheet: Any, values: Iterable[Any]) -> None:
    """`sheet.append(values)` with every text cell made inert (only the cells written are touched)."""
    row = list(values)
    sheet.append(row)
    number = sheet.max_row
    for column, value in enumerate(row, start=1):
        if isinstance(value, str):
            make_inert(sheet.cell(row=number, column=column))
