"""One bundled file row (the 21-column layout of `sezatlas/data/zones/`) as a standard Zone.

The rules that turn a row's wording into codes live in `harmonize.py`, the rule that decides how far
each fact can be trusted in `confidence.py`; this module applies them to one row, applies the sourced
corrections of `sezatlas/data/registry/field_corrections.csv`, and records where each fact came from.
"""

import csv
import re
from dataclasses import dataclass, replace
from functools import cache

from sezatlas.registry.confidence import Assessment, assess, derived_confidence, lower
from sezatlas.registry.harmonize import (
    coordinate_precision,
    isic_from_sectors,
    status_from_text,
    zone_type_from_label,
)
from sezatlas.standard.codelists import data_path
from sezatlas.standard.codes import Confidence, CoordinatePrecision
from sezatlas.standard.provenance import Provenance
from sezatlas.standard.zone import Zone

ISIC_DERIVATION = (
    "ISIC codes derived by SEZ Atlas from the source's sector wording (sectors_text) with the keyword "
    "table sezatlas/data/codes/sector_isic_keywords.csv"
)
# Files whose zone facts all rest on one list (sezatlas/data/SOURCES.md §4 and §6: "[single-source for
# the list]"); the pages they also cite check only the national count.
LISTED_ONCE = frozenset({"cn_national_etdz_list.csv", "cn_high_tech_zones.csv"})
# Files whose `legal_regime` is the country's general legal basis for the zone type, which the cited
# pages mostly do not state (SOURCES.md §7 and §8, "Review of sections 7 and 8").
GENERAL_LEGAL_BASIS_FILES = frozenset(
    {
        "kz_sez.csv", "uz_fez.csv", "by_fez.csv", "my_zones.csv", "th_sez.csv", "vn_ez.csv",
        "ng_free_zones.csv", "cu_zed.csv", "bo_zones.csv", "ug_zones.csv",
        "in_sez_list.csv", "ru_tor.csv", "ae_free_zones_more.csv",
    }
)  # fmt: skip
GENERAL_LEGAL_BASIS = (
    "the country's general legal basis for this type of zone, not stated by the cited pages "
    "(sezatlas/data/SOURCES.md, review of sections 7 and 8)"
)
# cn_high_tech_zones.csv's admin1 comes from the GeoNames admin1 code of the matched city (SOURCES.md §6).
DERIVED_ADMIN1 = {
    "cn_high_tech_zones.csv": "admin1 derived from the GeoNames admin1 code of the city matched to the zone "
    "name (sezatlas/data/SOURCES.md §6, cn_high_tech_zones.csv)"
}
# §11 files mark the rows whose act the page does not name (SOURCES.md §11).
_GENERAL_BASIS_MARK = "general legal basis, not stated in the cited page"
_EARLY_DECADE = re.compile(r"\bearly-((?:19|20)\d)0s\b")
_DATE = re.compile(r"\b((?:19|20)\d\d)(-\d\d(-\d\d)?)?\b(?!s)")


class CorrectionOutOfDateError(ValueError):
    """The correction table expects a value the data file no longer holds."""


@dataclass(frozen=True, slots=True)
class FieldCorrection:
    zone_id: str
    field: str
    action: str  # move_to_notes | general_knowledge | doubtful
    value_in_file: str
    label: str
    reason: str


@cache
def field_corrections() -> dict[str, tuple[FieldCorrection, ...]]:
    """The sourced corrections, by zone_id (sezatlas/data/registry/field_corrections.csv)."""
    by_zone: dict[str, list[FieldCorrection]] = {}
    with data_path("registry", "field_corrections.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            by_zone.setdefault(row["zone_id"], []).append(FieldCorrection(**row))
    return {zone_id: tuple(items) for zone_id, items in by_zone.items()}


def _blank_to_none(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


def _split_sources(raw: str) -> tuple[list[str], str | None]:
    """URLs go to source_urls; a source without a URL (e.g. 'a public GitHub code file') to the citation."""
    parts = [p.strip() for p in raw.split(" | ") if p.strip()]
    urls = [p for p in parts if p.startswith(("http://", "https://"))]
    citations = [p for p in parts if p not in urls]
    return urls, "; ".join(citations) or None


def status_as_of(text: str) -> str | None:
    """The date a status text gives itself in brackets ('(2021 report)', '(as reported in early-2000s
    sources)' → '2000'), the latest if several; None when it gives none."""
    dated = " ".join(re.findall(r"\(([^()]*)\)", text))
    early = _EARLY_DECADE.search(dated)
    dates = [m.group(0) for m in _DATE.finditer(dated)] + ([early.group(1) + "0"] if early else [])
    return max(dates) if dates else None


@dataclass(slots=True)
class _Corrected:
    row: dict[str, str]
    unsourced: dict[str, str]  # facts no cited source states, with the reason
    doubted: dict[str, str]  # facts a review doubts, with the reason


def _corrected(original: dict[str, str]) -> _Corrected:
    """The row after its sourced corrections (sezatlas/data/registry/field_corrections.csv)."""
    row = dict(original)
    unsourced: dict[str, str] = {}
    doubted: dict[str, str] = {}
    for correction in field_corrections().get(row["zone_id"], ()):
        value = (row.get(correction.field) or "").strip()
        if correction.action == "general_knowledge" and value:
            unsourced[correction.field] = correction.reason
        elif correction.action == "doubtful" and value:
            doubted[correction.field] = correction.reason
        elif correction.action == "move_to_notes" and value:
            if value != correction.value_in_file:
                raise CorrectionOutOfDateError(
                    f"{row['zone_id']}, field {correction.field}: the correction table expects "
                    f"{correction.value_in_file!r}, the file holds {value!r}; update field_corrections.csv"
                )
            moved = f"{correction.label}: {value} (not the {correction.field}: {correction.reason})."
            row[correction.field] = ""
            row["notes"] = f"{(row.get('notes') or '').strip()} {moved}".strip()
    return _Corrected(row, unsourced, doubted)


def _legal_regime_unsourced(row: dict[str, str], dataset: str) -> dict[str, str]:
    legal_regime = (row.get("legal_regime") or "").strip()
    if legal_regime and (dataset in GENERAL_LEGAL_BASIS_FILES or _GENERAL_BASIS_MARK in legal_regime):
        return {"legal_regime": GENERAL_LEGAL_BASIS}
    return {}


def _point_provenance(provenance: Provenance, row: dict[str, str]) -> dict[str, Provenance]:
    """A point says how it was obtained; a town's centroid stands for the zone only roughly (low)."""
    if not _blank_to_none(row.get("latitude")):
        return {}
    precision, method = coordinate_precision(row.get("coord_precision", ""))
    geonames_id = _blank_to_none(row.get("geonames_id"))
    place_name = (row.get("geonames_place") or "").strip()
    place = f"GeoNames {geonames_id} ({place_name}, CC BY 4.0)" if geonames_id else ""
    citation = "; ".join(part for part in (method, place) if part) or None
    level = provenance.confidence if precision is CoordinatePrecision.SITE else Confidence.LOW
    point = provenance.model_copy(
        update={"source_citation": citation, "confidence": lower(level or Confidence.LOW, Confidence.MEDIUM)}
    )
    return {"latitude": point, "longitude": point}


def _field_provenance(
    provenance: Provenance, assessment: Assessment, row: dict[str, str], isic: list[str]
) -> dict[str, Provenance]:
    """A fact gets its own provenance where its confidence, method or date differs from the record's."""
    entries: dict[str, Provenance] = {}
    for column, (level, reason) in assessment.facts.items():
        if level is Confidence.UNVERIFIED:
            entries[column] = Provenance(source_citation=reason, as_of=provenance.as_of, confidence=level)
        else:
            entries[column] = provenance.model_copy(update={"source_citation": reason, "confidence": level})
    if isic:
        entries["isic_codes"] = provenance.model_copy(
            update={"source_citation": ISIC_DERIVATION, "confidence": derived_confidence(assessment.record)}
        )
    entries |= _point_provenance(provenance, row)
    if method := row.get("name_en_method"):
        entries["name_en"] = provenance.model_copy(
            update={"source_citation": method, "confidence": derived_confidence(assessment.record)}
        )
    status_text = row.get("status") or ""
    stated = status_as_of(status_text)
    if status_from_text(status_text) and stated and provenance.as_of and stated[:4] < provenance.as_of[:4]:
        entries["status"] = (entries.get("status") or provenance).model_copy(update={"as_of": stated})
    return entries


def zone_from_row(row: dict[str, str], dataset: str, as_of: str) -> Zone:
    """One standard Zone from a row of the bundled files' 21-column layout."""
    corrected = _corrected(row)
    row = corrected.row
    unsourced = corrected.unsourced | _legal_regime_unsourced(row, dataset)
    urls, citation = _split_sources(row.get("source_urls", ""))
    notes = row.get("notes", "") or ""
    assessment = assess(
        urls, citation, notes, unsourced, doubted=corrected.doubted, listed_once=dataset in LISTED_ONCE
    )
    if dataset in DERIVED_ADMIN1 and _blank_to_none(row.get("admin1")):
        derived = (derived_confidence(assessment.record), DERIVED_ADMIN1[dataset])
        assessment = replace(assessment, facts=assessment.facts | {"admin1": derived})
    provenance = Provenance(
        source_urls=urls, source_citation=citation, as_of=as_of, confidence=assessment.record
    )
    precision, method = coordinate_precision(row.get("coord_precision", ""))
    sectors = _blank_to_none(row.get("sectors"))
    isic = isic_from_sectors(sectors) if sectors else []
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
            "field_provenance": _field_provenance(provenance, assessment, row, isic),
            "dataset": dataset,
            "notes": _blank_to_none(notes),
        }
    )
