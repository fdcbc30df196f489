"""Zone problems for the validation report: located by the flat column names of the standard.

The report itself (`Problem`, `ValidationReport`, `ImportRejected`) is the shared kit's
(`sezatlas/tabular/report.py`); what is zone-specific is here: a problem is named by the flat column of
the standard even when the value was given in the nested JSON form, and pydantic's wording is replaced by
a reason a data team can act on.
"""

import difflib
import re
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from sezatlas.registry.column_types import column_types
from sezatlas.standard.flat import flat_column_names, flat_columns
from sezatlas.tabular.report import ValidationReport

_VALUE_ERROR_PREFIX = re.compile(r"^(Value error|Assertion failed), ")


def unknown_name_reason(name: str, noun: str) -> str:
    """Why a column or property is refused, with the nearest column of the standard as a hint."""
    close = difflib.get_close_matches(name, flat_column_names(), n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"unknown {noun} (not part of the standard){hint}"


def _columns_by_path() -> dict[tuple[str, ...], str]:
    return {column.path: column.name for column in flat_columns()}


def flat_field_of(loc: tuple[int | str, ...], message: str) -> str | None:
    """The flat column a pydantic error location points at.

    A leaf location maps one to one (``("location", "latitude")`` → ``latitude``; a list item maps to its
    list). A model-level check (``("land",)`` for "free_area_ha exceeds area_ha") names no field, so the
    column of that group the message mentions first is chosen (a capacity's "free" → ``power_mw_free``),
    else the group itself.
    """
    by_path = _columns_by_path()
    keys = tuple(str(part) for part in loc if isinstance(part, str))
    for length in range(len(keys), 0, -1):
        if keys[:length] in by_path:
            return by_path[keys[:length]]
    inside = [(path, name) for path, name in by_path.items() if path[: len(keys)] == keys]
    mentioned = []
    for path, name in inside:
        found = re.search(rf"\b({re.escape(name)}|{re.escape(path[-1])})\b", message)
        if found:
            mentioned.append((found.start(), name))
    if mentioned:
        return min(mentioned)[1]  # the first named: "free_area_ha 9 exceeds area_ha 5" → free_area_ha
    return ".".join(keys) if keys else None


def _bounds_text(error: ErrorDetails) -> str:
    ctx = error.get("ctx", {})
    if "ge" in ctx:
        return f"must be {ctx['ge']} or more"
    if "le" in ctx:
        return f"must be {ctx['le']} or less"
    return str(error["msg"])


def reason_for(error: ErrorDetails, field_name: str | None, value: Any) -> str:
    """A reason a user can act on, in place of pydantic's generic wording."""
    kind = error["type"]
    message = _VALUE_ERROR_PREFIX.sub("", str(error["msg"]))
    if kind == "missing":
        return "a required value is missing"
    if kind == "extra_forbidden":
        return "unknown field (not part of the standard)"
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        column = column_types().get(field_name or "")
        if column is not None and column.minimum is not None and column.maximum is not None:
            return f"{value} is outside {column.minimum:g}..{column.maximum:g}"
        if error.get("ctx", {}).get("ge") == 0:
            return f"{value} is negative; {field_name} must be 0 or more"
        return f"{value} {_bounds_text(error)}"
    if kind == "enum":
        return f"{value!r} is not one of {error.get('ctx', {}).get('expected', '')}"
    if kind in ("float_parsing", "float_type"):
        return f"{value!r} is not a number"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{value!r} is not a whole number"
    if kind in ("bool_parsing", "bool_type"):
        return f"{value!r} is not true or false"
    if kind == "string_pattern_mismatch" and field_name == "zone_id":
        return f"{value!r} is not a zone id: ISO3 country code, a dash, then letters/digits (e.g. RUS-001)"
    return message


def _item_value(error: ErrorDetails, field_name: str | None, raw: Mapping[str, Any]) -> Any:
    """The offending value: the input pydantic saw for a leaf, else the row's cell of that column."""
    loc = error["loc"]
    is_leaf = bool(loc) and (isinstance(loc[-1], int) or field_name == loc[-1])
    if is_leaf and not isinstance(error["input"], dict | list):
        return error["input"]
    if field_name is not None and raw.get(field_name) is not None:
        return raw[field_name]
    return None if isinstance(error["input"], dict | list) else error["input"]


def report_validation_error(
    report: ValidationReport, row: int | None, error: ValidationError, raw: Mapping[str, Any],
    skip_missing: frozenset[str] = frozenset(),
) -> None:  # fmt: skip
    """Add one problem per pydantic error of one record, located by flat column name.

    `raw` is the record's flat form as read (for the value to show); `skip_missing` names required
    columns already reported as absent from the header, so they are not repeated on every row.
    """
    for detail in error.errors(include_url=False):
        message = _VALUE_ERROR_PREFIX.sub("", str(detail["msg"]))
        field_name = flat_field_of(tuple(detail["loc"]), message)
        if detail["type"] == "missing" and field_name in skip_missing:
            continue
        value = _item_value(detail, field_name, raw)
        reason = reason_for(detail, field_name, value)
        sub_path = [str(part) for part in detail["loc"][1:]] if field_name == "field_provenance" else []
        if sub_path:
            reason = f"{'.'.join(sub_path)}: {reason}"
        report.add(row, field_name, value, reason)
