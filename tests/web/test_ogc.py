"""OGC API – Features, checked by GDAL's own client: what QGIS users will point at."""

import os
import re
import shutil
import subprocess

import pytest
from fastapi.testclient import TestClient

from sezatlas.store.database import transaction
from sezatlas.store.zone_search import ZoneQuery, search_zones


def _zones_with_points(client: TestClient) -> int:
    engine = client.app.state.engine  # type: ignore[attr-defined]
    with transaction(engine) as session:
        return search_zones(session, ZoneQuery(has_coordinates=True, limit=1)).total


def test_landing_page_links_to_conformance_and_collections(client: TestClient) -> None:
    rels = {link["rel"] for link in client.get("/ogc").json()["links"]}
    assert {"self", "service-desc", "conformance", "data"} <= rels
    conforms = client.get("/ogc/conformance").json()["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in conforms


def test_items_page_by_limit_and_offset_with_next_links(client: TestClient) -> None:
    first = client.get("/ogc/collections/zones/items", params={"limit": 10}).json()
    assert first["numberMatched"] == _zones_with_points(client)
    assert first["numberReturned"] == 10
    next_link = next(link["href"] for link in first["links"] if link["rel"] == "next")
    assert "offset=10" in next_link


def test_items_bbox_and_single_item(client: TestClient) -> None:
    body = client.get("/ogc/collections/zones/items", params={"bbox": "25,-34.5,26,-33.5"}).json()
    assert "ZAF-001" in {f["id"] for f in body["features"]}
    assert client.get("/ogc/collections/zones/items/ZAF-001").json()["properties"]["name_en"] == "Coega SEZ"
    assert client.get("/ogc/collections/nothing/items").status_code == 404


def test_ogrinfo_lists_the_zones_layer_with_the_right_count(live_server: str, client: TestClient) -> None:
    if shutil.which("ogrinfo") is None:
        if os.environ.get("CI"):
            pytest.fail("ogrinfo (Debian gdal-bin) is not installed")
        pytest.skip("ogrinfo (Debian gdal-bin) is not installed")
    result = subprocess.run(
        ["ogrinfo", "-ro", "-so", f"OAPIF:{live_server}/ogc", "zones"],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "GDAL_HTTP_TIMEOUT": "60"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    count = re.search(r"Feature Count: (\d+)", result.stdout)
    assert count is not None, result.stdout
    assert int(count.group(1)) == _zones_with_points(client)
