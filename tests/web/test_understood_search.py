"""A search box that understands the question, and a country filter that takes several countries
(API and pages over HTTP, on SQLite and PostgreSQL).

On the bundled registry no Brazilian zone declares batteries (ISIC 272); BRA-001, the Manaus Free Trade
Zone, declares only "manufacturing" (C), so it is a *possible* match for batteries.
"""

import re
from typing import Any

from fastapi.testclient import TestClient

from tests.web.browser.test_pages_http import fresh


def zones(client: TestClient, **params: str) -> dict[str, Any]:
    response = client.get("/api/v1/zones", params={"limit": "1000", **params})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_country_name_in_chinese_finds_that_countrys_zones(client: TestClient) -> None:
    found = zones(client, q="俄罗斯")
    russia = zones(client, country="RUS")
    assert found["total"] == russia["total"] > 100
    assert {zone["country_iso3"] for zone in found["items"]} == {"RUS"}


def test_battery_words_in_russia_or_brazil_list_brazilian_zones_as_possible_matches(
    client: TestClient,
) -> None:
    found = zones(client, q="电池", country="RUS,BRA")
    grades = {zone["zone_id"]: zone["sector_match"] for zone in found["items"]}
    assert grades["BRA-001"] == "possible"
    assert {zone["country_iso3"] for zone in found["items"]} <= {"RUS", "BRA"}
    assert set(grades.values()) <= {"exact", "possible"}
    in_portuguese = zones(client, q="baterias no Brasil")
    assert [(z["zone_id"], z["sector_match"]) for z in in_portuguese["items"]] == [("BRA-001", "possible")]


def test_sector_words_list_exact_matches_before_possible_ones(client: TestClient) -> None:
    found = zones(client, q="software")  # ISIC 62/63: many zones declare 62 exactly
    grades = [zone["sector_match"] for zone in found["items"]]
    assert "exact" in grades and "possible" not in grades[: grades.index("exact") + 1]
    assert grades == sorted(grades, key=lambda grade: {"exact": 0, "possible": 1, None: 2}[grade])


def test_a_plain_name_search_is_unchanged(client: TestClient) -> None:
    found = zones(client, q="Alabuha")
    assert [zone["zone_id"] for zone in found["items"]] == ["RUS-001"]
    assert found["items"][0]["sector_match"] is None


def test_several_countries_repeated_or_comma_separated_are_the_same(client: TestClient) -> None:
    repeated = client.get("/api/v1/zones?country=RUS&country=BRA&limit=1").json()
    commas = zones(client, country="RUS,BRA")
    assert (
        repeated["total"]
        == commas["total"]
        == zones(client, country="RUS")["total"] + zones(client, country="BRA")["total"]
    )


def test_the_brics_shortcut_adds_its_countries_to_the_chosen_ones(client: TestClient) -> None:
    both = zones(client, country="RUS", brics="partner")
    partners = zones(client, brics="partner")
    assert both["total"] == partners["total"] + zones(client, country="RUS")["total"]


def test_the_home_page_offers_the_country_filter_for_a_country_name(client: TestClient) -> None:
    page = fresh(client).get("/", params={"q": "电池 俄罗斯", "lang": "zh"}).text
    hint = re.search(r'data-testid="country-hint">(.*?)</p>', page, re.S)
    assert hint and 'href="/?country=RUS&amp;q=%E7%94%B5%E6%B1%A0"' in hint.group(1)
    assert "您是想按国家筛选吗？" in hint.group(1) and "俄罗斯" in hint.group(1)
    assert 'data-testid="sector-hint"' in page and "272 — 电池和蓄电池的制造" in page
    twin = fresh(client).get("/", params={"q": "电池 俄罗斯", "f": "json"}).json()
    assert twin["understood"] == {"countries": ["RUS"], "places": [], "isic": ["272"], "other_words": []}


def test_no_hint_once_the_country_is_in_the_filter(client: TestClient) -> None:
    page = fresh(client).get("/", params={"q": "Russia", "country": "RUS", "lang": "en"}).text
    assert 'data-testid="country-hint"' not in page


def test_the_page_keeps_several_countries_and_the_map_gets_every_filter(client: TestClient) -> None:
    page = fresh(client).get("/?country=RUS&country=BRA&brics=partner&q=%E7%94%B5%E6%B1%A0&lang=en").text
    assert 'data-points-url="/map/points?country=BRA,RUS&amp;brics=partner&amp;q=%E7%94%B5%E6%B1%A0"' in page
    for code in ("RUS", "BRA"):
        assert re.search(rf'id="filter-country-{code}" checked', page)
    assert not re.search(r'id="filter-country-CHN" checked', page)
    assert 'id="filter-brics-partner" checked' in page
    assert (
        '<span id="country-chosen" class="picker-chosen">BRICS partners, Brazil, Russian Federation</span>'
        in page
    )
    points = client.get("/map/points?country=RUS,BRA&q=%E7%94%B5%E6%B1%A0").json()
    assert "BRA-001" in {point[0] for point in points["points"]}


def test_an_htmx_update_rewrites_the_chosen_countries_out_of_band(client: TestClient) -> None:
    response = fresh(client).get("/?country=BRA&lang=pt", headers={"HX-Request": "true"})
    assert response.headers["HX-Push-Url"] == "/?country=BRA"
    assert '<span id="country-chosen" class="picker-chosen" hx-swap-oob="true">Brasil</span>' in response.text


def test_an_unknown_country_or_relation_is_refused(client: TestClient) -> None:
    assert fresh(client).get("/", params={"country": "RUS,XX"}).status_code == 400
    assert fresh(client).get("/", params={"brics": "observer"}).status_code == 400
    assert client.get("/api/v1/zones", params={"country": "RUS,XX"}).status_code == 400
