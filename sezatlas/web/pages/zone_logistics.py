"""The computed distances a zone page shows (`_zone_logistics.html`), each with its method and layer.

Only facts the registry marks as computed are shown here (a distance the zone's own source states is a
fact of the Logistics group, with that source). The nearest feature is looked up again from the zone's
point with the same rule that computed the stored fact (`registry/logistics.py`), so the page can name it.
"""

from dataclasses import dataclass

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
from sezatlas.web.pages.facts import Reader
from sezatlas.web.pages.labels import N_

_TITLES = {
    SEAPORTS.key: N_("Nearest seaport"),
    AIRPORTS.key: N_("Nearest airport"),
    CITIES.key: N_("Nearest city of 100,000 people or more"),
}


@dataclass(frozen=True, slots=True)
class ComputedDistance:
    key: str  # the fact's column (or field_provenance key)
    title: str  # translated
    feature: str  # the nearest feature, as the layer names it
    distance: str  # formatted km
    layer: str
    as_of: str  # formatted
    is_approximate: bool


def computed_distances(zone: Zone, reader: Reader) -> list[ComputedDistance]:
    """The zone's computed distances, nearest feature named; empty when none was computed."""
    shown = []
    for layer in LAYERS:
        if not is_computed(zone.field_provenance.get(layer.key)) or (found := nearest(zone, layer)) is None:
            continue
        shown.append(
            ComputedDistance(
                key=layer.key,
                title=reader.gettext(_TITLES[layer.key]),
                feature=found.name,
                distance=format_number(found.distance_km, reader.lang, max_fraction_digits=1),
                layer=layer.title,
                as_of=format_as_of(NATURAL_EARTH_AS_OF, reader.lang),
                is_approximate=found.is_approximate,
            )
        )
    return shown
