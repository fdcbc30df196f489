"""`GET /api/v1/chains/near` and `/api/v1/chains/countries/{iso3}`: the Growth Lab's figures as JSON."""

import pytest
from fastapi.testclient import TestClient

from sezatlas.chains.growth_lab import ATTRIBUTION
from sezatlas.store.database import make_engine
from sezatlas.web.app import create_app


@pytest.fixture(scope="module")
def client() -> TestClient:
    """Relatedness reads no database: an app over an empty in-memory one serves it."""
    return TestClient(create_app(make_engine("sqlite://")))


def test_near_answers_with_linked_products_pci_and_the_attribution(client: TestClient) -> None:
    response = client.get("/api/v1/chains/near", params={"hs": "8507", "top": 3})
    assert response.status_code == 200
    body = response.json()
    assert body["product"]["hs92_code"] == "8507" and body["product"]["hs_versions"] == "split differently"
    assert [item["product"]["hs92_code"] for item in body["near"]][:1] == ["8532"]
    assert body["near"][0]["proximity"] == pytest.approx(0.473684) and len(body["near"]) == 3
    assert body["near"][1]["proximity"] is None and body["links_in_space"] == 6
    assert body["attribution"] == ATTRIBUTION


def test_a_country_answers_with_eci_projections_and_strategic_approach(client: TestClient) -> None:
    body = client.get("/api/v1/chains/countries/CHN").json()
    assert body["brics_relation"] == "member" and body["strategic_approach"] == "light touch"
    assert len(body["years"]) == 13 and body["years"][-1]["year"] == 2024
    assert body["attribution"] == ATTRIBUTION


@pytest.mark.parametrize(
    ("path", "status", "named"),
    [
        ("/api/v1/chains/near?hs=85", 400, "HS code '85'"),
        ("/api/v1/chains/near?hs=9999", 404, "HS92 heading 9999"),
        ("/api/v1/chains/countries/FRA", 404, "country 'FRA'"),
    ],
)
def test_refusals_name_what_was_asked(client: TestClient, path: str, status: int, named: str) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert named in response.json()["detail"]
    if status == 400:
        assert response.json()["errors"][0]["parameter"] == "hs"
