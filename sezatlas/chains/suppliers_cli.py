"""`sezatlas chains suppliers`: where a product's inputs are made, in the terminal and in files.

Registered on `chains_app` when imported (`sezatlas/cli.py` imports it). One call into
`chains.actions.suppliers_for`; every figure derived from the US tables carries the proxy label.
"""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
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
    from sezatlas.chains.suppliers import InputSuppliers, SuppliersAnswer

SUPPLIER_FILES = (".csv", ".xlsx", ".json")
SCOPE_WORDS = {"same_country": "same country", "other_countries": "other countries"}


def _money(value: float | None) -> str:
    return "unknown" if value is None else f"{value / 1e6:,.1f}"


def _input_table(rank: int, item: "InputSuppliers") -> Table:
    """One input: its figures and label as the title, its zones by scope (regimes are in the files), how
    many matched as the caption."""
    figures_of = f"direct {item.input.direct_per_usd:.4f} $/$, total {item.input.total_per_usd:.4f} $/$"
    title = f"{rank}. ISIC {item.input.code} {item.input.title} ({figures_of}; {item.label})"
    table = Table(figures("zone", justify="left"), "name", "match", figures("km"), figures("NPV $m"),
                  title=title)  # fmt: skip
    for scope in item.scopes:
        table.add_row("", f"[bold]{SCOPE_WORDS[scope.scope.value]}[/bold]", "", "", "")
        if not scope.suppliers:
            table.add_row("—", "no zone", "", "", "")
        for supplier in scope.suppliers:
            match = supplier.match.value
            if supplier.broader_codes_declared:
                match += f" ({', '.join(supplier.broader_codes_declared)})"
            distance = "unknown" if supplier.distance_km is None else f"{supplier.distance_km:,.0f}"
            table.add_row(
                supplier.zone_id, supplier.name, match, distance, _money(supplier.incentive_npv_usd)
            )
    found = "; ".join(f"{SCOPE_WORDS[s.scope.value]}: {s.exact_zones} exact, {s.possible_zones} possible"
                      for s in item.scopes)  # fmt: skip
    table.caption = f"Zones found: {found}. Incentives valued with the {item.valued_with}."
    return table


def _print(answer: "SuppliersAnswer") -> None:
    target = answer.target_zone
    where = f"zone {target.zone_id} {target.name}" if target else f"country {answer.target_country_iso3}"
    asked = f"{answer.recipe.code} {answer.recipe.title} (by {answer.recipe.ranked_by} requirements)"
    console.print(f"Inputs of {asked} and the zones that make them, seen from {where}.", highlight=False)
    for rank, item in enumerate(answer.inputs, start=1):
        console.print(uncut(_input_table(rank, item)))
    console.print(f"Ranking: {answer.ranked_by}\nDistance: {answer.distance_method}.\n{answer.label}.",
                  highlight=False)  # fmt: skip


def _write(answer: "SuppliersAnswer", output: Path) -> None:
    from sezatlas.chains.suppliers_export import suppliers_as_dict, suppliers_csv, suppliers_xlsx

    make_folder_for(output)
    suffix = output.suffix.lower()
    if suffix == ".xlsx":
        output.write_bytes(suppliers_xlsx(answer))
    elif suffix == ".csv":
        output.write_text(suppliers_csv(answer), encoding="utf-8")
    else:
        text = json.dumps(suppliers_as_dict(answer), indent=2, ensure_ascii=False)
        output.write_text(text + "\n", encoding="utf-8")


@chains_app.command("suppliers")
def suppliers(
    code: Annotated[
        str, typer.Argument(help="An ISIC Rev.4 class (2720) or HS 2022 code (850760, HS:8507).")
    ],
    zone: Annotated[str | None, typer.Option(help="The target zone id (e.g. RUS-001).")] = None,
    country: Annotated[str | None, typer.Option(help="Or a target country, ISO alpha-3 (e.g. RUS).")] = None,
    inputs: Annotated[int, typer.Option(min=1, max=50, help="How many of the product's inputs.")] = 10,
    per_input: Annotated[int, typer.Option(min=1, max=50, help="Zones shown per input and scope.")] = 5,
    total: Annotated[
        bool, typer.Option("--total", help="Take the inputs by total (direct and indirect) requirements.")
    ] = False,
    output: Annotated[Path | None, output_option(*SUPPLIER_FILES)] = None,
    database_url: DatabaseOption = None,
) -> None:
    """Where a product's inputs are made: zones of the same country and of the association's other
    countries that host each input, nearest first (inputs: US 2017 coefficients, a proxy)."""
    from sezatlas.chains.actions import suppliers_for
    from sezatlas.store.database import transaction

    checked_output(output, *SUPPLIER_FILES)
    with transaction(open_engine(database_url)) as session, working("Finding the zones that make the inputs"):
        answer = suppliers_for(session, code, zone_id=zone, country=country, inputs=inputs,
                               per_input=per_input, total=total)  # fmt: skip
    if output is None:
        _print(answer)
        return
    _write(answer, output)
    console.print(f"Wrote the suppliers of {answer.recipe.code}'s inputs to {output} ({answer.label})",
                  highlight=False)  # fmt: skip
