"""Small import files for the import tests, made from real bundled zones (never invented ones)."""

import csv
from pathlib import Path

from sezatlas.registry.bundled import load_bundled_registry
from sezatlas.standard.flat import flat_column_names, zone_to_flat
from sezatlas.standard.zone import Zone

FlatRow = dict[str, str]


def sample_zones(count: int = 5) -> list[Zone]:
    """The first zones of the bundled registry (curated flagship zones): complete, sourced records."""
    return load_bundled_registry().zones[:count]


def flat_rows(zones: list[Zone]) -> list[FlatRow]:
    """Rows as a spreadsheet user sees them: every cell text, blanks for unknown facts."""
    return [{k: "" if v is None else str(v) for k, v in zone_to_flat(zone).items()} for zone in zones]


def write_csv(path: Path, rows: list[FlatRow], header: list[str] | None = None) -> Path:
    columns = header or list(flat_column_names())
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return path
