"""What every `sezatlas` command group shares (`cli`, `regimes.cli`, `congress.cli`), so that one name
means one thing everywhere.

- Options spelled once: `DatabaseOption` (`--database-url`) and `output_option` (`--output`/`-o`).
- Opening the database, named for what it does: `open_engine` needs a database that already has the schema
  (read commands: they never create an empty database nor migrate behind the user's back);
  `open_engine_migrating` creates or migrates it first (`db init`, `db upgrade`, `import`, `serve`, the
  congress commands).
- Output files: `checked_output` refuses an unsupported extension before any work is done,
  `make_folder_for` creates a missing folder and says so.
- One error path: every group is a `CommandGroup`, which turns a user's mistake — a `CommandError`, or a
  domain error listed in `_domain_error_codes` — into one `error: …` line on stderr and exit code 2 (bad
  usage) or 1 (a failure). Anything else is a bug and keeps its traceback.
- Quiet, honest output: one summary line per command, details with `VerboseOption` (`-v`); `working`
  shows a spinner and the time on stderr during a step of a few seconds; tables go through `uncut`, so
  rich wraps text but never cuts a figure ("-8,014,0…" reads as another number), and `column_blocks`
  splits a table too wide for the terminal (years across) into several that fit.
"""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import typer
from rich.cells import cell_len
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Column, Table
from rich.text import Text
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from typer.core import TyperGroup

from sezatlas.settings import Settings, default_database_url, get_settings
from sezatlas.store.database import DATABASE_UNAVAILABLE_ERRORS, has_schema, make_engine, upgrade

if TYPE_CHECKING:
    from pydantic import ValidationError

FAILURE = 1
USAGE = 2

DatabaseOption = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        envvar="SEZATLAS_DATABASE_URL",
        help="SQLAlchemy URL.",
        show_default=default_database_url(),
    ),
]
VerboseOption = Annotated[
    bool, typer.Option("--verbose", "-v", help="Print the details too, not only the summary line.")
]
COLUMN_PADDING = 3  # rich's default: a space each side and one border


class CommandError(Exception):
    """A problem the user can fix from the command line; `code` is 2 for bad usage, 1 for a failure."""

    def __init__(self, message: str, code: int = FAILURE) -> None:
        super().__init__(message)
        self.code = code


class DatabaseNotReadyError(CommandError):
    """No database at the URL, or one without the registry's schema, or one that cannot be reached."""


def setting_default(name: str) -> Any:
    """A setting's default as `Settings` declares it, so `--help` shows the real default (e.g. port 8000)."""
    return Settings.model_fields[name].default


def output_option(*suffixes: str) -> Any:
    """`--output`/`-o`, the one spelling of "write the result to this file"; the help names the extensions."""
    return typer.Option("--output", "-o", help=f"Write {_one_of(suffixes)}.")


def checked_output(path: Path | None, *suffixes: str, option: str = "--output") -> Path | None:
    """`path` when its extension is one of `suffixes`; refused before any work is done otherwise."""
    if path is not None and path.suffix.lower() not in suffixes:
        raise CommandError(f"{option} {path}: write {_one_of(suffixes)}", code=USAGE)
    return path


def make_folder_for(path: Path) -> None:
    """Create the missing folder of an output file, and say so (a mistyped folder name shows at once)."""
    folder = path.parent
    if not folder.exists():
        folder.mkdir(parents=True)
        typer.echo(f"Created the folder {folder}", err=True)


def invalid_file(path: Path, error: "ValidationError") -> CommandError:
    """A file that does not validate, one line per bad field: `project.json, field capex.0.amount: …`."""
    lines = []
    for problem in error.errors():
        where = ".".join(str(part) for part in problem["loc"]) or "(file)"
        lines.append(f"{path.name}, field {where}: {problem['msg']}")
    return CommandError("\n".join(lines))


def _one_of(suffixes: Sequence[str]) -> str:
    return suffixes[0] if len(suffixes) == 1 else f"{', '.join(suffixes[:-1])} or {suffixes[-1]}"


def open_engine(database_url: str | None) -> Engine:
    """The engine of a database that already holds the registry's schema; refused in one line otherwise."""
    url = database_url or get_settings().database_url
    not_ready = DatabaseNotReadyError(
        f"the database at {_shown(url)} has no registry yet; run 'sezatlas db init'"
    )
    if _is_missing_sqlite_file(url):  # checked first: connecting would leave an empty file behind
        raise not_ready
    engine = _make_engine(url)
    try:
        is_ready = has_schema(engine)
    except OperationalError as error:
        raise _unreachable(url, error) from None
    if not is_ready:
        raise not_ready
    return engine


def open_engine_migrating(database_url: str | None) -> Engine:
    """The engine of the database at the URL, created if need be and migrated to the newest schema."""
    url = database_url or get_settings().database_url
    engine = _make_engine(url)
    try:
        with engine.connect():
            pass
    except OperationalError as error:
        raise _unreachable(url, error) from None
    upgrade(engine)
    return engine


def _make_engine(url: str) -> Engine:
    try:
        return make_engine(url)
    except ArgumentError as error:  # not a URL, or a dialect SQLAlchemy does not know
        raise CommandError(f"--database-url {_shown(url)}: {error}", code=USAGE) from None


def _shown(url: str) -> str:
    """The URL without its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return repr(url)


def _is_missing_sqlite_file(url: str) -> bool:
    try:
        parsed = make_url(url)
    except ArgumentError:
        return False
    file = parsed.database
    if parsed.get_backend_name() != "sqlite" or not file or file == ":memory:":
        return False
    return not Path(file).exists()


def _unreachable(url: str, error: OperationalError) -> DatabaseNotReadyError:
    reason = str(error.orig or error).strip().splitlines()[0]
    return DatabaseNotReadyError(f"cannot open the database at {_shown(url)}: {reason}")


def exit_code_for(error: Exception) -> int | None:
    """The exit code of a user error (the most specific class listed wins), None for a bug."""
    if isinstance(error, CommandError):
        return error.code
    if isinstance(error, DATABASE_UNAVAILABLE_ERRORS):
        return FAILURE
    if isinstance(error, typer.Exit | typer.Abort | typer.TyperException):  # typer reports these itself
        return None
    from sezatlas.errors import refusal_of  # the domain packages load only once a command has failed

    refusal = refusal_of(error)
    return refusal.exit_code if refusal is not None else None


class CommandGroup(TyperGroup):
    """A command group whose commands report a user error as `error: …` on stderr and an exit code."""

    def invoke(self, ctx: Any) -> Any:  # Any: typer's own click Context type is private (`typer._click`)
        try:
            return super().invoke(ctx)
        except Exception as error:  # which errors are the user's is decided in one table; others re-raise
            code = exit_code_for(error)
            if code is None:
                raise
            typer.echo(f"error: {message_for(error)}", err=True)
            raise typer.Exit(code) from None


def message_for(error: Exception) -> str:
    """One line for the terminal. A lost database is named by its driver's first line only: SQLAlchemy's
    own text carries the statement and its parameters, which may hold the rows being written."""
    if isinstance(error, DATABASE_UNAVAILABLE_ERRORS):
        cause = getattr(error, "orig", None) or error
        first = (str(cause).strip().splitlines() or [type(cause).__name__])[0]
        return (
            f"the database became unavailable during the command ({first}); "
            "nothing after its last commit was saved, so the command can be run again"
        )
    return str(error)


@contextmanager
def working(description: str) -> Iterator[None]:
    """A spinner, `description` and the time spent, on stderr, while a step of a few seconds runs.

    Transient: gone when the step ends, and off when stderr is not a terminal (rich would leave an empty
    line in a log or a pipe).
    """
    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    err = Console(stderr=True)
    with Progress(*columns, console=err, transient=True, disable=not err.is_terminal) as progress:
        progress.add_task(description, total=None)
        yield


def figures(header: str, *, justify: Literal["left", "right"] = "right") -> Column:
    """A column of figures: never wrapped, and kept whole by `uncut`."""
    return Column(header, justify=justify, no_wrap=True)


def uncut(table: Table) -> Table:
    """The table set so that rich never cuts a cell: a `figures` column (no_wrap) is at least as wide as
    its widest cell, so a narrow terminal wraps the text columns instead, and a text column folds a word
    too long for it instead of ending it in "…"."""
    for column in table.columns:
        if column.no_wrap:
            cells = [column.header, *column.cells]
            column.min_width = max(_plain_width(cell) for cell in cells)
        else:
            column.overflow = "fold"
    return table


def _plain_width(cell: object) -> int:
    text = cell.plain if isinstance(cell, Text) else Text.from_markup(str(cell)).plain
    return max((cell_len(line) for line in text.splitlines()), default=0)


def column_blocks(first_width: int, widths: Sequence[int], room: int) -> list[range]:
    """Consecutive runs of columns that fit in `room` characters beside a first column repeated in each
    block (a table with years across printed as several tables, not one the terminal cuts)."""
    blocks: list[range] = []
    start, used = 0, first_width + COLUMN_PADDING + 1
    for index, width in enumerate(widths):
        if index > start and used + width + COLUMN_PADDING > room:
            blocks.append(range(start, index))
            start, used = index, first_width + COLUMN_PADDING + 1
        used += width + COLUMN_PADDING
    blocks.append(range(start, len(widths)))
    return blocks
