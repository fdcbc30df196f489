"""`GET /api/v1/incentives/matrix`: the harmonization matrix as JSON, filtered by countries and dimensions."""

import pytest
from fastapi.testclient import TestClient

from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.matrix.dimensions import DIMENSIONS
from sezatlas.store.database import make_engine
from sezatlas.web.app import create_app

PATH = "/api/v1/incentives/matrix"


@pytest.fixture(scope="module")
def client() -> TestClient:
    """The matrix reads no database: an app over an empty in-memory one serves it."""
    return TestClient(create_app(make_engine("sqlite://")))


def test_the_whole_matrix_has_a_cell_per_regime_and_dimension(client: TestClient) -> None:
    response = client.get(PATH)
    assert response.status_code == 200
    body = response.json()
    assert len(body["regimes"]) == len(load_regimes()) and len(body["dimensions"]) == len(DIMENSIONS)
    assert body["cells"] == len(body["regimes"]) * len(DIMENSIONS)
    unknown = 0
    for row in body["regimes"]:
        assert set(row["cells"]) == {d.key for d in DIMENSIONS}
        for cell in row["cells"].values():
            unknown += cell["code"] == "unknown"
            assert cell["code"] == "unknown" or cell["source_urls"], (row["regime_id"], cell)
    assert body["unknown_cells"] == unknown == sum(s["unknown"] for s in body["summary"].values())
    assert body["divergence_rule"].startswith("Aligned: every regime with a known cell has the same code.")


def test_countries_and_dimensions_filter_repeated_or_comma_separated(client: TestClient) -> None:
    body = client.get(
        PATH, params=[("country", "RUS,ind"), ("dimension", "vat"), ("dimension", "customs")]
    ).json()
    assert {row["country_iso3"] for row in body["regimes"]} == {"RUS", "IND"}
    assert [d["key"] for d in body["dimensions"]] == ["customs", "vat"]
    assert set(body["summary"]) == {"customs", "vat"}
    customs = body["summary"]["customs"]
    assert customs["verdict"] == "divergent" and customs["known"] + customs["unknown"] == len(body["regimes"])


def test_the_summary_reports_a_conflict_the_dimension_declares(client: TestClient) -> None:
    body = client.get(PATH, params={"country": "IND,BRA", "dimension": "export_contingency"}).json()
    summary = body["summary"]["export_contingency"]
    assert summary["verdict"] == "in_conflict"
    assert summary["counts"]["export_contingent"] >= 1 and summary["counts"]["not_export_contingent"] == 1
    dimension = body["dimensions"][0]
    assert dimension["conflicts"] == [["export_contingent", "not_export_contingent"]]
    assert dimension["framework"] == "WTO ASCM Art. 3.1(a)"


@pytest.mark.parametrize(("query", "detail"), [
    ("country=ZZZ", "country: no regime is encoded for ZZZ"),
    ("dimension=customs,tarrif", "dimension: unknown tarrif; one of territory"),
    ("countries=RUS", "parameter countries: unknown parameter; did you mean 'country'?"),
])  # fmt: skip
def test_a_bad_filter_is_a_400_naming_what_is_accepted(client: TestClient, query: str, detail: str) -> None:
    response = client.get(f"{PATH}?{query}")
    assert response.status_code == 400
    assert response.json()["detail"].startswith(detail)


def test_the_regime_rules_carry_their_hand_coded_cells(client: TestClient) -> None:
    rules = client.get("/api/v1/regimes/SAU-sez").json()
    assert rules["matrix"]["foreign_exchange"] == {
        "code": "withholding_exempt", "text": "0% withholding tax on repatriated profits",
        "source_url": rules["matrix"]["foreign_exchange"]["source_url"], "as_of": "2023", "confidence": None,
    }  # fmt: skip
    assert rules["matrix"]["dispute_settlement"] is None
