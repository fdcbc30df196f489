"""`POST /api/v1/incentives/scenario` gives the figures of the use case it calls (regimes/scenarios.py)."""

import json

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.regimes.actions import common_approach
from sezatlas.regimes.scenarios import scenario_rows
from sezatlas.store.database import session_factory
from tests.regimes.test_scenarios import EXAMPLE, MODEL, bundled_model, project

SCENARIO = "/api/v1/incentives/scenario"


def test_the_api_gives_the_use_cases_figures_and_names_a_bad_field(
    client: TestClient, bundled_engine: Engine
) -> None:
    plant = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    asked = {"model_regime_id": MODEL, "projects": [plant], "countries": ["EGY"]}
    response = client.post(SCENARIO, json=asked)
    assert response.status_code == 200, response.text
    [row] = response.json()["rows"]
    with session_factory(bundled_engine)() as session:
        [expected] = scenario_rows(common_approach(session, bundled_model(), [project()], countries=["EGY"]))
    assert row["npv_of_incentives_model"] == pytest.approx(expected["npv_of_incentives_model"])
    assert row["aetr_today"] == pytest.approx(expected["aetr_today"])
    bad = {
        "model": {"name": "x", "territory_type": "SEZ", "cit": {"phases": [{"value": -1}]}},
        "projects": [plant],
    }
    refused = client.post("/api/v1/incentives/scenario", json=bad)
    assert refused.status_code == 422 and "cit.phases.0.value" in refused.text
    both = client.post(SCENARIO, json={**bad, "model_regime_id": MODEL})
    assert both.status_code == 422 and "one of the two" in both.text


def test_the_page_shows_every_member_and_the_figures_of_the_use_case(
    client: TestClient, bundled_engine: Engine
) -> None:
    from sezatlas.regimes.actions import common_approach
    from sezatlas.regimes.reference_projects import sector_project
    from sezatlas.standard.membership import BricsRelation, countries_with
    from sezatlas.web.pages.scenario_page import DEFAULT_MODEL

    asked = {"model": DEFAULT_MODEL, "sector": "software", "lang": "en"}
    page = client.get("/incentives/scenario", params=asked)
    assert page.status_code == 200
    for country in countries_with(BricsRelation.MEMBER):
        assert f'data-country="{country}"' in page.text
    with session_factory(bundled_engine)() as session:
        model = bundled_model(DEFAULT_MODEL)
        [row] = scenario_rows(
            common_approach(session, model, [sector_project("software")], countries=["ZAF"])
        )
    assert row["npv_of_incentives_model"] is not None
    shown = client.get("/incentives/scenario", params={**asked, "f": "json"}).json()
    [same] = [r for r in shown["rows"] if r["country_iso3"] == "ZAF"]
    assert same["npv_of_incentives_model"] == pytest.approx(row["npv_of_incentives_model"])
    npv = f"{row['npv_of_incentives_model'] / 1e6:,.1f}"
    assert f'data-figure="npv_model">{npv}<' in page.text.split('data-country="ZAF"')[1]
    unreadable = client.get("/incentives/scenario", params={**asked, "fx": "RUB is cheap"})
    assert unreadable.status_code == 200 and 'data-testid="fx-error"' in unreadable.text
    rated = client.get("/incentives/scenario", params={**asked, "fx": "IDR=0.000063", "f": "json"}).json()
    assert any("IDR" in r["not_valued"] for r in shown["rows"]) and not any(
        "IDR" in r["not_valued"] for r in rated["rows"]
    )
    russian = client.get("/incentives/scenario", params={"model": DEFAULT_MODEL, "lang": "ru"})
    assert "Общий подход" in russian.text and "Бюджетная стоимость рабочего места" in russian.text
    assert client.get("/incentives/scenario", params={"model": "XXX-none"}).status_code == 400
    assert client.get("/incentives/scenario", params={"sector": "nothing"}).status_code == 400
