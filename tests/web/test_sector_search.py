"""Sector search is hierarchical: a zone tagged only with a broader code is a *possible* match, never dropped.

On the bundled registry (SQLite and PostgreSQL): BRA-001, the Manaus Free Trade Zone, is tagged C
("manufacturing (Polo Industrial de Manaus)"); BRA-011 is tagged 1920 (oil refining), 52 and 35.
"""

from fastapi.testclient import TestClient


def grades(client: TestClient, **params: str) -> list[tuple[str, str | None]]:
    body = client.get("/api/v1/zones", params={"limit": "1000", **params}).json()
    return [(zone["zone_id"], zone["sector_match"]) for zone in body["items"]]


def test_brazil_and_electrical_equipment_returns_manaus_as_possible(client: TestClient) -> None:
    found = grades(client, country="BRA", isic="27")
    assert ("BRA-001", "possible") in found
    assert all(grade == "possible" for _zone, grade in found)  # no Brazilian zone is tagged 27 or below


def test_an_exact_match_ranks_before_a_possible_one(client: TestClient) -> None:
    found = grades(client, country="BRA", isic="19")
    assert found.index(("BRA-011", "exact")) < found.index(("BRA-001", "possible"))
    assert [grade for _zone, grade in found] == sorted(grade for _zone, grade in found)  # exact first


def test_a_zone_tagged_with_a_sibling_class_is_no_match(client: TestClient) -> None:
    # BRA-011 is tagged 1920; zone_isic also holds its ancestors 192, 19 and C, but it is not *tagged* C.
    found = dict(grades(client, country="BRA", isic="1910"))
    assert "BRA-011" not in found and found["BRA-001"] == "possible"


def test_a_section_search_is_exact_for_every_zone_below_it(client: TestClient) -> None:
    found = dict(grades(client, country="BRA", isic="C"))
    assert found["BRA-001"] == "exact" and found["BRA-011"] == "exact"


def test_without_a_sector_filter_there_is_no_grade(client: TestClient) -> None:
    assert {grade for _zone, grade in grades(client, country="BRA")} == {None}


def test_a_sector_search_grades_matches_as_exact_or_possible(client: TestClient) -> None:
    """(that the graded list is what `ZoneListOut` serialises is checked in test_zones_api.py)"""
    body = client.get("/api/v1/zones", params={"isic": "27", "limit": 1000}).json()
    assert {item["sector_match"] for item in body["items"]} == {"exact", "possible"}


def test_the_map_shows_possible_matches_too(client: TestClient) -> None:
    points = client.get("/map/points", params={"country": "BRA", "isic": "27"}).json()
    assert "BRA-001" in {point[0] for point in points["points"]}


def test_batteries_in_brazil_finds_manaus_as_a_possible_match(client: TestClient) -> None:
    assert grades(client, country="BRA", isic="2720") == [("BRA-001", "possible")]
