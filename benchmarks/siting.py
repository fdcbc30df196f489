"""Site-selection speed: screening + scoring of 100,000 zones, and rank acceptability at scale.

Synthetic zones are drawn from the bundled registry's real rows (with replacement), with free land,
power and port distances drawn at random so that every constraint has work to do. Prints the figures
beside its targets (docs/siting.md); one core (numpy's BLAS is pinned to one thread below).

    python benchmarks/siting.py [--zones 100000] [--repeat 7]
"""

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import statistics
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np

from sezatlas.regimes.contract import ProjectInput
from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.zone_values import incentive_npv_by_zone
from sezatlas.registry.bundled import load_bundled_registry
from sezatlas.siting.columns import ZoneColumns, zone_columns
from sezatlas.siting.mcda import Method, decision_matrix
from sezatlas.siting.shortlist import rank_zones
from sezatlas.siting.stability import rank_acceptability
from sezatlas.standard.project import ProjectProfile

TODAY = date(2026, 11, 25)


def synthetic_columns(n: int, seed: int) -> ZoneColumns:
    real = zone_columns(load_bundled_registry().zones)
    rng = np.random.default_rng(seed)
    picked = real.take(rng.integers(0, len(real), size=n))
    area = rng.lognormal(5.5, 1.2, size=n)
    power_total = rng.lognormal(3.5, 1.0, size=n)
    ids = np.array([f"SYN-{i:06d}" for i in range(n)], dtype=object)
    return replace(
        picked,
        zone_id=ids,
        area_ha=area,
        free_area_ha=np.where(rng.random(n) < 0.3, np.nan, area * rng.random(n)),
        power_mw_total=power_total,
        power_mw_free=np.where(rng.random(n) < 0.4, np.nan, power_total * rng.random(n)),
        seaport_km=np.where(rng.random(n) < 0.5, np.nan, rng.uniform(1, 800, size=n)),
        has_rail_siding=np.where(rng.random(n) < 0.5, np.nan, (rng.random(n) < 0.5).astype(float)),
    )


def timed(function: object, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times


def _incentives_run(columns: ZoneColumns, repeat: int) -> None:
    """1,000 candidates spread over every encoded regime: the engine's worst case (one run per regime)."""
    finance = ProjectInput.model_validate_json(
        (Path(__file__).parent.parent / "docs/examples/incentives/manufacturing-plant.json").read_text(
            "utf-8"
        )
    )
    regime_ids = sorted(load_regimes())
    candidates = columns.take(np.arange(1000))
    zone_regimes = {str(z): regime_ids[i % len(regime_ids)] for i, z in enumerate(candidates.zone_id)}
    project = ProjectProfile(name="Automotive components", isic_code="2930")

    def run() -> None:
        values = incentive_npv_by_zone(finance, zone_regimes)
        rank_zones(
            candidates, project, today=TODAY, incentives_m={k: v / 1e6 for k, v in values.items()}, samples=0
        )

    times = timed(run, max(3, repeat // 2))
    print(
        f"  with the incentive engine, 1,000 candidates over {len(regime_ids)} regimes: "
        f"best {min(times) * 1e3:7.1f} ms, median {statistics.median(times) * 1e3:7.1f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--zones", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    columns = synthetic_columns(args.zones, seed=1)
    project = ProjectProfile(
        name="Automotive components", isic_code="2930", land_need_ha=20, power_need_mw=10
    )
    loose = ProjectProfile(name="Any manufacturing", isic_code="C")

    def rank_only(wanted: ProjectProfile) -> None:
        rank_zones(columns, wanted, today=TODAY, samples=0)

    print(
        f"Site selection benchmark — {args.zones:,} synthetic zones, one core, best/median of {args.repeat}"
    )
    strict = project.model_copy(update={"only_confirmed_fit": True})
    runs = [("20 ha + 10 MW, confirmed only", strict), ("20 ha + 10 MW, with evidence", project),
            ("no hard needs (all eligible)", loose)]  # fmt: skip
    for label, wanted in runs:
        shortlist = rank_zones(columns, wanted, today=TODAY, samples=0)
        times = timed(lambda wanted=wanted: rank_only(wanted), args.repeat)
        print(
            f"  constraints + scoring, {label:<30} best {min(times) * 1e3:7.1f} ms, median "
            f"{statistics.median(times) * 1e3:7.1f} ms  "
            f"(ranked {shortlist.ranked_count:,}; target < 100 ms)"
        )

    _incentives_run(columns, args.repeat)

    candidates = columns.take(np.arange(1000))
    rng = np.random.default_rng(2)
    values = np.column_stack([rng.random(1000) for _ in range(6)])
    matrix = decision_matrix(values, [True, True, True, False, True, False], [3, 2, 1, 1, 3, 1])
    for method in Method:
        times = timed(
            lambda m=method: rank_acceptability(matrix, m, samples=10_000), max(3, args.repeat // 2)
        )
        print(
            f"  acceptability, {method.value:<12} 10,000 weight samples × {len(candidates):,} candidates: "
            f"best {min(times):.3f} s, median {statistics.median(times):.3f} s  (target < 1 s)"
        )


if __name__ == "__main__":
    main()
