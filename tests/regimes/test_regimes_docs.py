"""docs/incentives.md shows the worked project as the engine computes it."""

from pathlib import Path

import numpy as np
import pytest
from regime_examples import standard_regime, worked_project, zone_regime

from sezatlas.regimes.evaluate import compare
from sezatlas.regimes.rules import Regime
from sezatlas.regimes.schedule import tax_schedule

DOCS = (Path(__file__).parents[2] / "docs" / "incentives.md").read_text(encoding="utf-8")
ROWS = ("customs_capital_goods", "customs_inputs", "property_tax", "payroll_contributions", "cit")


def table_row(label: str, values: np.ndarray) -> str:
    return f"| {label} | " + " | ".join(f"{v:g}" for v in np.round(values, 6)) + " |"


@pytest.mark.parametrize("regime", [standard_regime(), zone_regime()], ids=["standard", "zone"])
def test_the_worked_tables_in_the_docs_are_the_engine_output(regime: Regime) -> None:
    schedule = tax_schedule(worked_project(), regime)
    block = DOCS.split("**Zone regime**")[0 if regime.is_standard else 1]
    assert table_row("CIT rate", schedule.cit_rate) in block
    assert table_row("taxable income before losses", schedule.taxable_income) in block
    for name in ROWS:
        assert table_row(name, schedule.taxes[name]) in block
    assert table_row("total", schedule.total_by_year) in block


def test_the_worked_results_in_the_docs_are_the_engine_output() -> None:
    result = compare(worked_project(), zone_regime(), standard_regime(), with_metr=True)
    assert result.npv_of_incentives is not None
    for evaluation in (result.standard, result.zone):
        assert f"{evaluation.pv_taxes:.2f}" in DOCS
        assert f"{evaluation.npv_post_tax:.2f}" in DOCS
        assert f"{evaluation.aetr:.1%}" in DOCS and f"{evaluation.metr:.1%}" in DOCS
    assert f"**{result.npv_of_incentives:.2f}**" in DOCS
    for name, value in result.by_instrument.items():
        label = {"cit": "CIT", "customs": "customs", "property_tax": "property tax"}[name]
        assert f"{label} {value:.2f}" in DOCS


def test_the_docs_list_every_bundled_regime_with_its_confidence() -> None:
    from sezatlas.regimes.loader import load_regimes

    for regime in load_regimes().values():
        confidence = regime.provenance.confidence
        assert confidence is not None
        assert (
            f"| `{regime.regime_id}` | {regime.name} | {confidence.value} | {regime.provenance.as_of} |"
            in DOCS
        )
