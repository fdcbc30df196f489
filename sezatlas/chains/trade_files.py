"""What the ICIO and BACI importers share: a streaming CSV reader with progress, and the validation report.

The files are large (an OECD ICIO year is about 1 GB, a BACI year about 10 million rows), so they are read
line by line, never whole; the reader reports the bytes read so the CLI can draw a progress bar. Every
problem names the file, the line (1 is the header) and the field, and the importer goes on reading to list
them all; one problem rejects the whole file and nothing is stored (`TradeFileRejectedError`).
"""

import csv
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

Progress = Callable[[int, int], None]  # (bytes read, file size)
MAX_LISTED = 200  # a report lists this many problems, then counts the rest
PROGRESS_EVERY = 2_000  # lines between two progress calls


@dataclass(frozen=True, slots=True)
class ImportProblem:
    file: str
    line: int  # 1 is the header; 0 when the problem is about the whole file
    field: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}, " if self.line else ""
        field = f"field {self.field}: " if self.field else ""
        return f"{self.file}: {where}{field}{self.message}"


class TradeFileRejectedError(ValueError):
    """The file has problems: none of it is stored. `problems` lists them (at most MAX_LISTED)."""

    def __init__(self, problems: list[ImportProblem], more: int = 0) -> None:
        self.problems, self.more = problems, more
        lines = [str(problem) for problem in problems]
        if more:
            lines.append(f"… and {more} more problems")
        super().__init__(f"{len(problems) + more} problem(s), nothing was stored:\n" + "\n".join(lines))


class ProblemList:
    """Collects problems, keeping the first MAX_LISTED and counting the others."""

    def __init__(self, file: str) -> None:
        self.file, self.listed, self.more = file, list[ImportProblem](), 0

    def add(self, line: int, field: str, message: str) -> None:
        if len(self.listed) < MAX_LISTED:
            self.listed.append(ImportProblem(self.file, line, field, message))
        else:
            self.more += 1

    def __bool__(self) -> bool:
        return bool(self.listed)

    def raise_if_any(self) -> None:
        if self.listed:
            self.reject()

    def reject(self) -> NoReturn:
        """Refuse the file with the problems found so far (at least one must have been added)."""
        raise TradeFileRejectedError(self.listed, self.more)


def csv_rows(path: Path, on_progress: Progress | None = None) -> Iterator[tuple[int, list[str]]]:
    """(line number, fields) of each line of a UTF-8 CSV, read as a stream; a BOM is dropped."""
    size = path.stat().st_size
    done = 0

    def lines() -> Iterator[str]:
        nonlocal done
        with path.open("rb") as f:
            for number, raw in enumerate(f, start=1):
                done += len(raw)
                if on_progress is not None and number % PROGRESS_EVERY == 0:
                    on_progress(done, size)
                yield raw.decode("utf-8-sig" if number == 1 else "utf-8", errors="replace")

    yield from enumerate(csv.reader(lines()), start=1)
    if on_progress is not None:
        on_progress(size, size)


def number(text: str) -> float | None:
    """A finite number, or None when the text is not one."""
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
