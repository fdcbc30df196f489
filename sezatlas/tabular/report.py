"""The validation report of an import: every bad value of a file, named by file, row, field and reason.

A data team fixes a rejected file in a spreadsheet, so problems are located the way the spreadsheet shows
them (header = row 1; for JSON and GeoJSON the 1-based item number). An import goes ahead only when its
report is empty; otherwise it raises `ImportRejected` and writes nothing.
"""

from dataclasses import dataclass, field
from typing import Any

from sezatlas.standard.plurals import counted


@dataclass(frozen=True, slots=True)
class Problem:
    """One bad value: where it is and why it is refused."""

    file: str
    row: int | None
    field: str | None
    value: str | None
    reason: str

    def format(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field is not None:
            where.append(f"field {self.field}")
        return f"{', '.join(where)}: {self.reason}"


@dataclass(slots=True)
class ValidationReport:
    """Every problem found in one file; an import goes ahead only when it is empty."""

    file: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems

    def add(self, row: int | None, field_name: str | None, value: Any, reason: str) -> None:
        shown = None if value is None else str(value)
        self.problems.append(Problem(self.file, row, field_name, shown, reason))

    def format(self) -> str:
        """One line per problem, e.g. ``zones.csv, row 14, field latitude: 123.0 is outside -90..90``."""
        return "\n".join(problem.format() for problem in self.problems)


class ImportRejected(Exception):  # noqa: N818 -- the CLI and users know it by this name
    """The file has at least one bad value; nothing was written."""

    def __init__(self, report: ValidationReport) -> None:
        self.report = report
        problems = counted(len(report.problems), "problem")
        super().__init__(f"{report.file}: {problems}, nothing was written\n{report.format()}")
