"""`/api/v1/regimes` and `/api/v1/incentives/...`: the engine's JSON twin, on SQLite and PostgreSQL."""

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

WORKED = Path(__file__).parents[2] / "docs" / "examples" / "incentives" / "worked-10-year.json"


def project(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(WORKED.read_text())
    return data | changes


def test_regimes_are_listed_with_country_confidence_and_validity(client: TestClient) -> None:
    regimes = client.get("/api/v1/regimes").json()
    by_id = {r["regime_id"]: r for r in regimes}
    assert len(regimes) == 47
    industrial = by_id["RUS-sez-industrial"]
    assert (industrial["country_iso3"], industrial["counterfactual_id"]) == ("RUS", "RUS-standard")
    assert industrial["confidence"] == "low" and industrial["territory_type"]
    assert by_id["IND-sez-10aa"]["valid_until"] == "2020-03-31"


def test_one_regime_has_its_full_rules_and_sources(client: TestClient) -> None:
    regime = client.get("/api/v1/regimes/RUS-tor").json()
    assert regime["cit"]["phases"] and regime["provenance"]["source_urls"]
    assert regime["payroll"]["reduced_rate"] is not None


def test_an_unknown_regime_is_a_json_404(client: TestClient) -> None:
    response = client.get("/api/v1/regimes/XXX-nothing")
    assert response.status_code == 404
    assert response.json() == {"detail": "regime XXX-nothing not found", "errors": []}


def test_a_project_is_compared_with_each_regimes_standard(client: TestClient) -> None:
    body = {"project": project(), "regime_ids": ["BRA-zpe", "RUS-sez-industrial"], "with_metr": False}
    response = client.post("/api/v1/incentives/project", json=body)
    assert response.status_code == 200, response.text
    zpe, rus = response.json()["regimes"]
    assert zpe["counterfactual_id"] == "BRA-standard" and zpe["error"] is None
    comparison = zpe["comparison"]
    assert comparison["npv_of_incentives"] == pytest.approx(
        comparison["standard"]["pv_taxes"] - comparison["zone"]["pv_taxes"]
    )
    assert sum(comparison["npv_of_incentives_by_instrument"].values()) == pytest.approx(
        comparison["npv_of_incentives"]
    )
    assert rus["is_doubtful"] and any("UNVERIFIED" in fact for fact in rus["doubtful_facts"])
    assert "fx_rates" in rus["error"]  # the minimum investment is in RUB: the fix is named


def test_an_ineligible_project_gets_reasons_not_numbers(client: TestClient) -> None:
    body = {"project": project(fx_rates={"RUB": 0.0125}), "regime_ids": ["RUS-sez-industrial"]}
    zone = client.post("/api/v1/incentives/project", json=body).json()["regimes"][0]["comparison"]["zone"]
    assert not zone["is_eligible"] and zone["pv_taxes"] is None
    assert "below the minimum" in zone["ineligibility_reasons"][0]


@pytest.mark.parametrize(
    ("changes", "status", "field"),
    [
        ({"opex": [1, 2, 3]}, 422, "opex: 3 values"),
        ({"horizon_years": 1000}, 422, "horizon_years"),
        ({"real_discount_rate": "NaN"}, 422, "real_discount_rate"),
        ({"capex": [{"asset_class": "machinery", "year": 12, "amount": 5}]}, 422, "capex[0].year"),
    ],
)
def test_an_impossible_project_is_a_422_naming_the_field(
    client: TestClient, changes: dict[str, Any], status: int, field: str
) -> None:
    body = {"project": project(**changes), "regime_ids": ["RUS-tor"], "with_metr": False}
    response = client.post("/api/v1/incentives/project", json=body)
    assert response.status_code == status and field in json.dumps(response.json())


def test_an_unknown_regime_in_a_comparison_is_a_400(client: TestClient) -> None:
    body = {"project": project(), "regime_ids": ["XXX-nothing"]}
    response = client.post("/api/v1/incentives/project", json=body)
    assert response.status_code == 400 and "unknown regime_id XXX-nothing" in response.json()["detail"]


def test_synthetic_rates_per_asset_and_composite(client: TestClient) -> None:
    body = {"regime_ids": ["CHN-standard", "CHN-hainan-ftp"], "real_rate": 0.05}
    response = client.post("/api/v1/incentives/synthetic", json=body)
    assert response.status_code == 200, response.text
    standard, hainan = response.json()["regimes"]
    assert set(standard["by_asset"]) == {"buildings", "machinery", "intangibles"}
    assert hainan["composite"]["eatr"] < standard["composite"]["eatr"]


def test_synthetic_rejects_out_of_range_economies(client: TestClient) -> None:
    response = client.post("/api/v1/incentives/synthetic", json={"real_rate": 5})
    assert response.status_code == 422 and "real_rate" in response.text


def test_the_openapi_schema_documents_the_incentive_models(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert {"ProjectInput", "ProjectComparisonOut", "RegimeSummary", "SyntheticTableOut", "Regime"} <= set(
        schemas
    )


def test_a_stored_zone_links_to_its_regime_with_the_rule_as_provenance(client: TestClient) -> None:
    zone = client.get("/api/v1/zones/RUS-036").json()
    assert zone["regime"]["regime_id"] == "RUS-kaliningrad-sez"
    assert "zone_regime_rules.csv" in zone["field_provenance"]["regime_id"]["source_citation"]
    assert client.get(f"/api/v1/regimes/{zone['regime']['regime_id']}").status_code == 200
