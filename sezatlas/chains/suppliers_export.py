"""Suppliers of a product's inputs as JSON-ready data, CSV and XLSX: what `sezatlas chains suppliers
--output` writes, the `/chains` page offers for download and `GET /api/v1/chains/suppliers` answers.

The files are flat, one row per (input, scope, zone), and an input with no zone in a scope still gets a row
(with empty zone cells), so every input of the recipe is listed. Every row repeats the proxy label and the
ranking rule; text cells are made inert for spreadsheets (`tabular/safe_cells.py`): a zone named
`=HYPERLINK(…)` stays text.
"""

import csv
import io
from dataclasses import asdict
from typing import Any

from openpyxl import Workbook

from sezatlas.chains.suppliers import InputSuppliers, ScopeSuppliers, Supplier, SuppliersAnswer
from sezatlas.tabular.safe_cells import append_row, csv_row

COLUMNS = (
    "asked_code", "asked_title", "target_zone_id", "target_country", "input_rank", "input_code",
    "input_title", "direct_per_usd", "total_per_usd", "scope", "zones_exact", "zones_possible", "zone_id",
    "zone_name", "zone_country", "match", "broader_codes_declared", "distance_km", "regime_id",
    "incentive_npv_usd", "incentive_note", "incentives_valued_with", "label", "ranked_by",
)  # fmt: skip


def suppliers_as_dict(answer: SuppliersAnswer) -> dict[str, Any]:
    """The answer as plain JSON values, field names as in `SuppliersAnswer`."""
    return asdict(answer)


def _zone_cells(supplier: Supplier | None) -> dict[str, Any]:
    if supplier is None:
        return {}
    return {
        "zone_id": supplier.zone_id, "zone_name": supplier.name, "zone_country": supplier.country_iso3,
        "match": supplier.match.value, "broader_codes_declared": " ".join(supplier.broader_codes_declared),
        "distance_km": supplier.distance_km, "regime_id": supplier.regime_id,
        "incentive_npv_usd": supplier.incentive_npv_usd, "incentive_note": supplier.incentive_note,
    }  # fmt: skip


def _records(
    answer: SuppliersAnswer, rank: int, item: InputSuppliers, scope: ScopeSuppliers
) -> list[dict[str, Any]]:
    common = {
        "asked_code": answer.recipe.code, "asked_title": answer.recipe.title,
        "target_zone_id": answer.target_zone.zone_id if answer.target_zone else None,
        "target_country": answer.target_country_iso3, "input_rank": rank, "input_code": item.input.code,
        "input_title": item.input.title, "direct_per_usd": item.input.direct_per_usd,
        "total_per_usd": item.input.total_per_usd, "scope": scope.scope.value,
        "zones_exact": scope.exact_zones, "zones_possible": scope.possible_zones,
        "incentives_valued_with": item.valued_with, "label": item.label, "ranked_by": answer.ranked_by,
    }  # fmt: skip
    zones: list[Supplier | None] = list(scope.suppliers) or [None]
    return [{name: {**common, **_zone_cells(zone)}.get(name) for name in COLUMNS} for zone in zones]


def supplier_records(answer: SuppliersAnswer) -> list[dict[str, Any]]:
    """One record per (input, scope, zone), in the answer's order; None where a value is unknown."""
    return [
        record
        for rank, item in enumerate(answer.inputs, start=1)
        for scope in item.scopes
        for record in _records(answer, rank, item, scope)
    ]


def suppliers_csv(answer: SuppliersAnswer) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(csv_row(record) for record in supplier_records(answer))
    return out.getvalue()


def suppliers_xlsx(answer: SuppliersAnswer) -> bytes:
    """One sheet, the CSV's columns; text cells never run as formulas."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has one sheet
    sheet.title = "suppliers"
    append_row(sheet, COLUMNS)
    for record in supplier_records(answer):
        append_row(sheet, [record[name] for name in COLUMNS])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
