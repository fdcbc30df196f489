"""Creating and filling a database with the bundled registry (`sezatlas db init`, and `serve` on empty)."""

from dataclasses import asdict, dataclass

from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session

from sezatlas.registry.bundled import Merge, load_bundled_registry
from sezatlas.registry.official_counts import official_counts
from sezatlas.registry.reference import countries_for
from sezatlas.standard.zone import Zone
from sezatlas.store.database import refresh_statistics, transaction, upgrade
from sezatlas.store.models import CountryRow, ImportRunRow, OfficialCountRow
from sezatlas.store.zones import UpsertCounts, count_zones, lock_zones_for_writing, upsert_zones


@dataclass(frozen=True, slots=True)
class InitReport:
    zones_in_files: int
    counts: UpsertCounts
    merges: list[Merge]
    zones_in_database: int


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
        counts = upsert_zones(session, bundled.zones)
        session.add(
            ImportRunRow(
                source="bundled data (sezatlas/data/zones)",
                inserted=counts.inserted,
                updated=counts.updated,
                unchanged=counts.unchanged,
                report={"merges": [asdict(merge) for merge in bundled.merges]},
            )
        )
    if counts.inserted or counts.updated:
        refresh_statistics(engine)
    with transaction(engine) as session:
        total = count_zones(session)
    return InitReport(len(bundled.zones), counts, bundled.merges, total)
