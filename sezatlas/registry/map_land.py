"""Detailed country shapes for a map zoomed in: the Natural Earth 1:50m countries inside a view.

A world map draws the 1:110m shapes (67 kB gzipped, `/api/v1/countries/shapes`); zoomed in to a region
their coastlines are tens of kilometres off, so a port would sit inland. The 1:50m file is 1.9 MB, so a
map asks only for the polygons its view meets (Russia's mainland, without its Pacific islands, for a
view of Kazan), with coordinates rounded to 0.01° (about 1 km: under a pixel below zoom 8): 6–30 kB
gzipped for the region of a zone page.
"""

import json
from dataclasses import dataclass
from functools import cache
from typing import Any

from sezatlas.standard.codelists import data_path
from sezatlas.store.zone_search import BBox

DIGITS = 2


Polygon = list[list[list[float]]]  # GeoJSON: rings of [lon, lat]


@dataclass(frozen=True, slots=True)
class CountryShape:
    properties: dict[str, str]  # the layer's `name` and `iso_a3` (empty for Somaliland and a few others)
    polygons: tuple[tuple[BBox, Polygon], ...]  # each polygon with its bounding box, coordinates rounded


def _rounded_ring(ring: list[list[float]]) -> list[list[float]]:
    """The ring at DIGITS decimals, with the points rounding made repeat dropped."""
    points: list[list[float]] = []
    for lon, lat in ring:
        point = [round(lon, DIGITS), round(lat, DIGITS)]
        if not points or point != points[-1]:
            points.append(point)
    return points if len(points) >= 4 else []  # a ring rounded to nothing is left out


def _polygons(geometry: dict[str, Any]) -> list[Polygon]:
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    rounded = [[r for r in (_rounded_ring(ring) for ring in polygon) if r] for polygon in polygons]
    return [polygon for polygon in rounded if polygon]


def _box(polygon: Polygon) -> BBox:
    lons, lats = [lon for lon, _ in polygon[0]], [lat for _, lat in polygon[0]]  # the outer ring
    return BBox(min(lons), min(lats), max(lons), max(lats))


@cache
def country_shapes() -> tuple[CountryShape, ...]:
    with data_path("geo", "ne_50m_countries.geojson").open(encoding="utf-8") as f:
        features = json.load(f)["features"]
    return tuple(
        CountryShape(
            {"name": str(feature["properties"]["name"]), "iso_a3": str(feature["properties"]["iso_a3"])},
            tuple((_box(polygon), polygon) for polygon in _polygons(feature["geometry"])),
        )
        for feature in features
        if feature.get("geometry")
    )


def _overlaps(shape: BBox, view: BBox) -> bool:
    if shape.max_lat < view.min_lat or shape.min_lat > view.max_lat:
        return False
    if view.min_lon > view.max_lon:  # the view crosses 180°: two boxes, east and west of it
        return shape.max_lon >= view.min_lon or shape.min_lon <= view.max_lon
    return shape.max_lon >= view.min_lon and shape.min_lon <= view.max_lon


def countries_in(view: BBox) -> dict[str, Any]:
    """A GeoJSON FeatureCollection: each country with the polygons whose bounding box meets `view`
    (Russia's mainland, not its Pacific islands, for a view of Kazan)."""
    features = []
    for shape in country_shapes():
        polygons = [polygon for box, polygon in shape.polygons if _overlaps(box, view)]
        if polygons:
            features.append({"type": "Feature", "properties": shape.properties,
                             "geometry": {"type": "MultiPolygon", "coordinates": polygons}})  # fmt: skip
    return {"type": "FeatureCollection", "features": features}
