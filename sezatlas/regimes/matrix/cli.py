"""`sezatlas incentives matrix`: the harmonization matrix in the terminal, or as XLSX, PDF or JSON.

A thin adapter, registered on `incentives_app` by `regimes/cli.py`: it parses the filters, calls
`harmonization_matrix` once and prints the summary per dimension (with the cells when few dimensions are
asked for); `--output` writes the same workbook and PDF as the page (`web/pages/matrix_export.py`, in
`--lang`) or the API's JSON. Everything but typer and rich is imported when the command runs.
"""

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

from sezatlas.cli_support import USAGE, CommandError, checked_output, make_folder_for, output_option, uncut

if TYPE_CHECKING:
    from sezatlas.regimes.matrix.table import HarmonizationMatrix

MATRIX_FILES = (".xlsx", ".pdf", ".json")
CELLS_UP_TO = 4  # dimensions: more do not fit a terminal, the summary and a file show them
console = Console(width=200)


def _print_summary(matrix: "HarmonizationMatrix") -> None:
    from sezatlas.regimes.matrix.divergence import VERDICT_TITLES

    table = Table(
        "dimension", "verdict", "codes (regimes)", "unknown", "framework", title="Across the regimes shown"
    )
    for summary in matrix.summaries:
        dimension = summary.dimension
        counts = "; ".join(f"{dimension.code(code).label}: {n}" for code, n in summary.counts.items())
        table.add_row(dimension.key, VERDICT_TITLES[summary.verdict], counts, str(summary.unknown),
                      dimension.framework)  # fmt: skip
    console.print(uncut(table))


def _print_cells(matrix: "HarmonizationMatrix") -> None:
    table = Table("regime", *(d.key for d in matrix.dimensions), title="Cells (source and date: --output)")
    for row in matrix.rows:
        cells = [f"{cell.code}\n{cell.text}" if cell.is_known else "unknown" for cell in row.cells]
        table.add_row(row.regime.regime_id, *cells)
    console.print(uncut(table))


def _write(matrix: "HarmonizationMatrix", path: Path, lang: str) -> None:
    from sezatlas.regimes.matrix.table import matrix_as_dict
    from sezatlas.web.i18n import translations
    from sezatlas.web.pages.matrix_export import matrix_pdf, matrix_xlsx
    from sezatlas.web.pages.matrix_view import matrix_view
    from sezatlas.web.pages.rendering import PageRenderer

    make_folder_for(path)
    suffix = path.suffix.lower()
    if suffix == ".json":
        path.write_text(json.dumps(matrix_as_dict(matrix), indent=2, ensure_ascii=False), encoding="utf-8")
    elif suffix == ".xlsx":
        path.write_bytes(matrix_xlsx(matrix_view(matrix, lang), translations(lang).gettext))
    else:
        path.write_bytes(matrix_pdf(matrix_view(matrix, lang), PageRenderer.load().environments[lang], lang))
    console.print(f"Wrote the matrix to {path}", highlight=False)


def matrix_command(
    country: Annotated[
        str | None,
        typer.Option("--country", "-c", help="Comma-separated ISO3 codes, e.g. RUS,IND; default: all."),
    ] = None,
    dimension: Annotated[
        str | None,
        typer.Option("--dimension", "-d", help="Comma-separated dimensions, e.g. customs,vat; default: all."),
    ] = None,
    output: Annotated[Path | None, output_option(*MATRIX_FILES)] = None,
    lang: Annotated[
        str, typer.Option("--lang", help="Language of an XLSX or PDF: en, ru, zh, pt, ar.")
    ] = "en",
) -> None:
    """The regimes side by side, dimension by dimension: a code and a source per cell, and a summary."""
    from sezatlas.regimes.matrix.actions import harmonization_matrix
    from sezatlas.web.i18n import LANGUAGES

    checked_output(output, *MATRIX_FILES)
    if lang not in LANGUAGES:
        raise CommandError(f"--lang {lang}: one of {', '.join(LANGUAGES)}", code=USAGE)
    matrix = harmonization_matrix([country or ""], [dimension or ""])
    if len(matrix.dimensions) <= CELLS_UP_TO:
        _print_cells(matrix)
    _print_summary(matrix)
    console.print(f"Regimes shown: {len(matrix.rows)}. Unknown cells: {matrix.unknown_count} of "
                  f"{matrix.cell_count}.", highlight=False)  # fmt: skip
    if output is not None:
        _write(matrix, output, lang)
