"""`sezatlas incentives scenario`: one model regime applied to every member's zones (`scenarios.py`).

Registered on `incentives_app` when imported (`sezatlas/cli.py` imports it).
"""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table

from sezatlas.cli_support import (
    USAGE,
    CommandError,
    DatabaseOption,
    checked_output,
    figures,
    make_folder_for,
    open_engine,
    output_option,
    uncut,
    working,
)
from sezatlas.regimes.cli import console, incentives_app, read_project

if TYPE_CHECKING:
    from sezatlas.regimes.designer import RegimeDocument
    from sezatlas.regimes.scenarios import Scenario

SCENARIO_FILES = (".json", ".xlsx")


def _model(regime_id: str | None, regime_file: Path | None) -> "RegimeDocument":
    from sezatlas.regimes.designer import RegimeDocument, read_regime_file
    from sezatlas.regimes.loader import bundled_records

    if (regime_id is None) == (regime_file is None):
        raise CommandError("name the model regime: --model REGIME_ID or --model-file FILE", code=USAGE)
    if regime_file is not None:
        return read_regime_file(regime_file)
    assert regime_id is not None
    records = bundled_records()
    if regime_id not in records:
        raise CommandError(
            f"--model: unknown regime_id {regime_id!r} (see 'sezatlas incentives list')", code=USAGE
        )
    return RegimeDocument(regime_id, records[regime_id])


def _money(value: float | None) -> str:
    return "" if value is None else f"{value / 1e6:,.1f}m"


def _whole(value: float | None) -> str:
    return "" if value is None else f"{value:,.0f}"


def _share(value: float | None, signed: bool = False) -> str:
    if value is None:
        return ""
    return f"{value * 100:+.1f} pp" if signed else f"{value:.1%}"


def print_scenario(scenario: "Scenario") -> None:
    from sezatlas.regimes.scenarios import scenario_rows

    table = Table(
        "country", "project", "zones (valued)", figures("NPV today"), figures("NPV model"), figures("change"),
        figures("AETR today"), figures("AETR model"), figures("METR today"), figures("METR model"),
        figures("cost/job today"), figures("cost/job model"),
        title=f"Common approach: {scenario.model_name} in every country's zones",
    )  # fmt: skip
    for row in scenario_rows(scenario):
        table.add_row(
            row["country_iso3"], f"{row['project']} ({row['currency']})",
            f"{row['zones']} ({row['zones_valued']})", _money(row["npv_of_incentives_today"]),
            _money(row["npv_of_incentives_model"]), _money(row["npv_change"]), _share(row["aetr_today"]),
            _share(row["aetr_model"]), _share(row["metr_today"]), _share(row["metr_model"]),
            _whole(row["cost_per_job_today"]), _whole(row["cost_per_job_model"]),
        )  # fmt: skip
    console.print(uncut(table))
    console.print(scenario.method, highlight=False)
    for row in scenario_rows(scenario):
        if row["not_valued"]:
            console.print(
                f"{row['country_iso3']}, {row['project']}: not valued: {row['not_valued']}", highlight=False
            )
    for note in scenario.notes:
        console.print(note, highlight=False)


def write_scenario(path: Path, scenario: "Scenario") -> None:
    from sezatlas.regimes.scenarios import scenario_as_dict, scenario_xlsx

    make_folder_for(path)
    if path.suffix.lower() == ".json":
        text = json.dumps(scenario_as_dict(scenario), indent=2, ensure_ascii=False)
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(scenario_xlsx(scenario))


@incentives_app.command("scenario")
def scenario_command(
    projects: Annotated[
        list[Path],
        typer.Option(
            "--project",
            "-p",
            exists=True,
            dir_okay=False,
            help="A reference project JSON (docs/examples/incentives/); repeat for several.",
        ),
    ],
    model: Annotated[
        str | None,
        typer.Option("--model", help="A bundled regime_id as the model, e.g. IDN-kek-tax-allowance."),
    ] = None,
    model_file: Annotated[
        Path | None,
        typer.Option(
            "--model-file", exists=True, dir_okay=False, help="A custom regime file (TOML or JSON)."
        ),
    ] = None,
    countries: Annotated[
        str | None, typer.Option("--countries", help="Comma-separated ISO3 codes (default: every member).")
    ] = None,
    output: Annotated[Path | None, output_option(*SCENARIO_FILES)] = None,
    database: DatabaseOption = None,
) -> None:
    """One model regime in every member's zones: per country, the change in NPV of incentives, AETR, METR
    and the fiscal cost per job, against the zones' regimes today."""
    from sezatlas.regimes.actions import common_approach
    from sezatlas.regimes.errors import IncentiveInputError
    from sezatlas.store.database import session_factory

    checked_output(output, *SCENARIO_FILES)
    document = _model(model, model_file)
    chosen = [code.strip().upper() for code in (countries or "").split(",") if code.strip()]
    read = [read_project(path) for path in projects]
    engine = open_engine(database)
    try:
        with (
            working("Valuing today's regimes and the model in each country"),
            session_factory(engine)() as session,
        ):
            scenario = common_approach(session, document, read, countries=chosen)
    except IncentiveInputError as error:
        raise CommandError(str(error)) from None
    finally:
        engine.dispose()
    print_scenario(scenario)
    if output is not None:
        write_scenario(output, scenario)
        console.print(f"Wrote the scenario to {output}", highlight=False)
