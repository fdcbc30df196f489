"""`sezatlas report country RUS` and `sezatlas report association`: the secretariat's reports as a PDF and
an XLSX annex, in any language of the web app.

A thin adapter, registered as the `report` sub-app by `sezatlas/cli.py`: it parses the options, calls one
use case (`reports/actions.py`; the command line acts as the secretariat) and writes the documents the
secretariat page writes (`web/pages/report_export.py`). Heavy imports wait until a command runs.
"""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from sezatlas.cli_support import (
    USAGE,
    CommandError,
    CommandGroup,
    DatabaseOption,
    checked_output,
    make_folder_for,
)

if TYPE_CHECKING:
    from sezatlas.reports.model import Report

REPORT_FILES = (".pdf", ".xlsx")
report_app = typer.Typer(
    cls=CommandGroup,
    help="The secretariat's reports: PDF and XLSX annex, as of a date.",
    no_args_is_help=True,
)
console = Console()

LangOption = Annotated[str, typer.Option("--lang", help="Language of the documents: en, ru, zh, pt, ar.")]
AsOfOption = Annotated[
    str,
    typer.Option("--as-of", help="The registry as it stood then: YYYY-MM-DD (end of day, UTC) or a time."),
]
FxOption = Annotated[
    str,
    typer.Option(
        "--fx", help="Exchange rates for the reference projects, USD per unit: RUB=0.011,INR=0.012."
    ),
]
OutputOption = Annotated[
    Path, typer.Option("--output", "-o", help="Write .pdf (the report) or .xlsx (the annex).")
]
AnnexOption = Annotated[Path | None, typer.Option("--annex", help="Also write the XLSX annex to this file.")]


def _write(report: "Report", lang: str, output: Path, annex: Path | None) -> None:
    from sezatlas.web.i18n import translations
    from sezatlas.web.pages.rendering import PageRenderer
    from sezatlas.web.pages.report_export import report_pdf, report_xlsx
    from sezatlas.web.pages.report_view import report_view

    view = report_view(report, lang)
    for path in (output, annex):
        if path is None:
            continue
        make_folder_for(path)
        if path.suffix.lower() == ".xlsx":
            path.write_bytes(report_xlsx(view, translations(lang).gettext))
        else:
            path.write_bytes(report_pdf(view, PageRenderer.load().environments[lang], lang))
        console.print(f"Wrote {path}", highlight=False)


def _checked(lang: str, output: Path, annex: Path | None) -> None:
    from sezatlas.web.i18n import LANGUAGES

    if lang not in LANGUAGES:
        raise CommandError(f"--lang {lang}: one of {', '.join(LANGUAGES)}", code=USAGE)
    checked_output(output, *REPORT_FILES)
    checked_output(annex, ".xlsx", option="--annex")


def _make(kind: str, country: str, lang: str, as_of: str, fx: str, output: Path, annex: Path | None,
          database_url: str | None) -> None:  # fmt: skip
    from sezatlas.accounts.roles import Actor
    from sezatlas.cli_support import open_engine, working
    from sezatlas.reports.actions import association_report, country_report
    from sezatlas.reports.assemble import exchange_rates
    from sezatlas.stewardship.versions import moment_of
    from sezatlas.store.database import transaction

    _checked(lang, output, annex)
    moment, rates, actor = moment_of(as_of) if as_of else None, exchange_rates(fx), Actor.command_line()
    with transaction(open_engine(database_url)) as session, working("Gathering the report's figures"):
        report = (association_report(session, actor, moment, rates) if kind == "association"
                  else country_report(session, actor, country, moment, rates))  # fmt: skip
    with working("Writing the documents"):
        _write(report, lang, output, annex)


@report_app.command("country")
def country_command(
    country: Annotated[str, typer.Argument(help="ISO 3166-1 alpha-3 code, e.g. RUS.")],
    output: OutputOption,
    lang: LangOption = "en",
    as_of: AsOfOption = "",
    fx: FxOption = "",
    annex: AnnexOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """One country: coverage, zones by type and status, regimes and their matrix row, incentives for the
    reference projects, inquiries and Congress, and every source."""
    _make("country", country, lang, as_of, fx, output, annex, database_url)


@report_app.command("association")
def association_command(
    output: OutputOption,
    lang: LangOption = "en",
    as_of: AsOfOption = "",
    fx: FxOption = "",
    annex: AnnexOption = None,
    database_url: DatabaseOption = None,
) -> None:
    """Every country with zones or an encoded regime, each as in its country report, and the totals."""
    _make("association", "", lang, as_of, fx, output, annex, database_url)
