"""Input recipes: the start-up precomputation and the time of one recipe (issue 19's targets).

Start-up reads the bundled BEA tables, computes the Leontief inverse of the 402 × 402 industry-by-industry
table and the BEA → ISIC bridge (`chains.recipe.precompute_recipes`, what the web app runs before serving);
target under 2 s. Then every ISIC class a US industry reaches and 200 HS subheadings are asked for, by
direct and by total requirements, each call timed alone. The script prints its figures and asserts
nothing. Run: python benchmarks/chains.py
"""

import time
from contextlib import suppress

import numpy as np

from sezatlas.chains.bridges import isic_bridge
from sezatlas.chains.recipe import UnknownProductError, input_recipe, precompute_recipes
from sezatlas.standard.codelists import hs_codes

STARTUP_TARGET_S = 2.0
HS_SAMPLE = 200
SEED = 19


def _timed_recipes(codes: list[str]) -> list[float]:
    seconds = []
    for code in codes:
        for by_total in (False, True):
            start = time.perf_counter()
            with suppress(UnknownProductError):  # an HS line no US industry makes: timed all the same
                input_recipe(code, total=by_total, top=15)
            seconds.append(time.perf_counter() - start)
    return seconds


def main() -> None:
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


if __name__ == "__main__":
    main()
