"""`sezatlas import FILE`: upsert a file's zones by zone_id, all or nothing, with an audit record.

The file is validated completely before the database is touched (`parse.read_zones`); then every write
(zones, the countries they name, the import record) happens in one transaction, so a rejected file, a
dry run or a crash half-way all leave the registry exactly as it was.
"""

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sezatlas.registry.parse import ProgressCallback, read_zones
from sezatlas.registry.reference import countries_for
from sezatlas.standard.flat import zone_to_flat
from sezatlas.standard.zone import Zone
from sezatlas.store.database import refresh_statistics, session_factory
from sezatlas.store.models import CountryRow, ImportRunRow, ZoneRow
from sezatlas.store.zones import lock_zones_for_writing, row_to_zone, upsert_zones
from sezatlas.tabular.report import ImportRejected, Problem, ValidationReport

__all__ = ["ImportRejected", "ImportResult", "Problem", "ValidationReport", "ZoneChange", "import_file"]

Action = Literal["insert", "update", "unchanged"]


@dataclass(frozen=True, slots=True)
class ZoneChange:
    """What an import does to one zone; `changed_fields` are flat column names (empty for an insert)."""

    zone_id: str
    action: Action
    changed_fields: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ImportResult:
    inserted: int
    updated: int
    unchanged: int
    changes: list[ZoneChange]
    dry_run: bool


def import_file(
    engine: Engine, path: Path, *, dry_run: bool = False, on_progress: ProgressCallback | None = None
) -> ImportResult:
    """Validate `path` and upsert its zones; with `dry_run`, report what would change and write nothing.

    Raises `ImportRejected` (nothing written) when any value of the file is bad.
    """
    zones = read_zones(path, on_progress)
    with session_factory(engine)() as session:
        lock_zones_for_writing(session)  # another import waits here, then sees what it wrote
        changes = describe_changes(_existing_zones(session, [zone.zone_id for zone in zones]), zones)
        counts = upsert_zones(session, zones)
        _add_missing_countries(session, zones)
        session.add(ImportRunRow(source=str(path), inserted=counts.inserted, updated=counts.updated,
                                 unchanged=counts.unchanged, report=_audit(path, changes)))  # fmt: skip
        if dry_run:
            session.rollback()
        else:
            session.commit()
    if not dry_run and (counts.inserted or counts.updated):
        refresh_statistics(engine)
    if on_progress is not None:
        on_progress(len(zones), len(zones))
    return ImportResult(counts.inserted, counts.updated, counts.unchanged, changes, dry_run)


def _existing_zones(session: Session, zone_ids: Sequence[str]) -> dict[str, Zone]:
    """The stored versions of the given zones, in chunks that every database accepts in an IN list."""
    found: dict[str, Zone] = {}
    for start in range(0, len(zone_ids), 500):
        chunk = zone_ids[start : start + 500]
        for row in session.scalars(select(ZoneRow).where(ZoneRow.zone_id.in_(chunk))):
            found[row.zone_id] = row_to_zone(row)
    return found


def describe_changes(existing: dict[str, Zone], incoming: Iterable[Zone]) -> list[ZoneChange]:
    """Per zone: insert, update (with the flat columns that differ) or unchanged."""
    changes = []
    for zone in incoming:
        before = existing.get(zone.zone_id)
        if before is None:
            changes.append(ZoneChange(zone.zone_id, "insert"))
            continue
        old, new = zone_to_flat(before), zone_to_flat(zone)
        differing = [name for name, value in new.items() if old[name] != value]
        changes.append(ZoneChange(zone.zone_id, "update" if differing else "unchanged", differing))
    return changes


def _add_missing_countries(session: Session, zones: Sequence[Zone]) -> None:
    """A zone in a country new to the registry brings that country into the countries table."""
    known = set(session.scalars(select(CountryRow.iso3)))
    for entry in countries_for(zone.country_iso3 for zone in zones):
        if entry.iso3 not in known:
            session.add(CountryRow(**entry.model_dump()))


def _audit(path: Path, changes: list[ZoneChange]) -> dict[str, object]:
    return {"file": path.name, "changes": [asdict(c) for c in changes if c.action != "unchanged"]}
