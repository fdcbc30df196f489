"""The bundled registry: every zone file in `sezatlas/data/zones/`, harmonized and deduplicated.

The files overlap by design (see data/SOURCES.md): the curated registry is extended per country by
expansion files that keep the registry's `zone_id`, and China's lists name Suzhou Industrial Park
twice. Overlaps are merged, and every merge is reported. Rows that only *may* be the same zone, and parts
of a larger zone, are not merged: `zone_relations.py` links them.
"""

import csv
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sezatlas.registry.bundled_rows import zone_from_row
from sezatlas.registry.etdz import etdz_rows
from sezatlas.registry.logistics import with_logistics
from sezatlas.registry.places import PlacementReport, place_zones
from sezatlas.registry.regime_links import link_regimes
from sezatlas.registry.zone_relations import link_zones
from sezatlas.standard.codelists import data_path, fold_text
from sezatlas.standard.flat import zone_to_flat
from sezatlas.standard.zone import Zone


@dataclass(frozen=True, slots=True)
class BundledFile:
    name: str
    as_of: str  # when the file's facts were compiled or snapshotted (data/SOURCES.md)


# Priority order: a later file's row for the same zone_id refines an earlier one.
ZONE_FILES: tuple[BundledFile, ...] = (
    BundledFile("brics_zones_registry.csv", "2026-11"),
    BundledFile("ru_sez.csv", "2026-11"),
    BundledFile("in_sez.csv", "2026-11"),
    BundledFile("br_zpe.csv", "2026-11"),
    BundledFile("ir_zones.csv", "2026-11"),
    BundledFile("ae_free_zones.csv", "2026-11"),
    BundledFile("et_industrial_parks.csv", "2026-11"),
    BundledFile("id_kek.csv", "2026-04"),
    BundledFile("cn_pilot_ftz.csv", "2026-11"),
    BundledFile("cn_high_tech_zones.csv", "2026-11"),
    BundledFile("cn_national_etdz_list.csv", "2021"),
    # SOURCES.md §8: more Indian SEZs, Russian TORs, UAE free zones (December 2026).
    BundledFile("in_sez_list.csv", "2026-12"),
    BundledFile("ru_tor.csv", "2026-12"),
    BundledFile("ae_free_zones_more.csv", "2026-12"),
    # SOURCES.md §11: Russian industrial parks and technoparks, Iranian SEZs (December 2026).
    BundledFile("ru_industrial_parks.csv", "2026-12"),
    BundledFile("ir_sez_more.csv", "2026-12"),
    # SOURCES.md §7: the BRICS partner countries (December 2026).
    BundledFile("kz_sez.csv", "2026-12"),
    BundledFile("uz_fez.csv", "2026-12"),
    BundledFile("by_fez.csv", "2026-12"),
    BundledFile("my_zones.csv", "2026-12"),
    BundledFile("th_sez.csv", "2026-12"),
    BundledFile("vn_ez.csv", "2026-12"),
    BundledFile("ng_free_zones.csv", "2026-12"),
    BundledFile("cu_zed.csv", "2026-12"),
    BundledFile("bo_zones.csv", "2026-12"),
    BundledFile("ug_zones.csv", "2026-12"),
)

# The point and the place it was taken from are one fact: a later file's point brings its own (or no) place.
POINT_FIELDS = ("latitude", "longitude", "coordinate_precision", "coordinate_method", "geonames_id",
                "geonames_place")  # fmt: skip
_MARKED_NOTES = re.compile(r"^\[[^\]]+\.csv\] ")


@dataclass(frozen=True, slots=True)
class Merge:
    kept_id: str
    merged_id: str
    merged_from: str
    reason: str


@dataclass(slots=True)
class BundledRegistry:
    zones: list[Zone]
    merges: list[Merge] = field(default_factory=list)
    placement: PlacementReport | None = None


def _read(bundled: BundledFile) -> Iterable[Zone]:
    if bundled.name == "cn_national_etdz_list.csv":
        rows: Iterable[dict[str, str]] = etdz_rows(data_path("zones", bundled.name))
    else:
        with data_path("zones", bundled.name).open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    for row in rows:
        yield zone_from_row(row, bundled.name, bundled.as_of)


def _marked(zone: Zone) -> str:
    """The zone's notes, each file's part prefixed by its file name (once)."""
    notes = zone.notes or ""
    return notes if _MARKED_NOTES.match(notes) else f"[{zone.dataset}] {notes}"


def _merged_notes(earlier: Zone, later: Zone) -> str | None:
    """Both files' notes, each marked by its file: a later file's notes never replace an earlier one's."""
    if not later.notes or later.notes == earlier.notes:
        return earlier.notes
    if not earlier.notes:
        return later.notes
    return f"{_marked(earlier)} {_marked(later)}"


def _merged_location(earlier: dict[str, Any], later: Zone) -> dict[str, Any]:
    stated = later.location.model_dump(exclude_defaults=True)
    if later.location.latitude is not None:
        stated |= {name: getattr(later.location, name) for name in POINT_FIELDS}
    return {**earlier, **stated}


def _merged_field_provenance(earlier: Zone, later: Zone) -> dict[str, Any]:
    """Each fact keeps the source of the file its value came from: an earlier fact's source stays
    unless the later file states that fact (its value then replaces the earlier one)."""
    stated = {column for column, value in zone_to_flat(later).items() if value not in (None, "")}
    kept = {column: source for column, source in earlier.field_provenance.items() if column not in stated}
    return {column: source.model_dump() for column, source in (kept | later.field_provenance).items()}


def _refine(earlier: Zone, later: Zone) -> Zone:
    """The later file's facts win where it states them; sources and notes from both are kept."""
    merged = earlier.model_dump()
    for key, value in later.model_dump(exclude_defaults=True).items():
        if key == "location":
            merged[key] = _merged_location(merged[key], later)
        elif key == "field_provenance":
            merged[key] = _merged_field_provenance(earlier, later)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    urls = list(dict.fromkeys(earlier.provenance.source_urls + later.provenance.source_urls))
    merged["provenance"]["source_urls"] = urls
    merged["notes"] = _merged_notes(earlier, later)
    merged["dataset"] = f"{earlier.dataset}; {later.dataset}"
    return Zone.model_validate(merged)


def _name_key(zone: Zone) -> tuple[str, str]:
    return zone.country_iso3, fold_text(zone.name_local or zone.name_en)


def merged_zones() -> tuple[list[Zone], list[Merge]]:
    """All bundled zones, one record per real zone, with the relations (parts, possibly the same)
    and regimes the files state, before any point is placed; and the list of merges made."""
    by_id: dict[str, Zone] = {}
    by_name: dict[tuple[str, str], str] = {}
    merges: list[Merge] = []
    for bundled in ZONE_FILES:
        for zone in _read(bundled):
            if zone.zone_id in by_id:
                by_id[zone.zone_id] = _refine(by_id[zone.zone_id], zone)
                merges.append(Merge(zone.zone_id, zone.zone_id, bundled.name, "same zone_id"))
            elif (kept := by_name.get(_name_key(zone))) is not None:
                also = f"{by_id[kept].zone_type_label}; also listed as: {zone.zone_type_label}"
                refined = _refine(zone.model_copy(update={"zone_id": kept}), by_id[kept])
                by_id[kept] = refined.model_copy(update={"zone_type_label": also})
                merges.append(Merge(kept, zone.zone_id, bundled.name, "same local name in the same country"))
            else:
                by_id[zone.zone_id] = zone
                by_name[_name_key(zone)] = zone.zone_id
    return link_regimes(link_zones(by_id.values())), merges


def load_bundled_registry() -> BundledRegistry:
    """The bundled registry as served: merged zones, those without a point placed at the one town
    their own words name (`registry/places.py`), then distances to ports computed
    (`registry/logistics.py`). Placing comes after merging, so a point any file states wins."""
    zones, merges = merged_zones()
    placed, placement = place_zones(zones)
    return BundledRegistry(zones=with_logistics(placed), merges=merges, placement=placement)
