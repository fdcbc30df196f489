"""Each country's relation to BRICS (member, partner, invited), with its date and source, as data.

The relation changes by announcement (Indonesia became a member on 6 Jan 2025, Vietnam a partner on
13 Jun 2025), so it is read from `sezatlas/data/registry/brics_membership.csv`, where every row cites the
page that states it (see `sezatlas/data/SOURCES.md`), rather than written into the code.
"""

import csv
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from importlib.resources import files
from pathlib import Path


class BricsRelation(StrEnum):
    MEMBER = "member"
    PARTNER = "partner"  # the category created at the Kazan summit (Oct 2024): joins meetings, no vote
    INVITED = "invited"  # invited to be a member, not (yet) confirmed


@dataclass(frozen=True, slots=True)
class Membership:
    country_iso3: str
    relation: BricsRelation
    since: str  # YYYY or YYYY-MM-DD, as the source dates it
    source_url: str
    as_of: str
    notes: str | None


@cache
def brics_membership() -> dict[str, Membership]:
    """Country (ISO3) → its relation to BRICS; a country not listed has none."""
    path = Path(str(files("sezatlas").joinpath("data", "registry", "brics_membership.csv")))
    with path.open(encoding="utf-8") as f:
        return {
            row["country_iso3"]: Membership(
                country_iso3=row["country_iso3"],
                relation=BricsRelation(row["relation"]),
                since=row["since"],
                source_url=row["source_url"],
                as_of=row["as_of"],
                notes=row["notes"] or None,
            )
            for row in csv.DictReader(f)
        }


def countries_with(relation: BricsRelation) -> tuple[str, ...]:
    """The ISO3 codes of the countries holding this relation, in the data file's order."""
    return tuple(code for code, entry in brics_membership().items() if entry.relation == relation)
