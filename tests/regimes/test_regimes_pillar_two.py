"""Pillar Two top-up on the worked project's zone regime (methodology §1.8)."""

import numpy as np
import pytest
from regime_examples import worked_project, zone_regime

from sezatlas.regimes.schedule import tax_schedule

IN_SCOPE = 1_000_000_000.0  # group revenue, EUR


def test_top_up_is_the_shortfall_to_fifteen_percent_on_income_above_the_substance_carve_out() -> None:
    """Year 1: income 70, no tax, SBIE 5% x (payroll 100 + opening tangible value 800) = 45:
    top-up 15% x 25 = 3.75. Year 5: tax 21 on 270, SBIE 5% x 100 = 5: (15% − 21/270) x 265."""
    zone = zone_regime(pillar_two={"qdmtt_from_year": 2026})
    top_up = tax_schedule(worked_project(group_revenue_eur=IN_SCOPE), zone).taxes["pillar_two_top_up"]
    expected = [0, 3.75, 5.25, 6.75, 8.25, (0.15 - 21 / 270) * 265, 0, 0, 0, 0]
    np.testing.assert_allclose(top_up, expected, atol=1e-9)


@pytest.mark.parametrize(
    ("group_revenue", "qdmtt", "parent_iir", "is_charged"),
    [
        (IN_SCOPE, None, False, False),
        (IN_SCOPE, None, True, True),
        (1e8, 2026, True, False),
        (IN_SCOPE, 2040, False, False),
    ],
)
def test_top_up_applies_only_to_groups_in_scope_where_someone_collects_it(
    group_revenue: float, qdmtt: int | None, parent_iir: bool, is_charged: bool
) -> None:
    zone = zone_regime(pillar_two={"qdmtt_from_year": qdmtt})
    project = worked_project(group_revenue_eur=group_revenue, is_parent_applying_iir=parent_iir)
    assert tax_schedule(project, zone).taxes["pillar_two_top_up"].any() == is_charged


def test_qdmtt_starts_in_its_first_calendar_year() -> None:
    zone = zone_regime(pillar_two={"qdmtt_from_year": 2030})
    top_up = tax_schedule(worked_project(group_revenue_eur=IN_SCOPE), zone).taxes["pillar_two_top_up"]
    assert not top_up[:4].any() and top_up[4] == pytest.approx(8.25)
