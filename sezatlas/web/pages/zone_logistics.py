"""The computed distances a zone's Logistics facts show, each naming the feature it reaches.

Only facts the registry marks as computed are named here (a distance the zone's own source states keeps
that source). The nearest feature is looked up again from the zone's point with the same rule that
computed the stored fact (`registry/logistics.py`), so the page can name it ("1,161.2 — Arkhangelsk
(approximate)") and its map can draw it. The zone page and the comparison show the same rows.
"""

from dataclasses import dataclass, replace

from sezatlas.registry.logistics import (
    AIRPORTS,
    CITIES,
    LAYERS,
    NATURAL_EARTH_AS_OF,
    SEAPORTS,
    is_computed,
    nearest,
)
from sezatlas.standard.zone import Zone
from sezatlas.web.i18n import format_as_of, format_number
from sezatlas.web.pages.facts import Fact, Reader
from sezatlas.web.pages.labels import N_

DISTANCE_NOTE = N_(
    "Computed by SEZ Atlas: great-circle (straight-line) distance from the zone’s point to the nearest "
    "feature in the same country of a Natural Earth map layer; not a distance by road."
)
CITY_LABEL = N_("Nearest city of 100,000 people or more (km)")
MAP_KINDS = {SEAPORTS.key: "seaport", AIRPORTS.key: "airport"}  # what the zone page's map draws


@dataclass(frozen=True, slots=True)
class ComputedDistance:
    key: str  # the fact's column (or field_provenance key)
    feature: str  # the nearest feature, as the layer names it
    distance: str  # formatted km
    layer: str
    as_of: str  # formatted
    is_approximate: bool
    latitude: float  # the feature's point
    longitude: float


def computed_distances(zone: Zone, reader: Reader) -> list[ComputedDistance]:
    """The zone's computed distances, nearest feature named; empty when none was computed."""
    shown = []
    for layer in LAYERS:
        if not is_computed(zone.field_provenance.get(layer.key)) or (found := nearest(zone, layer)) is None:
            continue
        shown.append(
            ComputedDistance(
                key=layer.key,
                feature=found.name,
                distance=format_number(found.distance_km, reader.lang, max_fraction_digits=1),
                layer=layer.title,
                as_of=format_as_of(NATURAL_EARTH_AS_OF, reader.lang),
                is_approximate=found.is_approximate,
                latitude=found.latitude,
                longitude=found.longitude,
            )
        )
    return shown


def _named(fact: Fact, found: ComputedDistance, reader: Reader) -> Fact:
    """A computed distance with the feature it reaches and how: "1,161.2 — Arkhangelsk (approximate)",
    "computed (great-circle); Natural Earth 1:10m Ports 4.0.0"."""
    _ = reader.gettext
    text = f"{found.distance} — {found.feature}"
    if found.is_approximate:
        text += " (" + _("approximate") + ")"
    method = _("computed (great-circle)") + f"; {found.layer}"
    return replace(fact, value=text, source_citation=method, as_of=found.as_of)


def logistics_facts(zone: Zone, facts: list[Fact], reader: Reader) -> list[Fact]:
    """The Logistics group's facts with each computed distance naming its feature, plus the nearest city
    (a computed fact the standard has no column for: unknown unless computed)."""
    computed = {found.key: found for found in computed_distances(zone, reader)}
    shown = [_named(f, computed[f.column], reader) if f.column in computed else f for f in facts]
    city = Fact(column=CITIES.key, label=reader.gettext(CITY_LABEL), value=None, href=None, items=[],
                source_urls=[], source_citation=None, as_of=None)  # fmt: skip
    if CITIES.key in computed:
        provenance = zone.field_provenance[CITIES.key]
        city = _named(replace(city, source_urls=list(provenance.source_urls)), computed[CITIES.key], reader)
    return [*shown, city]


def map_features(distances: list[ComputedDistance], reader: Reader) -> list[list[object]]:
    """The nearest seaport and airport for the zone page's map: `[kind, label, lat, lon]`, labelled
    "Qingdao — 35.1 km" (straight line, as the Logistics facts say)."""
    km = reader.gettext("%(km)s km")
    return [
        [
            MAP_KINDS[found.key],
            f"{found.feature} — {km % {'km': found.distance}}",
            found.latitude,
            found.longitude,
        ]
        for found in distances
        if found.key in MAP_KINDS
    ]
