"""Readers that turn what a source publishes into `SourceRecord`s, one at a time.

Three published forms besides another node's REST API (`node.py`): a Frictionless data package (the one
`sezatlas export -f datapackage` writes, `registry/datapackage.py`, or any other with a mapping), the items
of an OGC API – Features collection (GeoJSON pages linked by ``rel=next``), and a CSV or XLSX file. The
readers do no HTTP themselves: they take a callable that opens a file of the package or gets a page, so
`fetching.py` (timeouts, retries, size limits) stays the one place that talks to the network and the tests
can feed them files. They are generators that hold one page or one CSV row at a time, so 100,000 zones
need no more memory than ten.

A reader refuses only what makes the source unreadable as a whole (no such resource, a page that is not
GeoJSON, a header naming one field twice) by raising `UnreadableSource` with the file or page; judging
values is the mapping's job (`mapping.py`), with the import's rules.
"""

import csv
import io
import json
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, Any

from sezatlas.federation.records import SourceRecord
from sezatlas.tabular.flat_tables import FlatTable, read_csv_table, read_xlsx_table
from sezatlas.tabular.report import ValidationReport
from sezatlas.tabular.safe_cells import from_csv_text
from sezatlas.tabular.text_encoding import decode_utf8, report_bad_file_encoding

DESCRIPTOR = "datapackage.json"
DEFAULT_RESOURCE = "zones"
TABULAR_SUFFIXES = (".csv", ".xlsx")

OpenFile = Callable[[str], IO[bytes]]
"""Opens a file of a data package by its path relative to ``datapackage.json`` (or its absolute URL)."""
GetPage = Callable[[str], bytes]
"""Gets one page of an OGC API items collection by URL."""


class UnreadableSource(Exception):  # noqa: N818 -- says what the source is, like ImportRejected
    """The source as a whole cannot be read; the message names the file or page and what is wrong."""


# --- Frictionless data package ---------------------------------------------------------------------


def datapackage_records(open_file: OpenFile, resource: str = DEFAULT_RESOURCE) -> Iterator[SourceRecord]:
    """The rows of one tabular resource of a data package (``zones`` unless the source names another)."""
    descriptor = _descriptor(open_file)
    found = _resource(descriptor, resource)
    missing = _missing_values(found)
    if "data" in found and "path" not in found:
        yield from _inline_rows(found["data"], resource, missing)
        return
    paths = found.get("path")
    for path in [paths] if isinstance(paths, str) else paths or []:
        if not isinstance(path, str):
            raise UnreadableSource(f"{DESCRIPTOR}: resource {resource!r} has a path that is not text")
        yield from _csv_rows(open_file, path, _delimiter(found), missing)


def folder_opener(folder: Path) -> OpenFile:
    """Open files of a data package unpacked in `folder` (a path may not leave the folder)."""
    root = folder.resolve()

    def open_file(path: str) -> IO[bytes]:
        target = (root / path).resolve()
        if not target.is_relative_to(root):
            raise UnreadableSource(f"{path}: a data package path must stay inside its folder")
        if not target.is_file():
            raise UnreadableSource(f"{path}: no such file in the data package at {folder}")
        return target.open("rb")

    return open_file


def _descriptor(open_file: OpenFile) -> dict[str, Any]:
    with open_file(DESCRIPTOR) as stream:
        data = stream.read()
    try:
        descriptor = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UnreadableSource(f"{DESCRIPTOR}: not valid UTF-8 JSON ({error})") from error
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise UnreadableSource(f'{DESCRIPTOR}: expected an object with a list of "resources"')
    return descriptor


def _resource(descriptor: dict[str, Any], name: str) -> dict[str, Any]:
    resources = [r for r in descriptor["resources"] if isinstance(r, dict)]
    for resource in resources:
        if resource.get("name") == name:
            return resource
    names = ", ".join(str(r.get("name")) for r in resources) or "none"
    raise UnreadableSource(f"{DESCRIPTOR}: no resource named {name!r} (the package has: {names})")


def _missing_values(resource: dict[str, Any]) -> frozenset[str]:
    """Cells that stand for "unknown" (Table Schema ``missingValues``, by default the empty string)."""
    schema = resource.get("schema")
    values = schema.get("missingValues", [""]) if isinstance(schema, dict) else [""]
    return frozenset(str(value) for value in values)


def _delimiter(resource: dict[str, Any]) -> str:
    dialect = resource.get("dialect")
    delimiter = dialect.get("delimiter", ",") if isinstance(dialect, dict) else ","
    return str(delimiter)


def _inline_rows(data: Any, resource: str, missing: frozenset[str]) -> Iterator[SourceRecord]:
    """Inline ``data``: a list of objects, or a list of rows whose first row is the header."""
    if not isinstance(data, list) or not data:
        raise UnreadableSource(f"{DESCRIPTOR}: resource {resource!r} has no rows in its data")
    if all(isinstance(row, dict) for row in data):
        for number, row in enumerate(data, start=1):
            yield SourceRecord(f"item {number} of resource {resource}", row)
        return
    header, *rows = data
    for number, row in enumerate(rows, start=2):
        yield SourceRecord(f"row {number} of resource {resource}", _row_values(header, row, missing))


def _row_values(header: list[Any], cells: list[Any], missing: frozenset[str]) -> dict[str, object]:
    return {
        str(name): None if str(cell) in missing else cell for name, cell in zip(header, cells, strict=False)
    }


def _csv_rows(
    open_file: OpenFile, path: str, delimiter: str, missing: frozenset[str]
) -> Iterator[SourceRecord]:
    """Rows of one CSV file, read as a stream; row numbers as a spreadsheet shows them (header = row 1)."""
    name = path.rsplit("/", 1)[-1]
    with open_file(path) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
        rows = csv.reader(text, delimiter=delimiter)
        try:
            header = _header(name, next(rows, None))
            for number, cells in enumerate(rows, start=2):
                if not any(cell.strip() for cell in cells):
                    continue
                if len(cells) > len(header) and any(cells[len(header) :]):
                    raise UnreadableSource(
                        f"{name}, row {number}: {len(cells)} cells but the header has {len(header)} columns"
                    )
                values = {column: _cell(cell, missing) for column, cell in zip(header, cells, strict=False)}
                yield SourceRecord(f"row {number} of {name}", values)
        except UnicodeDecodeError as error:
            raise UnreadableSource(
                f"{name}: not UTF-8 text ({error.reason} at byte {error.start})"
            ) from error
        except csv.Error as error:
            raise UnreadableSource(f"{name}: not a readable CSV file ({error})") from error


def _header(name: str, cells: list[str] | None) -> list[str]:
    if not cells:
        raise UnreadableSource(f"{name}: the file is empty")
    header = [cell.strip() for cell in cells]
    seen: set[str] = set()
    for position, column in enumerate(header, start=1):
        if column in seen:
            raise UnreadableSource(
                f"{name}, row 1: column {column!r} appears twice (again as column {position})"
            )
        seen.add(column)
    return header


def _cell(cell: str, missing: frozenset[str]) -> str | None:
    """A cell's text; a missing value is None, and the protective quote of an export is taken off again."""
    return None if cell in missing or not cell.strip() else from_csv_text(cell)


# --- OGC API – Features ----------------------------------------------------------------------------


def ogc_records(items_url: str, get_page: GetPage) -> Iterator[SourceRecord]:
    """Every feature of a collection, page after page by its ``next`` links, one page in memory at a time.

    A feature's record is its ``properties``; a Point geometry gives ``latitude`` and ``longitude`` (GeoJSON,
    RFC 7946 §3.1.1: longitude first), and the feature's ``id`` is offered as the field ``id`` when the
    properties have none, so a mapping can take it as the zone id.
    """
    seen: set[str] = set()
    url: str | None = items_url
    page_number = 0
    while url is not None:
        if url in seen:
            raise UnreadableSource(f"{url}: the next link leads back to a page already read")
        seen.add(url)
        page_number += 1
        page = _page(url, get_page(url))
        for number, feature in enumerate(page.get("features") or [], start=1):
            position = f"feature {number} of page {page_number}"
            yield SourceRecord(position, _feature_values(position, feature))
        url = _next_link(page)


def _page(url: str, data: bytes) -> dict[str, Any]:
    try:
        page = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UnreadableSource(f"{url}: not valid JSON ({error})") from error
    if not isinstance(page, dict) or page.get("type") != "FeatureCollection":
        raise UnreadableSource(f'{url}: expected a GeoJSON FeatureCollection {{"type": "FeatureCollection"}}')
    if not isinstance(page.get("features", []), list):
        raise UnreadableSource(f"{url}: features must be a list")
    return page


def _feature_values(position: str, feature: Any) -> dict[str, object]:
    if not isinstance(feature, dict) or not isinstance(feature.get("properties") or {}, dict):
        raise UnreadableSource(f"{position}: expected a GeoJSON Feature with an object of properties")
    values: dict[str, object] = dict(feature.get("properties") or {})
    if "id" not in values and feature.get("id") is not None:
        values["id"] = feature["id"]
    geometry = feature.get("geometry")
    if isinstance(geometry, dict) and geometry.get("type") == "Point":
        coordinates = geometry.get("coordinates")
        if isinstance(coordinates, list) and len(coordinates) in (2, 3):
            values["longitude"], values["latitude"] = coordinates[0], coordinates[1]
    return values


def _next_link(page: dict[str, Any]) -> str | None:
    for link in page.get("links") or []:
        if isinstance(link, dict) and link.get("rel") == "next" and isinstance(link.get("href"), str):
            return str(link["href"])
    return None


# --- CSV and XLSX files ----------------------------------------------------------------------------


def tabular_records(path: Path) -> Iterator[SourceRecord]:
    """The rows of a CSV or XLSX file with its own column names, read by the imports' table kit
    (`tabular/flat_tables.py`: encodings, formula-safe cells, blank rows, the first worksheet)."""
    suffix = path.suffix.lower()
    if suffix not in TABULAR_SUFFIXES:
        raise UnreadableSource(
            f"{path.name}: unsupported file type {suffix or '(none)'!r}; use .csv or .xlsx"
        )
    report = ValidationReport(path.name)
    if suffix == ".xlsx":
        table = read_xlsx_table(path, report, "zones")
    else:
        data = path.read_bytes()
        text, is_utf8 = decode_utf8(data)
        table = read_csv_table(text, report, "zones")
        if not is_utf8:
            report_bad_file_encoding(data, report)
    yield from _table_records(path.name, table, report)


def tabular_records_from_bytes(file_name: str, data: bytes) -> Iterator[SourceRecord]:
    """The same for a file fetched from a URL (an XLSX workbook is read from a temporary copy)."""
    suffix = Path(file_name).suffix.lower()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / (Path(file_name).name or f"source{suffix}")
        path.write_bytes(data)
        yield from tabular_records(path)


def _table_records(name: str, table: FlatTable | None, report: ValidationReport) -> Iterator[SourceRecord]:
    header = [(cell or "").strip() for cell in table.header] if table is not None else []
    duplicates = sorted({column for column in header if column and header.count(column) > 1})
    if duplicates:
        report.add(1, duplicates[0], None, "column appears twice in the header")
    if not report.is_valid or table is None:
        raise UnreadableSource(report.format())
    for number, cells in table.rows:
        values = {column: cell for column, cell in zip(header, cells, strict=False) if column}
        yield SourceRecord(f"row {number} of {name}", values)
