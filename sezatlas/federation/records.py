"""The plain records a source yields before and after mapping, shared by readers, mapping and harvest.

Readers know where a record sits in its source ("row 12 of zones.csv", "feature 3 of page 2") but not
what the standard calls its fields; the mapping knows the fields but not the file. Keeping the position
on the record lets every error name both, which is what an operator of a national platform needs to fix
the source (docs/federation.md, "Errors").
"""

from collections.abc import Mapping
from dataclasses import dataclass

FieldMapping = Mapping[str, str]
"""A source's field name → the standard's flat column (`sezatlas/standard/flat.py`).

Identity for SEZ Atlas nodes, whose records are already flat standard records.
"""


@dataclass(frozen=True, slots=True)
class SourceRecord:
    """One record as the source has it: its own field names and values, before mapping."""

    position: str
    values: Mapping[str, object]


@dataclass(frozen=True, slots=True)
class RecordError:
    """Why a record cannot be harvested; ``field`` is the source's field name, "" for the whole record."""

    position: str
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.position}, field {self.field}" if self.field else self.position
        return f"{where}: {self.message}"
