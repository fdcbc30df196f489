"""Whether a zone's point lies on its own country's land, within the coarseness of the map layer.

The country shapes are Natural Earth 1:50m (`data/geo/ne_50m_countries.geojson`). At that scale small
islands are simplified away or shifted and coastal towns fall just off the coastline: Kish Island
(IRN-001, GeoNames 'Kīsh') lies about 19 km from the nearest 1:50m polygon of Iran. So a point counts as
on its country's land when it is inside one of the country's polygons or within
`LAND_TOLERANCE_KM` of one — 0.2° of latitude, the margin the data set's own check of every bundled
point used (data/SOURCES.md, §4 "Coordinates" and §6 "Conventions").
"""

import json
import math
from functools import cache

import numpy as np
import numpy.typing as npt

from sezatlas.standard.codelists import data_path

LAND_TOLERANCE_KM = 22.2  # 0.2° of latitude; Kish Island sits 19 km off the 1:50m coastline
_KM_PER_DEGREE = 111.195  # mean Earth radius 6371.0 km × π/180

Ring = npt.NDArray[np.float64]  # (n, 2) lon, lat; closed (first point repeated last)


@cache
def _rings_by_country() -> dict[str, tuple[Ring, ...]]:
    with data_path("geo", "ne_50m_countries.geojson").open(encoding="utf-8") as f:
        features = json.load(f)["features"]
    rings: dict[str, list[Ring]] = {}
    for feature in features:
        iso3 = feature["properties"].get("iso_a3")
        geometry = feature["geometry"]
        if not iso3 or geometry is None:
            continue
        polygons = (
            geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
        )
        for polygon in polygons:
            rings.setdefault(iso3, []).extend(np.asarray(ring, dtype=np.float64) for ring in polygon)
    return {iso3: tuple(value) for iso3, value in rings.items()}


def _inside(ring: Ring, lon: float, lat: float) -> bool:
    """Even-odd ray casting (Shimrat 1962, Algorithm 112); holes count as rings of their own."""
    x1, y1, x2, y2 = ring[:-1, 0], ring[:-1, 1], ring[1:, 0], ring[1:, 1]
    crosses = (y1 > lat) != (y2 > lat)
    with np.errstate(divide="ignore", invalid="ignore"):
        x_at = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
    return bool(np.count_nonzero(crosses & (lon < x_at)) % 2)


def _distance_to_ring_km(ring: Ring, lon: float, lat: float) -> float:
    """Shortest distance to the ring's edges on a local equirectangular plane (fine below ~100 km)."""
    scale_x = _KM_PER_DEGREE * math.cos(math.radians(lat))
    ax, ay = (ring[:-1, 0] - lon) * scale_x, (ring[:-1, 1] - lat) * _KM_PER_DEGREE
    bx, by = (ring[1:, 0] - lon) * scale_x, (ring[1:, 1] - lat) * _KM_PER_DEGREE
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.clip(np.where(length2 > 0, -(ax * dx + ay * dy) / length2, 0.0), 0.0, 1.0)
    return float(np.min(np.hypot(ax + t * dx, ay + t * dy)))


def distance_to_country_land_km(latitude: float, longitude: float, country_iso3: str) -> float | None:
    """0 inside the country's land, else the distance to its nearest polygon; None for a country the
    layer does not draw."""
    rings = _rings_by_country().get(country_iso3)
    if not rings:
        return None
    if sum(_inside(ring, longitude, latitude) for ring in rings) % 2:
        return 0.0
    return min(_distance_to_ring_km(ring, longitude, latitude) for ring in rings)


def is_on_country_land(latitude: float, longitude: float, country_iso3: str) -> bool:
    distance = distance_to_country_land_km(latitude, longitude, country_iso3)
    return distance is not None and distance <= LAND_TOLERANCE_KM
