"""`sezatlas export`: the whole registry as CSV, XLSX, GeoJSON, JSON or a Frictionless data package.

Every format is one `import_file` can read back without loss (a test holds this on the whole bundled
registry), so an export is also a backup and the way to edit zones in bulk in a spreadsheet.
"""

import json
from datetime import datetime
from enum import StrEnum
from pathlib import Path

from sqlalchemy import Engine

from sezatlas.registry.datapackage import write_datapackage
from sezatlas.registry.formats import feature_collection, zones_csv
from sezatlas.standard.flat import flat_column_names, zone_to_flat
from sezatlas.standard.schema import STANDARD_VERSION
from sezatlas.standard.zone import Zone
from sezatlas.stewardship.versions import registry_at
from sezatlas.store.database import transaction
from sezatlas.store.zones import all_zones
from sezatlas.tabular.safe_cells import make_inert


class ExportFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"
    GEOJSON = "geojson"
    JSON = "json"
    DATAPACKAGE = "datapackage"


def export_registry(engine: Engine, path: Path, fmt: ExportFormat, as_of: datetime | None = None) -> int:
    """Write every zone to `path` (a folder for a data package); returns the number of zones written.
    With `as_of`, the registry as it stood at that moment (`stewardship.versions.registry_at`)."""
    with transaction(engine) as session:
        zones = list(all_zones(session) if as_of is None else registry_at(session, as_of))
        if fmt is ExportFormat.DATAPACKAGE:
            write_datapackage(session, zones, path)
            return len(zones)
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt is ExportFormat.CSV:
        path.write_text(zones_csv(zones), encoding="utf-8", newline="")
    elif fmt is ExportFormat.XLSX:
        write_zones_xlsx(zones, path)
    elif fmt is ExportFormat.GEOJSON:
        _write_json(path, feature_collection(zones))
    else:
        _write_json(
            path, {"standard_version": STANDARD_VERSION, "zones": [z.model_dump(mode="json") for z in zones]}
        )
    return len(zones)


def _write_json(path: Path, document: object) -> None:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def write_zones_xlsx(zones: list[Zone], path: Path) -> None:
    """One sheet, the CSV's columns, typed cells (numbers stay numbers, so a spreadsheet can sum them).

    Text is always stored as text (`safe_cells.make_inert`): a name starting with '=' is never a formula.
    """
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "zones"
    sheet.append(list(flat_column_names()))
    sheet.freeze_panes = "B2"
    for row_number, zone in enumerate(zones, start=2):
        for column_number, value in enumerate(zone_to_flat(zone).values(), start=1):
            if value is None:
                continue
            make_inert(sheet.cell(row=row_number, column=column_number, value=value))
    workbook.save(path)
