"""Partner countries and zone relations as the API and the zone page give them (SQLite and PostgreSQL)."""

from fastapi.testclient import TestClient

PARTNERS = {"BLR", "BOL", "KAZ", "CUB", "MYS", "THA", "UGA", "UZB", "NGA", "VNM"}


def test_kazakh_sezs_come_from_the_api_with_their_sources(client: TestClient) -> None:
    body = client.get("/api/v1/zones", params={"country": "KAZ", "limit": 100}).json()
    assert body["total"] == 16
    assert all(zone["zone_type"] == "sez" and zone["provenance"]["source_urls"] for zone in body["items"])


def test_zones_can_be_filtered_by_the_countrys_relation_to_brics(client: TestClient) -> None:
    partner = client.get("/api/v1/zones", params={"brics": "partner", "limit": 1000}).json()
    assert {zone["country_iso3"] for zone in partner["items"]} == PARTNERS
    member = client.get("/api/v1/zones", params={"brics": "member", "limit": 1}).json()
    everything = client.get("/api/v1/zones", params={"limit": 1}).json()
    invited = client.get("/api/v1/zones", params={"brics": "invited", "limit": 1}).json()  # Saudi Arabia
    assert member["total"] + partner["total"] + invited["total"] == everything["total"]
    assert client.get("/api/v1/zones", params={"brics": "observer"}).status_code == 400


def test_the_countries_api_gives_each_relation_with_its_source(client: TestClient) -> None:
    countries = {c["iso3"]: c for c in client.get("/api/v1/countries").json()}
    assert countries["VNM"]["brics_relation"] == "partner" and countries["VNM"]["brics_since"] == "2025-06-13"
    assert countries["EGY"]["brics_relation"] == "member" and countries["EGY"]["brics_source_url"]


def test_the_zone_page_shows_the_whole_and_the_parts(client: TestClient) -> None:
    part = client.get("/zones/CHN-027", params={"lang": "en"}).text
    assert 'data-testid="zone-parent"' in part and "/zones/CHN-026" in part
    whole = client.get("/zones/CHN-026", params={"lang": "en"}).text
    assert "Parts" in whole and all(
        f"/zones/{part_id}" in whole for part_id in ("CHN-027", "CHN-028", "CHN-029")
    )
    same = client.get("/zones/ARE-022", params={"lang": "ru"}).text
    assert "Возможно, та же зона, что и" in same and "/zones/ARE-008" in same
