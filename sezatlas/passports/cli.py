"""`sezatlas passports …`: investment project passports from the server's command line (issue 17).

`list` and `show` read the public catalogue (published passports only), as a table, JSON or CSV — the
same JSON and CSV as `GET /api/v1/passports`. `import` writes drafts from a JSON file, all or none; the
review commands (`review`, `submit`, `publish`, `reject`, `withdraw`) move them. As `sezatlas review`,
the commands act as the secretariat (`Actor.command_line()`), are audited under that name and call the
same use cases as the API; letters go out when a mail server is configured, in English.
"""

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sezatlas.accounts.mail import MailSettings
from sezatlas.accounts.roles import Actor
from sezatlas.cli_support import (
    USAGE,
    CommandError,
    CommandGroup,
    DatabaseOption,
    checked_output,
    figures,
    make_folder_for,
    open_engine_migrating,
    output_option,
    uncut,
)
from sezatlas.passports.authoring import PassportError
from sezatlas.passports.catalogue import Order, Page, PassportQuery, Published
from sezatlas.passports.review import PASSPORT_PATH
from sezatlas.settings import get_settings
from sezatlas.standard.passport import PASSPORT_VERSION, OfferedBy, Passport, Stage
from sezatlas.standard.plurals import counted
from sezatlas.store.database import session_factory

passports_app = typer.Typer(
    cls=CommandGroup,
    help="Investment project passports: the catalogue, drafts imported from JSON, their review.",
    no_args_is_help=True,
)
console = Console()
UNKNOWN = "—"
LIST_FILES = (".csv", ".json")
SCHEMA_FILES = (".json",)
OPTION_OF = {"zone_id": "--zone", "q": "--search"}  # the query's fields whose option is named otherwise
JSON_KINDS = {str: "a string", int: "a number", float: "a number", bool: "true or false", type(None): "null"}
IdArgument = Annotated[int, typer.Argument(min=1, max=2**31 - 1, help="The passport's id.")]


class ListFormat(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"


class ShowFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


def _site_url() -> str:
    return (get_settings().public_url or "").rstrip("/")


def _page_url(passport_id: int) -> str:
    return f"{_site_url()}{PASSPORT_PATH}/{passport_id}"


def _published_json(hit: Published) -> dict[str, Any]:
    """One passport as `GET /api/v1/passports/{id}` gives it."""
    return {"passport_id": hit.passport_id, "country_iso3": hit.country_iso3,
            "published_at": hit.published_at.isoformat(), "url": _page_url(hit.passport_id),
            "passport": hit.passport.model_dump(mode="json")}  # fmt: skip


def _query(**filters: Any) -> PassportQuery:
    """The options as the catalogue's query; a bad value is a usage error naming its option."""
    try:
        return PassportQuery.model_validate({k: v for k, v in filters.items() if v is not None})
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            field = str(problem["loc"][0]) if problem["loc"] else ""
            option = OPTION_OF.get(field, "--" + field.replace("_", "-"))
            lines.append(f"{option}: {problem['msg']}")
        raise CommandError("\n".join(lines), code=USAGE) from None


def _list_format(chosen: ListFormat | None, output: Path | None) -> ListFormat:
    """--format, else the output file's extension, else a table; a table is for the terminal only."""
    checked_output(output, *LIST_FILES)
    by_suffix = ListFormat(output.suffix.lower().lstrip(".")) if output is not None else None
    if chosen is None:
        return by_suffix or ListFormat.TABLE
    if output is not None and chosen is not by_suffix:
        raise CommandError(f"--output {output}: --format {chosen.value} writes .{chosen.value}", code=USAGE)
    return chosen


def _capex(passport: Passport) -> str:
    return f"{passport.capex_min_m:,.0f}–{passport.capex_max_m:,.0f} m {passport.currency}"


def _table(page: Page) -> Table:
    """One row per passport, its zone and stage under its title: a row fits an 80-column terminal."""
    shown = counted(len(page.passports), "passport")
    title = shown if page.total == len(page.passports) else f"{shown} of {page.total:,} (--offset pages on)"
    table = Table(figures("id"), "passport", figures("capex, millions"), "currency", figures("jobs"),
                  figures("published", justify="left"), title=title)  # fmt: skip
    for hit in page.passports:
        p = hit.passport
        jobs = f"{p.jobs_expected:,}" if p.jobs_expected is not None else UNKNOWN
        capex = f"{p.capex_min_m:,.0f}–{p.capex_max_m:,.0f}"
        about = Text(f"{p.title}\n{p.zone_id}, {p.stage.value}")  # Text: a title is never read as markup
        table.add_row(str(hit.passport_id), about, capex, p.currency, jobs, f"{hit.published_at:%Y-%m-%d}")
    return table


@passports_app.command("list")
def list_passports(
    country: Annotated[list[str] | None, typer.Option(help="ISO3; repeat it for any of several.")] = None,
    zone: Annotated[str | None, typer.Option(help="A zone id, e.g. RUS-001.")] = None,
    isic: Annotated[str | None, typer.Option(help="ISIC Rev.4 code or prefix (27, C).")] = None,
    stage: Annotated[list[Stage] | None, typer.Option(help="Repeat it for any of several.")] = None,
    offered_by: Annotated[OfferedBy | None, typer.Option(help="Who offers the project.")] = None,
    currency: Annotated[str | None, typer.Option(help="ISO 4217; the capex filters need it.")] = None,
    capex_min_m: Annotated[float | None, typer.Option(help="Up to at least this, millions.")] = None,
    capex_max_m: Annotated[float | None, typer.Option(help="From at most this, millions.")] = None,
    jobs_min: Annotated[int | None, typer.Option(help="At least this many jobs expected.")] = None,
    search: Annotated[str | None, typer.Option("--search", "-q", help="Words of the title.")] = None,
    order: Annotated[Order, typer.Option(help="newest, capex (largest first) or jobs.")] = Order.NEWEST,
    limit: Annotated[int, typer.Option(help="How many (1 to 500).")] = 50,
    offset: Annotated[int, typer.Option(help="Skip this many (the next page).")] = 0,
    output_format: Annotated[
        ListFormat | None, typer.Option("--format", help="table, json or csv.", case_sensitive=False)
    ] = None,
    output: Annotated[Path | None, output_option(*LIST_FILES)] = None,
    database_url: DatabaseOption = None,
) -> None:
    """The catalogue: published passports matching every filter, newest first."""
    from sezatlas.passports.catalogue import find_passports, passports_csv

    wanted = _list_format(output_format, output)
    query = _query(country=[code.upper() for code in country or []], zone_id=zone, isic=isic,
                   stage=stage or [], offered_by=offered_by, currency=currency.upper() if currency else None,
                   capex_min_m=capex_min_m, capex_max_m=capex_max_m, jobs_min=jobs_min, q=search, order=order,
                   limit=limit, offset=offset)  # fmt: skip
    with session_factory(open_engine_migrating(database_url))() as session:
        page = find_passports(session, query)
    if wanted is ListFormat.TABLE:
        console.print(uncut(_table(page)) if page.passports else "No published passports match.")
        return
    if wanted is ListFormat.CSV:
        text = passports_csv(page.passports, _site_url())
    else:
        hits = [_published_json(hit) for hit in page.passports]
        listing = {"total": page.total, "limit": query.limit, "offset": query.offset,
                   "passport_version": PASSPORT_VERSION, "passports": hits}  # fmt: skip
        text = json.dumps(listing, indent=2, ensure_ascii=False) + "\n"
    if output is None:
        typer.echo(text, nl=False)
        return
    make_folder_for(output)
    output.write_text(text, encoding="utf-8")
    console.print(f"Wrote {counted(len(page.passports), 'passport')} to {output}", highlight=False)


def _passport_lines(hit: Published) -> list[str]:
    p = hit.passport
    jobs = f"{p.jobs_expected:,} jobs" if p.jobs_expected is not None else "jobs unknown"
    needs = [f"{name} {need.needed:g} needed, {need.available:g} available" if need.available is not None
             else f"{name} {need.needed:g} needed"
             for name, need in p.needs if need.needed is not None]  # fmt: skip
    contacts = [f"{c.name}{f' <{c.email}>' if c.email else ''}" for c in p.contacts]
    source = "; ".join([*p.provenance.source_urls, *filter(None, [p.provenance.source_citation])])
    return [
        f"Passport {hit.passport_id}: {p.title}",
        f"  zone {p.zone_id} ({hit.country_iso3}), offered by {p.offered_by.value}, stage {p.stage.value}",
        f"  ISIC {', '.join(p.isic_codes)}" + (f"; HS {', '.join(p.hs_codes)}" if p.hs_codes else ""),
        f"  capex {_capex(p)}; {jobs}",
        *(f"  {line}" for line in needs),
        f"  contacts: {'; '.join(contacts)}",
        f"  source: {source}, as of {p.provenance.as_of or UNKNOWN}",
        f"  published {hit.published_at:%Y-%m-%d %H:%M} UTC: {_page_url(hit.passport_id)}",
        "",
        p.summary,
    ]


@passports_app.command("show")
def show(
    passport_id: IdArgument,
    output_format: Annotated[
        ShowFormat, typer.Option("--format", help="text, or json as the API gives.", case_sensitive=False)
    ] = ShowFormat.TEXT,
    database_url: DatabaseOption = None,
) -> None:
    """One published passport."""
    from sezatlas.passports.catalogue import published_passport

    with session_factory(open_engine_migrating(database_url))() as session:
        hit = published_passport(session, passport_id)
    if output_format is ShowFormat.JSON:
        typer.echo(json.dumps(_published_json(hit), indent=2, ensure_ascii=False))
        return
    for line in _passport_lines(hit):
        typer.echo(line)


def _read_passports(path: Path) -> list[Passport]:
    """The file's passports (one document, or a list of them); every bad field of every item is named."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise CommandError(f"{path.name}: not JSON ({error})") from None
    items = [document] if isinstance(document, dict) else document
    if not isinstance(items, list):
        kind = JSON_KINDS.get(type(items), "that")
        raise CommandError(f"{path.name}: a passport (a JSON object) or a list of them, not {kind}")
    if not items:
        raise CommandError(f"{path.name}: the list holds no passport")
    passports, lines = [], []
    for number, item in enumerate(items, start=1):
        try:
            passports.append(Passport.model_validate(item))
        except ValidationError as error:
            for problem in error.errors():
                where = ".".join(str(part) for part in problem["loc"]) or "(the passport)"
                lines.append(f"{path.name}, item {number}, field {where}: {problem['msg']}")
    if lines:
        raise CommandError("\n".join(lines))
    return passports


@passports_app.command("import")
def import_passports(
    file: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="A passport JSON, or a list.")],
    database_url: DatabaseOption = None,
) -> None:
    """Write drafts from a JSON file of passports, all or none.

    The file holds one passport or a list (`sezatlas passports schema` prints their JSON Schema); one bad
    item writes nothing. Submit and publish the drafts to put them in the catalogue."""
    from sezatlas.passports.authoring import import_drafts

    passports = _read_passports(file)
    with session_factory(open_engine_migrating(database_url))() as session:
        try:
            ids = import_drafts(session, Actor.command_line(), passports)
        except PassportError as error:  # the message gains the file it is about
            raise CommandError(f"{file.name}, {error}") from None
    console.print(f"Imported {counted(len(ids), 'passport draft')} from {file.name}: "
                  f"{', '.join(map(str, ids))}.", highlight=False, soft_wrap=True)  # fmt: skip


@passports_app.command("review")
def review(database_url: DatabaseOption = None) -> None:
    """The drafts waiting for review, oldest first."""
    from sezatlas.passports.review import review_queue

    with session_factory(open_engine_migrating(database_url))() as session:
        queue = review_queue(session, Actor.command_line())
    if not queue:
        console.print("No passports wait for review.")
        return
    table = Table(figures("id"), "title", "zone", "submitted", "first publication",
                  title=counted(len(queue), "passport"))  # fmt: skip
    for item in queue:
        first = "yes" if item.published is None else "no"
        table.add_row(str(item.passport_id), Text(item.draft.title), item.draft.zone_id,
                      f"{item.submitted_at:%Y-%m-%d %H:%M} UTC", first)  # fmt: skip
    console.print(uncut(table))


@passports_app.command("submit")
def submit(passport_id: IdArgument, database_url: DatabaseOption = None) -> None:
    """Send a draft to the review queue."""
    from sezatlas.passports.authoring import submit_draft

    with session_factory(open_engine_migrating(database_url))() as session:
        submit_draft(session, Actor.command_line(), passport_id, mail=MailSettings.configured())
    console.print(f"Passport {passport_id} waits for review.", highlight=False)


@passports_app.command("publish")
def publish(passport_id: IdArgument, database_url: DatabaseOption = None) -> None:
    """Publish a submitted draft: it is in the catalogue at once; its owner is told by letter."""
    from sezatlas.passports.review import publish_passport

    with session_factory(open_engine_migrating(database_url))() as session:
        publish_passport(session, Actor.command_line(), passport_id, mail=MailSettings.configured())
    console.print(f"Published passport {passport_id}: {_page_url(passport_id)}", highlight=False)


@passports_app.command("reject")
def reject(
    passport_id: IdArgument,
    reason: Annotated[str, typer.Option("--reason", help="What to change (5 to 2,000 characters).")],
    database_url: DatabaseOption = None,
) -> None:
    """Send a submitted draft back to its owner with a reason (a published text stays up)."""
    from sezatlas.passports.review import reject_passport

    with session_factory(open_engine_migrating(database_url))() as session:
        reject_passport(session, Actor.command_line(), passport_id, reason, mail=MailSettings.configured())
    console.print(f"Sent passport {passport_id} back to its owner.", highlight=False)


@passports_app.command("withdraw")
def withdraw(passport_id: IdArgument, database_url: DatabaseOption = None) -> None:
    """Take a published passport off the catalogue (its text stays as the draft)."""
    from sezatlas.passports.authoring import withdraw_passport

    with session_factory(open_engine_migrating(database_url))() as session:
        withdraw_passport(session, Actor.command_line(), passport_id)
    console.print(f"Withdrew passport {passport_id} from the catalogue.", highlight=False)


@passports_app.command("schema")
def schema(output: Annotated[Path | None, output_option(*SCHEMA_FILES)] = None) -> None:
    """Print the Passport JSON Schema, with its version (or write it to a file)."""
    from sezatlas.standard.schema import passport_json_schema

    checked_output(output, *SCHEMA_FILES)
    text = json.dumps(passport_json_schema(), indent=2, ensure_ascii=False)
    if output is None:
        typer.echo(text)
        return
    make_folder_for(output)
    output.write_text(text + "\n", encoding="utf-8")
    console.print(f"Wrote the Passport JSON Schema (version {PASSPORT_VERSION}) to {output}", highlight=False)
