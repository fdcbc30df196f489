"""Reference tables beside the zones: countries, and the official zone counts per country.

The official counts are kept so that coverage (zones in the registry vs. the official total) can be
shown honestly: the registry is not a census, and users must see how far it is from one.
"""

import csv
from collections.abc import Iterable

from sezatlas.registry.harmonize import UnknownZoneTypeError, zone_type_from_label
from sezatlas.standard.codelists import BRICS_MEMBERS, country, data_path
from sezatlas.standard.country import Country, OfficialCount


def countries_for(iso3_codes: Iterable[str]) -> list[Country]:
    """The BRICS members plus every other country the zones name, from ISO 3166 (pycountry)."""
    codes = sorted(set(BRICS_MEMBERS) | set(iso3_codes))
    result = []
    for code in codes:
        entry = country(code)
        if entry is None:
            raise ValueError(f"{code} is not an ISO 3166-1 alpha-3 code")
        result.append(
            Country(
                iso3=entry.iso3,
                iso2=entry.iso2,
                numeric=entry.numeric,
                name=entry.name,
                official_name=entry.official_name,
                is_brics_member=entry.iso3 in BRICS_MEMBERS,
            )
        )
    return result


def _zone_type_of_regime(regime: str) -> str | None:
    try:
        return zone_type_from_label(regime).value
    except UnknownZoneTypeError:
        return None


def official_counts() -> list[OfficialCount]:
    """`zone_counts_by_country.csv` as records; `count` only where the source gives one plain number."""
    with data_path("zones", "zone_counts_by_country.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [
        OfficialCount(
            country_iso3=row["country_iso3"],
            admin1=row["admin1"] or None,
            regime=row["regime"],
            zone_type=_zone_type_of_regime(row["regime"]),
            metric=row["metric"],
            value=row["value"],
            count=int(row["value"]) if row["value"].strip().isdigit() else None,
            as_of=row["as_of"] or None,
            source_url=row["source_url"] or None,
            notes=row["notes"] or None,
        )
        for row in rows
    ]
