"""`sezatlas sources add|list|show|run` and `sezatlas harvest --all`: federation from the server's shell.

As `sezatlas import`, these act as the secretariat (`Actor.command_line()`), are audited under that
name, and each calls one use case of `actions.py`; a run prints its report: new, changed (each fact
old → new), removed and rejected zones.
"""

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from sezatlas.accounts.roles import Actor
from sezatlas.cli_support import USAGE, CommandError, CommandGroup, DatabaseOption, open_engine_migrating
from sezatlas.federation.actions import (
    add_source,
    harvest_all,
    list_sources,
    organisation_id,
    preview_source,
    run_source,
    source_runs,
    source_view,
)
from sezatlas.federation.checking import Progress as ProgressCallback
from sezatlas.federation.harvest import RunReport, RunStatus
from sezatlas.federation.sources import Source, SourceKind, parse_schedule, schedule_text
from sezatlas.store.database import session_factory

sources_app = typer.Typer(
    cls=CommandGroup, help="Sources the registry harvests: add, list, show, run.", no_args_is_help=True
)
console = Console()
err = Console(stderr=True)
UNKNOWN = "—"


def _mapping(path: Path | None) -> dict[str, str]:
    if path is None:
        return {}
    try:
        mapping = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"--mapping {path}: not a readable JSON file ({error})", code=USAGE) from None
    if not isinstance(mapping, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    ):
        raise CommandError(f"--mapping {path}: a JSON object of source field → standard column", code=USAGE)
    return mapping


@sources_app.command("add")
def sources_add(
    name: Annotated[str, typer.Argument(help="A short name: lowercase letters, digits, '-' and '_'.")],
    kind: Annotated[SourceKind, typer.Option("--kind", help="What the source publishes.")],
    organisation: Annotated[
        str, typer.Option("--organisation", help="The organisation behind it (name or id).")
    ],
    licence: Annotated[
        str, typer.Option("--licence", help="The licence it publishes under, e.g. CC-BY-4.0.")
    ],
    url: Annotated[str | None, typer.Option("--url", help="Where it publishes (http or https).")] = None,
    path: Annotated[Path | None, typer.Option("--path", help="A file or folder on this server.")] = None,
    schedule: Annotated[
        str | None, typer.Option("--schedule", help="How often to harvest: 30m, 24h, 7d.")
    ] = None,
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", help="JSON: source field → standard column (docs/federation.md)."),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run", help="Read the source and show the first records mapped; register nothing."
        ),
    ] = False,
    database_url: DatabaseOption = None,
) -> None:
    """Register a source (or, with --dry-run, preview what its mapping makes of it)."""
    if (url is None) == (path is None):
        raise CommandError("give either --url or --path", code=USAGE)
    location = url if url is not None else str(path.resolve() if path else "")
    engine = open_engine_migrating(database_url)
    with session_factory(engine)() as session:
        source = Source(name, organisation_id(session, organisation), kind, location, licence,
                        parse_schedule(schedule), _mapping(mapping))  # fmt: skip
        if dry_run:
            shown = preview_source(Actor.command_line(), source)
            console.print(f"{name}: {shown.records_read} records read, {len(shown.records)} mapped.")
            for problem in shown.errors:
                console.print(f"  rejected: {problem}", markup=False)
            if shown.unmapped_fields:
                console.print(f"  fields not mapped: {', '.join(shown.unmapped_fields)}", markup=False)
            for record in shown.records[:5]:
                console.print(f"  {json.dumps(record, ensure_ascii=False, default=str)}", markup=False)
            return
        add_source(session, Actor.command_line(), source)
    console.print(f"Registered source {name} ({kind.value}, {schedule_text(source.schedule_hours)}).")


@sources_app.command("list")
def sources_list(database_url: DatabaseOption = None) -> None:
    """Every source, its schedule and how its last run went."""
    with session_factory(open_engine_migrating(database_url))() as session:
        views = list_sources(session, Actor.command_line())
    table = Table("name", "kind", "organisation", "schedule", "zones", "last run", "status")
    for view in views:
        last = view.last_run
        when = f"{last.started_at:%Y-%m-%d %H:%M} UTC" if last else UNKNOWN
        enabled = "" if view.source.is_enabled else " (disabled)"
        table.add_row(view.source.name + enabled, view.source.kind.value, view.organisation,
                      schedule_text(view.source.schedule_hours), str(view.zones), when,
                      last.status if last else UNKNOWN)  # fmt: skip
    console.print(table if views else "No sources registered (sezatlas sources add …).")


@sources_app.command("show")
def sources_show(
    name: str,
    runs: Annotated[int, typer.Option("--runs", min=1, max=200, help="How many of the last runs.")] = 10,
    database_url: DatabaseOption = None,
) -> None:
    """One source and its last runs (status, counts, errors, duration)."""
    with session_factory(open_engine_migrating(database_url))() as session:
        view = source_view(session, Actor.command_line(), name)
        history = source_runs(session, Actor.command_line(), name, runs)
    source = view.source
    console.print(f"{source.name}: {source.kind.value} at {source.location}", markup=False)
    schedule = schedule_text(source.schedule_hours)
    facts = (
        f"organisation {view.organisation}, licence {source.licence}, schedule {schedule}, {view.zones} zones"
    )
    console.print(f"  {facts}", markup=False)
    if source.mapping:
        console.print(f"  mapping {json.dumps(dict(source.mapping), ensure_ascii=False)}", markup=False)
    table = Table("run", "started", "status", "new", "changed", "removed", "rejected", "review", "seconds")
    for run in history:
        table.add_row(str(run.run_id), f"{run.started_at:%Y-%m-%d %H:%M} UTC", run.status, str(run.new),
                      str(run.changed), str(run.removed), str(run.rejected), str(run.review_items),
                      f"{run.duration_s:.1f}")  # fmt: skip
    console.print(table if history else "  never run")
    if history and history[0].status == RunStatus.FAILED.value:
        report = history[0].report
        if report.get("message"):
            console.print(f"  last run failed: {report['message']}", markup=False)
        for problem in report.get("rejected", []) or []:  # type: ignore[attr-defined]
            console.print(
                f"  rejected: {problem['position']}, {problem['field']}: {problem['message']}", markup=False
            )


@contextmanager
def _progress(description: str) -> Iterator[ProgressCallback]:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task(description, total=None)

        def show(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total or None)

        yield show


def print_report(report: RunReport) -> None:
    """The run's summary, then each zone's facts old → new and each rejected record with its reason."""
    if report.status is RunStatus.FAILED:
        console.print(f"{report.source}: failed after {report.duration_s:.1f} s; nothing was changed.")
        if report.message:
            console.print(f"  {report.message}", markup=False)
    else:
        verb = "would harvest" if report.status is RunStatus.DRY_RUN else report.status.value
        console.print(f"{report.source}: {verb}: {len(report.new)} new, {len(report.changed)} changed, "
                      f"{len(report.removed)} removed, {report.unchanged} unchanged, "
                      f"{report.review_items} to review ({report.duration_s:.1f} s).")  # fmt: skip
    for diff in report.changed:
        console.print(f"  {diff.zone_id}", markup=False)
        for change in diff.fields:
            old = UNKNOWN if change.old is None else change.old
            new = UNKNOWN if change.new is None else change.new
            console.print(f"    {change.column}: {old} → {new}", markup=False)
    for zone_id in report.removed:
        console.print(f"  {zone_id}: removed at the source", markup=False)
    for problem in report.rejected:
        console.print(f"  rejected: {problem}", markup=False)


@sources_app.command("run")
def sources_run(
    name: str,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would change; write nothing.")
    ] = False,
    full: Annotated[
        bool, typer.Option("--full", help="Read the whole source, not only what changed.")
    ] = False,
    database_url: DatabaseOption = None,
) -> None:
    """Harvest one source now; exit 1 if the run failed."""
    engine = open_engine_migrating(database_url)
    with _progress(f"Harvesting {name}") as show:
        report = run_source(engine, Actor.command_line(), name, dry_run=dry_run, full=full, on_progress=show)
    print_report(report)
    if report.status is RunStatus.FAILED:
        raise typer.Exit(1)


def harvest_command(
    every: Annotated[bool, typer.Option("--all", help="Every enabled source.")] = False,
    due: Annotated[
        bool, typer.Option("--due", help="Only the sources whose schedule says they are due.")
    ] = False,
    database_url: DatabaseOption = None,
) -> None:
    """Harvest every enabled source (--all) or those due (--due), one by one; exit 1 if any failed."""
    if every == due:
        raise CommandError("give --all or --due", code=USAGE)
    engine = open_engine_migrating(database_url)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:

        def on_source(name: str) -> ProgressCallback:
            task = progress.add_task(f"Harvesting {name}", total=None)
            return lambda done, total: progress.update(task, completed=done, total=total or None)

        reports = harvest_all(engine, Actor.command_line(), only_due=due, on_source=on_source)
    for report in reports:
        print_report(report)
    if not reports:
        console.print("No source to harvest.")
    if any(report.status is RunStatus.FAILED for report in reports):
        raise typer.Exit(1)
