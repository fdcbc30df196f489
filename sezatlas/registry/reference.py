"""Reference tables beside the zones: countries, and the official zone counts per country.

The official counts are kept so that coverage (zones in the registry vs. the official total) can be
shown honestly: the registry is not a census, and users must see how far it is from one.
"""

from collections.abc import Iterable

from sezatlas.standard.codelists import BRICS_MEMBERS, country
from sezatlas.standard.country import Country
from sezatlas.standard.membership import brics_membership


def countries_for(iso3_codes: Iterable[str]) -> list[Country]:
    """Every country with a relation to BRICS (member, partner, invited) plus every other country the
    zones name, from ISO 3166 (pycountry), each with its relation as `brics_membership.csv` states it."""
    membership = brics_membership()
    codes = sorted(set(membership) | set(iso3_codes))
    result = []
    for code in codes:
        entry = country(code)
        if entry is None:
            raise ValueError(f"{code} is not an ISO 3166-1 alpha-3 code")
        relation = membership.get(code)
        result.append(
            Country(
                iso3=entry.iso3,
                iso2=entry.iso2,
                numeric=entry.numeric,
                name=entry.name,
                official_name=entry.official_name,
                is_brics_member=entry.iso3 in BRICS_MEMBERS,
                brics_relation=relation.relation if relation else None,
                brics_since=relation.since if relation else None,
                brics_source_url=relation.source_url if relation else None,
            )
        )
    return result
