"""Computed logistics facts: how far a zone's point is from the nearest seaport, airport and large city.

The distance is great-circle (haversine: R. W. Sinnott, "Virtues of the Haversine", Sky and Telescope
68(2), 1984, p. 159; radius `store.database.EARTH_RADIUS_KM`, the one zone search uses), not by road:
a lower bound of the trip. It is measured from the zone's point, so a point that is only a town's
centroid (`approximate`) gives an approximate distance, and the fact says so. The features are the
Natural Earth 1:10m layers bundled in `data/geo/` (data/SOURCES.md, "Places and computed distances"),
searched within the zone's own country: the layers hold only the 21 countries of the association, so a
port abroad would be found for some zones and missed for others; a country the layer gives no port
(landlocked, or Kazakhstan) leaves the distance unknown. There is no railway or road layer, so no rail
or highway distance is computed.

A computed fact never overrides a sourced one: a distance the zone's own source states is kept.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache, lru_cache

import numpy as np
import numpy.typing as npt

from sezatlas.standard.codelists import data_path
from sezatlas.standard.codes import Confidence, CoordinatePrecision
from sezatlas.standard.provenance import Provenance
from sezatlas.standard.zone import Zone
from sezatlas.store.database import EARTH_RADIUS_KM

COMPUTED_MARK = "computed by SEZ Atlas"  # how a citation says the fact is ours, so a re-run may replace it
CITY_MIN_POPULATION = 100_000
CITY_DISTANCE_KEY = "distance_to_city_100k_km"  # a field_provenance key until the standard has the field
NATURAL_EARTH_AS_OF = "2017-11"  # Natural Earth 4.0.0, data commit 9026645 of 9 Nov 2017 (data/SOURCES.md)


@dataclass(frozen=True, slots=True)
class Layer:
    key: str  # the fact it gives: a flat column name, or CITY_DISTANCE_KEY
    file: str
    title: str
    url: str  # the layer's page at Natural Earth: the source a computed fact cites


_NE_PAGES = "https://www.naturalearthdata.com/downloads/10m-cultural-vectors"


SEAPORTS = Layer(
    "distance_to_seaport_km",
    "ne_10m_ports_brics.geojson",
    "Natural Earth 1:10m Ports 4.0.0",
    f"{_NE_PAGES}/ports/",
)
AIRPORTS = Layer(
    "distance_to_airport_km",
    "ne_10m_airports_brics.geojson",
    "Natural Earth 1:10m Airports 4.0.0",
    f"{_NE_PAGES}/airports/",
)
CITIES = Layer(
    CITY_DISTANCE_KEY,
    "ne_10m_populated_places_brics.geojson",
    "Natural Earth 1:10m Populated Places 4.0.0",
    f"{_NE_PAGES}/10m-populated-places/",
)
LAYERS = (SEAPORTS, AIRPORTS, CITIES)


@dataclass(frozen=True, slots=True)
class Features:
    """One layer's features of one country, as arrays for a vectorised search."""

    names: tuple[str, ...]
    latitudes: npt.NDArray[np.float64]
    longitudes: npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Nearest:
    layer: Layer
    name: str  # "Kazan International Airport (IATA KZN)", "Kazan (population 1,104,000)"
    distance_km: float
    is_approximate: bool  # measured from an approximate point
    latitude: float  # the feature's point, for a map
    longitude: float

    def citation(self) -> str:
        point = "approximate (town-level) point" if self.is_approximate else "site point"
        return (
            f"{COMPUTED_MARK}: {self.distance_km:g} km, great-circle distance from the zone's {point} to "
            f"the nearest feature of {self.layer.title} in the same country, {self.name}; straight line, "
            "not by road"
        )


def _label(layer: Layer, properties: dict[str, object]) -> str:
    name = str(properties.get("name_en") or properties.get("name") or "?")
    if layer is AIRPORTS and properties.get("iata_code"):
        return f"{name} (IATA {properties['iata_code']})"
    if layer is CITIES:
        return f"{name} (population {int(str(properties['pop_max'])):,}, 2017)"
    return name


def _kept(layer: Layer) -> Callable[[dict[str, object]], bool]:
    if layer is CITIES:
        return lambda properties: int(str(properties.get("pop_max") or 0)) >= CITY_MIN_POPULATION
    return lambda _properties: True


@cache
def layer_features(layer: Layer) -> dict[str, Features]:
    """A layer's features by ISO3 country; for cities, only places of 100,000 people or more."""
    with data_path("geo", layer.file).open(encoding="utf-8") as f:
        features = json.load(f)["features"]
    grouped: dict[str, list[tuple[str, float, float]]] = {}
    keep = _kept(layer)
    for feature in features:
        properties = feature["properties"]
        if keep(properties):
            lon, lat = feature["geometry"]["coordinates"][:2]
            grouped.setdefault(str(properties["country_iso3"]), []).append(
                (_label(layer, properties), lat, lon)
            )
    return {
        iso3: Features(
            names=tuple(name for name, _lat, _lon in rows),
            latitudes=np.array([lat for _name, lat, _lon in rows], dtype=np.float64),
            longitudes=np.array([lon for _name, _lat, lon in rows], dtype=np.float64),
        )
        for iso3, rows in grouped.items()
    }


FloatArray = npt.NDArray[np.float64]


def great_circle_km(
    latitudes: FloatArray, longitudes: FloatArray, to_latitudes: FloatArray, to_longitudes: FloatArray
) -> FloatArray:
    """Haversine distances (Sinnott 1984) from each point (rows) to each target (columns)."""
    p1, p2 = np.radians(latitudes)[:, None], np.radians(to_latitudes)[None, :]
    half_dp = (p2 - p1) / 2
    half_dl = np.radians(to_longitudes[None, :] - longitudes[:, None]) / 2
    a = np.sin(half_dp) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(half_dl) ** 2
    distances: FloatArray = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    return distances


def nearest_of(zones: list[Zone], layer: Layer) -> dict[str, Nearest]:
    """zone_id → the layer's nearest feature in the zone's country, for the zones with a point and a
    country the layer has features for; one distance matrix per country."""
    by_country: dict[str, list[Zone]] = {}
    for zone in zones:
        if zone.location.latitude is not None and zone.country_iso3 in layer_features(layer):
            by_country.setdefault(zone.country_iso3, []).append(zone)
    found: dict[str, Nearest] = {}
    for iso3, placed in by_country.items():
        features = layer_features(layer)[iso3]
        latitudes = np.array([zone.location.latitude for zone in placed], dtype=np.float64)
        longitudes = np.array([zone.location.longitude for zone in placed], dtype=np.float64)
        distances = great_circle_km(latitudes, longitudes, features.latitudes, features.longitudes)
        for row, zone in enumerate(placed):
            is_approximate = zone.location.coordinate_precision != CoordinatePrecision.SITE
            found[zone.zone_id] = _closest(layer, features, distances[row], is_approximate)
    return found


def _closest(layer: Layer, features: Features, distances: npt.NDArray[np.float64],
             is_approximate: bool) -> Nearest:  # fmt: skip
    best = int(np.argmin(distances))
    return Nearest(layer=layer, name=features.names[best], distance_km=round(float(distances[best]), 1),
                   is_approximate=is_approximate, latitude=float(features.latitudes[best]),
                   longitude=float(features.longitudes[best]))  # fmt: skip


def nearest(zone: Zone, layer: Layer) -> Nearest | None:
    """The layer's nearest feature in the zone's country, or None without a point or a feature."""
    location = zone.location
    if location.latitude is None or location.longitude is None:
        return None
    is_approximate = location.coordinate_precision != CoordinatePrecision.SITE
    return _nearest_to(zone.country_iso3, location.latitude, location.longitude, is_approximate, layer)


@lru_cache(maxsize=16_384)
def _nearest_to(
    iso3: str, latitude: float, longitude: float, is_approximate: bool, layer: Layer
) -> Nearest | None:
    """Kept per point: a zone page and a comparison ask for each layer of each zone on every view."""
    features = layer_features(layer).get(iso3)
    if features is None:
        return None
    distances = great_circle_km(np.array([latitude]), np.array([longitude]), features.latitudes,
                                features.longitudes)  # fmt: skip
    return _closest(layer, features, distances[0], is_approximate)


def is_computed(provenance: Provenance | None) -> bool:
    return provenance is not None and (provenance.source_citation or "").startswith(COMPUTED_MARK)


def _is_sourced(zone: Zone, layer: Layer) -> bool:
    """The zone's own source states this distance: then nothing is computed over it."""
    value = getattr(zone.logistics, layer.key, None)
    return value is not None and not is_computed(zone.field_provenance.get(layer.key))


def _provenance(found: Nearest) -> Provenance:
    return Provenance(
        source_urls=[found.layer.url],
        source_citation=found.citation(),
        as_of=NATURAL_EARTH_AS_OF,
        confidence=Confidence.LOW if found.is_approximate else Confidence.MEDIUM,
    )


def _with_computed(zone: Zone, nearest_by_layer: dict[Layer, dict[str, Nearest]]) -> Zone:
    logistics: dict[str, float] = {}
    field_provenance = dict(zone.field_provenance)
    for layer in LAYERS:
        if _is_sourced(zone, layer) or (found := nearest_by_layer[layer].get(zone.zone_id)) is None:
            continue
        field_provenance[layer.key] = _provenance(found)  # the city distance has no column yet: the
        if layer is not CITIES:  # citation carries its value
            logistics[layer.key] = found.distance_km
    if not logistics and field_provenance == zone.field_provenance:
        return zone
    return zone.model_copy(
        update={
            "logistics": zone.logistics.model_copy(update=logistics),
            "field_provenance": field_provenance,
        }
    )


def with_logistics(zones: list[Zone]) -> list[Zone]:
    """Every zone with its computed distances added where its point allows and no source states them."""
    nearest_by_layer = {layer: nearest_of(zones, layer) for layer in LAYERS}
    return [_with_computed(zone, nearest_by_layer) for zone in zones]
