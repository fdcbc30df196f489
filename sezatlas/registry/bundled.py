"""The bundled registry: every zone file in `sezatlas/data/zones/`, harmonized and deduplicated.

The files overlap by design (see data/SOURCES.md): the curated registry is extended per country by
expansion files that keep the registry's `zone_id`, and China's lists name Suzhou Industrial Park
twice. Overlaps are merged, and every merge is reported.
"""

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field

from sezatlas.registry.etdz import etdz_rows
from sezatlas.registry.harmonize import (
    confidence_from_notes,
    coordinate_precision,
    isic_from_sectors,
    status_from_text,
    zone_type_from_label,
)
from sezatlas.registry.regime_links import link_regimes
from sezatlas.standard.codelists import data_path, fold_text
from sezatlas.standard.codes import Confidence
from sezatlas.standard.provenance import Provenance
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
)
ISIC_DERIVATION = (
    "ISIC codes derived by SEZ Atlas from the source's sector wording (sectors_text) with the keyword "
    "table sezatlas/data/codes/sector_isic_keywords.csv"
)


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


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _split_sources(raw: str) -> tuple[list[str], str | None]:
    """URLs go to source_urls; a source without a URL (e.g. 'a public GitHub code file') to the citation."""
    parts = [p.strip() for p in raw.split(" | ") if p.strip()]
    urls = [p for p in parts if p.startswith(("http://", "https://"))]
    citations = [p for p in parts if p not in urls]
    return urls, "; ".join(citations) or None


def zone_from_row(row: dict[str, str], dataset: str, as_of: str) -> Zone:
    """One standard Zone from a row of the bundled files' 21-column layout."""
    urls, citation = _split_sources(row.get("source_urls", ""))
    notes = row.get("notes", "") or ""
    precision, method = coordinate_precision(row.get("coord_precision", ""))
    sectors = _blank_to_none(row.get("sectors"))
    isic = isic_from_sectors(sectors) if sectors else []
    provenance = Provenance(
        source_urls=urls,
        source_citation=citation,
        as_of=as_of,
        confidence=confidence_from_notes(notes, len(urls) + (1 if citation else 0)),
    )
    field_provenance = {}
    if isic:
        field_provenance["isic_codes"] = provenance.model_copy(
            update={"source_citation": ISIC_DERIVATION, "confidence": Confidence.MEDIUM}
        )
    has_point = bool(_blank_to_none(row.get("latitude")))
    return Zone.model_validate(
        {
            "zone_id": row["zone_id"],
            "country_iso3": row["country_iso3"],
            "name_en": row["name_en"],
            "name_local": _blank_to_none(row.get("name_local")),
            "zone_type": zone_type_from_label(row["zone_type"]),
            "zone_type_label": _blank_to_none(row["zone_type"]),
            "status": status_from_text(row.get("status", "")),
            "status_detail": _blank_to_none(row.get("status")),
            "operator": _blank_to_none(row.get("operator")),
            "year_established": _blank_to_none(row.get("year_established")),
            "location": {
                "admin1": _blank_to_none(row.get("admin1")),
                "locality": _blank_to_none(row.get("locality")),
                "latitude": _blank_to_none(row.get("latitude")),
                "longitude": _blank_to_none(row.get("longitude")),
                "coordinate_precision": precision if has_point else None,
                "coordinate_method": method if has_point else None,
                "geonames_id": _blank_to_none(row.get("geonames_id")),
                "geonames_place": _blank_to_none(row.get("geonames_place")),
            },
            "land": {"area_ha": _blank_to_none(row.get("area_ha"))},
            "specialisation": {"isic_codes": isic, "sectors_text": sectors},
            "regime": {"legal_regime": _blank_to_none(row.get("legal_regime"))},
            "provenance": provenance,
            "field_provenance": field_provenance,
            "dataset": dataset,
            "notes": _blank_to_none(notes),
        }
    )


def _read(bundled: BundledFile) -> Iterable[Zone]:
    if bundled.name == "cn_national_etdz_list.csv":
        rows: Iterable[dict[str, str]] = etdz_rows(data_path("zones", bundled.name))
    else:
        with data_path("zones", bundled.name).open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    for row in rows:
        yield zone_from_row(row, bundled.name, bundled.as_of)


def _refine(earlier: Zone, later: Zone) -> Zone:
    """The later file's facts win where it states them; sources from both are kept."""
    merged = earlier.model_dump()
    for key, value in later.model_dump(exclude_defaults=True).items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict) and key != "field_provenance":
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    urls = list(dict.fromkeys(earlier.provenance.source_urls + later.provenance.source_urls))
    merged["provenance"]["source_urls"] = urls
    merged["dataset"] = f"{earlier.dataset}; {later.dataset}"
    return Zone.model_validate(merged)


def _name_key(zone: Zone) -> tuple[str, str]:
    return zone.country_iso3, fold_text(zone.name_local or zone.name_en)


def load_bundled_registry() -> BundledRegistry:
    """All bundled zones, one record per real zone, with the list of merges made."""
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
    return BundledRegistry(zones=link_regimes(by_id.values()), merges=merges)
