"""`custom_regimes` in POST /api/v1/incentives/project and /incentives/synthetic, and the synthetic `assets`:
the CLI's `--regime-file` and `--asset` over HTTP, with the API's one error shape naming the body field."""

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sezatlas.regimes.cli import incentives_app
from sezatlas.store.database import make_engine
from sezatlas.web.app import create_app

ROOT = Path(__file__).parents[2]
EXAMPLE = ROOT / "docs" / "examples" / "regimes" / "custom-10-then-15.toml"
PLANT = ROOT / "docs" / "examples" / "incentives" / "manufacturing-plant.json"
CLASSES = ("buildings", "machinery", "intangibles")


@pytest.fixture(scope="module")
def client() -> TestClient:
    """The incentive routes read no database: an app over an empty in-memory one serves them."""
    return TestClient(create_app(make_engine("sqlite://")))


def custom(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = tomllib.loads(EXAMPLE.read_text(encoding="utf-8"))
    return record | changes


def body(*regimes: dict[str, Any], **more: Any) -> dict[str, Any]:
    project = json.loads(PLANT.read_text(encoding="utf-8"))
    return {"project": project, "custom_regimes": list(regimes), "with_metr": True, **more}


def test_a_custom_regime_gives_the_figures_of_the_command_line(client: TestClient, tmp_path: Path) -> None:
    response = client.post("/api/v1/incentives/project", json=body(custom(), regime_ids=["RUS-tor"]))
    assert response.status_code == 200, response.text
    mine, tor = response.json()["regimes"]
    assert (mine["regime_id"], mine["is_custom"], tor["is_custom"]) == ("RUS-custom-10-then-15", True, False)
    target = tmp_path / "cli.json"
    run = CliRunner().invoke(
        incentives_app, ["compare", "-p", str(PLANT), "--regime-file", str(EXAMPLE), "-o", str(target)]
    )
    assert run.exit_code == 0, run.output
    (cli,) = json.loads(target.read_text(encoding="utf-8"))["regimes"]
    assert mine == cli


@pytest.mark.parametrize(
    ("regime", "field", "message"),
    [
        (custom(cit={"phases": [{"value": 1.1, "years": 10}]}), "custom_regimes.0.cit.phases.0.value",
         "Input should be less than or equal to 1"),
        (custom(regime_id="RUS-tor"), "custom_regimes.0.regime_id", "is a bundled regime"),
        (custom(counterfactual_id="RUS-tor"), "custom_regimes.0.counterfactual_id", "not a bundled standard"),
        (custom(counterfactual_id=["RUS-standard"]), "custom_regimes.0.counterfactual_id", "not a bundled"),
        ({"cit": 3, "counterfactual_id": "RUS-standard"}, "custom_regimes.0.regime_id", "Field required"),
    ],
)  # fmt: skip
def test_an_invalid_custom_regime_is_a_422_naming_the_body_field(
    client: TestClient, regime: dict[str, Any], field: str, message: str
) -> None:
    response = client.post("/api/v1/incentives/project", json=body(regime))
    assert response.status_code == 422, response.text
    (error,) = response.json()["errors"]
    assert error["field"] == field and message in error["message"]
    assert response.json()["detail"].startswith("custom_regimes.0: field ")


def test_nothing_to_compare_is_a_400(client: TestClient) -> None:
    response = client.post("/api/v1/incentives/project", json=body())
    assert response.status_code == 400 and "name at least one regime_id" in response.json()["detail"]


def test_synthetic_rates_of_a_custom_regime_alone_with_another_asset_mix(client: TestClient) -> None:
    assets = {"machinery": {"economic_depreciation": 0.10, "weight": 2}}
    response = client.post(
        "/api/v1/incentives/synthetic", json={"custom_regimes": [custom()], "assets": assets}
    )
    assert response.status_code == 200, response.text
    answer = response.json()
    assert [(r["regime_id"], r["is_custom"]) for r in answer["regimes"]] == [("RUS-custom-10-then-15", True)]
    assert "machinery delta=0.1 weight=2" in answer["assumptions"]
    assert "buildings delta=0.03 weight=1" in answer["assumptions"]  # not named: the default


@pytest.mark.parametrize(
    ("assets", "field"),
    [
        ({"machinery": {"economic_depreciation": 0}}, "assets.machinery.economic_depreciation"),
        ({"plant": {"economic_depreciation": 0.1}}, "assets.plant.[key]"),
        ({kind: {"economic_depreciation": 0.1, "weight": 0} for kind in CLASSES}, "assets"),
    ],
)  # fmt: skip
def test_an_impossible_asset_mix_is_a_422_naming_the_field(
    client: TestClient, assets: dict[str, Any], field: str
) -> None:
    response = client.post(
        "/api/v1/incentives/synthetic", json={"regime_ids": ["CHN-standard"], "assets": assets}
    )
    assert response.status_code == 422, response.text
    assert field in [error["field"] for error in response.json()["errors"]]


def test_the_openapi_schema_documents_custom_regimes_and_assets(client: TestClient) -> None:
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert "custom_regimes" in schemas["ProjectComparisonIn"]["properties"]
    assert {"custom_regimes", "assets"} <= set(schemas["SyntheticIn"]["properties"])
    assert "is_custom" in schemas["RegimeComparisonOut"]["properties"]
