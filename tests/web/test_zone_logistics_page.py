"""The zone page shows each computed distance with its method, layer, as-of and precision, translated."""

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.registry.bootstrap import write_reference_tables
from sezatlas.registry.bundled import load_bundled_registry
from sezatlas.store.database import transaction
from sezatlas.store.zones import upsert_zones
from sezatlas.web.app import create_app

SHOWN = ("CHN-ETDZ-085", "ETH-017", "THA-001")  # port, airport and city; no port in Ethiopia; no point


@pytest.fixture
def client(empty_engine: Engine) -> TestClient:
    zones = [z for z in load_bundled_registry().zones if z.zone_id in SHOWN]
    with transaction(empty_engine) as session:
        write_reference_tables(session, zones)
        upsert_zones(session, zones)
    return TestClient(create_app(empty_engine))


def _rows(html: str) -> list[str]:
    return re.findall(r'<tr data-computed="([a-z_0-9]+)">', html)


def test_each_computed_distance_is_shown_with_its_method_layer_and_as_of(client: TestClient) -> None:
    html = client.get("/zones/CHN-ETDZ-085", params={"lang": "en"}).text
    assert _rows(html) == ["distance_to_seaport_km", "distance_to_airport_km", "distance_to_city_100k_km"]
    assert "Nearest seaport: <bdi>Qingdao</bdi>" in html and "35.1 km" in html
    assert "Qingdao Liuting Int&#39;l (IATA TAO)" in html
    assert "computed (great-circle)" in html and "Natural Earth 1:10m Ports 4.0.0" in html
    assert "November 2017" in html and "(approximate)" in html


def test_an_unknown_distance_is_not_shown_as_computed(client: TestClient) -> None:
    assert _rows(client.get("/zones/ETH-017").text) == ["distance_to_airport_km", "distance_to_city_100k_km"]
    assert "Distances computed" not in client.get("/zones/THA-001", params={"lang": "en"}).text


@pytest.mark.parametrize(
    ("lang", "heading"),
    [
        ("ru", "Расстояния, вычисленные от точки зоны"),
        ("zh", "从园区坐标点计算的距离"),
        ("pt", "Distâncias calculadas a partir do ponto da zona"),
        ("ar", "مسافات محسوبة من نقطة المنطقة"),
    ],
)
def test_the_section_is_translated(client: TestClient, lang: str, heading: str) -> None:
    assert heading in client.get("/zones/CHN-ETDZ-085", params={"lang": lang}).text
