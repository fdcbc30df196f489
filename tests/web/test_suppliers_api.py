"""`GET /api/v1/chains/suppliers`: the zones that make a product's inputs, as JSON, on both back-ends."""

import pytest
from fastapi.testclient import TestClient

from sezatlas.chains.recipe import PROXY_LABEL

PATH = "/api/v1/chains/suppliers"


def test_suppliers_of_batteries_for_alabuga(client: TestClient) -> None:
    response = client.get(PATH, params={"code": "2720", "zone": "RUS-001", "inputs": 3, "per_input": 2})
    assert response.status_code == 200
    body = response.json()
    assert body["label"] == PROXY_LABEL and body["recipe"]["code"] == "ISIC:2720"
    assert body["target_zone"]["zone_id"] == "RUS-001" and body["target_country_iso3"] == "RUS"
    assert "exact matches" in body["ranked_by"] and "haversine" in body["distance_method"]
    assert len(body["inputs"]) == 3
    first = body["inputs"][0]
    assert first["label"] == PROXY_LABEL and first["input"]["code"] == body["recipe"]["inputs"][0]["code"]
    assert [s["scope"] for s in first["scopes"]] == ["same_country", "other_countries"]
    for scope in first["scopes"]:
        assert len(scope["suppliers"]) <= 2
        for supplier in scope["suppliers"]:
            assert supplier["match"] in {"exact", "possible"}
            assert (supplier["incentive_npv_usd"] is None) == (supplier["incentive_note"] is not None)


def test_a_country_can_be_the_target(client: TestClient) -> None:
    body = client.get(PATH, params={"code": "HS:850760", "country": "CHN", "inputs": 1}).json()
    assert body["target_zone"] is None and body["target_country_iso3"] == "CHN"


@pytest.mark.parametrize(
    ("params", "status", "named"),
    [
        ({"code": "2720"}, 400, "parameter zone"),
        ({"code": "2720", "zone": "RUS-001", "country": "RUS"}, 400, "parameter zone"),
        ({"code": "2720", "country": "R1"}, 400, "parameter country"),
        ({"code": "2720", "zone": "RUS-001", "inputs": 0}, 400, "parameter inputs"),
        ({"code": "ISIC:27", "zone": "RUS-001"}, 400, "ISIC 27"),
        ({"code": "2720", "zone": "RUS-999"}, 404, "RUS-999"),
        ({"code": "2720", "country": "FRA"}, 404, "FRA"),
        ({"code": "9999", "zone": "RUS-001"}, 404, "ISIC 9999"),
    ],
)
def test_bad_questions_are_refused_naming_the_parameter_or_value(
    client: TestClient, params: dict[str, str], status: int, named: str
) -> None:
    response = client.get(PATH, params=params)
    assert response.status_code == status
    assert named in response.json()["detail"]
