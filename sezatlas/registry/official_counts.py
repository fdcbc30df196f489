"""The bundled zone counts per country and regime, read into one list of records.

Three files hold them (`sezatlas/data/zones/`, see SOURCES.md): `zone_counts_by_country.csv` (members),
`partner_zone_counts.csv` (BRICS partner countries, no regional rows) and `in_sez_counts_by_state.csv`
(India, by state; its rows with the state "India (total)" are the national figures). Each is a count as
its source words it; whether the source is official, and what the count can be compared with, is decided
when the counts are read for statistics (`registry/count_sources.py`, `registry/counted_regimes.py`).
"""

import csv

from sezatlas.registry.harmonize import UnknownZoneTypeError, zone_type_from_label
from sezatlas.standard.codelists import data_path
from sezatlas.standard.country import OfficialCount

INDIA_NATIONAL = "India (total)"
INDIA_REGIME = "SEZ Act 2005"  # the regime every row of in_sez_counts_by_state.csv counts (SOURCES.md §8)


def _zone_type_of_regime(regime: str) -> str | None:
    try:
        return zone_type_from_label(regime).value
    except UnknownZoneTypeError:
        return None


def _rows(name: str) -> list[dict[str, str]]:
    with data_path("zones", name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _count(country_iso3: str, admin1: str | None, regime: str, row: dict[str, str]) -> OfficialCount:
    """`count` only where the source gives one plain number ("11 / 6" and ">50" stay text)."""
    value = row["value"]
    return OfficialCount(
        country_iso3=country_iso3,
        admin1=admin1 or None,
        regime=regime,
        zone_type=_zone_type_of_regime(regime),
        metric=row["metric"],
        value=value,
        count=int(value) if value.strip().isdigit() else None,
        as_of=row["as_of"] or None,
        source_url=row["source_url"] or None,
        notes=row["notes"] or None,
    )


def official_counts() -> list[OfficialCount]:
    """Every bundled count, members first, then partner countries, then India's (each figure once)."""
    members = [
        _count(row["country_iso3"], row["admin1"], row["regime"], row)
        for row in _rows("zone_counts_by_country.csv")
    ]
    partners = [
        _count(row["country_iso3"], None, row["regime"], row) for row in _rows("partner_zone_counts.csv")
    ]
    india = [
        _count("IND", None if row["state"] == INDIA_NATIONAL else row["state"], INDIA_REGIME, row)
        for row in _rows("in_sez_counts_by_state.csv")
    ]
    return _distinct(members + partners + india)


def _distinct(counts: list[OfficialCount]) -> list[OfficialCount]:
    """One record per figure: India's top-10 states of 2025 are in two files, from the same page."""
    seen: set[tuple[str, str | None, str, str | None]] = set()
    kept = []
    for count in counts:
        key = (count.country_iso3, count.admin1, count.value, count.source_url)
        if key not in seen:
            seen.add(key)
            kept.append(count)
    return kept
