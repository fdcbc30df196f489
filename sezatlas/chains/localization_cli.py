"""`sezatlas chains localization|import-icio|import-baci|imports`: the localization share and its tables.

Registered on `chains_app` when imported (`sezatlas/cli.py` imports it). Each command is one call into
`chains.localization_actions`. Importing is a secretariat act: the command line acts as the secretariat
(`Actor.command_line()`), as `sezatlas import` does.
"""

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from sezatlas.chains.cli import chains_app, console
from sezatlas.cli_support import (
    DatabaseOption,
    checked_output,
    figures,
    make_folder_for,
    open_engine,
    output_option,
    uncut,
    working,
)

if TYPE_CHECKING:
    from sezatlas.chains.localization_actions import LocalizationAnswer
    from sezatlas.chains.trade_store import ImportRecord

LOCALIZATION_FILES = (".csv", ".json")
PART_WORDS = {
    "in_country": "in the country's zones",
    "in_partners": "in partners' zones only",
    "nowhere": "nowhere in the registry",
    "possibly_in_country": "possibly in the country's zones (apart)",
    "possibly_in_partners": "possibly in partners' zones (apart)",
}


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}"


def _shares_table(answer: "LocalizationAnswer") -> Table:
    """One row per part of the input value, one column per case (today; with the additions; the change)."""
    scenario = answer.scenario
    title = (f"{answer.product} {answer.title} made in {scenario.zone_id} ({scenario.country_iso3}): shares "
             "of the input value")  # fmt: skip
    cases = [("today", scenario.shares_before)]
    if scenario.additions:
        cases += [("with additions", scenario.shares_after), ("change, points", scenario.change)]
    table = Table("input industries present", *(figures(name) for name, _ in cases), title=title,
                  caption=f"{answer.label}.")  # fmt: skip
    for part, words in PART_WORDS.items():
        cells = [_percent(getattr(shares, part)) for _, shares in cases]
        if scenario.additions:  # a difference of two shares: percentage points, not a percent of a share
            cells[-1] = f"{getattr(scenario.change, part) * 100:+.1f}"
        table.add_row(words, *cells)
    return table


def _inputs_table(answer: "LocalizationAnswer", top: int) -> Table:
    rcas = {item.code: item.rca for item in answer.rca}
    table = Table(
        figures("input"),
        "title",
        figures("share"),
        "where",
        figures("here"),
        figures("abroad"),
        figures("possible"),
        *([figures("RCA")] if rcas else []),
        title=f"The {top} largest inputs" + (" (with the additions)" if answer.scenario.additions else ""),
    )
    for item in sorted(answer.scenario.after, key=lambda i: -i.per_usd)[:top]:
        where = item.where.value + (" (added)" if item.is_added else "")
        rca = [_number(rcas.get(item.code))] if rcas else []
        table.add_row(
            item.code,
            item.title,
            _percent(item.share),
            where,
            str(item.zones_in_country),
            str(item.zones_in_partners),
            str(item.possible_zones_in_country),
            *rca,
        )
    return table


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _print_notes(answer: "LocalizationAnswer") -> None:
    if answer.unbridged_per_usd:
        console.print(
            f"Inputs that reach no ISIC class, left out of the shares: {answer.unbridged_per_usd:.4f} $/$.",
            highlight=False,
        )
    if answer.icio is not None:
        icio = answer.icio
        console.print(
            f"Bought from {icio.country_iso3}'s own industries: {_percent(icio.domestic_input_share)} of "
            f"the inputs; foreign value added {_percent(icio.foreign_value_added)} of output.",
            highlight=False,
        )
    if answer.trade is not None:
        console.print(f"RCA: {answer.trade.label}, {answer.trade.country_iso3}.", highlight=False)
    console.print(f"Method: {answer.method}", highlight=False)


@chains_app.command("localization")
def localization(
    code: Annotated[str, typer.Argument(help="An ISIC Rev.4 class (2720) or HS 2022 code (850760).")],
    zone: Annotated[str, typer.Option("--zone", help="The project's zone, e.g. RUS-001.")],
    add: Annotated[
        list[str] | None,
        typer.Option(
            "--add", help="ISIC@ZONE: add industry ISIC to zone ZONE (repeatable), e.g. 2011@RUS-002."
        ),
    ] = None,
    top: Annotated[int, typer.Option(min=1, max=500, help="How many inputs to list.")] = 15,
    output: Annotated[Path | None, output_option(*LOCALIZATION_FILES)] = None,
    database_url: DatabaseOption = None,
) -> None:
    """The share of a product's input value whose industries are in the country's zones, in partners'
    zones, or nowhere in the registry; with --add, before and after."""
    from sezatlas.chains.localization_actions import localization_for
    from sezatlas.chains.localization_export import localization_as_dict, localization_csv
    from sezatlas.store.database import transaction

    checked_output(output, *LOCALIZATION_FILES)
    with transaction(open_engine(database_url)) as session, working("Reading the zones' sectors"):
        answer = localization_for(session, code, zone, add or [])
    if output is None:
        console.print(uncut(_shares_table(answer)))
        console.print(uncut(_inputs_table(answer, top)))
        _print_notes(answer)
        return
    is_csv = output.suffix.lower() == ".csv"
    text = (
        localization_csv(answer)
        if is_csv
        else json.dumps(localization_as_dict(answer), indent=2, ensure_ascii=False) + "\n"
    )
    make_folder_for(output)
    output.write_text(text, encoding="utf-8")
    console.print(
        f"Wrote the localization of {answer.product} in {zone} to {output} ({answer.label})", highlight=False
    )


@contextmanager
def _bar(description: str) -> Iterator[Callable[[int, int], None]]:
    """A progress bar of bytes read, on stderr (off when stderr is not a terminal)."""
    err = Console(stderr=True)
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task(description, total=None)
        yield lambda done, size: progress.update(task, completed=done, total=size)


def _print_record(record: "ImportRecord") -> None:
    console.print(
        f"Imported {record.kind.upper()} from {record.source_file} (SHA-256 {record.sha256[:16]}…, "
        f"release {record.release or 'unknown'}, year {record.year or 'unknown'}): {record.shape}.",
        highlight=False,
    )


@chains_app.command("import-icio")
def import_icio_command(
    file: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="An OECD ICIO year, e.g. 2020.csv.")
    ],
    release: Annotated[str, typer.Option(help="The ICIO release the file comes from.")] = "2023",
) -> None:
    """Import an OECD ICIO CSV (2023 release layout); one problem rejects the file and stores nothing."""
    from sezatlas.accounts.roles import Actor
    from sezatlas.chains.localization_actions import import_icio

    with _bar(f"Reading {file.name}") as show:
        record = import_icio(Actor.command_line(), file, release, show)
    _print_record(record)


@chains_app.command("import-baci")
def import_baci_command(
    file: Annotated[
        Path,
        typer.Argument(exists=True, dir_okay=False, help="A BACI year, e.g. BACI_HS22_Y2022_V202401.csv."),
    ],
    countries: Annotated[
        Path,
        typer.Option("--countries", exists=True, dir_okay=False, help="The release's country_codes CSV."),
    ],
) -> None:
    """Import a CEPII BACI trade CSV and its country list; one problem rejects the file and stores nothing."""
    from sezatlas.accounts.roles import Actor
    from sezatlas.chains.localization_actions import import_baci

    with _bar(f"Reading {file.name}") as show:
        record = import_baci(Actor.command_line(), file, countries, show)
    _print_record(record)


@chains_app.command("imports")
def imports() -> None:
    """What is imported, from which file, when and by whom; without imports, answers use the US proxy."""
    from sezatlas.chains.localization_actions import imported_tables

    records = imported_tables()
    if not records:
        console.print("Nothing imported: answers use the US 2017 proxy.", highlight=False)
        return
    table = Table("table", "file", "SHA-256", "release", figures("year"), "imported at", "by", "shape")
    for r in records:
        table.add_row(
            r.kind.upper(),
            r.source_file,
            r.sha256[:16],
            r.release or "—",
            str(r.year or "—"),
            r.imported_at,
            r.imported_by,
            ", ".join(f"{k} {v}" for k, v in r.shape.items()),
        )
    console.print(uncut(table))
