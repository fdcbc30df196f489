"""Countries, code lists, statistics with coverage, and the published schema."""

from fastapi.testclient import TestClient

from sezatlas.standard.schema import STANDARD_VERSION


def test_countries_are_the_brics_members(client: TestClient) -> None:
    countries = client.get("/api/v1/countries").json()
    assert {c["iso3"] for c in countries if c["is_brics_member"]} == {
        "BRA", "RUS", "IND", "CHN", "ZAF", "EGY", "ETH", "IRN", "ARE", "IDN", "SAU"}  # fmt: skip


def test_stats_add_up_and_show_coverage_against_official_counts(client: TestClient) -> None:
    stats = client.get("/api/v1/stats").json()
    total = client.get("/api/v1/zones", params={"limit": 1}).json()["total"]
    assert stats["zones"] == total == sum(c["zones"] for c in stats["countries"])
    china = next(c for c in stats["countries"] if c["iso3"] == "CHN")
    etdz = next(o for o in china["official"] if o["zone_type"] == "etdz" and o["count"] == 232)
    assert etdz["zones_in_registry"] == china["by_type"]["etdz"]
    assert etdz["coverage_pct"] == round(100 * etdz["zones_in_registry"] / 232, 1)


def test_hs_codes_search_by_words_and_prefix(client: TestClient) -> None:
    by_prefix = client.get("/api/v1/codes/hs", params={"q": "8703"}).json()["items"]
    assert by_prefix[0]["code"] == "8703" and all(c["code"].startswith("8703") for c in by_prefix)
    words = client.get("/api/v1/codes/hs", params={"q": "motor cars", "level": "heading"}).json()["items"]
    assert "8703" in {c["code"] for c in words}


def test_isic_codes_by_level(client: TestClient) -> None:
    body = client.get("/api/v1/codes/isic", params={"level": "division"}).json()
    assert body["total"] == 88


def test_the_schema_is_versioned(client: TestClient) -> None:
    schema = client.get("/api/v1/schema").json()
    assert schema["version"] == STANDARD_VERSION
    assert "Zone" in schema["$defs"] and "latitude" in schema["$defs"]["Location"]["properties"]


def test_country_shapes_for_an_offline_base_map(client: TestClient) -> None:
    response = client.get("/api/v1/countries/shapes")
    assert response.headers["content-type"] == "application/geo+json"
    features = response.json()["features"]
    assert len(features) == 177
    assert {f["properties"]["iso_a3"] for f in features if f["properties"]["brics_2025"]} >= {"RUS", "BRA"}
    assert len(client.get("/api/v1/countries/shapes", params={"resolution": "50m"}).json()["features"]) == 241
