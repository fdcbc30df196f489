"""The JSON boundary: a project file in, a comparison out."""

import json

import pytest
from pydantic import ValidationError
from regime_examples import standard_regime, worked_project, zone_regime

from sezatlas.regimes.contract import ProjectInput, comparison_as_dict
from sezatlas.regimes.errors import IncentiveInputError
from sezatlas.regimes.evaluate import compare

PROJECT_JSON = {
    "name": "worked example",
    "start_date": "2026-01-01",
    "currency": "USD",
    "horizon_years": 10,
    "capex": [{"asset_class": "machinery", "year": 0, "amount": 1000, "import_share": 0.5}],
    "revenue": [0] + [600] * 9,
    "opex": [0] + [200] * 9,
    "payroll": [0] + [100] * 9,
    "real_discount_rate": 0.10,
    "imported_input_share": 0.25,
    "duty_rate_capital_goods": 0.10,
    "duty_rate_inputs": 0.05,
    "property_tax_rate": 0.02,
    "payroll_contribution_rate": 0.30,
}


def test_a_project_file_becomes_the_engine_project() -> None:
    assert ProjectInput.model_validate(PROJECT_JSON).to_project() == worked_project()


def test_bad_fields_are_named() -> None:
    with pytest.raises(ValidationError, match="export_share"):
        ProjectInput.model_validate({**PROJECT_JSON, "export_share": 2})
    with pytest.raises(IncentiveInputError, match="opex: 3 values"):
        ProjectInput.model_validate({**PROJECT_JSON, "opex": [1, 2, 3]}).to_project()


def test_the_comparison_serialises_to_json_with_the_year_by_year_table() -> None:
    result = comparison_as_dict(compare(worked_project(), zone_regime(), standard_regime(), with_metr=True))
    text = json.dumps(result)
    back = json.loads(text)
    assert back["zone"]["schedule"]["taxes"]["cit"] == pytest.approx([0, 0, 0, 0, 0, 21, 54, 54, 54, 54])
    assert back["npv_of_incentives"] == pytest.approx(134.119, abs=1e-3)
    assert back["decomposition_rule"] == "shapley"


def test_the_project_schema_is_documented() -> None:
    schema = ProjectInput.model_json_schema()
    assert "capex" in schema["required"] and "payroll" in schema["required"]
