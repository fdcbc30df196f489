"""Zones as GeoJSON features and CSV text: one encoding shared by the API, OGC API and the exports."""

import csv
import io
from collections.abc import Iterable
from typing import Any

from sezatlas.standard.flat import flat_column_names, zone_to_flat
from sezatlas.standard.zone import Zone
from sezatlas.tabular.safe_cells import csv_row


def zone_feature(zone: Zone, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """A GeoJSON Feature (RFC 7946): flat properties, lists kept as arrays, null geometry when unknown."""
    properties = zone_to_flat(zone, lists_as_text=False)
    lat, lon = zone.location.latitude, zone.location.longitude
    geometry = {"type": "Point", "coordinates": [lon, lat]} if lat is not None and lon is not None else None
    return {
        "type": "Feature",
        "id": zone.zone_id,
        "geometry": geometry,
        "properties": {**properties, **(extra or {})},
    }


def feature_collection(zones: Iterable[Zone], **members: Any) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [zone_feature(z) for z in zones], **members}


def zones_csv(zones: Iterable[Zone]) -> str:
    """UTF-8 CSV with the standard's flat columns; lists joined by their documented separators.

    Text a spreadsheet would take for a formula gets a protective leading quote (`safe_cells`); the
    importer removes it again, so the CSV still imports back unchanged.
    """
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=flat_column_names(), lineterminator="\n")
    writer.writeheader()
    for zone in zones:
        writer.writerow(csv_row(zone_to_flat(zone)))
    return buffer.getvalue()
