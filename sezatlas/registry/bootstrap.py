"""Creating and filling a database with the bundled registry (`sezatlas db init`, and `serve` on empty).

Re-running refreshes only the bundled layer: a fact a user's import set or cleared keeps its stored
value and source (`fact_merge.with_user_facts`), and where the bundled data now says otherwise the
report lists it for review instead of letting either side win silently.
"""

from dataclasses import asdict, dataclass, field

from pydantic import ValidationError
from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session

from sezatlas.registry.bundled import Merge, load_bundled_registry
from sezatlas.registry.fact_merge import user_facts, with_user_facts
from sezatlas.registry.official_counts import official_counts
from sezatlas.registry.reference import countries_for
from sezatlas.standard.flat import zone_to_flat
from sezatlas.standard.zone import Zone
from sezatlas.store.database import refresh_statistics, transaction, upgrade
from sezatlas.store.fact_origins import user_columns
from sezatlas.store.models import CountryRow, ImportRunRow, OfficialCountRow
from sezatlas.store.zones import UpsertCounts, count_zones, lock_zones_for_writing, stored_zones, upsert_zones


@dataclass(frozen=True, slots=True)
class KeptFact:
    """A fact a user set that the bundled data contradicts: kept, and listed for review."""

    zone_id: str
    column: str
    kept: object
    bundled: object


@dataclass(frozen=True, slots=True)
class InitReport:
    zones_in_files: int
    counts: UpsertCounts
    merges: list[Merge]
    zones_in_database: int
    kept: list[KeptFact] = field(default_factory=list)


def write_reference_tables(session: Session, zones: list[Zone]) -> None:
    """Countries and official counts are reference data: replaced whole, never edited by hand."""
    for entry in countries_for(zone.country_iso3 for zone in zones):
        session.merge(CountryRow(**entry.model_dump()))  # a re-run refreshes e.g. BRICS membership
    session.execute(delete(OfficialCountRow))
    session.add_all(OfficialCountRow(**count.model_dump()) for count in official_counts())


def init_database(engine: Engine) -> InitReport:
    """Migrate the schema and load every bundled zone in one transaction (idempotent)."""
    upgrade(engine)
    bundled = load_bundled_registry()
    with transaction(engine) as session:
        lock_zones_for_writing(session)
        write_reference_tables(session, bundled.zones)
        zones, kept = around_user_facts(session, bundled.zones)
        counts = upsert_zones(session, zones)
        session.add(
            ImportRunRow(
                source="bundled data (sezatlas/data/zones)",
                inserted=counts.inserted,
                updated=counts.updated,
                unchanged=counts.unchanged,
                report={
                    "merges": [asdict(merge) for merge in bundled.merges],
                    "kept_user_facts": [asdict(fact) for fact in kept],
                },
            )
        )
    if counts.inserted or counts.updated:
        refresh_statistics(engine)
    with transaction(engine) as session:
        total = count_zones(session)
    return InitReport(len(bundled.zones), counts, bundled.merges, total, kept)


def around_user_facts(session: Session, bundled: list[Zone]) -> tuple[list[Zone], list[KeptFact]]:
    """The bundled zones with every fact users set kept as stored; the contradictions among them."""
    ids = [zone.zone_id for zone in bundled]
    user = user_columns(session, ids)
    if not user:
        return bundled, []
    stored = stored_zones(session, list(user))
    zones: list[Zone] = []
    kept: list[KeptFact] = []
    for zone in bundled:
        before, columns = stored.get(zone.zone_id), user.get(zone.zone_id)
        if before is None or not columns:
            zones.append(zone)
            continue
        try:
            zones.append(with_user_facts(zone, before, columns))
        except ValidationError:  # the user's facts and the new bundled ones cannot stand together
            zones.append(before)
            columns = set(zone_to_flat(zone))
        old, new = zone_to_flat(before), zone_to_flat(zone)
        kept += [
            KeptFact(zone.zone_id, c, old[c], new[c])
            for c in user_facts(columns)
            if new[c] is not None and old[c] != new[c]  # a bundled unknown contradicts nothing
        ]
    return zones, kept
