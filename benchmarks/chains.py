"""Input recipes: the start-up precomputation and the time of one recipe (issue 19's targets).

Start-up reads the bundled BEA tables, computes the Leontief inverse of the 402 × 402 industry-by-industry
table and the BEA → ISIC bridge (`chains.recipe.precompute_recipes`, what the web app runs before serving);
target under 2 s. Then every ISIC class a US industry reaches and 200 HS subheadings are asked for, by
direct and by total requirements, each call timed alone. The script prints its figures and asserts
nothing.

Suppliers (`chains.actions.suppliers_for`, issue 19's target p95 < 100 ms): where the inputs of a product are
made, for random products (ISIC classes and HS subheadings, ten inputs, five zones per input and scope) seen
from random zones with coordinates, through the real use case on a SQLite file: once over the bundled
registry (`db init`), once over a synthetic registry of `--zones` zones (default 100,000) built and loaded by
`benchmarks/registry.py`. Building the zone index once per registry version is timed apart; the regime
values of an input are computed on first use, inside the timed calls.

Localization (`chains.localization_actions.localization_for`, target p95 < 500 ms): a full scenario — a random
product in a random zone with two additions — over the same two registries, after the zone-sector index
is built once (timed apart).

Run: python benchmarks/chains.py [--zones 100000] [--questions 200] [--no-suppliers]
"""

import argparse
import random
import tempfile
import time
from contextlib import suppress
from pathlib import Path

import numpy as np
from registry import load, synthetic_registry
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sezatlas.chains.actions import suppliers_for
from sezatlas.chains.bridges import isic_bridge
from sezatlas.chains.localization_actions import localization_for
from sezatlas.chains.localization_zones import ZONE_SECTORS
from sezatlas.chains.recipe import UnknownProductError, input_recipe, precompute_recipes
from sezatlas.chains.supplier_zones import ZONE_INDEX
from sezatlas.registry.bootstrap import init_database
from sezatlas.standard.codelists import hs_codes
from sezatlas.store.database import make_engine
from sezatlas.store.models import ZoneRow

STARTUP_TARGET_S = 2.0
SUPPLIERS_TARGET_MS = 100.0
LOCALIZATION_TARGET_MS = 500.0
HS_SAMPLE = 200
SEED = 19
UPSERT_SAMPLE = 4_000  # zones loaded through upsert_zones before the pace decides (benchmarks/registry.py)


def _timed_recipes(codes: list[str]) -> list[float]:
    seconds = []
    for code in codes:
        for by_total in (False, True):
            start = time.perf_counter()
            with suppress(UnknownProductError):  # an HS line no US industry makes: timed all the same
                input_recipe(code, total=by_total, top=15)
            seconds.append(time.perf_counter() - start)
    return seconds


def _products(count: int, rng: random.Random) -> list[str]:
    """Half ISIC classes a US industry reaches, half HS subheadings (some no US industry makes)."""
    classes = list(isic_bridge().isic_classes)
    subheadings = sorted(code for code in hs_codes() if len(code) == 6)
    return [rng.choice(classes) if i % 2 else f"HS:{rng.choice(subheadings)}" for i in range(count)]


def _suppliers_p95(engine: Engine, label: str, questions: int, seed: int) -> None:
    rng = random.Random(seed)
    with Session(engine) as session:
        start = time.perf_counter()
        zones = len(ZONE_INDEX.get(session))
        index_s = time.perf_counter() - start
        located = select(ZoneRow.zone_id).where(ZoneRow.latitude.is_not(None))
        targets = list(session.scalars(located))
        seconds = []
        for code in _products(questions, rng):
            start = time.perf_counter()
            with suppress(UnknownProductError):  # timed all the same
                suppliers_for(session, code, zone_id=rng.choice(targets), inputs=10, per_input=5)
            seconds.append(time.perf_counter() - start)
    ms = np.array(seconds) * 1000
    p95 = np.percentile(ms, 95)
    verdict = "within" if p95 < SUPPLIERS_TARGET_MS else "OVER"
    print(f"suppliers, {label} ({zones:,} zones; index built once in {index_s:.2f} s), {questions} calls: "
          f"p50 {np.percentile(ms, 50):.1f} ms, p95 {p95:.1f} ms ({verdict} the {SUPPLIERS_TARGET_MS:g} ms "
          f"target), max {ms.max():.1f} ms")  # fmt: skip


def localization_p95(engine: Engine, label: str, questions: int, seed: int) -> None:
    """A full localization scenario (`chains.localization_actions.localization_for`, target p95 < 500 ms):
    a random product in a random zone, with two additions (a random input class @ a random zone)."""
    rng = random.Random(seed)
    with Session(engine) as session:
        start = time.perf_counter()
        index = ZONE_SECTORS.get(session)
        index_s = time.perf_counter() - start
        classes = list(isic_bridge().isic_classes)
        seconds = []
        for code in _products(questions, rng):
            zone, helpers = rng.choice(index.zone_ids), rng.sample(index.zone_ids, 2)
            additions = [f"{rng.choice(classes)}@{helper}" for helper in helpers]
            start = time.perf_counter()
            with suppress(UnknownProductError):  # timed all the same
                localization_for(session, code, zone, additions)
            seconds.append(time.perf_counter() - start)
    ms = np.array(seconds) * 1000
    p95 = np.percentile(ms, 95)
    verdict = "within" if p95 < LOCALIZATION_TARGET_MS else "OVER"
    zones = f"{len(index.zone_ids):,} zones; index built once in {index_s:.2f} s"
    print(f"localization scenario, {label} ({zones}), {questions} calls: p50 {np.percentile(ms, 50):.1f} ms, "
          f"p95 {p95:.1f} ms ({verdict} the "
          f"{LOCALIZATION_TARGET_MS:g} ms target), max {ms.max():.1f} ms")  # fmt: skip


def suppliers_section(zone_count: int, questions: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        bundled = make_engine(f"sqlite:///{Path(folder) / 'bundled.sqlite3'}")
        init_database(bundled)
        _suppliers_p95(bundled, "bundled registry", questions, SEED)
        localization_p95(bundled, "bundled registry", questions, SEED)
        bundled.dispose()
        start = time.perf_counter()
        zones = synthetic_registry(zone_count, SEED)[0]
        synthetic = make_engine(f"sqlite:///{Path(folder) / 'synthetic.sqlite3'}")
        report = load(synthetic, "SQLite", zones, upsert_sample=UPSERT_SAMPLE)
        print(f"synthetic registry built and loaded in {time.perf_counter() - start:.0f} s ({report.line()})")
        _suppliers_p95(synthetic, "synthetic registry", questions, SEED)
        localization_p95(synthetic, "synthetic registry", questions, SEED)
        synthetic.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--zones", type=int, default=100_000, help="zones of the synthetic registry")
    parser.add_argument("--questions", type=int, default=200, help="suppliers questions per registry")
    parser.add_argument("--no-suppliers", action="store_true", help="time the recipes only")
    args = parser.parse_args()
    start = time.perf_counter()
    precompute_recipes()
    startup_s = time.perf_counter() - start
    verdict = "within" if startup_s < STARTUP_TARGET_S else "OVER"
    print(f"start-up (tables, Leontief inverse, bridges): {startup_s:.3f} s "
          f"({verdict} the {STARTUP_TARGET_S:g} s target)")  # fmt: skip
    subheadings = sorted(code for code in hs_codes() if len(code) == 6)
    rng = np.random.default_rng(SEED)
    hs_sample = [f"HS:{code}" for code in rng.choice(subheadings, size=HS_SAMPLE, replace=False)]
    for name, codes in (("ISIC classes", list(isic_bridge().isic_classes)), ("HS subheadings", hs_sample)):
        seconds = np.array(_timed_recipes(codes)) * 1000
        print(f"recipe of {len(codes)} {name}, direct and total ({len(seconds)} calls): "
              f"p50 {np.percentile(seconds, 50):.2f} ms, p95 {np.percentile(seconds, 95):.2f} ms, "
              f"max {seconds.max():.2f} ms")  # fmt: skip
    if not args.no_suppliers:
        suppliers_section(args.zones, args.questions)


if __name__ == "__main__":
    main()
