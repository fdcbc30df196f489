"""The zone page shows each computed distance once, in the Logistics group, naming the feature it reaches,
with its method, layer, as-of and precision, translated."""

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
    return re.findall(r'<tr data-column="[a-z_0-9]+" data-computed="([a-z_0-9]+)">', html)


def _row(html: str, column: str) -> str:
    start = html.index(f'<tr data-column="{column}"')
    return html[start : html.index("</tr>", start)]


def test_each_computed_distance_is_shown_with_its_method_layer_and_as_of(client: TestClient) -> None:
    html = client.get("/zones/CHN-ETDZ-085", params={"lang": "en"}).text
    assert _rows(html) == ["distance_to_seaport_km", "distance_to_airport_km", "distance_to_city_100k_km"]
    seaport = _row(html, "distance_to_seaport_km")
    assert "35.1 — Qingdao (approximate)" in seaport and "November 2017" in seaport
    assert "computed (great-circle); Natural Earth 1:10m Ports 4.0.0" in seaport
    assert "Qingdao Liuting Int&#39;l (IATA TAO)" in _row(html, "distance_to_airport_km")
    assert "great-circle (straight-line) distance" in html and "so the distances are approximate too" in html


def test_each_distance_is_shown_once(client: TestClient) -> None:
    html = client.get("/zones/CHN-ETDZ-085", params={"lang": "en"}).text
    visible = re.sub(r'data-nearest="[^"]*"', "", html)  # the map's copy of the nearest seaport and airport
    assert visible.count("35.1") == 1 and visible.count("33.9") == 1
    assert "Distances computed" not in html


def test_an_unknown_distance_is_not_shown_as_computed(client: TestClient) -> None:
    assert _rows(client.get("/zones/ETH-017").text) == ["distance_to_airport_km", "distance_to_city_100k_km"]
    html = client.get("/zones/THA-001", params={"lang": "en"}).text
    assert _rows(html) == [] and "great-circle" not in html


@pytest.mark.parametrize(
    ("lang", "note"),
    [
        ("ru", "Вычислено SEZ Atlas"),
        ("zh", "由 SEZ Atlas 计算"),
        ("pt", "Calculado pelo SEZ Atlas"),
        ("ar", "حسبها SEZ Atlas"),
    ],
)
def test_the_method_is_translated(client: TestClient, lang: str, note: str) -> None:
    html = client.get("/zones/CHN-ETDZ-085", params={"lang": lang}).text
    assert note in html.split('data-testid="distance-note">')[1].split("</p>")[0]
