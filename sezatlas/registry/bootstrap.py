"""Creating and filling a database with the bundled registry (`sezatlas db init`, and `serve` on empty).

Re-running refreshes only the bundled layer: a fact a user's import set or cleared keeps its stored
value and source (`fact_merge.with_user_facts`), and where the bundled data now says otherwise the
contradiction becomes an item of the secretariat's review queue instead of letting either side win
silently (`stewardship/review.py`).
"""

from dataclasses import asdict, dataclass, field

from pydantic import ValidationError
from sqlalchemy import Engine, delete
from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor
from sezatlas.registry.bundled import Merge, load_bundled_registry
from sezatlas.registry.fact_merge import user_facts, with_user_facts
from sezatlas.registry.official_counts import official_counts
from sezatlas.registry.reference import countries_for
from sezatlas.standard.flat import zone_to_flat
from sezatlas.standard.zone import Zone
from sezatlas.stewardship.review import BUNDLED_PROPOSER, Contradiction, raise_bundled_contradictions
from sezatlas.stewardship.versions import Layer, VersionedWrite, record_versions
from sezatlas.store.database import refresh_statistics, transaction, upgrade
from sezatlas.store.fact_origins import user_columns
from sezatlas.store.models import CountryRow, ImportRunRow, OfficialCountRow
from sezatlas.store.zones import UpsertCounts, count_zones, lock_zones_for_writing, stored_zones, upsert_zones

KeptFact = Contradiction  # a fact a user set that the bundled data contradicts: kept, and put up for review


BUNDLED_SOURCE = "bundled data (sezatlas/data/zones)"


@dataclass(frozen=True, slots=True)
class InitReport:
    zones_in_files: int
    counts: UpsertCounts
    merges: list[Merge]
    zones_in_database: int
    kept: list[KeptFact] = field(default_factory=list)
    review_items: int = 0  # items the contradictions added to the review queue (none raised twice)


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
        _record_bundled_versions(session, zones)
        counts = upsert_zones(session, zones)
        review_items = raise_bundled_contradictions(session, kept)
        session.add(
            ImportRunRow(
                source=BUNDLED_SOURCE,
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
    return InitReport(len(bundled.zones), counts, bundled.merges, total, kept, review_items)


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
            KeptFact(zone.zone_id, c, old[c], new[c], *_source_of(zone, c))
            for c in user_facts(columns)
            if new[c] is not None and old[c] != new[c]  # a bundled unknown contradicts nothing
        ]
    return zones, kept


def _source_of(zone: Zone, column: str) -> tuple[str | None, str | None]:
    """The bundled source of one fact: its own, else the record's (first URL, as-of)."""
    source = zone.field_provenance.get(column, zone.provenance)
    return (source.source_urls[0] if source.source_urls else None), source.as_of


def _record_bundled_versions(session: Session, zones: list[Zone]) -> None:
    """A version for each stored zone the bundled release changes (new zones start their history at
    their first change: `stewardship/versions.py`)."""
    stored = stored_zones(session, [zone.zone_id for zone in zones])
    writes = {
        zone.zone_id: VersionedWrite(zone_to_flat(before), zone_to_flat(zone))
        for zone in zones
        if (before := stored.get(zone.zone_id)) is not None and before != zone
    }
    record_versions(
        session, writes, layer=Layer.BUNDLED, actor=Actor(name=BUNDLED_PROPOSER), source=BUNDLED_SOURCE
    )
