"""Web pages at 10,000 zones: server time per page and bytes sent, against its targets (docs/web.md).

A temporary SQLite registry holds the bundled zones plus 10,000 synthetic ones: real bundled records
copied with new identifiers (`RUS-SYN00001`), points nudged a little, and `dataset` saying they are
synthetic. Each page is asked for through the in-process client (no network), so the time is the
server's: routing, queries, templates and gzip. Prints best and median of `--repeat` runs.

    python benchmarks/web.py [--zones 10000] [--repeat 15]
"""

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.registry.bootstrap import init_database
from sezatlas.registry.bundled import load_bundled_registry
from sezatlas.standard.zone import Zone
from sezatlas.store.database import make_engine, transaction
from sezatlas.store.zones import count_zones, upsert_zones
from sezatlas.web.app import create_app

SERVER_TIME_TARGET_MS = 300
PAGE_BUDGET_BYTES = 1_000_000
PAGES = [
    "/", "/?country=CHN&zone_type=etdz", "/?q=Alabuga", "/zones/RUS-001", "/zones/CHN-SYN00001",
    "/compare?zones=RUS-001,CHN-HTZ-001,BRA-001,IND-001,ZAF-001", "/stats", "/countries/CHN",
    "/map/points", "/map/points?country=RUS", "/compare?zones=RUS-001,CHN-HTZ-001,BRA-001&f=xlsx",
    "/map/context?bbox=-180,-90,180,90&zoom=1&lang=en", "/map/context?bbox=44,52,58,60&zoom=7&lang=ru",
    "/map/land?bbox=44,52,58,60",
]  # fmt: skip
PDF = "/compare?zones=RUS-001,CHN-HTZ-001,BRA-001&f=pdf"
SYNTHETIC_DATASET = "synthetic: benchmarks/web.py (copies of bundled zones with new ids; not real zones)"


def synthetic_zones(count: int, seed: int) -> list[Zone]:
    """`count` valid zones copied from the bundled ones, each with a new id and a nudged point."""
    real = load_bundled_registry().zones
    rng = random.Random(seed)
    zones = []
    for number in range(1, count + 1):
        source = real[rng.randrange(len(real))]
        copy = source.model_copy(deep=True)
        copy.zone_id = f"{source.country_iso3}-SYN{number:05d}"
        copy.name_en = f"{source.name_en} (synthetic {number})"
        copy.dataset = SYNTHETIC_DATASET
        location = copy.location
        if location.latitude is not None and location.longitude is not None:
            location.latitude = max(-89.0, min(89.0, location.latitude + rng.uniform(-0.5, 0.5)))
            location.longitude = max(-179.0, min(179.0, location.longitude + rng.uniform(-0.5, 0.5)))
        zones.append(Zone.model_validate(copy.model_dump()))
    return zones


def registry_with_synthetic_zones(folder: Path, count: int) -> Engine:
    engine = make_engine(f"sqlite:///{folder / 'web-benchmark.sqlite3'}")
    init_database(engine)
    with transaction(engine) as session:
        upsert_zones(session, synthetic_zones(count, seed=3))
    return engine


def measure(client: TestClient, url: str, repeat: int) -> tuple[list[float], int, int]:
    """Server times (s) of `repeat` requests, and the bytes sent (gzip) and the body's size."""
    times = []
    response = client.get(url)  # warm-up: templates compiled, name index built
    assert response.status_code == 200, f"{url}: {response.status_code}"
    for _ in range(repeat):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
    return times, int(response.num_bytes_downloaded), len(response.content)


def report(label: str, times: list[float], sent: int, body: int) -> None:
    best, median = min(times) * 1e3, statistics.median(times) * 1e3
    print(f"  {label:<62} best {best:6.1f} ms, median {median:6.1f} ms  "
          f"sent {sent / 1e3:7.1f} kB (body {body / 1e3:7.1f} kB)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--zones", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        engine = registry_with_synthetic_zones(Path(folder), args.zones)
        with transaction(engine) as session:
            total = count_zones(session)
        print(f"Web benchmark — {total:,} zones ({args.zones:,} synthetic) in SQLite, "
              f"loaded in {time.perf_counter() - started:.1f} s; best/median of {args.repeat}")  # fmt: skip
        client = TestClient(create_app(engine))
        for url in PAGES:
            report(url, *measure(client, url, args.repeat))
        report("/compare?…&f=pdf (WeasyPrint: a download, not a page)", *measure(client, PDF, 3))
        print(f"  targets: each page < {SERVER_TIME_TARGET_MS} ms server time; first load < "
              f"{PAGE_BUDGET_BYTES / 1e6:.0f} MB (browser-measured in tests/web/browser)")  # fmt: skip
        engine.dispose()


if __name__ == "__main__":
    main()
