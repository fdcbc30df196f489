"""From an import file to validated Zones, or a report of every bad value (no database involved).

This is the pure core of an import: `import_file` adds the store around it. Every record is checked
against the standard's pydantic model, so an import accepts exactly what the standard accepts, plus the
rules only a file can break, such as a zone_id given twice or a control character in a text
(`tabular/control_characters.py`).
"""

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sezatlas.registry.fact_merge import ZoneRecord
from sezatlas.registry.readers import RawRecord, read_raw_file
from sezatlas.registry.validation import flat_field_of, report_validation_error
from sezatlas.standard.flat import JSON_COLUMNS, flat_to_nested, zone_to_flat
from sezatlas.standard.zone import Zone
from sezatlas.tabular.control_characters import control_character_reason, printable, strings_in
from sezatlas.tabular.report import ImportRejected, ValidationReport

ProgressCallback = Callable[[int, int], None]


def read_zones(path: Path, on_progress: ProgressCallback | None = None) -> list[Zone]:
    """Every zone of `path`, validated; raises `ImportRejected` listing every problem if there is any."""
    return [record.zone for record in read_zone_records(path, on_progress)]


def read_zone_records(path: Path, on_progress: ProgressCallback | None = None) -> list[ZoneRecord]:
    """Every zone of `path` with the columns each row gives and leaves empty (`fact_merge.ZoneRecord`)."""
    report = ValidationReport(path.name)
    raw = read_raw_file(path, report)
    _report_duplicate_ids(raw.records, report)
    records: list[ZoneRecord] = []
    for done, record in enumerate(raw.records, start=1):
        zone = _validated_zone(record, report, raw.missing_columns)
        if zone is not None:
            records.append(_with_columns(zone, record))
        if on_progress is not None:
            on_progress(done, len(raw.records))
    if not report.is_valid:
        report.problems.sort(key=lambda problem: problem.row or 0)  # file-level first, then row by row
        raise ImportRejected(report)
    return records


def _with_columns(zone: Zone, record: RawRecord) -> ZoneRecord:
    """Which columns the row gives: a flat row says so cell by cell; a nested JSON zone gives what it
    holds (a JSON null cannot be told from an absent key there, so nothing counts as blank)."""
    if record.is_nested:
        given = {name for name, value in zone_to_flat(zone).items() if value is not None}
        return ZoneRecord(zone, record.row, frozenset(given), frozenset())
    filled = {name for name, value in record.values.items() if not _is_blank(value)}
    if {"latitude", "longitude"} & filled:  # a point is one fact: both coordinates travel together
        filled |= {"latitude", "longitude"}
    blank = set(record.values) - filled
    return ZoneRecord(zone, record.row, frozenset(filled), frozenset(blank))


def _is_blank(value: object) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return value is None or value in ([], {})


def _report_duplicate_ids(records: list[RawRecord], report: ValidationReport) -> None:
    first_row: dict[str, int] = {}
    for record in records:
        zone_id = record.values.get("zone_id")
        if not isinstance(zone_id, str) or not zone_id.strip():
            continue
        key = zone_id.strip()
        if key in first_row:
            report.add(
                record.row, "zone_id", key, f"duplicate zone_id: {key} is also on row {first_row[key]}"
            )
        else:
            first_row[key] = record.row


def _parsed_json_columns(record: RawRecord, report: ValidationReport) -> dict[str, Any]:
    """The flat values with JSON text (field_provenance) parsed, or dropped and reported when malformed."""
    values = dict(record.values)
    for name in JSON_COLUMNS:
        text = values.get(name)
        if not isinstance(text, str) or not text.strip():
            continue
        try:
            values[name] = json.loads(text)
        except json.JSONDecodeError as error:
            report.add(record.row, name, text[:80], f"not valid JSON ({error.msg} at character {error.pos})")
            del values[name]
            continue
        if not isinstance(values[name], dict):
            report.add(record.row, name, text[:80], "must be a JSON object keyed by column name")
            del values[name]
    return values


def _report_control_characters(row: int, nested: dict[str, Any], report: ValidationReport) -> None:
    """Report every text holding a control character: a NUL cannot be stored in PostgreSQL, and none of
    them can be written to an XLSX export (XML 1.0 forbids them)."""
    for path, text in strings_in(nested):
        reason = control_character_reason(text)
        if reason is not None:
            report.add(row, flat_field_of(path, ""), printable(text), reason)


def validated_flat_zone(row: int, values: dict[str, Any], report: ValidationReport) -> Zone | None:
    """One flat record checked by exactly the rules of an import (harvests use it: `federation/mapping.py`);
    its problems go to `report` under `row`."""
    return _validated_zone(RawRecord(row, values), report, frozenset())


def _validated_zone(record: RawRecord, report: ValidationReport, missing: frozenset[str]) -> Zone | None:
    if record.is_nested:
        nested, shown_values = record.values, {}
    else:
        shown_values = record.values
        nested = flat_to_nested(_parsed_json_columns(record, report))
    _report_control_characters(record.row, nested, report)
    try:
        zone = Zone.model_validate(nested)
    except ValidationError as error:
        report_validation_error(report, record.row, error, shown_values, missing)
        return None
    return zone
