"""Relations between bundled zones that the source files state: a part and its whole, and zones that may
be the same.

They are data (`sezatlas/data/registry/zone_parts.csv` and `zones_possibly_same.csv`, each row with the
evidence from the rows' own notes and where it is), not merges: a part (an FTZ area, an SCZone sub-zone,
a TOR merged into a larger one) keeps its own record and names its whole, so that statistics can count
each territory once; two rows a source says "may be the same" stay two rows, each naming the other.
"""

import csv
from collections.abc import Iterable
from dataclasses import dataclass

from sezatlas.standard.codelists import data_path
from sezatlas.standard.zone import Zone


@dataclass(frozen=True, slots=True)
class ZoneLink:
    zone_id: str  # the part, or one of the two possibly-same zones
    other_id: str  # the whole, or the other zone
    evidence: str
    source: str


class UnknownZoneInRelationError(ValueError):
    """A relations file names a zone the bundled files do not hold (a typo, or a zone renumbered)."""


def _links(file_name: str, zone_column: str, other_column: str) -> list[ZoneLink]:
    with data_path("registry", file_name).open(encoding="utf-8") as f:
        return [
            ZoneLink(row[zone_column], row[other_column], row["evidence"], row["source"])
            for row in csv.DictReader(f)
        ]


def zone_parts() -> list[ZoneLink]:
    """Part → whole, from `zone_parts.csv`."""
    return _links("zone_parts.csv", "part_id", "parent_id")


def possibly_same_zones() -> list[ZoneLink]:
    """Pairs of zones a source says may be one zone, from `zones_possibly_same.csv`."""
    return _links("zones_possibly_same.csv", "zone_id", "other_id")


def _check_known(links: Iterable[ZoneLink], known: Iterable[str], file_name: str) -> None:
    ids = set(known)
    for link in links:
        for zone_id in (link.zone_id, link.other_id):
            if zone_id not in ids:
                raise UnknownZoneInRelationError(
                    f"{file_name}: zone {zone_id} is not in the bundled registry"
                )


def link_zones(zones: Iterable[Zone]) -> list[Zone]:
    """The zones with `parent_zone_id` and `possibly_same_as` (both directions) set from the data files.

    Raises UnknownZoneInRelationError when a file names a zone that is not among `zones`.
    """
    by_id = {zone.zone_id: zone for zone in zones}
    parts, same = zone_parts(), possibly_same_zones()
    _check_known(parts, by_id, "zone_parts.csv")
    _check_known(same, by_id, "zones_possibly_same.csv")
    parent_of = {link.zone_id: link.other_id for link in parts}
    others: dict[str, list[str]] = {}
    for link in same:
        others.setdefault(link.zone_id, []).append(link.other_id)
        others.setdefault(link.other_id, []).append(link.zone_id)
    return [
        zone.model_copy(
            update={
                "parent_zone_id": parent_of.get(zone.zone_id, zone.parent_zone_id),
                "possibly_same_as": sorted({*zone.possibly_same_as, *others.get(zone.zone_id, [])}),
            }
        )
        for zone in by_id.values()
    ]
