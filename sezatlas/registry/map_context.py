"""What a map shows around the zones: place names, seaports and airports, few at a small scale.

The features are the Natural Earth 1:10m layers bundled in `data/geo/` (data/SOURCES.md, "Places and
computed distances"), the same that give the computed distances (`registry/logistics.py`). A map asks
for the features inside its view at its zoom: Natural Earth ranks every feature by the smallest scale it
belongs on (`scalerank`, 0 = a world map), so a zoom admits the ranks up to a bound, and within the view
the most important come first (rank, then population) up to a limit. The map then hides the labels that
would overlap, in that order. There is no road or railway layer, so none is drawn.
"""

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import islice
from typing import Any, TypeVar

from sezatlas.registry.logistics import AIRPORTS, CITIES, SEAPORTS
from sezatlas.standard.codelists import data_path
from sezatlas.store.zone_search import BBox

PLACE_LIMIT = 250  # per answer: enough for a full-screen map at any zoom, a few kB gzipped
NAME_LANGUAGES = ("en", "ru", "zh", "pt", "ar")  # the layer's name_xx fields that match our languages
MILLION = 1_000_000


@dataclass(frozen=True, slots=True)
class Place:
    names: dict[str, str]  # language → name, for the languages the layer names it in
    latitude: float
    longitude: float
    scalerank: int
    population: int
    is_capital: bool

    def name(self, lang: str) -> str:
        """The place's name in `lang` where the layer has it, else in English."""
        return self.names.get(lang) or self.names["en"]

    @property
    def size(self) -> int:
        """How prominently a map draws it: 3 a national capital, 2 a city of a million, 1 any other."""
        return 3 if self.is_capital else 2 if self.population >= MILLION else 1


@dataclass(frozen=True, slots=True)
class Facility:
    """A seaport or an airport (with its IATA code when it has one)."""

    name: str
    latitude: float
    longitude: float
    scalerank: int
    iata_code: str | None = None


@dataclass(frozen=True, slots=True)
class MapContext:
    places: list[Place]
    seaports: list[Facility]
    airports: list[Facility]


def max_place_rank(zoom: float) -> int:
    """The largest `scalerank` of places shown at `zoom`: capitals and megacities on a world map (ranks
    0–1), regional capitals from zoom 4, every place from zoom 7 (Naberezhnye Chelny, 461,000 people,
    is rank 8)."""
    bounds = {3: 1, 4: 2, 5: 4, 6: 6, 7: 7}  # zoom below the key → this rank at most
    return next((rank for below, rank in bounds.items() if zoom < below), 10)


def max_seaport_rank(zoom: float) -> int:
    return int(zoom)  # ranks 3–8: the largest ports from zoom 3, every port from zoom 8


def max_airport_rank(zoom: float) -> int:
    return int(zoom) - 1  # ranks 2–9: the 16 largest airports from zoom 3, every airport from zoom 10


def _features(file: str) -> list[dict[str, Any]]:
    with data_path("geo", file).open(encoding="utf-8") as f:
        features: list[dict[str, Any]] = json.load(f)["features"]
    return features


def _point(feature: dict[str, Any]) -> tuple[float, float]:
    lon, lat = feature["geometry"]["coordinates"][:2]
    return float(lat), float(lon)


def _place(feature: dict[str, Any]) -> Place:
    properties = feature["properties"]
    names = {
        lang: str(properties[f"name_{lang}"]) for lang in NAME_LANGUAGES if properties.get(f"name_{lang}")
    }
    names.setdefault("en", str(properties["name"]))
    latitude, longitude = _point(feature)
    return Place(
        names,
        latitude,
        longitude,
        scalerank=int(properties["scalerank"]),
        population=int(properties["pop_max"]),
        is_capital=str(properties["featurecla"]).startswith("Admin-0 capital"),
    )


def _facility(feature: dict[str, Any]) -> Facility:
    properties = feature["properties"]
    latitude, longitude = _point(feature)
    return Facility(str(properties["name"]), latitude, longitude, int(properties["scalerank"]),
                    iata_code=properties.get("iata_code") or None)  # fmt: skip


@cache
def all_places() -> tuple[Place, ...]:
    """Every place of the layer, most important first (rank, then population)."""
    places = (_place(feature) for feature in _features(CITIES.file))
    return tuple(sorted(places, key=lambda place: (place.scalerank, -place.population)))


@cache
def all_seaports() -> tuple[Facility, ...]:
    return tuple(sorted((_facility(f) for f in _features(SEAPORTS.file)), key=lambda port: port.scalerank))


@cache
def all_airports() -> tuple[Facility, ...]:
    return tuple(sorted((_facility(f) for f in _features(AIRPORTS.file)), key=lambda port: port.scalerank))


def contains(box: BBox, latitude: float, longitude: float) -> bool:
    """Whether the point is in the box; a box whose min_lon exceeds its max_lon crosses 180°."""
    if not box.min_lat <= latitude <= box.max_lat:
        return False
    if box.min_lon <= box.max_lon:
        return box.min_lon <= longitude <= box.max_lon
    return longitude >= box.min_lon or longitude <= box.max_lon


Feature = TypeVar("Feature", Place, Facility)


def _shown(features: Iterable[Feature], box: BBox, max_rank: int, limit: int) -> list[Feature]:
    inside = (f for f in features if f.scalerank <= max_rank and contains(box, f.latitude, f.longitude))
    return list(islice(inside, limit))


def map_context(box: BBox, zoom: float, limit: int = PLACE_LIMIT) -> MapContext:
    """The places, seaports and airports a map of `box` at `zoom` shows, most important first."""
    return MapContext(
        places=_shown(all_places(), box, max_place_rank(zoom), limit),
        seaports=_shown(all_seaports(), box, max_seaport_rank(zoom), limit),
        airports=_shown(all_airports(), box, max_airport_rank(zoom), limit),
    )


def rounded(value: float, digits: int = 3) -> float:
    """Coordinates to about 100 m: finer than a label, and a third of the bytes."""
    return round(value, digits)


def compact(context: MapContext, lang: str) -> dict[str, Sequence[Sequence[object]]]:
    """The answer a map fetches: places `[name, lat, lon, size]` in `lang`, seaports `[name, lat, lon]`,
    airports `[name, iata_code, lat, lon]`; each list most important first."""
    return {
        "places": [[p.name(lang), rounded(p.latitude), rounded(p.longitude), p.size] for p in context.places],
        "seaports": [[p.name, rounded(p.latitude), rounded(p.longitude)] for p in context.seaports],
        "airports": [
            [a.name, a.iata_code, rounded(a.latitude), rounded(a.longitude)] for a in context.airports
        ],
    }
