"""A regime record written back as TOML, in the layout of the bundled files (`rules_data/*.toml`).

Python reads TOML (`tomllib`) but does not write it, and the format a regime needs is small: strings,
numbers, booleans, dates, arrays of those, tables and arrays of tables. So this is a writer for exactly
that (TOML 1.0.0, https://toml.io/en/v1.0.0), not a general one: a key's plain values come before its
tables, as TOML requires, and a null is left out, as the regime files mean by an absent key. The designer
(`designer.py`) uses it to hand a regime back as a file that `--regime-file` and the API read unchanged;
`tests/regimes/test_regimes_designer.py` reads every bundled file back through it.
"""

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date
from enum import Enum
from typing import Any

from sezatlas.regimes.rules import Regime

BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def regime_toml(regime: Regime) -> str:
    """A validated regime as a complete TOML file: every known value written, nulls left out."""
    return record_toml(regime.model_dump(mode="python", exclude_none=True))


def record_toml(record: Mapping[str, Any]) -> str:
    """A regime record (plain dicts, lists and values, as `tomllib` reads one) as TOML text."""
    lines: list[str] = []
    _write_table(record, [], lines)
    return "\n".join(lines).lstrip("\n") + "\n"


def _is_table(value: Any) -> bool:
    return isinstance(value, Mapping)


def _is_table_array(value: Any) -> bool:
    return _is_sequence(value) and bool(value) and all(_is_table(item) for item in value)


def _is_sequence(value: Any) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, str | bytes)


def _write_table(table: Mapping[str, Any], path: list[str], lines: list[str]) -> None:
    """The table's plain keys, then its sub-tables and arrays of tables, each under its header."""
    present = {key: value for key, value in table.items() if value is not None}
    nested = {key: value for key, value in present.items() if _is_table(value) or _is_table_array(value)}
    for key, value in present.items():
        if key not in nested:
            lines.append(f"{_key(key)} = {_value(value, [*path, key])}")
    for key, value in nested.items():
        where = [*path, key]
        if _is_table(value):
            if _has_plain_keys(value) or not value:  # else the header is implied by its sub-tables'
                lines += ["", f"[{_dotted(where)}]"]
            _write_table(value, where, lines)
        else:
            for item in value:
                lines += ["", f"[[{_dotted(where)}]]"]
                _write_table(item, where, lines)


def _has_plain_keys(table: Mapping[str, Any]) -> bool:
    return any(not (_is_table(v) or _is_table_array(v)) for v in table.values() if v is not None)


def _dotted(path: list[str]) -> str:
    return ".".join(_key(part) for part in path)


def _key(key: str) -> str:
    return key if BARE_KEY.fullmatch(key) else _string(key)


def _string(text: str) -> str:
    return '"' + "".join(_character(c) for c in text) + '"'


def _character(c: str) -> str:
    """A character inside a basic string: the short escapes, other control characters as \\uXXXX."""
    if c in ESCAPES:
        return ESCAPES[c]
    return f"\\u{ord(c):04X}" if ord(c) < 0x20 or ord(c) == 0x7F else c


def _value(value: Any, path: list[str]) -> str:
    """One plain value; a type TOML has no word for is an error naming the key (a bug of the caller)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return _value(value.value, path)
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, date):
        return value.isoformat()
    if _is_sequence(value):
        return "[" + ", ".join(_value(item, path) for item in value if item is not None) + "]"
    raise TypeError(f"{_dotted(path)}: {type(value).__name__} cannot be written as TOML")


def _float(value: float) -> str:
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(value)
