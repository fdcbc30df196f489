"""Incentive engine throughput: 100 projects x 60 regime evaluations (target: under 1 s on one core).

An evaluation is what site ranking needs per candidate zone: the eligibility check and the PV of all
taxes of the project under the regime, from which the NPV of incentives follows against the country's
standard regime (computed once per project and country). Projects are generated from a fixed seed; the
exchange rates below are placeholders for the benchmark, not data. Run: python benchmarks/incentives.py
"""

import itertools
import time
from datetime import date

import numpy as np

from sezatlas.regimes.eligibility import check_in_force, ineligibility_reasons
from sezatlas.regimes.errors import RegimeNotInForceError
from sezatlas.regimes.evaluate import compare, pv_taxes
from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.metr import project_metr
from sezatlas.regimes.project import CapexItem, Project
from sezatlas.regimes.rules import AssetClass, Regime
from sezatlas.regimes.synthetic.regime_rates import SyntheticSetting, regime_synthetic_rates

START = date(2026, 1, 1)
PLACEHOLDER_FX = {"RUB": 0.01, "IDR": 0.00006, "CNY": 0.14, "INR": 0.012, "BRL": 0.18}


def make_project(rng: np.random.Generator, k: int) -> Project:
    n = int(rng.integers(10, 21))
    capex = tuple(
        CapexItem(asset, int(rng.integers(0, 2)), float(rng.uniform(1e6, 5e7)), float(rng.uniform(0, 1)))
        for asset in AssetClass
    )
    revenue = [0.0, *rng.uniform(1e7, 4e7, n - 1).tolist()]
    opex = [0.0] + [0.5 * r for r in revenue[1:]]
    payroll = [0.0] + [0.15 * r for r in revenue[1:]]
    return Project(
        name=f"project {k}",
        start_date=START,
        currency="USD",
        horizon_years=n,
        capex=capex,
        revenue=tuple(revenue),
        opex=tuple(opex),
        payroll=tuple(payroll),
        real_discount_rate=0.08,
        inflation=0.03,
        isic_code="C2710",
        imported_input_share=0.3,
        export_share=float(rng.uniform(0, 1)),
        qualifying_income_share=0.8,
        headcount=200,
        duty_rate_capital_goods=0.05,
        duty_rate_inputs=0.05,
        property_tax_rate=0.01,
        payroll_contribution_rate=0.2,
        fx_rates=PLACEHOLDER_FX,
    )


def in_force(regimes: dict[str, Regime], project: Project) -> list[Regime]:
    result = []
    for regime in regimes.values():
        try:
            check_in_force(project, regime)
        except RegimeNotInForceError:
            continue
        result.append(regime)
    return result


def run_grid(projects: list[Project], regimes: dict[str, Regime], per_project: int) -> tuple[int, float]:
    evaluations = 0
    started = time.perf_counter()
    for project in projects:
        usable = in_force(regimes, project)
        baseline = {r.country_iso3: pv_taxes(project, r) for r in usable if r.is_standard}
        for regime in itertools.islice(itertools.cycle(usable), per_project):
            if not ineligibility_reasons(project, regime):
                _ = baseline[regime.country_iso3] - pv_taxes(project, regime)
            evaluations += 1
    return evaluations, time.perf_counter() - started


def main() -> None:
    regimes = load_regimes()
    rng = np.random.default_rng(0)
    projects = [make_project(rng, k) for k in range(100)]
    usable = in_force(regimes, projects[0])
    print(f"{len(regimes)} bundled regimes, {len(usable)} open to projects starting {START}; cycled to 60")
    evaluations, seconds = run_grid(projects, regimes, 60)
    verdict = "meets" if seconds < 1.0 else "misses"
    print(
        f"project x regime grid: {evaluations} evaluations in {seconds:.3f} s "
        f"= {evaluations / seconds:,.0f} evaluations/s ({verdict} the 1 s target for 100 x 60)"
    )
    zones = [r for r in usable if not r.is_standard][:10]
    started = time.perf_counter()
    for regime in zones:
        compare(projects[0], regime, regimes[str(regime.counterfactual_id)])
    per_compare = (time.perf_counter() - started) / len(zones)
    print(f"full comparison with Shapley decomposition: {1 / per_compare:,.0f} comparisons/s")
    started = time.perf_counter()
    for regime in zones:
        project_metr(projects[0], regime)
    print(f"project METR (root search): {len(zones) / (time.perf_counter() - started):,.0f} regimes/s")
    started = time.perf_counter()
    for regime in regimes.values():
        regime_synthetic_rates(regime, SyntheticSetting())
    print(
        f"synthetic EATR/EMTR (3 assets + composite): "
        f"{len(regimes) / (time.perf_counter() - started):,.0f} regimes/s"
    )


if __name__ == "__main__":
    main()
