"""Incentive value per candidate zone: one engine run per regime, zero when not eligible."""

import time
from datetime import date

import pytest
from regime_examples import worked_project

from sezatlas.regimes.comparison import UnknownRegimeError
from sezatlas.regimes.contract import ProjectInput
from sezatlas.regimes.evaluate import compare
from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.zone_values import incentive_npv_by_zone
from sezatlas.registry.bundled import load_bundled_registry

REGIMES = load_regimes()


def test_zones_sharing_a_regime_get_its_npv_of_incentives() -> None:
    project = worked_project()
    values = incentive_npv_by_zone(
        project, {"BRA-002": "BRA-zpe", "BRA-003": "BRA-zpe", "ARE-001": "ARE-qfzp"}
    )
    expected = compare(project, REGIMES["BRA-zpe"], REGIMES["BRA-standard"]).npv_of_incentives
    assert values["BRA-002"] == values["BRA-003"] == pytest.approx(expected)
    assert set(values) == {"BRA-002", "BRA-003", "ARE-001"}


def test_a_project_the_regime_does_not_admit_is_worth_zero_there() -> None:
    small = worked_project(fx_rates={"RUB": 0.0125})  # capex USD 1,000, below the SEZ minimum
    assert incentive_npv_by_zone(small, {"RUS-001": "RUS-sez-industrial"}) == {"RUS-001": 0.0}


def test_zones_whose_value_cannot_be_computed_are_left_out_not_zeroed() -> None:
    project = worked_project()  # no RUB rate for the SEZ threshold; s.10AA closed since 2020
    values = incentive_npv_by_zone(project, {"RUS-001": "RUS-sez-industrial", "IND-001": "IND-sez-10aa"})
    assert values == {}


def test_the_json_project_model_is_accepted() -> None:
    model = ProjectInput.model_validate(
        {"name": "x", "start_date": date(2026, 1, 1), "currency": "USD", "horizon_years": 2,
         "capex": [{"asset_class": "machinery", "year": 0, "amount": 100}],
         "revenue": [0, 300], "opex": [0, 50], "payroll": [0, 10], "real_discount_rate": 0.1}
    )  # fmt: skip
    assert incentive_npv_by_zone(model, {"SAU-001": "SAU-sez"})["SAU-001"] >= 0


def test_an_unknown_regime_id_is_an_error() -> None:
    with pytest.raises(UnknownRegimeError, match="XXX-nothing"):
        incentive_npv_by_zone(worked_project(), {"RUS-001": "XXX-nothing"})


def test_every_linked_bundled_zone_is_valued_quickly() -> None:
    zones = {z.zone_id: z.regime.regime_id for z in load_bundled_registry().zones if z.regime.regime_id}
    project = worked_project(fx_rates={"RUB": 0.0125, "IDR": 0.000063})
    started = time.perf_counter()
    values = incentive_npv_by_zone(project, zones, REGIMES)
    assert time.perf_counter() - started < 1.0
    assert len(values) == len(zones) and values["CHN-012"] > 0
