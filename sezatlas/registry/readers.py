"""Reading import files into raw records: CSV, XLSX, GeoJSON and JSON, chosen by the file extension.

Readers only take the file apart; they do not judge values (that is `parse.py`'s job) except for what
only the reader can see: the encoding, the header, the structure of a JSON document. Every record keeps
the row number a user sees (header = row 1 in a spreadsheet, the 1-based item in JSON).
"""

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sezatlas.registry.column_types import required_columns
from sezatlas.registry.validation import flat_field_of, unknown_name_reason
from sezatlas.standard.flat import flat_column_names
from sezatlas.standard.plurals import counted, noun
from sezatlas.tabular.flat_tables import Cell, FlatTable, read_csv_table, read_xlsx_table
from sezatlas.tabular.report import ValidationReport
from sezatlas.tabular.text_encoding import (
    clean_strings,
    decode_utf8,
    encoding_reason,
    is_undecodable,
    report_bad_file_encoding,
    shown,
)

SUPPORTED_SUFFIXES = (".csv", ".xlsx", ".geojson", ".json")


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One zone as read: flat columns (CSV, XLSX, GeoJSON properties) or the nested Zone form (JSON)."""

    row: int
    values: dict[str, Any]
    is_nested: bool = False


@dataclass(slots=True)
class RawFile:
    records: list[RawRecord] = field(default_factory=list)
    missing_columns: frozenset[str] = frozenset()


def read_raw_file(path: Path, report: ValidationReport) -> RawFile:
    """Records of `path`; problems of the file as a whole go to `report`."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        hint = " (save it as .xlsx)" if suffix == ".xls" else ""
        report.add(None, None, None, f"unsupported file type {suffix or '(none)'!r}{hint}; "
                   f"use one of {', '.join(SUPPORTED_SUFFIXES)}")  # fmt: skip
        return RawFile()
    if suffix == ".xlsx":
        return _from_table(read_xlsx_table(path, report, "zones"), report)
    data = path.read_bytes()
    if not data.strip():
        report.add(None, None, None, "the file is empty")
        return RawFile()
    text, is_utf8 = decode_utf8(data)
    if suffix == ".csv":
        raw = _from_table(read_csv_table(text, report, "zones"), report)
    else:
        raw = _read_json_document(text, report, is_geojson=suffix == ".geojson")
    if not is_utf8:
        report_bad_file_encoding(data, report)
    return raw


def _from_table(table: FlatTable | None, report: ValidationReport) -> RawFile:
    if table is None:
        return RawFile()
    records, missing = table_records(table, report)
    return RawFile([RawRecord(row, values) for row, values in records], missing)


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


def _read_json_document(text: str, report: ValidationReport, *, is_geojson: bool) -> RawFile:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        report.add(
            None, None, None, f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}"
        )
        return RawFile()
    if is_geojson:
        return RawFile(_features(document, report))
    return RawFile(_nested_zones(document, report))


def _nested_zones(document: Any, report: ValidationReport) -> list[RawRecord]:
    """A JSON list of Zone objects, or ``{"zones": [...]}`` (optionally with ``standard_version``)."""
    if isinstance(document, dict):
        extra = sorted(set(document) - {"zones", "standard_version"})
        if extra:
            reason = f'unknown top-level {noun(len(extra), "member")}; expected "zones"'
            report.add(None, None, ", ".join(extra), reason)
        document = document.get("zones")
    if not isinstance(document, list):
        report.add(None, None, None, 'expected a JSON list of zones or an object {"zones": [...]}')
        return []
    records = []
    for row, item in enumerate(document, start=1):
        if isinstance(item, dict):
            records.append(RawRecord(row, _clean(row, item, report), is_nested=True))
        else:
            report.add(row, None, json.dumps(item)[:80], "expected a zone object ({...})")
    return records


def _features(document: Any, report: ValidationReport) -> list[RawRecord]:
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        report.add(
            None, None, None, 'expected a GeoJSON FeatureCollection {"type": "FeatureCollection", ...}'
        )
        return []
    features = document.get("features")
    if not isinstance(features, list):
        report.add(None, "features", None, "a FeatureCollection needs a list of features")
        return []
    records = []
    for row, feature in enumerate(features, start=1):
        properties = _feature_properties(row, feature, report)
        if properties is not None:
            records.append(RawRecord(row, properties))
    return _without_unknown_properties(records, report)


def _without_unknown_properties(records: list[RawRecord], report: ValidationReport) -> list[RawRecord]:
    """Report each unknown property name once (with its first feature), then leave it out."""
    known = set(flat_column_names())
    unknown: dict[str, list[int]] = {}
    for record in records:
        for name in record.values.keys() - known:
            unknown.setdefault(name, []).append(record.row)
    for name, rows in unknown.items():
        where = f"in {counted(len(rows), 'feature')}"
        report.add(rows[0], name, None, f"{unknown_name_reason(name, 'property')} ({where})")
    return [RawRecord(r.row, {k: v for k, v in r.values.items() if k in known}, r.is_nested) for r in records]


def _feature_properties(row: int, feature: Any, report: ValidationReport) -> dict[str, Any] | None:
    """Flat properties of one feature; a Point geometry gives latitude and longitude (RFC 7946: lon, lat)."""
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        report.add(row, None, None, 'expected a GeoJSON Feature ({"type": "Feature", ...})')
        return None
    properties = feature.get("properties") or {}
    if not isinstance(properties, dict):
        report.add(row, "properties", None, "feature properties must be an object")
        return None
    properties = _clean(row, properties, report)
    if "zone_id" not in properties and isinstance(feature.get("id"), str):
        properties["zone_id"] = feature["id"]
    geometry = feature.get("geometry")
    if geometry is None:
        return properties
    coordinates = geometry.get("coordinates") if isinstance(geometry, dict) else None
    is_point = isinstance(geometry, dict) and geometry.get("type") == "Point"
    if not is_point or not isinstance(coordinates, list) or len(coordinates) not in (2, 3):
        report.add(row, "geometry", json.dumps(geometry)[:80], "geometry must be a Point [lon, lat] or null")
        return properties
    properties["longitude"], properties["latitude"] = coordinates[0], coordinates[1]
    return properties


def _clean(row: int, item: dict[str, Any], report: ValidationReport) -> dict[str, Any]:
    """The item with every undecodable string reported (by its flat column) and made printable."""

    def on_bad(path: tuple[str, ...], text: str) -> None:
        report.add(row, flat_field_of(path, ""), shown(text), encoding_reason(text))

    cleaned: dict[str, Any] = clean_strings(item, (), on_bad)
    return cleaned
