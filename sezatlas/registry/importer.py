"""`sezatlas import FILE`: upsert a file's zones by zone_id, all or nothing, with an audit record.

The file is validated completely before the database is touched (`parse.read_zone_records`); each row
then updates its stored zone fact by fact (`fact_merge.merged_zone`: an absent column or an empty cell
changes nothing unless `clear_empty`), and the merged zones are validated again, so a file whose values
only conflict with stored facts is refused too, by row and field. Every write (zones, the facts users
set, the countries they name, the import record) happens in one transaction, so a rejected file, a dry
run or a crash half-way all leave the registry exactly as it was.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sezatlas.accounts import audit
from sezatlas.accounts.roles import Actor, may_administer, require
from sezatlas.registry.fact_merge import FieldChange, ZoneRecord, flat_changes, merged_zone
from sezatlas.registry.parse import ProgressCallback, read_zone_records
from sezatlas.registry.reference import countries_for
from sezatlas.registry.validation import report_validation_error
from sezatlas.standard.flat import zone_to_flat
from sezatlas.standard.zone import Zone
from sezatlas.stewardship.versions import Layer, VersionedWrite, record_versions
from sezatlas.store.database import refresh_statistics, session_factory
from sezatlas.store.fact_origins import record_user_columns
from sezatlas.store.models import CountryRow, ImportRunRow
from sezatlas.store.zones import lock_zones_for_writing, stored_zones, upsert_zones
from sezatlas.tabular.report import ImportRejected, Problem, ValidationReport

__all__ = [
    "FieldChange",
    "ImportRejected",
    "ImportResult",
    "Problem",
    "ValidationReport",
    "ZoneChange",
    "import_file",
]

Action = Literal["insert", "update", "unchanged"]


@dataclass(frozen=True, slots=True)
class ZoneChange:
    """What an import does to one zone; `changed_fields` are flat column names (empty for an insert)."""

    zone_id: str
    action: Action
    changed_fields: list[str] = field(default_factory=list)
    fields: list[FieldChange] = field(default_factory=list)  # old → new of each changed column
    blank_kept: list[str] = field(default_factory=list)  # empty cells that left a stored fact as it was

    @property
    def cleared(self) -> list[str]:
        return [change.column for change in self.fields if change.clears]


@dataclass(frozen=True, slots=True)
class ImportResult:
    inserted: int
    updated: int
    unchanged: int
    changes: list[ZoneChange]
    dry_run: bool


def import_file(
    engine: Engine,
    path: Path,
    *,
    dry_run: bool = False,
    clear_empty: bool = False,
    on_progress: ProgressCallback | None = None,
    actor: Actor | None = None,
) -> ImportResult:
    """The secretariat (the command line acts as it): validate `path` and upsert its zones; with
    `dry_run`, report what would change and write nothing.

    A column the file lacks, or an empty cell, leaves the stored fact unchanged; with `clear_empty`, an
    empty cell clears it. Raises `ImportRejected` (nothing written) when any value of the file is bad.
    Each zone it changes gets a version (`stewardship/versions.py`) naming the file.
    """
    actor = actor or Actor.command_line()
    require(actor, may_administer(actor), "import zones")
    records = read_zone_records(path, on_progress)
    with session_factory(engine)() as session:
        lock_zones_for_writing(session)  # another import waits here, then sees what it wrote
        existing = stored_zones(session, [record.zone.zone_id for record in records])
        merged = _merged(path.name, existing, records, clear_empty)
        zones, changes = [m.zone for m in merged], [m.change for m in merged]
        writes = {m.zone.zone_id: m.write for m in merged if m.change.action != "unchanged"}
        record_versions(session, writes, layer=Layer.IMPORT, actor=actor, source=path.name)
        counts = upsert_zones(session, zones)
        set_by_user = {r.zone.zone_id: r.given | (r.blank if clear_empty else frozenset()) for r in records}
        record_user_columns(session, set_by_user, changed={c.zone_id: c.changed_fields for c in changes})
        _add_missing_countries(session, zones)
        session.add(ImportRunRow(source=str(path), inserted=counts.inserted, updated=counts.updated,
                                 unchanged=counts.unchanged, report=_audit(path, changes)))  # fmt: skip
        counted = {"inserted": counts.inserted, "updated": counts.updated, "unchanged": counts.unchanged}
        audit.record(session, actor, "import zones", "import", path.name, after=counted)
        if dry_run:
            session.rollback()
        else:
            session.commit()
    if not dry_run and (counts.inserted or counts.updated):
        refresh_statistics(engine)
    if on_progress is not None:
        on_progress(len(records), len(records))
    return ImportResult(counts.inserted, counts.updated, counts.unchanged, changes, dry_run)


@dataclass(frozen=True, slots=True)
class _Merged:
    zone: Zone
    change: ZoneChange
    write: VersionedWrite  # the flat records before and after, for the zone's version


def _merged(
    file_name: str, existing: dict[str, Zone], records: Sequence[ZoneRecord], clear_empty: bool
) -> list[_Merged]:
    """Each record merged into its stored zone, and what that changes; every conflict reported by row.
    Each zone is flattened once before and once after: the flat records serve every comparison."""
    report = ValidationReport(file_name)
    merged: list[_Merged] = []
    for record in records:
        before = existing.get(record.zone.zone_id)
        if before is None:
            new = zone_to_flat(record.zone)
            fields = flat_changes(None, new)
            change = ZoneChange(record.zone.zone_id, "insert", fields=fields)
            merged.append(_Merged(record.zone, change, VersionedWrite(None, new)))
            continue
        old = zone_to_flat(before)
        try:
            after = merged_zone(before, record, clear_empty=clear_empty, stored=old)
        except ValidationError as error:
            report_validation_error(report, record.row, error, zone_to_flat(record.zone))
            continue
        new = zone_to_flat(after)
        change = _change(before, after, old, new, record, clear_empty)
        merged.append(_Merged(after, change, VersionedWrite(old, new)))
    if not report.is_valid:
        raise ImportRejected(report)
    return merged


def _change(
    before: Zone, after: Zone, old: dict[str, Any], new: dict[str, Any], record: ZoneRecord, clear_empty: bool
) -> ZoneChange:
    fields = flat_changes(old, new)
    kept = [] if clear_empty else sorted(name for name in record.blank if old.get(name) is not None)
    names = [change.column for change in fields]
    action: Action = "update" if fields or after != before else "unchanged"
    return ZoneChange(before.zone_id, action, names, fields, kept)


def _add_missing_countries(session: Session, zones: Sequence[Zone]) -> None:
    """A zone in a country new to the registry brings that country into the countries table."""
    known = set(session.scalars(select(CountryRow.iso3)))
    for entry in countries_for(zone.country_iso3 for zone in zones):
        if entry.iso3 not in known:
            session.add(CountryRow(**entry.model_dump()))


def _audit(path: Path, changes: list[ZoneChange]) -> dict[str, object]:
    """What the import changed, per zone: the columns, and which of them it cleared."""
    return {
        "file": path.name,
        "changes": [
            {
                "zone_id": c.zone_id,
                "action": c.action,
                "changed_fields": c.changed_fields,
                "cleared": c.cleared,
            }
            for c in changes
            if c.action != "unchanged"
        ],
    }
