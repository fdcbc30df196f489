"""The `seaports` and `airports` collections: the bundled Natural Earth 1:10m layers the registry measures
its logistics distances to (`registry.logistics`; provenance in data/SOURCES.md), served as they are.

A few hundred points each, so they are read once and filtered in Python (`evaluation`) with the same
filter, `datetime`, `sortby` and paging as the zones. A feature's id is its country and its number within
the country in the file's order (`port-RUS-003`); the file names no ids of its own, and some ports share a
name. Every feature carries the layer's page (`source_url`) and the data's date (`as_of`).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from sezatlas.registry.features.evaluation import is_selected
from sezatlas.registry.features.feature_query import Extent, FeaturePage, FeatureRequest, SortKey
from sezatlas.registry.features.filters import Envelope
from sezatlas.registry.features.queryables import Queryable, Queryables, ValueType
from sezatlas.registry.features.temporal import DateRange, as_of_range
from sezatlas.registry.logistics import AIRPORTS, NATURAL_EARTH_AS_OF, SEAPORTS, Layer
from sezatlas.standard.codelists import data_path
from sezatlas.standard.membership import brics_membership


@dataclass(frozen=True, slots=True)
class PointLayer:
    layer: Layer
    id_prefix: str
    queryables: Queryables
    property_names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PointFeature:
    feature_id: str
    longitude: float
    latitude: float
    properties: dict[str, Any]

    def as_geojson(self) -> dict[str, Any]:
        return {
            "type": "Feature",
            "id": self.feature_id,
            "geometry": {"type": "Point", "coordinates": [self.longitude, self.latitude]},
            "properties": dict(self.properties),
        }


def _text(name: str, title: str, enum: tuple[str, ...] = ()) -> Queryable:
    return Queryable(name, title, ValueType.STRING, enum=enum)


_COUNTRY = _text("country_iso3", "Country (ISO 3166-1 alpha-3)", tuple(sorted(brics_membership())))
_RANKS = (
    Queryable("scalerank", "Natural Earth scale rank", ValueType.INTEGER, "lower is more important"),
    Queryable("natlscale", "Natural Earth national scale", ValueType.INTEGER),
)
_AS_OF = _text("as_of", "As-of date of the layer")
_AIRPORT_TYPES = ("major", "major and military", "mid", "mid and military", "military", "military major",
                  "military mid", "small", "spaceport")  # fmt: skip

SEAPORT_LAYER = PointLayer(
    SEAPORTS,
    "port",
    Queryables((_text("name", "Name"), _COUNTRY, *_RANKS, _text("website", "Website"), _AS_OF)),
    ("name", "country_iso3", "scalerank", "natlscale", "website", "as_of", "source_url"),
)
AIRPORT_LAYER = PointLayer(
    AIRPORTS,
    "airport",
    Queryables((
        _text("name", "Name"), _COUNTRY, _text("iata_code", "IATA code"),
        _text("gps_code", "ICAO (GPS) code"), _text("type", "Kind", _AIRPORT_TYPES),
        _text("location", "Where the point is"), *_RANKS, _text("wikipedia", "Wikipedia page"), _AS_OF,
    )),
    ("name", "country_iso3", "iata_code", "gps_code", "type", "location", "scalerank", "natlscale",
     "wikipedia", "as_of", "source_url"),
)  # fmt: skip


@cache
def layer_points(layer: PointLayer) -> tuple[PointFeature, ...]:
    """The layer's features, numbered per country in the file's order."""
    with data_path("geo", layer.layer.file).open(encoding="utf-8") as f:
        raw = json.load(f)["features"]
    numbers: dict[str, int] = {}
    points = []
    for feature in raw:
        given = feature["properties"]
        country = str(given["country_iso3"])
        numbers[country] = numbers.get(country, 0) + 1
        lon, lat = (float(value) for value in feature["geometry"]["coordinates"][:2])
        properties = {name: given.get(name) for name in layer.property_names}
        properties.update(as_of=NATURAL_EARTH_AS_OF, source_url=layer.layer.url)
        points.append(
            PointFeature(f"{layer.id_prefix}-{country}-{numbers[country]:03d}", lon, lat, properties)
        )
    return tuple(points)


def _sort_key(key: SortKey) -> Callable[[PointFeature], tuple[bool, Any]]:
    """Nulls last in either direction, as in SQL `ORDER BY value IS NULL, value`."""

    def value(point: PointFeature) -> tuple[bool, Any]:
        found = point.properties.get(key.property)
        return (found is None) != key.is_descending, found if found is not None else 0

    return value


def _ordered(points: list[PointFeature], order: tuple[SortKey, ...]) -> list[PointFeature]:
    ordered = sorted(points, key=lambda point: point.feature_id)
    for key in reversed(order):  # stable sorts, last key first
        ordered.sort(key=_sort_key(key), reverse=key.is_descending)
    return ordered


def _meets_dates(point: PointFeature, dates: DateRange | None) -> bool:
    as_of = point.properties.get("as_of")
    return dates is None or (bool(as_of) and as_of_range(str(as_of)).meets(dates))


def point_feature_page(layer: PointLayer, request: FeatureRequest) -> FeaturePage:
    matching = [
        point
        for point in layer_points(layer)
        if (request.condition is None or is_selected(request.condition, point.properties, point.longitude,
                                                     point.latitude))
        and _meets_dates(point, request.dates)
    ]  # fmt: skip
    page = _ordered(matching, request.order)[request.offset : request.offset + request.limit]
    return FeaturePage(len(matching), [point.as_geojson() for point in page])


def point_feature_by_id(layer: PointLayer, feature_id: str) -> dict[str, Any] | None:
    return next((p.as_geojson() for p in layer_points(layer) if p.feature_id == feature_id), None)


def point_layer_extent(layer: PointLayer) -> Extent:
    points = layer_points(layer)
    lons = [point.longitude for point in points]
    lats = [point.latitude for point in points]
    return Extent(Envelope(min(lons), min(lats), max(lons), max(lats)), as_of_range(NATURAL_EARTH_AS_OF))
