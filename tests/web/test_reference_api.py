"""Countries, code lists, statistics with coverage, and the published schema."""

from fastapi.testclient import TestClient

from sezatlas.standard.schema import STANDARD_VERSION


def test_countries_are_the_brics_members(client: TestClient) -> None:
    countries = client.get("/api/v1/countries").json()
    assert {c["iso3"] for c in countries if c["is_brics_member"]} == {
        "BRA", "RUS", "IND", "CHN", "ZAF", "EGY", "ETH", "IRN", "ARE", "IDN"}  # fmt: skip
    assert {c["iso3"]: c["brics_relation"] for c in countries}["SAU"] == "invited"  # not confirmed


def test_stats_add_up_and_show_one_headline_figure_per_regime(client: TestClient) -> None:
    stats = client.get("/api/v1/stats").json()
    total = client.get("/api/v1/zones", params={"limit": 1}).json()["total"]
    assert stats["zones"] == sum(c["zones"] for c in stats["countries"]) <= total  # parts go with their whole
    assert stats["parts_counted_with_whole"] is True
    india = next(c for c in stats["countries"] if c["iso3"] == "IND")
    (sez,) = india["regimes"]
    assert sez["headline"]["count"] == 375 and sez["headline"]["source_type"] == "official"
    assert sez["headline"]["official_because"].startswith("datais.info: a verbatim copy of Lok Sabha")
    assert sez["coverage_pct"] == round(100 * sez["zones_in_registry"] / 375, 1)
    assert {f["source_type"] for f in sez["history"]} == {"official", "reported"}
    assert len(stats["unplaced"]) == sum(c["unplaced"] for c in stats["countries"]) > 0


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
