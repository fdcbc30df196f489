"""A comparison of 2–5 zones: the zone page's facts side by side, with the facts that decide and differ
marked, the regime's taxes and the computed distances added, and the rows no zone knows folded into one line.

The selection travels in the URL (`/compare?zones=RUS-001,CHN-002`), so a comparison can be shared, and
is remembered in a `compare` cookie, so the "compare" buttons on the list and the zone pages know what
is already picked. Both hold the same comma-separated identifiers.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import quote, unquote

from sqlalchemy.orm import Session

from sezatlas.registry.logistics import CITIES
from sezatlas.standard.zone import Zone
from sezatlas.store.zones import get_zone
from sezatlas.web.pages.compare_rows import (
    DefaultProject,
    regime_facts,
    regimes_and_titles,
    row_methods,
    value_default_project,
)
from sezatlas.web.pages.facts import Fact, FactGroup, Reader, zone_fact_groups
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.zone_logistics import logistics_facts

MIN_ZONES = 2
MAX_ZONES = 5
COOKIE_NAME = "compare"
COOKIE_MAX_AGE_S = 30 * 24 * 3600
MAX_ID_LENGTH = 64


class ComparisonError(Exception):
    """A selection that cannot be compared; `message` is a msgid, `params` fill its placeholders."""

    def __init__(self, status_code: int, message: str, **params: object) -> None:
        super().__init__(message % params)
        self.status_code = status_code
        self.message = message
        self.params = params

    def translated(self, gettext: Callable[[str], str]) -> str:
        """The message in the reader's language."""
        return gettext(self.message) % self.params


TOO_FEW = N_("Pick at least %(minimum)s zones to compare (this selection has %(count)s).")
TOO_MANY = N_("Compare at most %(maximum)s zones at a time (this selection has %(count)s).")
UNKNOWN_ZONE = N_("No zone has the identifier %(zone_id)s.")


def parse_zone_ids(text: str | None) -> list[str]:
    """Identifiers from `RUS-001,chn-002` (URL or cookie): upper-cased, in order, each once."""
    ids: list[str] = []
    for part in unquote(text or "").split(","):
        zone_id = part.strip().upper()[:MAX_ID_LENGTH]
        if zone_id and zone_id not in ids:
            ids.append(zone_id)
    return ids


def cookie_value(zone_ids: list[str]) -> str:
    """The cookie's form of a selection (percent-encoded, as the browser script writes it)."""
    return quote(",".join(zone_ids), safe="")


def load_selection(session: Session, zone_ids: list[str]) -> list[Zone]:
    """The zones to compare, in the order picked; raises ComparisonError for a selection that cannot be."""
    if len(zone_ids) < MIN_ZONES:
        raise ComparisonError(400, TOO_FEW, minimum=MIN_ZONES, count=len(zone_ids))
    if len(zone_ids) > MAX_ZONES:
        raise ComparisonError(400, TOO_MANY, maximum=MAX_ZONES, count=len(zone_ids))
    zones = []
    for zone_id in zone_ids:
        zone = get_zone(session, zone_id)
        if zone is None:
            raise ComparisonError(404, UNKNOWN_ZONE, zone_id=zone_id)
        zones.append(zone)
    return zones


# The facts a decision turns on: a difference here is marked. Identity (ids, names, website, the source's
# own wording), where the point is (region, coordinates, GeoNames) and sources differ between any two
# zones and would mark nearly every row.
DECISIVE_COLUMNS = frozenset({
    "country_iso3", "zone_type", "status", "year_established",
    "area_ha", "free_area_ha",
    "power_mw_total", "power_mw_free", "gas_m3_per_hour_total", "gas_m3_per_hour_free",
    "water_m3_per_day_total", "water_m3_per_day_free",
    "distance_to_seaport_km", "distance_to_airport_km", "distance_to_rail_station_km",
    "distance_to_highway_km", "has_rail_siding", CITIES.key,
    "isic_codes",
    "regime_name", "legal_regime", "cit_headline_pct", "cit_reduced_rates", "incentives_npv_m",
    "residents_count", "jobs_count", "investment_usd_m", "occupancy_pct",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class ComparedRow:
    """One fact across the zones: a cell per zone, whether the zones disagree on a fact that decides, and
    for a value SEZ Atlas computed, how (`method`)."""

    column: str
    label: str
    cells: list[Fact]
    is_different: bool
    method: str | None = None


@dataclass(frozen=True, slots=True)
class ComparedGroup:
    key: str
    title: str
    rows: list[ComparedRow]


@dataclass(frozen=True, slots=True)
class Comparison:
    """The groups of rows known for at least one zone, and the labels of the rows known for none."""

    groups: list[ComparedGroup]
    not_known: list[str]

    @property
    def different_count(self) -> int:
        return sum(row.is_different for group in self.groups for row in group.rows)


def _is_different(column: str, cells: list[Fact]) -> bool:
    """Zones differ on a fact when their shown values differ ("unknown" counts as a value of its own)."""
    return column in DECISIVE_COLUMNS and len({(cell.value, tuple(cell.items)) for cell in cells}) > 1


def _decision_groups(zone: Zone, project: DefaultProject, reader: Reader) -> list[FactGroup]:
    """The zone page's groups, with the Logistics facts computed distances name, and the Regime group as a
    regime's taxes (its name instead of the rules' identifier)."""
    regimes, titles = regimes_and_titles()
    shown = []
    for group in zone_fact_groups(zone, reader):
        facts = group.facts
        if group.key == "logistics":
            facts = logistics_facts(zone, facts, reader)
        elif group.key == "regime":
            name, headline, reduced, npv = regime_facts(zone, project, regimes, reader, titles)
            law = [fact for fact in facts if fact.column == "legal_regime"]
            facts = [name, *law, headline, reduced, npv]
        shown.append(replace(group, facts=facts))
    return shown


def compare_zones(zones: list[Zone], reader: Reader) -> Comparison:
    """The standard's groups with one row per fact and one cell per zone; the rows no zone knows folded."""
    project = value_default_project(zones, regimes_and_titles()[0])
    methods = row_methods(project, reader)
    per_zone = [_decision_groups(zone, project, reader) for zone in zones]
    groups, not_known = [], []
    for position, group in enumerate(per_zone[0]):
        rows = []
        for index, fact in enumerate(group.facts):
            cells = [groups_of_zone[position].facts[index] for groups_of_zone in per_zone]
            if not any(cell.is_known for cell in cells):
                not_known.append(fact.label)
                continue
            rows.append(ComparedRow(fact.column, fact.label, cells, _is_different(fact.column, cells),
                                    methods.get(fact.column)))  # fmt: skip
        if rows:
            groups.append(ComparedGroup(group.key, group.title, rows))
    return Comparison(groups, not_known)
