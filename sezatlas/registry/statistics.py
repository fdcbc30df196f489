"""Registry statistics: zones per country and type, coverage per regime, and the zones without a point.

The one query that counts zones for statistics is `count_territories` (every count on the statistics
page, the country page, `db stats` and `/api/v1/stats` comes from it); the rules are in
`registry/coverage.py`.
"""

from collections import Counter
from dataclasses import dataclass

from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sezatlas.registry.coverage import (
    RegimeCoverage,
    Territories,
    country_coverage,
    total,
    zones_in_no_counted_regime,
)
from sezatlas.standard.codelists import country
from sezatlas.standard.country import OfficialCount
from sezatlas.store.models import OfficialCountRow, ZoneRow
from sezatlas.store.registry_cache import PerRegistryVersion

# Parts of a zone (FTZ areas, SCZone parts, park phases) carry `parent_zone_id` and are counted with their
# whole, never as territories of their own (issue 23: the statistics double counted them).
PARTS_COUNTED_WITH_WHOLE = True


class TypeStatusCount(BaseModel):
    zone_type: str
    status: str | None
    zones: int


class CountryStats(BaseModel):
    iso3: str
    name: str
    zones: int
    by_type: dict[str, int]
    by_type_and_status: list[TypeStatusCount]
    unplaced: int = Field(description="Zones without a point")
    in_no_counted_regime: int = Field(description="Zones that no count of the country covers")
    regimes: list[RegimeCoverage]


class UnplacedZone(BaseModel):
    zone_id: str
    name_en: str
    country_iso3: str


class RegistryStats(BaseModel):
    zones: int
    parts_counted_with_whole: bool = Field(description="true: a zone's parts are not counted apart")
    countries: list[CountryStats]
    unplaced: list[UnplacedZone] = Field(description="Zones without a point, by zone_id")


def count_territories(session: Session) -> list[Territories]:
    """Zones counted once (parts go with their whole), grouped by the facts statistics read.

    Grouped in the database: 10,000 zones are a few hundred groups, so the pages stay fast."""
    facts = (
        ZoneRow.country_iso3, ZoneRow.zone_type, ZoneRow.zone_type_label, ZoneRow.status, ZoneRow.admin1,
        ZoneRow.year_established,
    )  # fmt: skip
    query = select(*facts, func.count()).where(ZoneRow.parent_zone_id.is_(None)).group_by(*facts)
    return [Territories(*row) for row in session.execute(query)]


def unplaced_zones(session: Session) -> list[UnplacedZone]:
    """Zones without a latitude, parts included (each is a row a map cannot show)."""
    rows = session.execute(
        select(ZoneRow.zone_id, ZoneRow.name_en, ZoneRow.country_iso3)
        .where(ZoneRow.latitude.is_(None))
        .order_by(ZoneRow.zone_id)
    )
    return [UnplacedZone(zone_id=z, name_en=n, country_iso3=c) for z, n, c in rows]


def _type_and_status(zones: list[Territories]) -> list[TypeStatusCount]:
    counts: dict[tuple[str, str | None], int] = {}
    for group in zones:
        key = (group.zone_type, group.status)
        counts[key] = counts.get(key, 0) + group.zones
    return [TypeStatusCount(zone_type=t, status=s, zones=n) for (t, s), n in sorted(counts.items(), key=str)]


def country_stats(iso3: str, zones: list[Territories], counts: list[OfficialCount], unplaced: int
                  ) -> CountryStats:  # fmt: skip
    """One country's figures from its zones and counts (the statistics pages', and the secretariat's reports'
    as of a date, `reports/actions.py`)."""
    by_type: dict[str, int] = {}
    for group in zones:
        by_type[group.zone_type] = by_type.get(group.zone_type, 0) + group.zones
    entry = country(iso3)
    return CountryStats(
        iso3=iso3,
        name=entry.name if entry else iso3,
        zones=total(zones),
        by_type=dict(sorted(by_type.items())),
        by_type_and_status=_type_and_status(zones),
        unplaced=unplaced,
        in_no_counted_regime=zones_in_no_counted_regime(counts, zones),
        regimes=country_coverage(counts, zones),
    )


@dataclass(frozen=True, slots=True)
class _ZoneFacts:
    territories: list[Territories]
    unplaced: list[UnplacedZone]


def _zone_facts(session: Session) -> _ZoneFacts:
    return _ZoneFacts(count_territories(session), unplaced_zones(session))


# Grouping 10,000 zones reads the whole table (~100 ms on SQLite); the counts are read each time (113 rows).
ZONE_FACTS = PerRegistryVersion(_zone_facts, built_at_start=True)


def stored_counts(session: Session) -> list[OfficialCount]:
    """The official and reported counts the database holds, in the order the count files give them."""
    rows = session.scalars(select(OfficialCountRow).order_by(OfficialCountRow.id)).all()
    return [OfficialCount.model_validate(row, from_attributes=True) for row in rows]


def registry_overview(session: Session) -> RegistryStats:
    """One entry per country with zones, largest first, and the zones without a point."""
    facts = ZONE_FACTS.get(session)
    zones, unplaced = facts.territories, facts.unplaced
    counts = stored_counts(session)
    by_country: dict[str, list[Territories]] = {}
    for zone in zones:
        by_country.setdefault(zone.country_iso3, []).append(zone)
    unplaced_by_country = Counter(zone.country_iso3 for zone in unplaced)
    countries = [
        country_stats(iso3, members, [c for c in counts if c.country_iso3 == iso3], unplaced_by_country[iso3])
        for iso3, members in by_country.items()
    ]
    return RegistryStats(
        zones=total(zones),
        parts_counted_with_whole=PARTS_COUNTED_WITH_WHOLE,
        countries=sorted(countries, key=lambda c: (-c.zones, c.iso3)),
        unplaced=unplaced,
    )


class CountryZones(BaseModel):
    iso3: str
    zones: int


def registry_stats(session: Session) -> list[CountryZones]:
    """Countries with zones, most first, with their numbers of zones and no coverage computed (what the
    home page's country list needs; `registry_overview` has the rest)."""
    counts: dict[str, int] = {}
    for group in ZONE_FACTS.get(session).territories:
        counts[group.country_iso3] = counts.get(group.country_iso3, 0) + group.zones
    return [
        CountryZones(iso3=iso3, zones=zones)
        for iso3, zones in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]
