"""`sezatlas`: the one command-line entry point (serve, db, import, export, schema, zones, congress,
inquiries, passports)."""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from sqlalchemy import Engine

if TYPE_CHECKING:
    from sezatlas.registry.exporter import ExportFormat
    from sezatlas.siting.request import RankRequest

from sezatlas.accounts.cli import audit, users_app
from sezatlas.accounts.orgs_cli import orgs_app
from sezatlas.chains.cli import chains_app
from sezatlas.chains.localization_cli import localization  # noqa: F401 (registers `chains localization`)
from sezatlas.chains.suppliers_cli import suppliers  # noqa: F401 (registers `chains suppliers`)
from sezatlas.cli_support import (
    FAILURE,
    USAGE,
    CommandError,
    CommandGroup,
    DatabaseOption,
    VerboseOption,
    checked_output,
    figures,
    invalid_file,
    make_folder_for,
    open_engine,
    open_engine_migrating,
    output_option,
    setting_default,
    uncut,
    working,
)
from sezatlas.congress.cli import congress_app
from sezatlas.federation.cli import harvest_command, sources_app
from sezatlas.inquiries.cli import inquiries_app
from sezatlas.offers.cli import offers_app
from sezatlas.passports.cli import passports_app
from sezatlas.regimes.cli import incentives_app
from sezatlas.regimes.scenario_cli import scenario_command  # noqa: F401 (registers `incentives scenario`)
from sezatlas.reports.cli import report_app
from sezatlas.standard.plurals import counted
from sezatlas.stewardship.cli import (
    reminders_app,
    review_app,
    zones_confirmations,
    zones_history,
    zones_revert,
)
from sezatlas.store.database import transaction
from sezatlas.terminal import print_import_changes, print_shortlist, print_stats

app = typer.Typer(
    cls=CommandGroup, help="SEZ Atlas: the registry of BRICS preferential territories.", no_args_is_help=True
)
db_app = typer.Typer(cls=CommandGroup, help="Create, migrate and inspect the database.", no_args_is_help=True)
zones_app = typer.Typer(cls=CommandGroup, help="Look zones up from the terminal.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(zones_app, name="zones")
app.add_typer(incentives_app, name="incentives")
app.add_typer(congress_app, name="congress")
app.add_typer(users_app, name="users")
app.add_typer(orgs_app, name="orgs")
app.add_typer(review_app, name="review")
app.add_typer(reminders_app, name="reminders")
app.add_typer(inquiries_app, name="inquiries")
app.add_typer(passports_app, name="passports")
app.add_typer(offers_app, name="offers")
app.add_typer(report_app, name="report")
app.add_typer(chains_app, name="chains")
app.add_typer(sources_app, name="sources")
zones_app.command("history")(zones_history)
zones_app.command("revert")(zones_revert)
zones_app.command("confirmations")(zones_confirmations)
app.command("audit")(audit)
app.command("harvest")(harvest_command)
console = Console()
err = Console(stderr=True)
SCHEMA_FILES = (".json",)
SHORTLIST_FILES = (".json", ".xlsx")


def _init(engine: Engine, *, show_merges: bool = False) -> int:
    """Load the bundled registry; returns the number of zones in the database."""
    from sezatlas.registry.bootstrap import init_database

    with working("Loading the bundled registry"):
        report = init_database(engine)
    if show_merges:
        for merge in report.merges:
            console.print(
                f"  merged {merge.merged_id} from {merge.merged_from} into {merge.kept_id}: {merge.reason}",
                highlight=False,
                soft_wrap=True,
            )
    merged = counted(len(report.merges), "duplicate row")
    console.print(
        f"[green]Registry ready:[/] {counted(report.zones_in_database, 'zone')} "
        f"({report.counts.inserted} new, {report.counts.updated} updated, "
        f"{report.counts.unchanged} unchanged); {merged} of the bundled files merged"
        + ("." if show_merges else " (-v lists them)."),
        highlight=False,
        soft_wrap=True,  # one line, however narrow the terminal: it wraps it, rich does not break it
    )
    if report.kept:
        console.print(
            f"[yellow]Kept {counted(len(report.kept), 'fact')} that users set where the bundled data "
            f"says otherwise[/] ({counted(report.review_items, 'new item')} in the review queue, "
            "`sezatlas review list`)" + (":" if show_merges else "; -v lists them."),
            highlight=False,
            soft_wrap=True,
        )
        for fact in report.kept if show_merges else ():
            console.print(
                f"  {fact.zone_id} {fact.column}: kept {fact.kept}, bundled {fact.bundled}", highlight=False
            )
    return report.zones_in_database


@app.command()
def serve(
    database_url: DatabaseOption = None,
    host: Annotated[
        str, typer.Option(envvar="SEZATLAS_HOST", help="Interface to listen on.")
    ] = setting_default("host"),
    port: Annotated[int, typer.Option(envvar="SEZATLAS_PORT", help="Port.")] = setting_default("port"),
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Log the server's start-up and every request.")
    ] = False,
) -> None:
    """Serve the web app, the API and OGC API – Features; an empty database is filled first."""
    import uvicorn

    from sezatlas.port_check import PortUnavailableError, check_port_free
    from sezatlas.web.app import create_app

    try:
        check_port_free(host, port)  # before anything is printed or created: a taken port is one line
    except PortUnavailableError as error:
        raise CommandError(str(error), code=FAILURE) from None
    engine = open_engine_migrating(database_url)
    total = _zone_count(engine)
    if total == 0:
        total = _init(engine)
    console.print(
        f"Serving {counted(total, 'zone')} from {engine.url.render_as_string()} at http://{host}:{port} "
        "(Ctrl+C stops it)",
        highlight=False,
        soft_wrap=True,
    )
    uvicorn.run(create_app(engine), host=host, port=port, log_level="info" if verbose else "warning")


def _zone_count(engine: Engine) -> int:
    from sezatlas.store.zones import count_zones

    with transaction(engine) as session:
        return count_zones(session)


@db_app.command("init")
def db_init(
    database_url: DatabaseOption = None,
    verbose: VerboseOption = False,
    quiet: Annotated[bool, typer.Option("--quiet", hidden=True, help="The default now.")] = False,
) -> None:
    """Create the schema and load the bundled registry (safe to run again); -v lists the merges made."""
    _init(open_engine_migrating(database_url), show_merges=verbose and not quiet)


@db_app.command("upgrade")
def db_upgrade(database_url: DatabaseOption = None) -> None:
    """Apply pending schema migrations."""
    engine = open_engine_migrating(database_url)
    console.print(f"Schema up to date at {engine.url.render_as_string()}")


@db_app.command("connections")
def db_connections(
    workers: Annotated[int, typer.Option(min=1, help="Server processes that will share the database.")],
    database_url: DatabaseOption = None,
    connections: Annotated[
        int, typer.Option(envvar="SEZATLAS_CONNECTIONS", min=1, help="Connections wanted per process.")
    ] = setting_default("connections"),
) -> None:
    """Print how many connections each of --workers processes may hold (PostgreSQL's max_connections)."""
    from sezatlas.store.connection_budget import plan_connections, server_limit

    plan = plan_connections(workers, connections, server_limit(open_engine(database_url)))
    err.print(plan.explanation(), highlight=False, soft_wrap=True)
    typer.echo(plan.per_worker)


@db_app.command("stats")
def db_stats(
    database_url: DatabaseOption = None,
    verbose: VerboseOption = False,
    unplaced: Annotated[bool, typer.Option("--unplaced", help="List the zones without a point.")] = False,
) -> None:
    """Zones per country and type, each regime's headline figure and coverage; -v: every figure."""
    from sezatlas.registry.statistics import registry_overview

    with transaction(open_engine(database_url)) as session:
        stats = registry_overview(session)
    print_stats(stats, show_history=verbose, list_unplaced=unplaced)


@app.command("import")
def import_command(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="CSV, XLSX, GeoJSON or JSON.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change, field by field; write nothing.")
    ] = False,
    clear_empty: Annotated[
        bool,
        typer.Option("--clear-empty", help="An empty cell clears the stored fact (by default it leaves it)."),
    ] = False,
    database_url: DatabaseOption = None,
) -> None:
    """Import zones (upsert by zone_id). One bad value rejects the whole file and writes nothing.

    A column the file does not have, or an empty cell, leaves the stored fact as it is.
    """
    from sezatlas.registry.importer import import_file

    engine = open_engine_migrating(database_url)
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task(f"Importing {file.name}", total=None)

        def show(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total)

        result = import_file(engine, file, dry_run=dry_run, clear_empty=clear_empty, on_progress=show)
    verb = "Would import" if dry_run else "Imported"
    console.print(
        f"{verb} {file.name}: {result.inserted} new, {result.updated} updated, {result.unchanged} unchanged."
    )
    print_import_changes(result, details=dry_run)


@app.command("export")
def export_command(
    path: Annotated[Path, typer.Argument(help="Output file (or folder for a data package).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, xlsx, geojson, json or datapackage.")] = "",
    as_of: Annotated[
        str,
        typer.Option(
            "--as-of", help="The registry as it stood then: YYYY-MM-DD (end of day, UTC) or a time."
        ),
    ] = "",
    database_url: DatabaseOption = None,
) -> None:
    """Export the whole registry; the format follows the file extension unless --format says otherwise."""
    from sezatlas.registry.exporter import export_registry
    from sezatlas.stewardship.versions import moment_of

    export_format = _export_format(path, fmt)
    moment = moment_of(as_of) if as_of else None
    engine = open_engine(database_url)
    make_folder_for(path)
    with working(f"Exporting the registry to {path}"):
        written = export_registry(engine, path, export_format, as_of=moment)
    when = f", as of {moment:%Y-%m-%d %H:%M} UTC" if moment is not None else ""
    console.print(
        f"Exported {counted(written, 'zone')} to {path} ({export_format.value}{when})", highlight=False
    )


def _export_format(path: Path, fmt: str) -> "ExportFormat":
    """`--format`, else the extension (none: a data package folder); anything else is refused up front."""
    from sezatlas.registry.exporter import ExportFormat

    if fmt:
        choices = [f.value for f in ExportFormat]
        if fmt.lower() not in choices:
            raise CommandError(f"--format {fmt}: use one of {', '.join(choices)}", code=USAGE)
        return ExportFormat(fmt.lower())
    by_suffix = {f".{f.value}": f for f in ExportFormat if f is not ExportFormat.DATAPACKAGE}
    suffix = path.suffix.lower()
    if suffix and suffix not in by_suffix:
        raise CommandError(
            f"{path}: write {', '.join(by_suffix)}, or name a folder (no extension) for a data package",
            code=USAGE,
        )
    return by_suffix.get(suffix, ExportFormat.DATAPACKAGE)


@app.command()
def schema(
    output: Annotated[Path | None, output_option(*SCHEMA_FILES)] = None,
) -> None:
    """Print the JSON Schema of the data standard (or write it to a file)."""
    from sezatlas.standard.schema import standard_json_schema

    checked_output(output, *SCHEMA_FILES)
    text = json.dumps(standard_json_schema(), indent=2, ensure_ascii=False)
    if output:
        make_folder_for(output)
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
        raise CommandError(f"{path.name}: not JSON ({error})") from None
    except ValidationError as error:
        raise invalid_file(path, error) from None


def _rank_overrides(max_seaport_km: float | None, only_country: list[str] | None, only_confirmed: bool
                    ) -> dict[str, object]:  # fmt: skip
    """The project fields the options of `sezatlas rank` replace (those given)."""
    from sezatlas.registry.zone_query import parse_countries

    changes: dict[str, object] = {"max_distance_to_seaport_km": max_seaport_km} if max_seaport_km else {}
    if only_country:
        changes["only_countries"] = parse_countries(only_country)
    if only_confirmed:
        changes["only_confirmed_fit"] = True
    return changes


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
    output: Annotated[Path | None, output_option(*SHORTLIST_FILES)] = None,
    samples: Annotated[int, typer.Option(min=0, max=100_000, help="Weight samples for stability.")] = 10_000,
    max_seaport_km: Annotated[
        float | None,
        typer.Option(
            min=1,
            help="Exclude zones farther than this from a seaport (km); overrides the project file's value.",
        ),
    ] = None,
    only_country: Annotated[
        list[str] | None,
        typer.Option(help="Rank zones in this country only (ISO3); repeatable or comma-separated."),
    ] = None,
    only_confirmed: Annotated[
        bool,
        typer.Option("--only-confirmed", help="Only zones whose data confirm every need of the project."),
    ] = False,
    database_url: DatabaseOption = None,
) -> None:
    """Rank the registry's zones for an investment project: shortlist, evidence, exclusions, stability."""
    from pydantic import TypeAdapter

    from sezatlas.regimes.errors import IncentiveInputError
    from sezatlas.siting.actions import rank_project
    from sezatlas.siting.shortlist import Shortlist
    from sezatlas.siting.workbook import write_shortlist_xlsx

    checked_output(output, *SHORTLIST_FILES)
    request = _read_project(project_file).with_project(
        **_rank_overrides(max_seaport_km, only_country, only_confirmed)
    )
    try:
        with transaction(open_engine(database_url)) as session, working("Ranking the registry's zones"):
            result = rank_project(session, request, shortlist_size=top, samples=samples)
    except IncentiveInputError as error:  # the message gains the file it is about
        raise CommandError(f"{project_file.name}, {error}") from None
    print_shortlist(result, output)
    if output is not None:
        make_folder_for(output)
        if output.suffix.lower() == ".xlsx":
            write_shortlist_xlsx(result, output)
        else:
            output.write_bytes(TypeAdapter(Shortlist).dump_json(result, indent=2))
        console.print(f"Wrote the shortlist to {output}")


@zones_app.command("list")
def zones_list(
    country: Annotated[
        list[str] | None, typer.Option("--country", "-c", help="ISO3 code; repeatable or comma-separated.")
    ] = None,
    zone_type: Annotated[
        list[str] | None, typer.Option("--type", "-t", help="Zone type code; repeatable or comma-separated.")
    ] = None,
    query: Annotated[
        str | None,
        typer.Option(
            "--query",
            "-q",
            help="Text in any script; typos tolerated; country, place and sector words understood.",
        ),
    ] = None,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="How many zones to list.")] = 50,
    database_url: DatabaseOption = None,
) -> None:
    """List zones matching the filters (checked like the API's: an unknown code is refused, not 0 zones)."""
    from sezatlas.registry.query_words import meaning_of
    from sezatlas.registry.zone_query import parse_countries, parse_enum_values
    from sezatlas.standard.codes import ZoneType
    from sezatlas.store.zone_search import ZoneQuery, search_zones

    wanted = ZoneQuery(
        countries=parse_countries(country),
        zone_types=parse_enum_values("zone_type", zone_type, ZoneType),
        text=query,
        meaning=meaning_of(query),
        limit=limit,
    )
    with transaction(open_engine(database_url)) as session:
        page = search_zones(session, wanted)
    columns = ("name", "local name", "type", "status", figures("area ha"))
    table = Table(figures("zone_id", justify="left"), *columns, title=counted(page.total, "zone"))
    for zone in page.zones:
        area = f"{zone.land.area_ha:,.0f}" if zone.land.area_ha is not None else "unknown"
        table.add_row(zone.zone_id, zone.name_en, zone.name_local or "", zone.zone_type.value,
                      zone.status.value if zone.status else "unknown", area)  # fmt: skip
    if page.total > len(page.zones):
        table.caption = f"the first {len(page.zones):,} shown; --limit shows more"
    console.print(uncut(table))


@zones_app.command("show")
def zones_show(zone_id: str, database_url: DatabaseOption = None) -> None:
    """Every fact of one zone, with its sources, as JSON."""
    from sezatlas.store.zones import get_zone

    with transaction(open_engine(database_url)) as session:
        zone = get_zone(session, zone_id.upper())
    if zone is None:
        raise CommandError(f"no zone {zone_id} (try: sezatlas zones list -q NAME)")
    typer.echo(zone.model_dump_json(indent=2))
