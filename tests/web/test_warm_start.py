"""A server process builds the registry's in-memory values as it starts, so its first users do not wait for
them (sezatlas/web/warm_start.py); a database it cannot read yet does not stop it from starting."""

import logging
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.settings import get_settings
from sezatlas.store import registry_cache
from sezatlas.web.app import create_app

PROJECT = {"name": "Car parts", "isic_code": "2930", "zone_types": ["sez"]}


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """One entry per per-registry value built in this test (the hook every build runs before it)."""
    built: list[str] = []
    monkeypatch.setattr(registry_cache, "_before_each_build", [lambda: built.append("built")])
    return built


@pytest.fixture
def warm_start(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[None]:
    monkeypatch.setenv("SEZATLAS_WARM_START", request.param)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.mark.parametrize("warm_start", ["true"], indirect=True)
def test_a_started_server_ranks_and_searches_without_building_anything(
    registry_engine: Engine, warm_start: None, builds: list[str]
) -> None:
    with TestClient(create_app(registry_engine)) as client:
        at_start = len(builds)
        ranked = client.post("/api/v1/rank", json=PROJECT, params={"samples": 0})
        found = client.get("/api/v1/zones", params={"q": "alabuha"})  # misspelt: the fuzzy name index
        assert ranked.status_code == 200 and found.status_code == 200
        assert "Alabuga SEZ" in [zone["name_en"] for zone in found.json()["items"]]
    assert at_start >= 5  # the site-selection columns, statistics, two chains indexes, the name index
    assert len(builds) == at_start


@pytest.mark.parametrize("warm_start", ["false"], indirect=True)
def test_without_warm_start_the_first_ranking_builds_what_it_needs(
    registry_engine: Engine, warm_start: None, builds: list[str]
) -> None:
    with TestClient(create_app(registry_engine)) as client:
        assert builds == []
        assert client.post("/api/v1/rank", json=PROJECT, params={"samples": 0}).status_code == 200
    assert builds


def test_a_database_not_yet_initialised_does_not_stop_the_start(
    blank_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    logged = caplog.at_level(logging.WARNING, logger="sezatlas.web.warm_start")
    with logged, TestClient(create_app(blank_engine)) as client:
        assert client.get("/healthz").json() == {"status": "ok"}
    assert "built on first use instead" in caplog.text
