"""The federation's use cases: the secretariat registers sources and runs them; the worker runs them when due.

Each command, route and page calls one of these; the permission check lives here, once. Harvesting
writes the registry, so registering and running a source are the secretariat's (`may_administer`); the
scheduled runs act as the source itself ("harvest: <name>"), queued by the job worker.
"""

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from sezatlas.accounts import audit
from sezatlas.accounts.organisations import OrganisationNotFoundError
from sezatlas.accounts.roles import Actor, may_administer, require
from sezatlas.federation.checking import Progress
from sezatlas.federation.fetching import Fetcher
from sezatlas.federation.harvest import BeforeCommit, RunReport, harvest
from sezatlas.federation.mapping import MappingPreview, preview
from sezatlas.federation.reading import SourceState, read_source
from sezatlas.federation.sources import Source, SourceInvalidError, SourceKind, checked_source
from sezatlas.stewardship.versions import aware
from sezatlas.store.accounts_tables import OrganisationRow
from sezatlas.store.database import session_factory
from sezatlas.store.federation_tables import HarvestedZoneRow, HarvestRunRow, SourceRow


class SourceNotFoundError(LookupError):
    """No source of that name (HTTP 404, CLI exit 1)."""


class SourceExistsError(ValueError):
    """A source of that name is registered already (HTTP 409, CLI exit 1)."""


@dataclass(frozen=True, slots=True)
class HarvestRun:
    run_id: int
    started_at: datetime
    duration_s: float
    status: str  # harvest.RunStatus
    new: int
    changed: int
    removed: int
    rejected: int
    review_items: int
    report: dict[str, object]


@dataclass(frozen=True, slots=True)
class SourceView:
    """A source as the secretariat sees it: what it is, whose, and how its last run went."""

    source_id: int
    source: Source
    organisation: str
    last_run: HarvestRun | None
    zones: int  # zones it brought that it still has
    last_run_at: datetime | None = None  # of any run, good or failed (the schedule counts from it)

    @property
    def next_run_at(self) -> datetime | None:
        """When the worker queues it next (None: by hand only, or disabled); a never-run source: now."""
        if not self.source.is_enabled or self.source.schedule_hours is None:
            return None
        if self.last_run_at is None:
            return datetime.now(UTC)
        return self.last_run_at + timedelta(hours=self.source.schedule_hours)


def _source(row: SourceRow) -> Source:
    return Source(row.name, row.organisation_id, SourceKind(row.kind), row.location, row.licence,
                  row.schedule_hours, dict(row.mapping), row.is_enabled)  # fmt: skip


def _run(row: HarvestRunRow) -> HarvestRun:
    return HarvestRun(row.run_id, aware(row.started_at), row.duration_s, row.status, row.new, row.changed,
                      row.removed, row.rejected, row.review_items, dict(row.report))  # fmt: skip


def _row(session: Session, name: str) -> SourceRow:
    row = session.scalars(select(SourceRow).where(SourceRow.name == name)).first()
    if row is None:
        raise SourceNotFoundError(f"no source named {name!r} (see `sezatlas sources list`)")
    return row


def organisation_id(session: Session, name_or_id: str) -> int:
    """The organisation behind a source, by its name or its number."""
    query = select(OrganisationRow.organisation_id)
    if name_or_id.strip().isdigit():
        found = session.scalar(query.where(OrganisationRow.organisation_id == int(name_or_id)))
    else:
        found = session.scalar(query.where(OrganisationRow.name == " ".join(name_or_id.split())))
    if found is None:
        raise OrganisationNotFoundError(f"no organisation {name_or_id!r} (see `sezatlas orgs list`)")
    return int(found)


def add_source(session: Session, actor: Actor, source: Source) -> Source:
    """Register a source (checked whole first: `sources.checked_source`); the secretariat's."""
    require(actor, may_administer(actor), "register a harvested source")
    source = checked_source(source)
    if session.get(OrganisationRow, source.organisation_id) is None:
        raise SourceInvalidError("organisation", f"no organisation {source.organisation_id}")
    if session.scalars(select(SourceRow).where(SourceRow.name == source.name)).first() is not None:
        raise SourceExistsError(f"a source named {source.name!r} is registered already")
    session.add(SourceRow(name=source.name, organisation_id=source.organisation_id, kind=source.kind.value,
                          location=source.location.strip(), schedule_hours=source.schedule_hours,
                          licence=source.licence.strip(), mapping=dict(source.mapping),
                          is_enabled=source.is_enabled))  # fmt: skip
    facts = {"kind": source.kind.value, "location": source.location, "licence": source.licence}
    audit.record(session, actor, "add source", "source", source.name, after=facts)
    session.commit()
    return source


def preview_source(actor: Actor, source: Source, *, fetcher: Fetcher | None = None) -> MappingPreview:
    """What the first records of a source not yet registered map to (`sources add --dry-run`)."""
    require(actor, may_administer(actor), "preview a harvested source")
    source = checked_source(source)
    with _client(fetcher) as client:
        read = read_source(source, SourceState(), client, full=True)
        return preview(source.mapping, read.records)


def list_sources(session: Session, actor: Actor) -> list[SourceView]:
    require(actor, may_administer(actor), "see the harvested sources")
    rows = session.scalars(select(SourceRow).order_by(SourceRow.name))
    return [_view(session, row) for row in rows]


def source_view(session: Session, actor: Actor, name: str) -> SourceView:
    require(actor, may_administer(actor), "see a harvested source")
    return _view(session, _row(session, name))


def source_runs(session: Session, actor: Actor, name: str, limit: int = 20) -> list[HarvestRun]:
    """The source's last runs, newest first."""
    require(actor, may_administer(actor), "see a harvested source's runs")
    row = _row(session, name)
    query = select(HarvestRunRow).where(HarvestRunRow.source_id == row.source_id)
    return [_run(run) for run in session.scalars(query.order_by(HarvestRunRow.run_id.desc()).limit(limit))]


def _view(session: Session, row: SourceRow) -> SourceView:
    last = session.scalars(
        select(HarvestRunRow)
        .where(HarvestRunRow.source_id == row.source_id)
        .order_by(HarvestRunRow.run_id.desc())
    ).first()
    zones = session.scalar(
        select(func.count()).where(
            HarvestedZoneRow.source_id == row.source_id, HarvestedZoneRow.removed_at.is_(None)
        )
    )
    organisation = session.get(OrganisationRow, row.organisation_id)
    return SourceView(row.source_id, _source(row), organisation.name if organisation else "",
                      _run(last) if last else None, int(zones or 0),
                      aware(row.last_run_at) if row.last_run_at else None)  # fmt: skip


def run_source(
    engine: Engine,
    actor: Actor,
    name: str,
    *,
    dry_run: bool = False,
    full: bool = False,
    on_progress: Progress | None = None,
    fetcher: Fetcher | None = None,
    before_commit: BeforeCommit | None = None,
) -> RunReport:
    """Harvest one source now (the secretariat's, or the scheduler acting as the source)."""
    require(actor, may_administer(actor) or actor.name == f"harvest: {name}", f"run source {name}")
    with session_factory(engine)() as session:
        row = _row(session, name)
        source_id, source = row.source_id, _source(row)
        state = SourceState(row.etag, row.last_modified, row.cursor)
    with _client(fetcher) as client:
        return harvest(engine, source_id, source, state, fetcher=client, dry_run=dry_run, full=full,
                       on_progress=on_progress, before_commit=before_commit)  # fmt: skip


def _client(fetcher: Fetcher | None) -> AbstractContextManager[Fetcher]:
    """The caller's fetcher, left open for its next run, or a new one, closed after this run."""
    return nullcontext(fetcher) if fetcher is not None else Fetcher()


def due_sources(session: Session, now: datetime | None = None) -> list[str]:
    """The names of the enabled, scheduled sources whose interval has passed since their last run."""
    moment = now or datetime.now(UTC)
    due = []
    for row in session.scalars(select(SourceRow).order_by(SourceRow.name)):
        last = aware(row.last_run_at) if row.last_run_at is not None else None
        if _source(row).is_due(last, moment):
            due.append(row.name)
    return due


def harvest_all(
    engine: Engine,
    actor: Actor,
    *,
    only_due: bool = False,
    on_source: Callable[[str], Progress | None] | None = None,
) -> list[RunReport]:
    """Run every enabled source (or only those due), one after the other; a failed one stops none."""
    require(actor, may_administer(actor), "harvest every source")
    with session_factory(engine)() as session:
        if only_due:
            names = due_sources(session)
        else:
            names = list(
                session.scalars(select(SourceRow.name).where(SourceRow.is_enabled).order_by(SourceRow.name))
            )
    return [
        run_source(engine, actor, name, on_progress=on_source(name) if on_source else None) for name in names
    ]
