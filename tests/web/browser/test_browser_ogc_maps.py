"""The OGC API pages' small maps, in a real browser (Debian chromium): an items page draws one marker per
feature of the page, an item page its point, a collection page its extent; all on the site's offline land
layer (the watched page fails on any request that leaves 127.0.0.1). Screenshots land in
test-artifacts/screenshots/ (ogc-*-map-*).
"""

from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from tests.web.browser.watched_page import WatchedPage

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)

MAP_READY = "#ogc-map[data-state=ready]"
MARKER_POINTS = """() => { const points = [];
  window.sezatlas.map.eachLayer((layer) => {
    if (layer instanceof L.CircleMarker) { const at = layer.getLatLng(); points.push([at.lat, at.lng]); } });
  return points; }"""
ALL_IN_VIEW = """(points) => { const view = window.sezatlas.map.getBounds();
  return points.every((point) => view.contains(point)); }"""
RECTANGLES = """() => { const boxes = [];
  window.sezatlas.map.eachLayer((layer) => {
    if (layer instanceof L.Rectangle) { const b = layer.getBounds();
      boxes.push([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]); } });
  return boxes; }"""


def _geojson(base_url: str, path: str, **params: str) -> dict[str, Any]:
    response = httpx.get(f"{base_url}{path}", params={**params, "f": "json"})
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    return body


def _latlons(features: list[dict[str, Any]]) -> list[tuple[float, float]]:
    return sorted(
        (round(f["geometry"]["coordinates"][1], 6), round(f["geometry"]["coordinates"][0], 6))
        for f in features
    )


def _map_latlons(page: WatchedPage) -> list[tuple[float, float]]:
    return sorted((round(lat, 6), round(lon, 6)) for lat, lon in page.page.evaluate(MARKER_POINTS))


def test_the_items_page_maps_one_marker_per_feature_of_the_page(desktop: WatchedPage) -> None:
    query = {"country_iso3": "RUS", "limit": "40", "offset": "10"}
    page = _geojson(desktop.base_url, "/ogc/collections/zones/items", **query)
    assert len(page["features"]) == 40
    desktop.goto("/ogc/collections/zones/items?f=html&lang=en&country_iso3=RUS&limit=40&offset=10")
    desktop.page.wait_for_selector(MAP_READY)
    assert desktop.page.get_attribute("#ogc-map", "data-markers") == "40"
    assert _map_latlons(desktop) == _latlons(page["features"])
    assert desktop.page.evaluate(ALL_IN_VIEW, _latlons(page["features"]))
    ogc_map = desktop.page.locator("#ogc-map")
    expect(ogc_map).to_have_attribute("aria-label", "Map of the features on this page")
    expect(desktop.page.locator("#ogc-map .leaflet-control-scale")).to_be_visible()
    desktop.page.wait_for_function("() => document.querySelectorAll('#ogc-map path.leaflet-interactive, "
                                   "#ogc-map canvas').length > 0")  # fmt: skip
    desktop.page.locator("#ogc-map").scroll_into_view_if_needed()
    desktop.screenshot("ogc-items-map-1280", full_page=False)
    desktop.assert_clean()


def test_the_item_page_maps_its_point_in_the_pages_language(desktop: WatchedPage) -> None:
    feature = _geojson(desktop.base_url, "/ogc/collections/zones/items/RUS-001")
    desktop.goto("/ogc/collections/zones/items/RUS-001?f=html&lang=ru")
    desktop.page.wait_for_selector(MAP_READY)
    assert _map_latlons(desktop) == _latlons([feature])
    assert desktop.page.evaluate(ALL_IN_VIEW, _latlons([feature]))
    expect(desktop.page.locator("#ogc-map")).to_have_attribute("aria-label", "Карта: точка объекта")
    desktop.page.locator("#ogc-map").scroll_into_view_if_needed()
    desktop.screenshot("ogc-item-map-1280", full_page=False)
    desktop.assert_clean()


def test_the_collection_page_maps_its_extent_as_a_rectangle(desktop: WatchedPage) -> None:
    collection = _geojson(desktop.base_url, "/ogc/collections/seaports")
    west, south, east, north = collection["extent"]["spatial"]["bbox"][0]
    desktop.goto("/ogc/collections/seaports?f=html&lang=en")
    desktop.page.wait_for_selector(MAP_READY)
    assert desktop.page.evaluate(RECTANGLES) == [pytest.approx([west, south, east, north])]
    assert _map_latlons(desktop) == []
    desktop.screenshot("ogc-collection-map-1280", full_page=False)
    desktop.assert_clean()
