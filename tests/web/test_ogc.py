"""OGC API – Features at `/ogc`, requirement by requirement (Part 1: core, GeoJSON, HTML, OpenAPI 3.0;
Part 3: queryables, property filters, CQL2 filters). `test_ogc_clients.py` checks it with GDAL and OWSLib;
`test_ogc_conformance.py` holds every declared conformance class to the tests here that exercise it."""

from typing import Any

import pytest
from fastapi.testclient import TestClient

from sezatlas.store.database import transaction
from sezatlas.store.zone_search import ZoneQuery, search_zones

ITEMS = "/ogc/collections/zones/items"
HTML_ACCEPT = {"accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def _zones_with_points(client: TestClient, **filters: Any) -> set[str]:
    engine = client.app.state.engine  # type: ignore[attr-defined]
    with transaction(engine) as session:
        page = search_zones(session, ZoneQuery(has_coordinates=True, limit=100_000, **filters))
    return {zone.zone_id for zone in page.zones}


def _ids(client: TestClient, **params: Any) -> set[str]:
    response = client.get(ITEMS, params={"limit": 10_000, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["numberMatched"] == body["numberReturned"] == len(body["features"])
    return {feature["id"] for feature in body["features"]}


def _link(document: dict[str, Any], rel: str, media_type: str | None = None) -> str:
    return next(
        link["href"]
        for link in document["links"]
        if link["rel"] == rel and media_type in (None, link["type"])
    )


def _path(href: str) -> str:
    return href.removeprefix("http://testserver")


# Part 1: Core


def test_landing_page_links_resolve(client: TestClient) -> None:
    landing = client.get("/ogc").json()
    for rel in ("self", "alternate", "service-desc", "service-doc", "conformance", "data"):
        response = client.get(_path(_link(landing, rel)))
        assert response.status_code == 200, rel
    api = client.get(_path(_link(landing, "service-desc")))
    assert api.headers["content-type"] == "application/vnd.oai.openapi+json;version=3.0"
    assert api.json()["openapi"].startswith("3.0")
    assert "/collections/zones/items" in api.json()["paths"]


def test_conformance_declares_parts_1_and_3(client: TestClient) -> None:
    conforms = client.get("/ogc/conformance").json()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in conforms
    assert "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter" in conforms
    assert "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text" in conforms


def test_an_unknown_or_misspelt_parameter_is_a_400_in_the_ogc_exception_shape(client: TestClient) -> None:
    response = client.get(ITEMS, params={"contry_iso3": "RUS"})
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "InvalidParameterValue"
    assert "did you mean 'country_iso3'" in body["description"]
    assert body["errors"][0]["parameter"] == "contry_iso3"
    assert client.get("/ogc/collections", params={"limit": 1}).status_code == 400
    assert client.get("/ogc/collections/seaports/items", params={"zone_type": "sez"}).status_code == 400


def test_collections_list_zones_seaports_and_airports_with_the_data_extent(client: TestClient) -> None:
    collections = {c["id"]: c for c in client.get("/ogc/collections").json()["collections"]}
    assert set(collections) == {"zones", "seaports", "airports"}
    zones = client.get("/ogc/collections/zones").json()
    assert zones == collections["zones"]
    west, south, east, north = zones["extent"]["spatial"]["bbox"][0]
    points = [
        f["geometry"]["coordinates"] for f in client.get(ITEMS, params={"limit": 10_000}).json()["features"]
    ]
    assert (west, south, east, north) == (
        min(p[0] for p in points),
        min(p[1] for p in points),
        max(p[0] for p in points),
        max(p[1] for p in points),
    )
    start, end = zones["extent"]["temporal"]["interval"][0]
    assert start <= end and start.endswith("T00:00:00Z")
    assert {link["rel"] for link in zones["links"]} >= {"self", "alternate", "items"}


def test_items_page_by_limit_and_offset_with_next_links(client: TestClient) -> None:
    first = client.get(ITEMS, params={"limit": 10, "country_iso3": "RUS"}).json()
    assert first["numberMatched"] == len(_zones_with_points(client, countries=["RUS"]))
    assert first["numberReturned"] == 10
    second = client.get(_path(_link(first, "next"))).json()
    assert "country_iso3=RUS" in _link(first, "next")
    assert {f["id"] for f in first["features"]}.isdisjoint(f["id"] for f in second["features"])
    assert "offset=0" in _link(second, "prev")


def test_a_limit_over_the_maximum_is_taken_as_the_maximum(client: TestClient) -> None:
    response = client.get(ITEMS, params={"limit": 1_000_000})
    assert response.status_code == 200
    assert response.json()["numberReturned"] == len(_zones_with_points(client))
    assert client.get(ITEMS, params={"limit": 0}).status_code == 400


def test_items_bbox_and_single_item(client: TestClient) -> None:
    body = client.get(ITEMS, params={"bbox": "25,-34.5,26,-33.5"}).json()
    assert "ZAF-001" in {f["id"] for f in body["features"]}
    assert all(25 <= f["geometry"]["coordinates"][0] <= 26 for f in body["features"])
    assert client.get(ITEMS, params={"bbox": "25,-34.5,26"}).status_code == 400
    item = client.get(f"{ITEMS}/ZAF-001")
    assert item.headers["content-type"] == "application/geo+json"
    assert item.json()["properties"]["name_en"] == "Coega SEZ"
    assert client.get("/ogc/collections/nothing/items").status_code == 404
    assert client.get(f"{ITEMS}/NOTHING-1").json()["code"] == "NotFound"


def test_an_item_links_itself_its_collection_and_the_zone_page(client: TestClient) -> None:
    item = client.get(f"{ITEMS}/RUS-001").json()
    assert _path(_link(item, "collection")) == "/ogc/collections/zones"
    assert client.get(_path(_link(item, "self"))).json()["id"] == "RUS-001"
    zone_page = _path(_link(item, "related", "text/html"))
    assert zone_page == "/zones/RUS-001" and client.get(zone_page).status_code == 200


def test_datetime_filters_on_the_as_of_date(client: TestClient) -> None:
    every = client.get(ITEMS, params={"limit": 10_000}).json()["features"]
    as_of = {f["id"]: f["properties"]["as_of"] for f in every}
    latest = max(value for value in as_of.values() if value)
    since = f"{latest[:4]}-01-01T00:00:00Z/.."
    found = _ids(client, datetime=since)
    assert found == {zone_id for zone_id, value in as_of.items() if value and value[:4] >= latest[:4]}
    assert _ids(client, datetime="../1900-01-01") == set()
    for bad in ("yesterday", "2024-02-30", "../.."):
        assert client.get(ITEMS, params={"datetime": bad}).status_code == 400


@pytest.mark.parametrize(
    "path",
    [
        "/ogc",
        "/ogc/conformance",
        "/ogc/collections",
        "/ogc/collections/zones",
        ITEMS,
        f"{ITEMS}/RUS-001",
        "/ogc/collections/zones/queryables",
        "/ogc/collections/airports/items",
    ],
)
def test_every_resource_has_an_html_encoding_with_its_links(client: TestClient, path: str) -> None:
    page = client.get(path, params={"f": "html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert client.get(path, headers=HTML_ACCEPT).text.count("<a ") == page.text.count("<a ")
    document = client.get(path).json()
    for link in document.get("links", []):
        assert link["href"].replace("&", "&amp;") in page.text, link


def test_html_items_link_to_the_zone_page(client: TestClient) -> None:
    page = client.get(ITEMS, params={"f": "html", "zone_id": "RUS-001"}).text
    assert 'href="/zones/RUS-001"' in page and "Alabuga SEZ" in page
    translated = client.get(ITEMS, params={"f": "html", "zone_id": "RUS-001", "lang": "ru"})
    assert translated.status_code == 200 and 'lang="ru"' in translated.text


def test_an_html_error_is_a_page(client: TestClient) -> None:
    response = client.get("/ogc/collections/nothing", headers=HTML_ACCEPT)
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert client.get("/ogc/collections", params={"f": "xml"}).status_code == 400


# Part 3: queryables and filters


def test_queryables_are_a_json_schema_with_types_and_enumerations(client: TestClient) -> None:
    response = client.get("/ogc/collections/zones/queryables")
    assert response.headers["content-type"] == "application/schema+json"
    schema = response.json()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].endswith("/ogc/collections/zones/queryables")
    properties = schema["properties"]
    assert properties["geometry"]["format"] == "geometry-point"
    assert "RUS" in properties["country_iso3"]["enum"]
    assert properties["zone_type"]["enum"][0] == "sez"
    assert properties["brics_relation"]["enum"] == ["member", "partner", "invited"]
    assert properties["year_established"]["type"] == "integer"
    assert properties["has_rail_siding"]["type"] == "boolean"
    assert "isic_codes" in properties and schema["additionalProperties"] is False
    assert client.get("/ogc/collections/zones", params={}).json()["links"][-1]["href"] == schema["$id"]


def test_a_property_filter_returns_only_the_zones_of_the_country(client: TestClient) -> None:
    assert _ids(client, country_iso3="RUS") == _zones_with_points(client, countries=["RUS"])
    assert _ids(client, country_iso3="RUS,CHN") == _zones_with_points(client, countries=["RUS", "CHN"])
    assert _ids(client, brics_relation="partner") == _zones_with_points(client, brics_relations=["partner"])
    assert _ids(client, isic_codes="29") >= {"RUS-001"}
    assert client.get(ITEMS, params={"year_established": "recent"}).status_code == 400


def test_cql2_text_and_json_filters_select_the_rest_api_zones(client: TestClient) -> None:
    rest = client.get("/api/v1/zones", params={"country": "RUS", "zone_type": "sez", "limit": 1000}).json()
    expected = {zone["zone_id"] for zone in rest["items"] if zone["location"]["latitude"] is not None}
    assert expected and _ids(client, filter="country_iso3 = 'RUS' AND zone_type = 'sez'") == expected
    as_json = (
        '{"op": "and", "args": [{"op": "=", "args": [{"property": "country_iso3"}, "RUS"]}, '
        '{"op": "=", "args": [{"property": "zone_type"}, "sez"]}]}'
    )
    assert _ids(client, filter=as_json, **{"filter-lang": "cql2-json"}) == expected


def test_filter_operators_like_in_between_not_and_null(client: TestClient) -> None:
    assert "RUS-001" in _ids(client, filter="name_en LIKE 'Alab%'")
    assert "RUS-001" not in _ids(client, filter="name_en LIKE 'alab%'")  # case-sensitive on both databases
    chinese_or_indian = _ids(client, filter="country_iso3 IN ('CHN', 'IND')")
    assert chinese_or_indian == _zones_with_points(client, countries=["CHN", "IND"])
    large = _ids(client, filter="area_ha BETWEEN 1000 AND 1000000")
    assert large == _ids(client, filter="area_ha >= 1000 AND area_ha <= 1000000")
    assert _ids(client, filter="NOT (country_iso3 = 'RUS')") == _zones_with_points(client) - _ids(
        client, country_iso3="RUS"
    )
    unknown_status = _ids(client, filter="status IS NULL")
    assert unknown_status.isdisjoint(_ids(client, filter="status <> 'operational'"))


def test_s_intersects_with_a_box_and_a_polygon(client: TestClient) -> None:
    box = _ids(client, filter="S_INTERSECTS(geometry, BBOX(25, -34.5, 26, -33.5))")
    assert box == _ids(client, bbox="25,-34.5,26,-33.5") and "ZAF-001" in box
    square = _ids(
        client, filter="S_INTERSECTS(geometry, POLYGON((25 -34.5, 26 -34.5, 26 -33.5, 25 -33.5, 25 -34.5)))"
    )
    assert square == box
    triangle = _ids(
        client, filter="S_INTERSECTS(geometry, POLYGON((25 -34.5, 26 -34.5, 25 -33.5, 25 -34.5)))"
    )
    assert triangle <= box


@pytest.mark.parametrize(
    ("params", "named"),
    [
        ({"filter": "nonsense = 1"}, "unknown property 'nonsense'"),
        ({"filter": "area_ha = free_area_ha"}, "comparing two properties"),
        ({"filter": "S_WITHIN(geometry, POINT(1 2))"}, "'s_within' is not supported"),
        ({"filter": "country_iso3 = 'RUS'", "filter-lang": "sql"}, "is not cql2-text or cql2-json"),
        (
            {"filter": "country_iso3 = 'RUS'", "filter-crs": "EPSG:3857"},
            "only http://www.opengis.net/def/crs",
        ),
        ({"sortby": "-colour"}, "cannot sort by 'colour'"),
        ({"properties": "name_en,colour"}, "unknown 'colour'"),
    ],
)
def test_what_cannot_be_evaluated_is_refused_not_ignored(
    client: TestClient, params: dict[str, str], named: str
) -> None:
    response = client.get(ITEMS, params=params)
    assert response.status_code == 400
    assert named in response.json()["description"]


def test_sortby_and_properties(client: TestClient) -> None:
    body = client.get(
        ITEMS, params={"sortby": "-area_ha", "properties": "name_en,area_ha", "limit": 5}
    ).json()
    areas = [f["properties"]["area_ha"] for f in body["features"]]
    assert areas == sorted(areas, reverse=True)
    assert all(set(f["properties"]) == {"name_en", "area_ha"} for f in body["features"])
    by_name = client.get(ITEMS, params={"sortby": "name_en", "country_iso3": "RUS", "limit": 10_000}).json()
    names = [f["properties"]["name_en"] for f in by_name["features"]]
    assert names == sorted(names)


def test_seaports_and_airports_page_filter_and_fetch_like_zones(client: TestClient) -> None:
    ports = client.get("/ogc/collections/seaports/items", params={"limit": 5}).json()
    assert ports["numberMatched"] == 157 and ports["numberReturned"] == 5
    next_page = client.get(_path(_link(ports, "next"))).json()
    assert next_page["features"][0]["id"] != ports["features"][0]["id"]
    russian = client.get(
        "/ogc/collections/airports/items",
        params={"filter": "country_iso3 = 'RUS' AND type LIKE 'major%'", "sortby": "name"},
    ).json()
    names = [f["properties"]["name"] for f in russian["features"]]
    assert names and names == sorted(names)
    assert all(f["properties"]["country_iso3"] == "RUS" for f in russian["features"])
    kazan = client.get("/ogc/collections/airports/items", params={"iata_code": "KZN"}).json()["features"][0]
    fetched = client.get(f"/ogc/collections/airports/items/{kazan['id']}").json()
    assert fetched["properties"]["as_of"] == "2017-11" and fetched["geometry"] == kazan["geometry"]
    queryables = client.get("/ogc/collections/airports/queryables").json()["properties"]
    assert "iata_code" in queryables and "zone_type" not in queryables
    box = client.get("/ogc/collections/seaports/items", params={"bbox": "120,30,123,32"}).json()
    assert all(120 <= f["geometry"]["coordinates"][0] <= 123 for f in box["features"])
