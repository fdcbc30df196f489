"""The sector keyword rules: English sector wording ("car components", "IT") mapped to ISIC Rev.4 codes.

Our own derived table, `sezatlas/data/codes/sector_isic_keywords.csv` (see `sezatlas/data/SOURCES.md`),
read once and cached. Two readers share it: the registry turns the sector lists of the source files into
a zone's ISIC codes (`sezatlas/registry/harmonize.py`), and the Congress reads the same wording in a
participant's free text (`sezatlas/congress/matching/text.py`).
"""

import csv
import re
from dataclasses import dataclass
from functools import cache

from sezatlas.standard.codelists import data_path


@dataclass(frozen=True, slots=True)
class SectorRule:
    """A pattern over lower-cased sector wording and the ISIC Rev.4 codes a match stands for."""

    pattern: re.Pattern[str]
    isic_codes: tuple[str, ...]


@cache
def sector_rules() -> tuple[SectorRule, ...]:
    """The keyword table, in file order (the order in which codes are found)."""
    with data_path("codes", "sector_isic_keywords.csv").open(encoding="utf-8") as f:
        return tuple(
            SectorRule(re.compile(row["pattern"]), tuple(row["isic_codes"].split(";")))
            for row in csv.DictReader(f)
        )
