"""Which CIT rate applies in which year."""

from datetime import date

import pytest
from regime_examples import standard_regime, worked_project

from sezatlas.regimes.cit_rates import effective_rate, phase_rate, standard_rate, standard_rates_by_year
from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.rules import CitRules

RUSSIA = CitRules.model_validate(
    {
        "standard_rates": [{"from_year": 2025, "value": 0.25}, {"from_year": 2024, "value": 0.20}],
        "phases": [{"value": 0.0, "years": 2}, {"value": 0.1, "years": 3, "until_year": 2030}],
    }
)


def test_general_rate_follows_the_calendar_and_applies_backwards_before_the_first_date() -> None:
    assert [standard_rate(RUSSIA, y) for y in (2010, 2024, 2025, 2040)] == [0.20, 0.20, 0.25, 0.25]


def test_rates_by_year_agree_with_the_single_year_rule_for_every_bundled_regime() -> None:
    for regime in load_regimes().values():
        expected = [standard_rate(regime.cit, y) for y in range(2015, 2045)]
        assert standard_rates_by_year(regime.cit, 2015, 30) == expected, regime.regime_id


def test_phases_run_consecutively_from_the_trigger_and_stop_at_their_sunset() -> None:
    assert [phase_rate(RUSSIA, k, 2026 + k) for k in range(-1, 6)] == [None, 0.0, 0.0, 0.1, 0.1, 0.1, None]
    assert phase_rate(RUSSIA, 3, 2031) is None


def test_partial_income_scope_blends_the_preferential_and_general_rates() -> None:
    cit = CitRules.model_validate(
        {
            "standard_rates": [{"from_year": 2000, "value": 0.09}],
            "phases": [{"value": 0.0}],
            "income_scope": "qualifying",
        }
    )
    project = worked_project(qualifying_income_share=0.75, start_date=date(2026, 1, 1))
    assert effective_rate(cit, project, 3, 0, 0.09) == pytest.approx(0.25 * 0.09)
    assert effective_rate(cit, project, 3, None, 0.09) == 0.09


def test_a_regime_without_phases_always_pays_the_general_rate() -> None:
    assert phase_rate(standard_regime().cit, 0, 2026) is None
