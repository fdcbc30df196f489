"""Harvesting a national node at scale (issue 21, acceptance 3): zones per second, peak memory, and the
incremental run after 1 % of the node's zones changed.

1. A child process builds the node: the synthetic registry of `benchmarks/registry.py` (`--zones`,
   default 100,000, drawn from the bundled real data, seeded) loaded into a SQLite file. Building it in
   a child keeps its 100,000 Zone objects out of the harvesting process, whose memory is what is measured.
2. Another child serves the node with uvicorn on 127.0.0.1, as `sezatlas serve` would.
3. This process registers the node as a source (kind `sezatlas`) on a fresh association database and
   runs it through the real use case (`federation.actions.run_source`: HTTP, change feed, mapping, the
   import's validation, versions, the harvest layer), with a progress bar; prints zones/s and the peak
   memory of this process during the run, its anonymous memory apart from the file-backed pages of the
   mapped database (`MemoryPeaks`), and the peak resident memory (`resource.getrusage`, ru_maxrss).
4. A child changes 1 % of the node's zones (a secretariat import there: one fact each, versions kept),
   and the source runs again, incrementally through the node's change feed; prints that run's time and
   how much faster it is than the full one.

    python benchmarks/harvest.py [--zones 100000] [--quick] [--seed 7]

`--quick` (10,000 zones) is the smoke test.
"""

import argparse
import csv
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from registry import free_port, load, machine_load, serve, server, synthetic_registry
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import select

from sezatlas.accounts.organisations import NewOrganisation, OrganisationKind, add_organisation
from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.federation.actions import add_source, run_source
from sezatlas.federation.harvest import RunReport, RunStatus
from sezatlas.federation.sources import Source, SourceKind
from sezatlas.registry.importer import import_file
from sezatlas.standard.flat import zone_to_flat
from sezatlas.store.database import make_engine, session_factory, transaction, upgrade
from sezatlas.store.models import ZoneRow
from sezatlas.store.zones import stored_zones

SECRETARIAT = Actor(name="benchmark", grants=frozenset({Grant(Role.SECRETARIAT)}), is_command_line=True)
SOURCE = "synthetic-node"
CHANGED_SHARE = 0.01
UPSERT_SAMPLE = 10_000  # `registry.load`: upsert this many, bulk-insert the rest if upserting is slow


def build_node(path: Path, count: int, seed: int) -> None:
    """The `--build-node` child: the synthetic registry in a SQLite file."""
    zones, _real = synthetic_registry(count, seed)
    load(make_engine(f"sqlite:///{path}"), "SQLite", zones, UPSERT_SAMPLE)


def change_node(path: Path, share: float, folder: Path) -> int:
    """The `--change-node` child: the node's secretariat imports a file changing one fact of `share` of
    its zones (every hundredth zone for 1 %), so each gets a version the change feed will carry."""
    engine = make_engine(f"sqlite:///{path}")
    step = round(1 / share)
    with transaction(engine) as session:
        ids = list(session.scalars(select(ZoneRow.zone_id).order_by(ZoneRow.zone_id)))[::step]
        zones = stored_zones(session, ids)
    rows = []
    for number, zone_id in enumerate(ids):
        row = {
            key: "" if value is None else str(value) for key, value in zone_to_flat(zones[zone_id]).items()
        }
        row["jobs_count"] = str(1_000_000 + number)
        rows.append(row)
    changed = folder / "changed.csv"
    with changed.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return import_file(engine, changed).updated


def _child(*arguments: str) -> list[str]:
    return [sys.executable, __file__, *arguments]


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


class MemoryPeaks:
    """Peaks of this process's resident memory by kind, sampled every 0.1 s while a run goes on.

    Why not ru_maxrss alone: resident memory counts the pages of the association's SQLite file that the
    process has mapped (`PRAGMA mmap_size`, `store/database.py`) and read; those are the operating system's
    page cache, shared and dropped under pressure, and grow with the database, not with what the run holds.
    What the run holds is its anonymous memory (Python's heap, SQLite's page cache): `RssAnon` of
    /proc/self/status (Linux), reported apart from the file-backed `RssFile`."""

    def __init__(self) -> None:
        self.anon_mb = self.file_mb = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    @classmethod
    def now(cls) -> "MemoryPeaks":
        """One reading, without sampling."""
        peaks = cls()
        peaks._read()
        return peaks

    def __enter__(self) -> "MemoryPeaks":
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._read()

    def _sample(self) -> None:
        while not self._stop.wait(0.1):
            self._read()

    def _read(self) -> None:
        fields = dict(
            line.split(":", 1) for line in Path("/proc/self/status").read_text().splitlines() if ":" in line
        )
        anon, file = (int(fields.get(name, "0 kB").split()[0]) / 1024 for name in ("RssAnon", "RssFile"))
        self.anon_mb, self.file_mb = max(self.anon_mb, anon), max(self.file_mb, file)

    def __str__(self) -> str:
        return f"peak anonymous memory {self.anon_mb:,.0f} MB (file-backed pages {self.file_mb:,.0f} MB)"


def _harvest(association: Path, label: str, total: int) -> tuple[RunReport, float, MemoryPeaks]:
    engine = make_engine(f"sqlite:///{association}")
    bar = Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with MemoryPeaks() as memory, bar:
        task = bar.add_task(label, total=total)
        started = time.perf_counter()
        report = run_source(
            engine,
            SECRETARIAT,
            SOURCE,
            on_progress=lambda done, of: bar.update(task, completed=done, total=of or None),
        )
        seconds = time.perf_counter() - started
    engine.dispose()
    if report.status is not RunStatus.OK:
        raise SystemExit(f"{label}: the run {report.status}: {report.message} {report.rejected[:3]}")
    return report, seconds, memory


def _register(association: Path, node_url: str) -> None:
    engine = make_engine(f"sqlite:///{association}")
    upgrade(engine)
    with session_factory(engine)() as session:
        national = NewOrganisation("Synthetic national node", OrganisationKind.DEVELOPMENT_INSTITUTION)
        organisation = add_organisation(session, SECRETARIAT, national)
        session.commit()
        add_source(
            session,
            SECRETARIAT,
            Source(SOURCE, organisation.organisation_id, SourceKind.SEZATLAS, node_url, "CC-BY-4.0", 24.0),
        )
    engine.dispose()


def run(count: int, seed: int) -> None:
    print(
        f"Harvest benchmark: {count:,} synthetic zones from a node over HTTP on 127.0.0.1; {machine_load()}"
    )
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        node_db, association = folder / "node.sqlite3", folder / "association.sqlite3"
        started = time.perf_counter()
        subprocess.run(
            _child("--build-node", str(node_db), "--zones", str(count), "--seed", str(seed)), check=True
        )
        print(f"node built in {time.perf_counter() - started:.0f} s")
        port = free_port()
        node_url = f"http://127.0.0.1:{port}"
        with server(_child("--serve", f"sqlite:///{node_db}", "--port", str(port)), f"{node_url}/readyz"):
            _register(association, node_url)
            print(f"before harvesting (the app's modules loaded): {MemoryPeaks.now()}")
            full, full_s, memory = _harvest(association, "full harvest", count)
            rate = len(full.new) / full_s
            print(
                f"full harvest: {len(full.new):,} new zones in {full_s:.1f} s = {rate:,.0f} zones/s; "
                f"{memory}; peak RSS {_peak_rss_mb():,.0f} MB"
            )
            subprocess.run(_child("--change-node", str(node_db), "--scratch", scratch), check=True)
            changed, changed_s, memory = _harvest(
                association, "incremental harvest", round(count * CHANGED_SHARE)
            )
            print(
                f"incremental harvest after {CHANGED_SHARE:.0%} changed: {len(changed.changed):,} zones "
                f"changed in {changed_s:.1f} s ({full_s / changed_s:.0f}x faster than the full harvest); "
                f"{memory}"
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--zones", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="10,000 zones")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--build-node", help=argparse.SUPPRESS)
    parser.add_argument("--change-node", help=argparse.SUPPRESS)
    parser.add_argument("--scratch", help=argparse.SUPPRESS)
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_node:
        build_node(Path(args.build_node), args.zones, args.seed)
    elif args.change_node:
        print(
            f"node: {change_node(Path(args.change_node), CHANGED_SHARE, Path(args.scratch)):,} zones changed"
        )
    elif args.serve:
        serve(args.serve, args.port)
    else:
        run(10_000 if args.quick else args.zones, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
