"""`sezatlas chains …`: cooperation chains from the command line (issue 19).

Each command parses its options, calls one use case of `sezatlas.chains` and renders the answer. Every
answer derived from the US input-output tables carries their proxy label, in the terminal and in files.
"""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from sezatlas.cli_support import CommandGroup, checked_output, figures, make_folder_for, output_option, uncut

if TYPE_CHECKING:
    from sezatlas.chains.recipe import Recipe

chains_app = typer.Typer(
    cls=CommandGroup,
    help="Cooperation chains: input recipes of products (US 2017 proxy) and relatedness.",
    no_args_is_help=True,
)
console = Console()
RECIPE_FILES = (".csv", ".json")


def _recipe_table(recipe: "Recipe") -> Table:
    """The inputs, largest first by the measure asked for, then those that reach no ISIC class."""
    made_of = ", ".join(f"{i.bea_code} {i.weight:.0%}" for i in recipe.made_of)
    title = f"{recipe.code} {recipe.title}: inputs per US dollar of output, by {recipe.ranked_by}"
    table = Table("code", "input", figures("direct $/$"), figures("total $/$"), title=title,
                  caption=f"{recipe.label}.\nMade of BEA industries {made_of}.")  # fmt: skip
    for item in recipe.inputs:
        table.add_row(item.code, item.title, f"{item.direct_per_usd:.4f}", f"{item.total_per_usd:.4f}")
    for item in recipe.unbridged_inputs:
        table.add_row(f"BEA {item.code}", f"{item.title} (no ISIC class)", f"{item.direct_per_usd:.4f}",
                      f"{item.total_per_usd:.4f}")  # fmt: skip
    return table


@chains_app.command("recipe")
def recipe(
    code: Annotated[
        str, typer.Argument(help="An ISIC Rev.4 class (2720) or HS 2022 code (850760, HS:8507).")
    ],
    total: Annotated[
        bool, typer.Option("--total", help="Rank by total (direct and indirect) inputs.")
    ] = False,
    top: Annotated[int, typer.Option(min=1, max=500, help="How many ISIC inputs.")] = 15,
    output: Annotated[Path | None, output_option(*RECIPE_FILES)] = None,
) -> None:
    """What a dollar of a product's output needs, by ISIC class: US 2017 coefficients, a proxy."""
    from sezatlas.chains.recipe import input_recipe
    from sezatlas.chains.recipe_export import recipe_as_dict, recipe_csv

    checked_output(output, *RECIPE_FILES)
    answer = input_recipe(code, total=total, top=top)
    if output is None:
        console.print(uncut(_recipe_table(answer)))
        return
    is_csv = output.suffix.lower() == ".csv"
    text = (
        recipe_csv(answer)
        if is_csv
        else json.dumps(recipe_as_dict(answer), indent=2, ensure_ascii=False) + "\n"
    )
    make_folder_for(output)
    output.write_text(text, encoding="utf-8")
    console.print(f"Wrote the recipe of {answer.code} to {output} ({answer.label})", highlight=False)


def _number(value: float | None, digits: int = 3) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


@chains_app.command("near")
def near(
    code: Annotated[str, typer.Argument(help="An HS heading (8507) or subheading (850760).")],
    top: Annotated[int, typer.Option(min=1, max=100, help="At most this many products.")] = 10,
) -> None:
    """The products nearest to one in the Growth Lab's HS92 product space, with their PCI."""
    from sezatlas.chains.product_space import near_products

    answer = near_products(code, top)
    asked = answer.product
    title = f"Near HS92 {asked.hs92_code} {asked.short_title} (PCI {asked.pci:.3f}, {asked.cluster})"
    table = Table(figures("HS92"), "product", figures("proximity"), figures("PCI"), "cluster", "vs HS 2022",
                  title=title)  # fmt: skip
    for item in answer.near:
        product = item.product
        table.add_row(product.hs92_code, product.short_title, _number(item.proximity), _number(product.pci),
                      product.cluster, product.hs_versions.value)  # fmt: skip
    console.print(uncut(table))
    linked = f"{answer.links_in_space} linked products; proximity —: linked, no weight published."
    notes = (answer.read_as_note, asked.hs_versions_note, linked)
    for line in (*(note for note in notes if note), answer.attribution):
        console.print(line, highlight=False)


@chains_app.command("country")
def country(
    iso3: Annotated[
        str, typer.Argument(help="ISO 3166 alpha-3 code of a BRICS member or partner, e.g. RUS.")
    ],
) -> None:
    """A country's ECI and growth projections (2012–2024) and strategic approach, by the Growth Lab."""
    from sezatlas.chains.product_space import country_outlook

    answer = country_outlook(iso3)
    table = Table(figures("year"), figures("ECI"), figures("growth projection"),
                  title=f"{answer.iso3} ({answer.brics_relation or 'no BRICS relation'})")  # fmt: skip
    for year in answer.years:
        table.add_row(str(year.year), _number(year.eci), _number(year.growth_projection, 2))
    console.print(uncut(table))
    ranked = {True: "in", False: "not in", None: "unknown whether in"}[answer.is_in_rankings]
    console.print(f"Strategic approach: {answer.strategic_approach or 'unknown'}; {ranked} the Growth Lab's "
                  f"rankings.\n{answer.attribution}", highlight=False)  # fmt: skip
