"""`POST /api/v1/rank`: a project in, a shortlist out, over the registry in the database."""

from pathlib import Path

from fastapi.testclient import TestClient


def test_a_project_gets_a_ranked_explained_shortlist(client: TestClient) -> None:
    project = {"name": "Car parts", "isic_code": "2930", "zone_types": ["sez"]}
    body = client.post("/api/v1/rank", json=project, params={"shortlist_size": 5, "samples": 500}).json()
    assert len(body["ranked"]) == 5 and body["ranked"][0]["rank"] == 1
    assert body["ranked"][0]["contributions"]["sector_fit"] > 0
    assert body["excluded_count"] + body["eligible_count"] + body["needs_confirmation_count"] == 897
    assert body["stability"]


def test_unknown_power_ranks_zones_with_their_evidence_and_lists_the_question(client: TestClient) -> None:
    project = {"name": "Data centre", "isic_code": "6311", "power_need_mw": 50}
    body = client.post("/api/v1/rank", json=project, params={"samples": 0}).json()
    assert body["ranked"][0]["evidence"] == {"confirmed": 0, "required": 1, "unconfirmed": ["power"]}
    assert body["ranked_count"] == body["needs_confirmation_count"] > 0
    assert body["needs_confirmation"][0]["to_confirm"] == ["free power (MW): at least 50 needed"]


def test_only_confirmed_fit_ranks_none_when_no_zone_states_free_power(client: TestClient) -> None:
    project = {"name": "Data centre", "isic_code": "6311", "power_need_mw": 50, "only_confirmed_fit": True}
    body = client.post("/api/v1/rank", json=project, params={"samples": 0}).json()
    assert body["ranked"] == [] and body["ranked_count"] == 0 and body["needs_confirmation_count"] > 0


def test_only_these_countries_ranks_zones_of_those_countries_only(client: TestClient) -> None:
    project = {"name": "Battery plant", "isic_code": "2720", "only_countries": ["BRA", "ZAF"]}
    body = client.post("/api/v1/rank", json=project, params={"samples": 0, "shortlist_size": 500}).json()
    assert {zone["country_iso3"] for zone in body["ranked"]} == {"BRA", "ZAF"}
    assert body["exclusions_by_rule"]["country not chosen"] > 800


def test_an_invalid_project_is_a_422_naming_the_field(client: TestClient) -> None:
    response = client.post("/api/v1/rank", json={"name": "x", "isic_code": "9999"})
    assert response.status_code == 422 and "isic_code" in str(response.json()["detail"])


def test_a_request_with_finance_values_incentives_in_the_project_currency(client: TestClient) -> None:
    example = Path(__file__).parents[2] / "docs" / "examples" / "automotive-with-finance.json"
    headers = {"content-type": "application/json"}
    response = client.post(
        "/api/v1/rank", content=example.read_bytes(), headers=headers, params={"samples": 200}
    )
    body = response.json()
    assert body["incentives_currency"] == "USD" and "incentives" in body["criteria_used"]
    assert body["ranked"][0]["contributions"]["incentives"] > 0


def test_finance_that_does_not_add_up_is_a_422_naming_the_field(client: TestClient) -> None:
    finance = {"name": "x", "start_date": "2027-01-01", "currency": "USD", "horizon_years": 2,
               "capex": [{"asset_class": "machinery", "year": 0, "amount": 1}], "revenue": [1],
               "opex": [0, 0], "payroll": [0, 0], "real_discount_rate": 0.05}  # fmt: skip
    request = {"project": {"name": "Car parts", "isic_code": "2930"}, "finance": finance}
    response = client.post("/api/v1/rank", json=request)
    assert response.status_code == 422 and "revenue" in str(response.json()["detail"])
