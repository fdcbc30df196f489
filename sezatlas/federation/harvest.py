"""One harvest run: read a source, map and validate every record, write its zones in one transaction.

The rules (issue 21, item 2; docs/federation.md, "A run"):

- All or nothing: any rejected record (a value the import rules refuse, a zone id twice in the source,
  a zone id another source owns) fails the run, with every reason, and nothing is written but the run's
  report. A source is fixed at the source, then run again.
- The harvest layer sits between the secretariat's imports and the bundled public sources: a harvested
  value replaces a bundled one, but never an operator-confirmed or imported fact. Where the source says
  otherwise, the stored fact stays and the contradiction becomes a review item (`review.py`), the way
  a newer bundled release's do; approving it lets the harvested value in.
- An empty value at the source clears only a fact this source set (marked "harvest"): the source does
  not know a bundled fact, which is not the same as saying it is wrong.
- A zone the source no longer has is marked removed at the source (`harvested_zones.removed_at`),
  never deleted: the registry's other facts and its history stay.
- Every zone it changes gets a version, layer "harvest", actor "harvest: <source>", source the URL.
"""

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from enum import StrEnum

from pydantic import ValidationError
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session

from sezatlas.accounts import audit
from sezatlas.accounts.roles import Actor
from sezatlas.federation.checking import CheckedRecord, CheckedRecords, Progress, check_records
from sezatlas.federation.fetching import Fetcher, FetchError
from sezatlas.federation.node import NodeAnswerError
from sezatlas.federation.readers import UnreadableSource
from sezatlas.federation.reading import SourceAfter, SourceRead, SourceState, read_source
from sezatlas.federation.records import RecordError
from sezatlas.federation.sources import Source
from sezatlas.registry.fact_merge import FieldChange, ZoneRecord, flat_changes, merged_zone, user_facts
from sezatlas.registry.reference import countries_for
from sezatlas.standard.flat import zone_to_flat
from sezatlas.standard.zone import Zone
from sezatlas.stewardship.changes import ChangeKind
from sezatlas.stewardship.review import Contradiction, raise_bundled_contradictions
from sezatlas.stewardship.versions import Layer, VersionedWrite, record_versions
from sezatlas.store.database import refresh_statistics, session_factory
from sezatlas.store.fact_origins import record_user_columns
from sezatlas.store.federation_tables import HarvestedZoneRow, HarvestRunRow, SourceRow
from sezatlas.store.models import CountryRow, ZoneFactOriginRow
from sezatlas.store.zones import CHUNK, lock_zones_for_writing, stored_zones, upsert_zones

logger = logging.getLogger(__name__)

HARVEST_LAYER = "harvest"  # the mark of a harvested fact in `zone_fact_origins`
PROTECTED_LAYERS = frozenset({"operator", "secretariat", "import"})  # facts a harvest never overwrites
BeforeCommit = Callable[[Session, "RunReport"], None]
"""Called with the run's session and report just before the run commits (a job's end: `harvest_jobs.py`)."""


class RunStatus(StrEnum):
    OK = "ok"
    UNCHANGED = "unchanged"  # the source answered "not modified", or its feed had nothing new
    FAILED = "failed"
    DRY_RUN = "dry_run"


@dataclass(frozen=True, slots=True)
class ZoneDiff:
    zone_id: str
    fields: list[FieldChange]  # old → new; every filled fact for a new zone


@dataclass(frozen=True, slots=True)
class RunReport:
    source: str
    status: RunStatus
    new: list[ZoneDiff] = field(default_factory=list)
    changed: list[ZoneDiff] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    rejected: list[RecordError] = field(default_factory=list)
    review_items: int = 0
    unchanged: int = 0
    duration_s: float = 0.0
    message: str | None = None  # why a run failed as a whole (the source unreadable), or None
    run_id: int | None = None

    def as_json(self) -> dict[str, object]:
        """The report kept on the run row, for the pages and `sezatlas sources show`."""
        diff = [{"zone_id": d.zone_id, "fields": [{"column": f.column, "old": f.old, "new": f.new}
                                                  for f in d.fields]} for d in self.changed]  # fmt: skip
        return {
            "new": [d.zone_id for d in self.new],
            "changed": diff,
            "removed": self.removed,
            "rejected": [
                {"position": e.position, "field": e.field, "message": e.message} for e in self.rejected
            ],
            "unchanged": self.unchanged,
            "message": self.message,
        }


@dataclass
class _Plan:
    """What one chunk of the run writes, worked out under the writers' lock before it is written."""

    zones: list[Zone] = field(default_factory=list)
    writes: dict[str, VersionedWrite] = field(default_factory=dict)
    given: dict[str, frozenset[str]] = field(default_factory=dict)
    changed_columns: dict[str, list[str]] = field(default_factory=dict)
    new: list[ZoneDiff] = field(default_factory=list)
    changed: list[ZoneDiff] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    rejected: list[RecordError] = field(default_factory=list)
    unchanged: int = 0


@dataclass
class _Totals:
    """What the chunks wrote, added up for the run's report."""

    new: list[ZoneDiff] = field(default_factory=list)
    changed: list[ZoneDiff] = field(default_factory=list)
    rejected: list[RecordError] = field(default_factory=list)
    review_items: int = 0
    unchanged: int = 0
    inserted_or_updated: int = 0


class _RunFailedError(Exception):
    def __init__(
        self, rejected: Sequence[RecordError] = (), message: str | None = None, total: int = 0
    ) -> None:
        super().__init__(message or f"{total or len(rejected)} records rejected")
        self.rejected = list(rejected)
        shown = f"{total} records rejected; the first {len(rejected)} are listed"
        self.message = message or (shown if total > len(rejected) else None)


def harvest(
    engine: Engine,
    source_id: int,
    source: Source,
    state: SourceState,
    *,
    fetcher: Fetcher,
    dry_run: bool = False,
    full: bool = False,
    on_progress: Progress | None = None,
    before_commit: BeforeCommit | None = None,
) -> RunReport:
    """Run `source` once (permission is the caller's: `actions.run_source`); the report says what it did.

    `full` reads the source from the start (a node's whole registry, no conditional request)."""
    started, clock = datetime.now(UTC), time.monotonic()
    quiet = _Quiet(engine, source_id, started, clock, dry_run, before_commit)
    try:
        read = read_source(source, state, fetcher, full=full)
        if not read.is_modified:
            return quiet.finish(RunReport(source.name, RunStatus.UNCHANGED), read.after().state)
        checked = check_records(source.mapping, read.records, repeats_zones=read.repeats_zones,
                                on_progress=on_progress)  # fmt: skip
        with checked.file:
            if checked.rejected_total:
                raise _RunFailedError(checked.rejected, total=checked.rejected_total)
            after = read.after()
            if not checked.count and not after.removed and not read.is_snapshot:
                return quiet.finish(RunReport(source.name, RunStatus.UNCHANGED), after.state)
            return _write(engine, source_id, source, read, after, checked, quiet, on_progress)
    except (FetchError, UnreadableSource, NodeAnswerError) as error:
        report = RunReport(source.name, RunStatus.FAILED, message=str(error))
    except _RunFailedError as error:
        report = RunReport(source.name, RunStatus.FAILED, rejected=error.rejected, message=error.message)
    except Exception as error:  # a defect, or the database mid-write: kept as a failed run all the same,
        # so that its time is recorded and the scheduler waits the source's interval instead of retrying
        # it every minute (`actions.due_sources`)
        logger.exception("harvest of source %s failed unexpectedly", source.name)
        message = f"unexpected error ({type(error).__name__}); the server's log has the details"
        report = RunReport(source.name, RunStatus.FAILED, message=message)
    return quiet.finish(report, None)


def _write(
    engine: Engine,
    source_id: int,
    source: Source,
    read: SourceRead,
    after: SourceAfter,
    checked: CheckedRecords,
    quiet: "_Quiet",
    on_progress: Progress | None,
) -> RunReport:
    """The second half: every checked record written chunk by chunk in one transaction, or none."""
    actor = Actor(name=f"harvest: {source.name}")
    totals = _Totals()
    with session_factory(engine)() as session:
        lock_zones_for_writing(session)
        written = 0
        for chunk in checked.chunks(CHUNK):
            _write_chunk(session, source_id, source, actor, chunk, totals)
            written += len(chunk)
            if on_progress is not None:
                on_progress(written, len(checked.zone_ids))
        if totals.rejected:
            raise _RunFailedError(totals.rejected)
        removed = _mark_removed(session, source_id, checked.zone_ids, read.is_snapshot, after.removed)
        status = RunStatus.DRY_RUN if quiet.dry_run else RunStatus.OK
        report = RunReport(source.name, status, totals.new, totals.changed, removed, [], totals.review_items,
                           totals.unchanged, time.monotonic() - quiet.clock)  # fmt: skip
        if quiet.dry_run:
            session.rollback()
            return report
        report = _record_run(session, source_id, report, quiet.started, after.state)
        counted = {"new": len(totals.new), "changed": len(totals.changed), "removed": len(removed)}
        audit.record(session, actor, "harvest", "source", source.name, after=counted)
        if quiet.before_commit is not None:
            quiet.before_commit(session, report)
        session.commit()
    if totals.inserted_or_updated:
        refresh_statistics(engine)
    return report


def _write_chunk(
    session: Session,
    source_id: int,
    source: Source,
    actor: Actor,
    chunk: list[CheckedRecord],
    totals: _Totals,
) -> None:
    """Plan and write one chunk; after a rejection, only plan (to report every one), writing nothing."""
    totals.rejected.extend(_others_zones(session, source_id, chunk))
    plan = _plan(session, source, chunk)
    totals.rejected.extend(plan.rejected)
    totals.unchanged += plan.unchanged
    if totals.rejected:
        return
    record_versions(session, plan.writes, layer=Layer.HARVEST, actor=actor, source=source.location)
    counts = upsert_zones(session, plan.zones)
    record_user_columns(session, plan.given, layer=HARVEST_LAYER, changed=plan.changed_columns)
    _add_missing_countries(session, plan.zones)
    totals.review_items += raise_bundled_contradictions(
        session, plan.contradictions, kind=ChangeKind.HARVESTED_SOURCE, proposed_by=actor.name
    )
    _mark_harvested(session, source_id, [record.zone.zone_id for record in chunk])
    totals.new += plan.new
    totals.changed += plan.changed
    totals.inserted_or_updated += counts.inserted + counts.updated
    session.flush()
    session.expunge_all()  # the chunk's rows are written: memory holds one chunk, not the source


def _others_zones(session: Session, source_id: int, chunk: Sequence[CheckedRecord]) -> list[RecordError]:
    """A zone id another source brought stays that source's: a second source's record of it is rejected
    (two platforms publishing one zone is a question for the secretariat, not for the last to run)."""
    by_id = {record.zone.zone_id: record for record in chunk}
    rows = session.execute(
        select(HarvestedZoneRow.zone_id, SourceRow.name)
        .join(SourceRow, SourceRow.source_id == HarvestedZoneRow.source_id)
        .where(HarvestedZoneRow.zone_id.in_(list(by_id)), HarvestedZoneRow.source_id != source_id)
    )
    return [
        RecordError(by_id[zone_id].position, "zone_id",
                    f"zone {zone_id} is harvested from source {name}; a zone has one source")
        for zone_id, name in sorted((str(zone_id), str(name)) for zone_id, name in rows)
    ]  # fmt: skip


def _fact_marks(session: Session, zone_ids: Sequence[str]) -> dict[str, dict[str, str]]:
    marks: dict[str, dict[str, str]] = {}
    for start in range(0, len(zone_ids), CHUNK):
        rows = session.execute(
            select(ZoneFactOriginRow.zone_id, ZoneFactOriginRow.column, ZoneFactOriginRow.layer).where(
                ZoneFactOriginRow.zone_id.in_(zone_ids[start : start + CHUNK])
            )
        )
        for zone_id, column, layer in rows:
            marks.setdefault(zone_id, {})[column] = layer
    return marks


def _plan(session: Session, source: Source, chunk: Sequence[CheckedRecord]) -> _Plan:
    ids = [record.zone.zone_id for record in chunk]
    stored = stored_zones(session, ids)
    marks = _fact_marks(session, ids)
    plan = _Plan()
    for item in chunk:
        before = stored.get(item.zone.zone_id)
        if before is None:
            after = zone_to_flat(item.zone)
            plan.zones.append(item.zone)
            plan.writes[item.zone.zone_id] = VersionedWrite(None, after)
            plan.given[item.zone.zone_id] = item.given
            plan.new.append(ZoneDiff(item.zone.zone_id, []))  # its facts are its record: not repeated here
            continue
        _plan_update(plan, source, item, before, marks.get(item.zone.zone_id, {}))
    return plan


def _plan_update(
    plan: _Plan, source: Source, item: CheckedRecord, before: Zone, marks: dict[str, str]
) -> None:
    """Merge one record into its stored zone around the facts a harvest may not change."""
    zone_id = item.zone.zone_id
    protected = {column for column, layer in marks.items() if layer in PROTECTED_LAYERS}
    old, offered = zone_to_flat(before), zone_to_flat(item.zone)
    for column in user_facts(item.given & protected):
        if offered[column] != old[column]:
            plan.contradictions.append(Contradiction(zone_id, column, old[column], offered[column],
                                                     source.location if source.is_url else None,
                                                     item.zone.provenance.as_of))  # fmt: skip
    given = item.given - protected
    blank = frozenset(column for column in item.blank if marks.get(column) == HARVEST_LAYER)
    sources = {name: prov for name, prov in item.zone.field_provenance.items() if name not in protected}
    record = ZoneRecord(item.zone.model_copy(update={"field_provenance": sources}), 0, given, blank)
    try:
        after_zone = merged_zone(before, record, clear_empty=True, stored=old)
    except ValidationError as error:
        reasons = "; ".join(str(problem["msg"]) for problem in error.errors())
        plan.rejected.append(
            RecordError(item.position, "", f"with the facts stored for {zone_id}: {reasons}")
        )
        return
    after = zone_to_flat(after_zone)
    fields = flat_changes(old, after)
    plan.given[zone_id] = given
    if not fields and after_zone == before:
        plan.unchanged += 1
        return
    plan.zones.append(after_zone)
    plan.writes[zone_id] = VersionedWrite(old, after)
    plan.changed_columns[zone_id] = [change.column for change in fields]
    plan.changed.append(ZoneDiff(zone_id, fields))


def _add_missing_countries(session: Session, zones: Sequence[Zone]) -> None:
    """A zone in a country new to the registry brings that country into the countries table."""
    known = set(session.scalars(select(CountryRow.iso3)))
    for entry in countries_for(zone.country_iso3 for zone in zones):
        if entry.iso3 not in known:
            session.add(CountryRow(**entry.model_dump()))


def _mark_harvested(session: Session, source_id: int, ids: Sequence[str]) -> None:
    """Note when each zone of the chunk was last harvested (and that it is at the source again)."""
    now = datetime.now(UTC)
    rows = {
        row.zone_id: row
        for row in session.scalars(select(HarvestedZoneRow).where(HarvestedZoneRow.zone_id.in_(ids)))
    }
    for zone_id in ids:
        row = rows.get(zone_id)
        if row is None:
            session.add(HarvestedZoneRow(zone_id=zone_id, source_id=source_id, first_harvested_at=now,
                                         last_harvested_at=now))  # fmt: skip
        else:
            row.last_harvested_at, row.removed_at = now, None


def _mark_removed(
    session: Session, source_id: int, seen: set[str], is_snapshot: bool, said_removed: Sequence[str]
) -> list[str]:
    """Mark the source's zones it no longer has (read whole) or says it removed; returns them.

    Reads the ids only and updates by id, a chunk at a time: a source of 100,000 zones would otherwise
    bring 100,000 ORM rows into the session at the end of the run (benchmarks/harvest.py)."""
    present = select(HarvestedZoneRow.zone_id).where(
        HarvestedZoneRow.source_id == source_id, HarvestedZoneRow.removed_at.is_(None)
    )
    said = set(said_removed)
    removed = sorted(
        zone_id
        for zone_id in session.scalars(present)
        if zone_id not in seen and (is_snapshot or zone_id in said)
    )
    now = datetime.now(UTC)
    for start in range(0, len(removed), CHUNK):
        session.execute(
            update(HarvestedZoneRow)
            .where(HarvestedZoneRow.zone_id.in_(removed[start : start + CHUNK]))
            .values(removed_at=now)
        )
    return removed


def _record_run(
    session: Session, source_id: int, report: RunReport, started: datetime, state: SourceState | None
) -> RunReport:
    """The run's row, and the source's state for the next run (kept as it was after a failed run)."""
    row = HarvestRunRow(source_id=source_id, started_at=started, duration_s=report.duration_s,
                        status=report.status.value,
                        actor=f"harvest: {report.source}", new=len(report.new), changed=len(report.changed),
                        removed=len(report.removed), rejected=len(report.rejected),
                        review_items=report.review_items, report=report.as_json())  # fmt: skip
    session.add(row)
    source = session.get(SourceRow, source_id)
    if source is not None:
        source.last_run_at = started
        if state is not None:
            source.etag, source.last_modified = state.etag, state.last_modified
            source.cursor = state.cursor if state.cursor is not None else source.cursor
    session.flush()
    return replace(report, run_id=row.run_id)


@dataclass(frozen=True, slots=True)
class _Quiet:
    """How a run that writes no zones ends (unchanged, or failed: only its report is kept)."""

    engine: Engine
    source_id: int
    started: datetime
    clock: float
    dry_run: bool
    before_commit: BeforeCommit | None

    def finish(self, report: RunReport, state: SourceState | None) -> RunReport:
        report = replace(report, duration_s=time.monotonic() - self.clock)
        if self.dry_run:
            return report
        with session_factory(self.engine)() as session:
            report = _record_run(session, self.source_id, report, self.started, state)
            if self.before_commit is not None:
                self.before_commit(session, report)
            session.commit()
        return report
