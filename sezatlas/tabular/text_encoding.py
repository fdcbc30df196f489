"""Telling a user, cell by cell, that a file is not UTF-8 (the usual culprit: Excel's "CSV" in cp1252).

The file is decoded with `surrogateescape`, so a bad byte survives parsing as a lone surrogate inside
the very cell it belongs to; the report can then name the row and column instead of a byte offset, and
the bad text is shown with backslash escapes so it can be printed on any console.
"""

import re
from collections.abc import Callable
from typing import Any

from sezatlas.standard.plurals import counted, noun
from sezatlas.tabular.report import ValidationReport

NOT_UTF8 = "not UTF-8 text"
_ESCAPED = re.compile(r"[\udc80-\udcff]+")


def decode_utf8(data: bytes) -> tuple[str, bool]:
    """The text (a UTF-8 byte-order mark dropped) and whether every byte was valid UTF-8."""
    try:
        return data.decode("utf-8-sig"), True
    except UnicodeDecodeError:
        return data.decode("utf-8-sig", errors="surrogateescape"), False


def is_undecodable(text: str) -> bool:
    return _ESCAPED.search(text) is not None


def shown(text: str) -> str:
    """Printable form of text holding undecodable bytes: ``Caf\\xe9``."""
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def encoding_reason(text: str) -> str:
    """Why the value is refused, with a guess of what the bytes meant in Windows-1252."""
    bad = _ESCAPED.search(text)
    raw = bad.group().encode("utf-8", "surrogateescape") if bad else b""
    guess = raw.decode("cp1252", errors="replace")
    return f"{NOT_UTF8}: {noun(len(raw), 'byte')} {raw.hex(' ').upper()} (maybe {guess!r} in Windows-1252)"


def first_bad_line(data: bytes) -> int:
    """1-based line of the first byte that is not UTF-8 (the file is known not to be)."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        return data[: error.start].count(b"\n") + 1
    return 1


def report_bad_file_encoding(data: bytes, report: ValidationReport) -> None:
    """One line for the file as a whole: what to do, and where decoding fails if no value showed it."""
    cells = sum(1 for problem in report.problems if problem.reason.startswith(NOT_UTF8))
    where = (
        f"{counted(cells, 'value')} cannot be decoded"
        if cells
        else f"decoding fails at line {first_bad_line(data)}"
    )
    advice = "save it as UTF-8 (in Excel: 'CSV UTF-8') and import it again"
    report.add(None, None, None, f"the file is {NOT_UTF8} ({where}); {advice}")


def clean_strings(value: Any, path: tuple[str, ...], on_bad: Callable[[tuple[str, ...], str], None]) -> Any:
    """`value` with undecodable strings made printable; `on_bad(path, text)` is told about each one."""
    if isinstance(value, str):
        if is_undecodable(value):
            on_bad(path, value)
            return shown(value)
        return value
    if isinstance(value, list):
        return [clean_strings(item, path, on_bad) for item in value]
    if isinstance(value, dict):
        cleaned = {}
        for key, item in value.items():
            key_text = str(key)
            if is_undecodable(key_text):
                on_bad((*path, shown(key_text)), key_text)
                key_text = shown(key_text)
            cleaned[key_text] = clean_strings(item, (*path, key_text), on_bad)
        return cleaned
    return value
