"""OGC API – Features read by two independent clients over HTTP, as GIS users read it: OWSLib (Python) and
GDAL's OAPIF driver (`ogrinfo`, `ogr2ogr`: what QGIS uses), against a real uvicorn on both back-ends."""

import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import httpx
import pytest
from owslib.ogcapi.features import Features

RUSSIAN_SEZ = "country_iso3 = 'RUS' AND zone_type = 'sez'"


def _rest_ids(live_server: str, **params: str) -> set[str]:
    """The zones `/api/v1/zones` finds, those with a point (only they are features)."""
    body = httpx.get(f"{live_server}/api/v1/zones", params={**params, "limit": "1000"}, timeout=60).json()
    assert body["total"] <= 1000
    return {zone["zone_id"] for zone in body["items"] if zone["location"]["latitude"] is not None}


def _feature_ids(collection: dict[str, object]) -> set[str]:
    features = collection["features"]
    assert isinstance(features, list)
    return {feature["id"] for feature in features}


@pytest.fixture
def owslib_client(live_server: str) -> Features:
    return Features(f"{live_server}/ogc", timeout=60)


def test_owslib_reads_conformance_collections_and_queryables(owslib_client: Features) -> None:
    conforms = owslib_client.conformance()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter" in conforms
    ids = [collection["id"] for collection in owslib_client.collections()["collections"]]
    assert ids == ["zones", "seaports", "airports"]
    queryables = owslib_client.collection_queryables("zones")["properties"]
    assert queryables["zone_type"]["enum"][0] == "sez" and queryables["area_ha"]["type"] == "number"
    assert owslib_client.api()["paths"]["/collections/zones/items"]


def test_owslib_cql2_filter_finds_the_rest_api_zones(owslib_client: Features, live_server: str) -> None:
    expected = _rest_ids(live_server, country="RUS", zone_type="sez")
    found = owslib_client.collection_items("zones", filter=RUSSIAN_SEZ, limit=1000)
    assert expected and _feature_ids(found) == expected and found["numberMatched"] == len(expected)
    as_json = (
        '{"op": "and", "args": [{"op": "=", "args": [{"property": "country_iso3"}, "RUS"]}, '
        '{"op": "=", "args": [{"property": "zone_type"}, "sez"]}]}'
    )
    found = owslib_client.collection_items(
        "zones", filter=as_json, limit=1000, **{"filter-lang": "cql2-json"}
    )
    assert _feature_ids(found) == expected


def test_owslib_property_filter_bbox_and_item(owslib_client: Features, live_server: str) -> None:
    russian = owslib_client.collection_items("zones", country_iso3="RUS", limit=1000)
    assert _feature_ids(russian) == _rest_ids(live_server, country="RUS")
    boxed = owslib_client.collection_items("zones", bbox=[25, -34.5, 26, -33.5], limit=100)
    assert "ZAF-001" in _feature_ids(boxed)
    assert owslib_client.collection_item("zones", "ZAF-001")["properties"]["name_en"] == "Coega SEZ"
    with pytest.raises(RuntimeError, match="did you mean 'country_iso3'"):
        owslib_client.collection_items("zones", contry_iso3="RUS")


def _gdal(tool: str, *arguments: str) -> subprocess.CompletedProcess[str]:
    if shutil.which(tool) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{tool} (Debian gdal-bin) is not installed")
        pytest.skip(f"{tool} (Debian gdal-bin) is not installed")
    result = subprocess.run(
        [tool, *arguments],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        env={**os.environ, "GDAL_HTTP_TIMEOUT": "60", "CPL_DEBUG": "ON"},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def _feature_count(result: subprocess.CompletedProcess[str]) -> int:
    count = re.search(r"Feature Count: (\d+)", result.stdout)
    assert count is not None, result.stdout
    return int(count.group(1))


def test_ogrinfo_lists_the_layers_with_their_counts(live_server: str) -> None:
    zones = _gdal("ogrinfo", "-ro", "-so", f"OAPIF:{live_server}/ogc", "zones")
    assert _feature_count(zones) == len(_rest_ids(live_server, country=",".join(_all_countries(live_server))))
    ports = _gdal("ogrinfo", "-ro", "-so", f"OAPIF:{live_server}/ogc", "seaports")
    assert _feature_count(ports) == 157


def _all_countries(live_server: str) -> list[str]:
    return [country["iso3"] for country in httpx.get(f"{live_server}/api/v1/countries", timeout=60).json()]


def test_ogrinfo_where_is_sent_to_the_server_as_a_filter(live_server: str) -> None:
    result = _gdal("ogrinfo", "-ro", "-so", f"OAPIF:{live_server}/ogc", "zones", "-where", RUSSIAN_SEZ)
    assert _feature_count(result) == len(_rest_ids(live_server, country="RUS", zone_type="sez"))
    fetched = re.findall(r"Fetch\((\S+)\)", result.stderr)
    assert any("/ogc/collections/zones/items?" in url and "filter=" in url for url in fetched), fetched


def test_ogr2ogr_exports_one_countrys_zones_to_a_geopackage(live_server: str, tmp_path: Path) -> None:
    target = tmp_path / "russia.gpkg"
    _gdal(
        "ogr2ogr",
        "-f",
        "GPKG",
        str(target),
        f"OAPIF:{live_server}/ogc",
        "zones",
        "-where",
        "country_iso3 = 'RUS'",
    )
    with sqlite3.connect(target) as geopackage:
        ids = {row[0] for row in geopackage.execute("SELECT id FROM zones")}
        points = geopackage.execute("SELECT count(*) FROM zones WHERE geom IS NOT NULL").fetchone()[0]
    assert ids == _rest_ids(live_server, country="RUS")
    assert points == len(ids)
