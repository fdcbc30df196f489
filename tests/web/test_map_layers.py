"""The layers a map fetches for its view: only what lies in the view, names in the page's language, a small
answer at any zoom, and a 400 naming a bad parameter."""

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)  # no query touches it
TATARSTAN = "47,54.5,54,57"
WORLD = "-180,-90,180,90"


def _context(client: TestClient, bbox: str, zoom: float, lang: str = "en") -> dict[str, list[list[Any]]]:
    """places `[name, lat, lon, size]`, seaports `[name, lat, lon]`, airports `[name, iata, lat, lon]`"""
    response = client.get("/map/context", params={"bbox": bbox, "zoom": zoom, "lang": lang})
    assert response.status_code == 200, response.text
    body: dict[str, list[list[Any]]] = response.json()
    return body


def test_only_features_inside_the_view_are_sent(client: TestClient) -> None:
    body = _context(client, TATARSTAN, 8)
    points = [(p[1], p[2]) for p in body["places"] + body["seaports"]] + [
        (a[2], a[3]) for a in body["airports"]
    ]
    assert points and all(54.5 <= lat <= 57 and 47 <= lon <= 54 for lat, lon in points)
    assert ["Kazan", 55.752, 49.124, 2] in body["places"]
    assert any(airport[1] == "KZN" for airport in body["airports"])


def test_a_view_across_180_degrees_gets_both_sides(client: TestClient) -> None:
    lons = [place[2] for place in _context(client, "170,55,-160,72", 8)["places"]]
    assert any(lon > 170 for lon in lons) and any(lon < -170 for lon in lons)  # Anadyr, Provideniya
    assert all(lon >= 170 or lon <= -160 for lon in lons)


KAZAN = [("en", "Kazan"), ("ru", "Казань"), ("zh", "喀山"), ("pt", "Cazã"), ("ar", "قازان")]


@pytest.mark.parametrize(("lang", "kazan"), KAZAN)
def test_places_are_named_in_the_pages_language(client: TestClient, lang: str, kazan: str) -> None:
    assert kazan in [place[0] for place in _context(client, TATARSTAN, 8, lang)["places"]]


def test_a_place_the_layer_does_not_name_in_a_language_keeps_its_english_name(client: TestClient) -> None:
    assert "Chistopol" in [place[0] for place in _context(client, TATARSTAN, 8, "ar")["places"]]


def test_the_world_at_a_small_scale_is_a_small_answer(client: TestClient) -> None:
    response = client.get("/map/context", params={"bbox": WORLD, "zoom": 2, "lang": "ru"})
    assert len(response.content) < 2_000 and len(response.json()["places"]) <= 30
    assert "max-age" in response.headers["cache-control"]


@pytest.mark.parametrize("zoom", [3, 5, 7, 12, 20])
def test_no_answer_is_large_at_any_zoom(client: TestClient, zoom: float) -> None:
    body = _context(client, WORLD, zoom)
    assert len(body["places"]) <= 250 and len(json.dumps(body, ensure_ascii=False).encode()) < 40_000


@pytest.mark.parametrize(
    ("params", "parameter"),
    [({"bbox": "1,2,3", "zoom": "5"}, "bbox"), ({"bbox": "0,80,10,70", "zoom": "5"}, "bbox"),
     ({"bbox": TATARSTAN, "zoom": "99"}, "zoom"), ({"bbox": TATARSTAN, "zoom": "5", "lang": "de"}, "lang")],
)  # fmt: skip
def test_a_bad_parameter_is_a_400_naming_it(
    client: TestClient, params: dict[str, str], parameter: str
) -> None:
    response = client.get("/map/context", params=params)  # as the map's fetch asks: no Accept header
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == parameter


def test_detailed_land_is_the_views_countries_only(client: TestClient) -> None:
    response = client.get("/map/land", params={"bbox": TATARSTAN})
    names = {feature["properties"]["name"] for feature in response.json()["features"]}
    assert "Russia" in names and "Brazil" not in names and "United States of America" not in names
    assert response.headers["content-type"].startswith("application/geo+json")
    assert len(client.get("/map/land", params={"bbox": "119,35.5,121.5,37"}).content) < 100_000
