"""`sezatlas`: the one command-line entry point (serve, db, import, export, schema, zones, congress)."""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy import Engine

if TYPE_CHECKING:
    from sezatlas.siting.request import RankRequest
    from sezatlas.siting.shortlist import Shortlist

from sezatlas.congress.cli import congress_app
from sezatlas.regimes.cli import incentives_app
from sezatlas.settings import get_settings
from sezatlas.store.database import has_schema, make_engine, transaction, upgrade

app = typer.Typer(help="SEZ Atlas: the registry of BRICS preferential territories.", no_args_is_help=True)
db_app = typer.Typer(help="Create, migrate and inspect the database.", no_args_is_help=True)
zones_app = typer.Typer(help="Look zones up from the terminal.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(zones_app, name="zones")
app.add_typer(incentives_app, name="incentives")
app.add_typer(congress_app, name="congress")
console = Console()
err = Console(stderr=True)

DatabaseOption = Annotated[
    str | None, typer.Option("--database-url", envvar="SEZATLAS_DATABASE_URL", help="SQLAlchemy URL.")
]


def _engine(database_url: str | None) -> Engine:
    return make_engine(database_url or get_settings().database_url)


def _init(engine: Engine, *, show_merges: bool = False) -> None:
    from sezatlas.registry.bootstrap import init_database

    with console.status("Loading the bundled registry…"):
        report = init_database(engine)
    if show_merges:
        for merge in report.merges:
            console.print(
                f"  merged {merge.merged_id} from {merge.merged_from} into {merge.kept_id}: {merge.reason}"
            )
    console.print(
        f"[green]Registry ready:[/] {report.zones_in_database} zones "
        f"({report.counts.inserted} new, {report.counts.updated} updated, "
        f"{report.counts.unchanged} unchanged); "
        f"{len(report.merges)} duplicate rows merged across the bundled files."
    )


@app.command()
def serve(
    database_url: DatabaseOption = None,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "",
    port: Annotated[int, typer.Option(help="Port.")] = 0,
) -> None:
    """Serve the web app, the API and OGC API – Features; an empty database is filled first."""
    import uvicorn

    from sezatlas.store.zones import count_zones
    from sezatlas.web.app import create_app

    settings = get_settings()
    engine = _engine(database_url)
    if not has_schema(engine) or _zone_count(engine) == 0:
        _init(engine)
    else:
        upgrade(engine)
    with transaction(engine) as session:
        total = count_zones(session)
    bind_host, bind_port = host or settings.host, port or settings.port
    console.print(
        f"Serving {total} zones from {engine.url.render_as_string()} at http://{bind_host}:{bind_port}"
    )
    uvicorn.run(create_app(engine), host=bind_host, port=bind_port, log_level="info")


def _zone_count(engine: Engine) -> int:
    from sezatlas.store.zones import count_zones

    with transaction(engine) as session:
        return count_zones(session)


@db_app.command("init")
def db_init(
    database_url: DatabaseOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", help="Do not list the merged duplicate rows.")] = False,
) -> None:
    """Create the schema and load the bundled registry (safe to run again); lists the merges made."""
    _init(_engine(database_url), show_merges=not quiet)


@db_app.command("upgrade")
def db_upgrade(database_url: DatabaseOption = None) -> None:
    """Apply pending schema migrations."""
    engine = _engine(database_url)
    upgrade(engine)
    console.print(f"Schema up to date at {engine.url.render_as_string()}")


@db_app.command("stats")
def db_stats(database_url: DatabaseOption = None) -> None:
    """Zones per country and type, with coverage against the official totals."""
    from sezatlas.registry.statistics import registry_stats

    with transaction(_engine(database_url)) as session:
        stats = registry_stats(session)
    table = Table("Country", "Zones", "By type", "Official totals (coverage)")
    for entry in stats:
        by_type = ", ".join(f"{k} {v}" for k, v in entry.by_type.items())
        official = "; ".join(
            f"{c.metric}: {c.value} ({c.as_of or 'n.d.'})"
            + (f" → {c.coverage_pct}%" if c.coverage_pct else "")
            for c in entry.official
            if not c.admin1
        )
        table.add_row(f"{entry.name} ({entry.iso3})", str(entry.zones), by_type, official)
    console.print(table)


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV, XLSX, GeoJSON or JSON.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; write nothing.")
    ] = False,
    database_url: DatabaseOption = None,
) -> None:
    """Import zones (upsert by zone_id). One bad value rejects the whole file and writes nothing."""
    from sezatlas.registry.importer import ImportRejected, import_file

    engine = _engine(database_url)
    upgrade(engine)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as progress:
        task = progress.add_task(f"Importing {file.name}", total=None)
        try:

            def show(done: int, total: int) -> None:
                progress.update(task, completed=done, total=total)

            result = import_file(engine, file, dry_run=dry_run, on_progress=show)
        except ImportRejected as rejected:
            progress.stop()
            err.print(
                f"[red]Rejected {file}: nothing was written.[/] {len(rejected.report.problems)} problem(s):"
            )
            err.print(rejected.report.format(), markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(code=1) from None
    verb = "Would import" if dry_run else "Imported"
    console.print(
        f"{verb} {file.name}: {result.inserted} new, {result.updated} updated, {result.unchanged} unchanged."
    )
    if dry_run:
        for change in result.changes:
            if change.action != "unchanged":
                console.print(f"  {change.action:<7} {change.zone_id} {', '.join(change.changed_fields)}")


@app.command("export")
def export_command(
    path: Annotated[Path, typer.Argument(help="Output file (or folder for a data package).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, xlsx, geojson, json or datapackage.")] = "",
    database_url: DatabaseOption = None,
) -> None:
    """Export the whole registry; the format follows the file extension unless --format says otherwise."""
    from sezatlas.registry.exporter import ExportFormat, export_registry

    chosen = fmt or (path.suffix.lstrip(".").lower() or "datapackage")
    try:
        export_format = ExportFormat(chosen)
    except ValueError:
        err.print(
            f"[red]Unknown export format {chosen!r}[/]; "
            f"use one of: {', '.join(f.value for f in ExportFormat)}"
        )
        raise typer.Exit(code=2) from None
    written = export_registry(_engine(database_url), path, export_format)
    console.print(f"Exported {written} zones to {path} ({export_format.value})")


@app.command()
def schema(
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write to a file.")] = None,
) -> None:
    """Print the JSON Schema of the data standard."""
    from sezatlas.standard.schema import standard_json_schema

    text = json.dumps(standard_json_schema(), indent=2, ensure_ascii=False)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
        console.print(f"Wrote the standard's JSON Schema to {output}")
    else:
        typer.echo(text)


def _read_project(path: Path) -> "RankRequest":
    """A project file: `{"project": …, "finance": …}` or a bare project profile; errors name the field."""
    from pydantic import ValidationError

    from sezatlas.siting.request import read_rank_request

    try:
        return read_rank_request(json.loads(path.read_text(encoding="utf-8")))
    except json.JSONDecodeError as error:
        err.print(f"[red]{path.name}:[/] not JSON ({error})")
        raise typer.Exit(code=1) from None
    except ValidationError as error:
        for problem in error.errors():
            where = ".".join(str(part) for part in problem["loc"]) or "(file)"
            err.print(f"[red]{path.name}, field {where}:[/] {problem['msg']}")
        raise typer.Exit(code=1) from None


@app.command()
def rank(
    project_file: Annotated[
        Path,
        typer.Option(
            "--project",
            "-p",
            exists=True,
            dir_okay=False,
            help="Project JSON: a profile, or {project, finance}.",
        ),
    ],
    top: Annotated[int, typer.Option(min=1, max=500, help="How many zones to list.")] = 10,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write .json or .xlsx.")] = None,
    samples: Annotated[int, typer.Option(min=0, max=100_000, help="Weight samples for stability.")] = 10_000,
    database_url: DatabaseOption = None,
) -> None:
    """Rank the registry's zones for an investment project: shortlist, questions, exclusions, stability."""
    from datetime import date

    from pydantic import TypeAdapter

    from sezatlas.regimes.errors import IncentiveInputError
    from sezatlas.siting.registry_columns import REGISTRY_COLUMNS
    from sezatlas.siting.request import rank_request
    from sezatlas.siting.shortlist import Shortlist
    from sezatlas.siting.workbook import write_shortlist_xlsx

    request = _read_project(project_file)
    with transaction(_engine(database_url)) as session:
        columns = REGISTRY_COLUMNS.get(session)
    try:
        result = rank_request(columns, request, today=date.today(), shortlist_size=top, samples=samples)
    except IncentiveInputError as error:
        err.print(f"[red]{project_file.name}, finance:[/] {error}")
        raise typer.Exit(code=1) from None
    _print_shortlist(result)
    if output is not None:
        if output.suffix.lower() == ".xlsx":
            write_shortlist_xlsx(result, output)
        else:
            output.write_bytes(TypeAdapter(Shortlist).dump_json(result, indent=2))
        console.print(f"Wrote the shortlist to {output}")


def _print_shortlist(result: "Shortlist") -> None:
    table = Table(
        "#", "zone", "name", "country", "score", "P(first)", "why", title=f"Shortlist: {result.project}"
    )
    for zone in result.ranked:
        first = f"{zone.acceptability[0]:.0%}" if zone.acceptability else ""
        why = "\n".join(zone.explanation[:2])
        table.add_row(
            str(zone.rank), zone.zone_id, zone.name_en, zone.country_iso3, f"{zone.score:.3f}", first, why
        )
    console.print(table)
    for line in result.stability + result.notes:
        console.print(f"• {line}")
    console.print(f"{result.eligible_count} eligible, {result.needs_confirmation_count} need confirmation, "
                  f"{result.excluded_count} excluded")  # fmt: skip
    for rule, count in result.exclusions_by_rule.items():
        console.print(f"  excluded: {rule} ({count})")
    for screening in result.needs_confirmation[:5]:
        console.print(f"  to confirm with {screening.zone_id}: {'; '.join(screening.to_confirm)}")


@zones_app.command("list")
def zones_list(
    country: Annotated[
        list[str] | None, typer.Option("--country", "-c", help="ISO3 code; repeatable.")
    ] = None,
    zone_type: Annotated[
        list[str] | None, typer.Option("--type", "-t", help="Zone type code; repeatable.")
    ] = None,
    query: Annotated[
        str | None, typer.Option("--query", "-q", help="Text in any script; typos tolerated.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000)] = 50,
    database_url: DatabaseOption = None,
) -> None:
    """List zones matching the filters."""
    from sezatlas.store.zone_search import ZoneQuery, search_zones

    wanted = ZoneQuery(
        countries=[c.upper() for c in country or []], zone_types=zone_type or [], text=query, limit=limit
    )
    with transaction(_engine(database_url)) as session:
        page = search_zones(session, wanted)
    table = Table("zone_id", "name", "local name", "type", "status", "area ha", title=f"{page.total} zones")
    for zone in page.zones:
        area = f"{zone.land.area_ha:,.0f}" if zone.land.area_ha is not None else "unknown"
        table.add_row(zone.zone_id, zone.name_en, zone.name_local or "", zone.zone_type.value,
                      zone.status.value if zone.status else "unknown", area)  # fmt: skip
    console.print(table)


@zones_app.command("show")
def zones_show(zone_id: str, database_url: DatabaseOption = None) -> None:
    """Every fact of one zone, with its sources, as JSON."""
    from sezatlas.store.zones import get_zone

    with transaction(_engine(database_url)) as session:
        zone = get_zone(session, zone_id.upper())
    if zone is None:
        err.print(f"[red]No zone {zone_id}[/] (try: sezatlas zones list -q NAME)")
        raise typer.Exit(code=1)
    typer.echo(zone.model_dump_json(indent=2))
