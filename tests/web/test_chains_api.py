"""`GET /api/v1/chains/recipe`: the input recipe as JSON, labelled as the US proxy it is."""

import pytest
from fastapi.testclient import TestClient

from sezatlas.chains.recipe import PROXY_LABEL
from sezatlas.store.database import make_engine
from sezatlas.web.app import create_app

PATH = "/api/v1/chains/recipe"


@pytest.fixture(scope="module")
def client() -> TestClient:
    """The recipe reads no database: an app over an empty in-memory one serves it."""
    return TestClient(create_app(make_engine("sqlite://")))


def test_a_recipe_answers_with_its_inputs_and_the_proxy_label(client: TestClient) -> None:
    response = client.get(PATH, params={"code": "2720", "total": "true", "top": 5})
    assert response.status_code == 200
    body = response.json()
    assert body["label"] == PROXY_LABEL and body["code"] == "ISIC:2720" and body["ranked_by"] == "total"
    assert (
        len(body["inputs"]) == 5 and body["inputs"][0]["total_per_usd"] >= body["inputs"][1]["total_per_usd"]
    )
    assert {i["bea_code"] for i in body["made_of"]} == {"335911", "335912"}
    assert "Leontief" in body["method"] and body["weighting"]


def test_an_hs_code_answers_through_its_isic_classes(client: TestClient) -> None:
    body = client.get(PATH, params={"code": "HS:850760"}).json()
    assert body["label"] == PROXY_LABEL
    assert "2720" in {c["isic_class"] for c in body["stands_for"]}


@pytest.mark.parametrize(
    ("code", "status", "named"),
    [
        ("9999", 404, "ISIC 9999"),
        ("HS:999998", 404, "HS 999998"),
        ("ISIC:27", 400, "ISIC 27"),
        ("x", 400, "'x'"),
    ],
)
def test_a_bad_code_is_refused_naming_it(client: TestClient, code: str, status: int, named: str) -> None:
    response = client.get(PATH, params={"code": code})
    assert response.status_code == status
    assert named in response.json()["detail"]
    if status == 400:  # a bad request names its parameter, as FastAPI's own 400s do
        assert [error["parameter"] for error in response.json()["errors"]] == ["code"]


@pytest.mark.parametrize(
    ("path", "params", "parameter"),
    [
        ("/api/v1/chains/suppliers", {"code": "x", "zone": "RUS-001"}, "code"),
        ("/api/v1/chains/localization", {"code": "x", "zone": "RUS-001"}, "code"),
        ("/api/v1/chains/localization", {"code": "2720", "zone": "RUS-001", "add": "steel@RUS-001"}, "add"),
    ],
)
def test_every_chains_400_names_the_parameter_at_fault(
    client: TestClient, path: str, params: dict[str, str], parameter: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 400
    assert [error["parameter"] for error in response.json()["errors"]] == [parameter]
