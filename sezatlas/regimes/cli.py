"""`sezatlas incentives`: compare regimes for a project, print one regime's taxes by year, synthetic ETRs.

A thin adapter: it reads the project JSON (`contract.ProjectInput`), asks `comparison` and
`synthetic.report` for the numbers and prints them with rich. Regimes with low-confidence or UNVERIFIED
facts carry a † in every table, and a footnote lists those facts, so no number looks firmer than its
sources.
"""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from sezatlas.cli_support import (
    USAGE,
    CommandError,
    CommandGroup,
    checked_output,
    column_blocks,
    figures,
    invalid_file,
    make_folder_for,
    output_option,
    uncut,
    working,
)
from sezatlas.regimes.matrix.cli import matrix_command
from sezatlas.standard.plurals import counted

if TYPE_CHECKING:  # the engine (numpy, scipy, pydantic models) loads only when a command runs
    from sezatlas.regimes.comparison import RegimeOutcome
    from sezatlas.regimes.designer import RegimeDocument
    from sezatlas.regimes.evaluate import RegimeEvaluation
    from sezatlas.regimes.project import Project
    from sezatlas.regimes.rules import Regime
    from sezatlas.regimes.synthetic.regime_rates import AssetAssumption
    from sezatlas.regimes.synthetic.report import SyntheticRow

incentives_app = typer.Typer(
    cls=CommandGroup, help="Tax incentives of zone regimes, on one basis.", no_args_is_help=True
)
incentives_app.command("matrix")(matrix_command)  # regimes/matrix/cli.py
console = Console(width=200)
DOUBT = "†"
COMPARISON_FILES = (".json", ".xlsx")
SYNTHETIC_FILES = (".json",)

RegimesOption = Annotated[
    str | None,
    typer.Option("--regimes", "-r", help="Comma-separated regime_ids, e.g. RUS-tor,RUS-sez-industrial."),
]
CountryOption = Annotated[
    str | None, typer.Option("--country", "-c", help="Every regime of one country (ISO3).")
]
AllOption = Annotated[bool, typer.Option("--all", help="Every encoded regime.")]
RegimeFilesOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--regime-file", exists=True, dir_okay=False,
        help="A custom regime, TOML or JSON in the format of the bundled files (docs/incentives.md, "
        "\"Designing a regime\"); repeat for several. Alone, only the custom regimes are computed.",
    ),
]  # fmt: skip
CUSTOM = " (custom)"


def read_project(path: Path) -> "Project":
    """The project file as the engine's input; any problem names the file and the field to fix."""
    from pydantic import ValidationError

    from sezatlas.regimes.contract import ProjectInput
    from sezatlas.regimes.errors import IncentiveInputError

    try:
        return ProjectInput.model_validate_json(path.read_bytes()).to_project()
    except ValidationError as error:
        raise invalid_file(path, error) from None
    except IncentiveInputError as error:
        raise CommandError(f"{path.name}: {error}") from None


def _regime_ids(
    regimes: "dict[str, Regime]",
    ids: str | None,
    country: str | None,
    everything: bool,
    has_custom: bool = False,
) -> list[str]:
    """The bundled regimes asked for; none when only custom regimes are (`--regime-file` alone)."""
    from sezatlas.regimes.comparison import resolve_regime_ids

    if has_custom and not (ids or country or everything):
        return []
    return resolve_regime_ids(regimes, (ids or "").split(","), country, everything)  # unknown id: usage


def read_regime_files(paths: list[Path] | None) -> "list[RegimeDocument]":
    """The `--regime-file` documents, read (a file that is not TOML or JSON names itself); the comparison
    checks them."""
    from sezatlas.regimes.designer import read_regime_file

    return [read_regime_file(path) for path in paths or []]


def _money(value: float | None) -> str:
    return "" if value is None else f"{value:,.1f}"


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"


def _label(regime: "Regime", is_doubtful: bool, is_custom: bool = False) -> str:
    return regime.regime_id + (CUSTOM if is_custom else "") + (f" {DOUBT}" if is_doubtful else "")


def _comparison_row(outcome: "RegimeOutcome") -> list[str]:
    label = _label(outcome.regime, outcome.is_doubtful, outcome.is_custom)
    against = outcome.regime.counterfactual_id or "(itself)"
    result = outcome.comparison
    if result is None:
        return [label, against, "", "", "", "", "", "", f"[red]error:[/] {outcome.error}"]
    zone = result.zone
    if not zone.is_eligible:
        return [label, against, "", "", "", "", "", "", "not eligible because " + "; ".join(zone.reasons)]
    parts = "\n".join(f"{name} {value:,.1f}" for name, value in result.by_instrument.items())
    return [
        label, against, _money(result.npv_of_incentives), parts, _money(zone.pv_taxes),
        _money(result.standard.pv_taxes), _share(zone.aetr), _share(zone.metr), "eligible",
    ]  # fmt: skip


def print_comparison(project: "Project", outcomes: "list[RegimeOutcome]") -> None:
    by_instrument = figures("by instrument (Shapley)", justify="left")
    table = Table(
        "regime", "compared with", figures("NPV of incentives"), by_instrument, figures("PV taxes"),
        figures("PV taxes (standard)"), figures("AETR"), figures("METR"), "eligibility",
        title=f"{project.name}: amounts in {project.currency}, "
        f"PV at {project.nominal_discount_rate:.1%} nominal",
    )  # fmt: skip
    for outcome in outcomes:
        table.add_row(*_comparison_row(outcome))
    console.print(uncut(table))
    print_doubts([(o.regime, o.doubtful) for o in outcomes if o.is_doubtful])


def print_doubts(doubtful: "list[tuple[Regime, tuple[str, ...]]]") -> None:
    """The footnote of the † marker: which facts of which regime are low-confidence or UNVERIFIED."""
    if not doubtful:
        return
    console.print(f"{DOUBT} low-confidence or UNVERIFIED facts; treat these results as indicative:")
    for regime, facts in doubtful:
        level = regime.provenance.confidence.value if regime.provenance.confidence else "unstated"
        console.print(f"  {regime.regime_id} (regime confidence {level}): " + "; ".join(facts or ("—",)))


def print_schedule(evaluation: "RegimeEvaluation", currency: str) -> None:
    """Years across, one row per tax: the table of docs/incentives.md for any regime."""
    schedule = evaluation.schedule
    if schedule is None:
        console.print(f"{evaluation.regime_id}: not eligible because " + "; ".join(evaluation.reasons))
        return
    rows = [
        ("CIT rate", [f"{r:.4g}" for r in schedule.cit_rate]),
        ("taxable income before losses", [_money(v) for v in schedule.taxable_income]),
        *((name, [_money(v) for v in values]) for name, values in schedule.taxes.items()),
        ("total", [_money(v) for v in schedule.total_by_year]),
    ]
    years = [str(y) for y in schedule.calendar_years]
    widths = [max(len(years[i]), *(len(cells[i]) for _, cells in rows)) for i in range(len(years))]
    label_width = max(len(label) for label, _ in rows)
    blocks = column_blocks(label_width, widths, console.width)  # years across: as many tables as needed
    for block in blocks:
        span = f", {years[block[0]]}–{years[block[-1]]}" if len(blocks) > 1 else ""
        table = Table(figures("year", justify="left"), *(figures(years[i]) for i in block),
                      title=f"{evaluation.regime_id}: taxes by year ({currency}){span}")  # fmt: skip
        for label, cells in rows:
            table.add_row(label, *(cells[i] for i in block))
        console.print(uncut(table))
    for note in schedule.notes:
        console.print(f"• {note}")


def _write(path: Path, project: "Project", outcomes: "list[RegimeOutcome]") -> None:
    from sezatlas.regimes.comparison import outcome_as_dict
    from sezatlas.regimes.workbook import write_comparison_xlsx

    make_folder_for(path)
    if path.suffix.lower() == ".xlsx":
        write_comparison_xlsx(project.name, project.currency, outcomes, path)
    else:
        payload = {"project": project.name, "currency": project.currency,
                   "regimes": [outcome_as_dict(o) for o in outcomes]}  # fmt: skip
        path.write_text(json.dumps(payload, indent=2, ensure_ascii=False), encoding="utf-8")
    console.print(f"Wrote the comparison to {path}")


@incentives_app.command("list")
def list_regimes() -> None:
    """Every encoded regime with its country, standard regime, confidence and validity."""
    from sezatlas.regimes.loader import load_regimes

    regimes = load_regimes()
    table = Table(
        figures("regime", justify="left"), "country", "compared with", "confidence", "as of", "valid", "name"
    )
    for regime in regimes.values():
        valid = f"{regime.valid_from or '…'} to {regime.valid_until or '…'}"
        confidence = regime.provenance.confidence
        table.add_row(
            regime.regime_id, regime.country_iso3, regime.counterfactual_id or "(standard)",
            confidence.value if confidence else "", regime.provenance.as_of or "", valid, regime.name,
        )  # fmt: skip
    console.print(uncut(table))


@incentives_app.command("regime-file")
def regime_file_command(
    regime_id: Annotated[str, typer.Argument(help="A bundled regime, e.g. RUS-tor (`incentives list`).")],
) -> None:
    """Print a bundled regime's own TOML file: the start of a custom regime for --regime-file."""
    from sezatlas.regimes.designer import bundled_regime_toml

    typer.echo(bundled_regime_toml(regime_id), nl=False)  # plain: rich would read [cit] as markup


@incentives_app.command("compare")
def compare_command(
    project_file: Annotated[
        Path,
        typer.Option(
            "--project", "-p", exists=True, dir_okay=False, help="Project JSON (docs/examples/incentives/)."
        ),
    ],
    regimes_text: RegimesOption = None,
    country: CountryOption = None,
    everything: AllOption = False,
    regime_files: RegimeFilesOption = None,
    output: Annotated[Path | None, output_option(*COMPARISON_FILES)] = None,
    schedule: Annotated[
        str | None, typer.Option("--schedule", help="Print this regime's taxes by year.")
    ] = None,
    with_metr: Annotated[bool, typer.Option("--metr/--no-metr", help="Compute the project METR.")] = True,
) -> None:
    """Each regime against its country's standard regime: NPV of incentives, PV taxes, AETR, METR."""
    from sezatlas.regimes.actions import compare_incentives
    from sezatlas.regimes.comparison import compare_one
    from sezatlas.regimes.loader import load_regimes

    checked_output(output, *COMPARISON_FILES)
    project = read_project(project_file)
    regimes = load_regimes()
    custom = read_regime_files(regime_files)
    ids = _regime_ids(regimes, regimes_text, country, everything or False, bool(custom))
    known = {*regimes, *(document.record.get("regime_id") for document in custom)}
    if schedule is not None and schedule not in known:
        raise CommandError(f"--schedule: unknown regime_id {schedule!r}", code=USAGE)
    with working(f"Comparing {counted(len(ids) + len(custom), 'regime')}"):
        outcomes = compare_incentives(project, ids, custom=custom, with_metr=with_metr, regimes=regimes)
    print_comparison(project, outcomes)
    if schedule is not None:
        chosen = next((o for o in outcomes if o.regime.regime_id == schedule), None)
        chosen = chosen or compare_one(project, regimes[schedule], regimes, with_metr=False)
        if chosen.comparison is None:
            raise CommandError(f"{schedule}: {chosen.error}")
        print_schedule(chosen.comparison.zone, project.currency)
    if output is not None:
        _write(output, project, outcomes)
    else:
        console.print("Every regime's taxes by year: --output comparison.xlsx", highlight=False)


def _add_synthetic_rows(table: Table, row: "SyntheticRow") -> None:
    """One line per asset class, then the composite, so a regime reads down one block."""
    from sezatlas.regimes.confidence import is_regime_doubtful

    result = row.rates
    label = _label(row.regime, is_regime_doubtful(row.regime), row.is_custom)
    for asset, rates in result.by_asset.items():
        table.add_row(
            label, asset.value, _share(rates.cost_of_capital), _share(rates.emtr), _share(rates.eatr)
        )
        label = ""
    composite = (result.composite_cost_of_capital, result.composite_emtr, result.composite_eatr)
    table.add_row("", "composite", *(_share(v) for v in composite), end_section=True)


@incentives_app.command("synthetic")
def synthetic_command(
    regimes_text: RegimesOption = None,
    country: CountryOption = None,
    regime_files: RegimeFilesOption = None,
    real_rate: Annotated[float, typer.Option(min=0.0, max=0.5, help="Real discount rate r.")] = 0.05,
    inflation: Annotated[float, typer.Option(min=0.0, max=0.5, help="Inflation π.")] = 0.0,
    profitability: Annotated[
        float, typer.Option(min=0.01, max=1.0, help="Real pre-tax return p (EATR).")
    ] = 0.20,
    start_year: Annotated[int, typer.Option(min=1990, max=2100, help="Investment year.")] = 2026,
    assets: Annotated[
        list[str] | None,
        typer.Option(
            "--asset",
            metavar="CLASS=DELTA:WEIGHT",
            help="An asset class's economic depreciation and composite weight, e.g. machinery=0.15:1; "
            "repeat for each class to change (classes not named keep their defaults; weight 0 leaves one "
            "out of the composite).",
        ),
    ] = None,
    output: Annotated[Path | None, output_option(*SYNTHETIC_FILES)] = None,
) -> None:
    """Devereux–Griffith/Klemm cost of capital, EMTR and EATR per asset class and composite."""
    from sezatlas.regimes.actions import synthetic_rates
    from sezatlas.regimes.confidence import doubtful_facts, is_regime_doubtful
    from sezatlas.regimes.loader import load_regimes
    from sezatlas.regimes.synthetic.devereux_griffith import Economy
    from sezatlas.regimes.synthetic.regime_rates import SyntheticSetting
    from sezatlas.regimes.synthetic.report import assumptions_note, synthetic_as_dict

    checked_output(output, *SYNTHETIC_FILES)
    regimes = load_regimes()
    custom = read_regime_files(regime_files)
    everything = not regimes_text and not country and not custom
    ids = _regime_ids(regimes, regimes_text, country, everything, bool(custom))
    economy = Economy(real_rate, inflation, profitability)
    setting = SyntheticSetting(economy, start_year, assets=parse_assets(assets or []))
    rows = synthetic_rates(ids, setting, custom=custom, regimes=regimes)
    title = f"Synthetic effective tax rates (r={real_rate:g}, π={inflation:g}, p={profitability:g})"
    table = Table(
        "regime", "asset", figures("cost of capital"), figures("EMTR"), figures("EATR"), title=title
    )
    for row in rows:
        _add_synthetic_rows(table, row)
    console.print(uncut(table))
    console.print(assumptions_note(setting))
    print_doubts(
        [(row.regime, tuple(doubtful_facts(row.regime))) for row in rows if is_regime_doubtful(row.regime)]
    )
    if output is not None:
        make_folder_for(output)
        output.write_text(json.dumps([synthetic_as_dict(r) for r in rows], indent=2), encoding="utf-8")
        console.print(f"Wrote the synthetic rates to {output}")


def parse_assets(texts: list[str]) -> "tuple[AssetAssumption, ...]":
    """`--asset machinery=0.15:1` options as the asset mix (the defaults for classes not named)."""
    from sezatlas.regimes.rules import AssetClass
    from sezatlas.regimes.synthetic.regime_rates import asset_mix

    changes: dict[AssetClass, tuple[float, float]] = {}
    for text in texts:
        name, _, numbers = text.partition("=")
        delta, _, weight = numbers.partition(":")
        try:
            kind = AssetClass(name.strip())
            if kind in changes:
                raise ValueError("named twice")
            changes[kind] = (float(delta), float(weight or 1))
        except ValueError:
            classes = ", ".join(a.value for a in AssetClass)
            message = (
                f"--asset {text!r}: write CLASS=DELTA:WEIGHT, e.g. machinery=0.15:1 (classes: {classes})"
            )
            raise CommandError(message, code=USAGE) from None
    return asset_mix(changes)
