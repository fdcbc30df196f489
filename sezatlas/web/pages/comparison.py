"""A comparison of 2–5 zones: the zone page's facts side by side, with the rows that differ marked.

The selection travels in the URL (`/compare?zones=RUS-001,CHN-002`), so a comparison can be shared, and
is remembered in a `compare` cookie, so the "compare" buttons on the list and the zone pages know what
is already picked. Both hold the same comma-separated identifiers.
"""

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote, unquote

from sqlalchemy.orm import Session

from sezatlas.standard.zone import Zone
from sezatlas.store.zones import get_zone
from sezatlas.web.pages.facts import Fact, Reader, zone_fact_groups
from sezatlas.web.pages.labels import N_

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


@dataclass(frozen=True, slots=True)
class ComparedRow:
    """One fact across the zones: a cell per zone, and whether the zones disagree on it."""

    column: str
    label: str
    cells: list[Fact]
    is_different: bool


@dataclass(frozen=True, slots=True)
class ComparedGroup:
    key: str
    title: str
    rows: list[ComparedRow]


def _is_different(cells: list[Fact]) -> bool:
    """Zones differ on a fact when their shown values differ; "unknown" counts as a value of its own."""
    return len({(cell.value, tuple(cell.items)) for cell in cells}) > 1


def compare_zones(zones: list[Zone], reader: Reader) -> list[ComparedGroup]:
    """The standard's groups with one row per fact and one cell per zone (the zone page's facts)."""
    per_zone = [zone_fact_groups(zone, reader) for zone in zones]
    groups = []
    for position, group in enumerate(per_zone[0]):
        rows = []
        for index, fact in enumerate(group.facts):
            cells = [groups_of_zone[position].facts[index] for groups_of_zone in per_zone]
            rows.append(ComparedRow(fact.column, fact.label, cells, _is_different(cells)))
        groups.append(ComparedGroup(group.key, group.title, rows))
    return groups
