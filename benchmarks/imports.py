"""Import speed: the secretariat re-imports every bundled zone with one fact changed in each.

What it measures is the import path around the database — validating the file, merging each row into its
stored zone fact by fact, writing the changed zones with their versions (issue 16) — on a fresh SQLite
registry (and PostgreSQL when `--postgres-url` names a server). Prints seconds and zones per second for
a dry run and for the real import, the median of `--repeat` runs, with the bundled registry's size.

    python benchmarks/imports.py [--repeat 3] [--postgres-url postgresql+psycopg://…/db]

Measured 2026-12-03 on the 2-core box (load ≈ 2.5): the import of the 897 zones took 4.0 s before the
set-wise ISIC/document writes and the single flattening of each zone, 2.75 s after (versions included).
"""

import argparse
import csv
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import Engine

from sezatlas.registry.bootstrap import init_database
from sezatlas.registry.exporter import ExportFormat, export_registry
from sezatlas.registry.importer import import_file
from sezatlas.store.database import make_engine


def changed_file(engine: Engine, folder: Path, round_number: int) -> Path:
    """Every zone as exported, with `jobs_count` set to a value it cannot already hold."""
    exported = folder / "all.csv"
    export_registry(engine, exported, ExportFormat.CSV)
    with exported.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    for number, row in enumerate(rows):
        row["jobs_count"] = str(1_000_000 * (round_number + 1) + number)
    path = folder / f"changed-{round_number}.csv"
    with path.open("w", encoding="utf-8", newline="") as target:
        writer = csv.DictWriter(target, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def measure(label: str, engine: Engine, folder: Path, repeat: int) -> None:
    init_database(engine)
    dry, real = [], []
    zones = 0
    for round_number in range(repeat):
        path = changed_file(engine, folder, round_number)
        started = time.perf_counter()
        import_file(engine, path, dry_run=True)
        dry.append(time.perf_counter() - started)
        started = time.perf_counter()
        result = import_file(engine, path)
        real.append(time.perf_counter() - started)
        zones = result.updated
    for kind, seconds in (("dry run", dry), ("import", real)):
        median = statistics.median(seconds)
        print(f"{label:10} {kind:8} {zones:5} zones  {median:6.2f} s  {zones / median:7.0f} zones/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--postgres-url", help="also measure on this (empty) PostgreSQL database")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        measure("SQLite", make_engine(f"sqlite:///{folder}/imports.db"), Path(folder), arguments.repeat)
        if arguments.postgres_url:
            measure("PostgreSQL", make_engine(arguments.postgres_url), Path(folder), arguments.repeat)


if __name__ == "__main__":
    main()
