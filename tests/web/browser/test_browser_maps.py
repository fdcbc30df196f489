"""Maps with context, in a real browser (Debian chromium) at a laptop's 1366 px and a phone's 390 px: a zone
page's map names the towns around the zone in the page's language, draws and names the nearest seaport
and airport, keeps its labels apart and has a scale bar; the home map moves to the zones a filter leaves.
Screenshots land in test-artifacts/screenshots/ (zone-map-*, home-map-*).
"""

from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, expect

from tests.web.browser.test_browser_pages import api_zones, wait_for_map
from tests.web.browser.watched_page import SCREENSHOTS, WatchedPage, watching

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)

Opener = Callable[[ViewportSize], WatchedPage]
LAPTOP = ViewportSize(width=1366, height=768)
PHONE = ViewportSize(width=390, height=844)
SHOWN_LABELS = """(map) => Array.from(
  document.querySelectorAll(map + ' .map-context:not(.is-crowded) .map-label'))
  .filter((label) => label.textContent).map((label) => label.textContent)"""
OVERLAPPING_LABELS = """(map) => {
  const boxes = Array.from(document.querySelectorAll(map + ' .map-context:not(.is-crowded) .map-label'))
    .filter((label) => label.textContent).map((label) => label.getBoundingClientRect());
  let overlapping = 0;
  boxes.forEach((a, i) => boxes.slice(i + 1).forEach((b) => {
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) { overlapping += 1; }
  }));
  return overlapping; }"""
NAMES = f"""([map, names]) => {{ const shown = ({SHOWN_LABELS})(map);
  return names.some((name) => shown.includes(name)); }}"""
LABELS_CLEAR_OF_ZONES = """() => {
  const zones = Array.from(document.querySelectorAll('#map .marker-cluster > div'))
    .map((icon) => icon.getBoundingClientRect());
  const labels = Array.from(document.querySelectorAll('#map .map-context:not(.is-crowded) .map-label'))
    .filter((label) => label.textContent).map((label) => label.getBoundingClientRect());
  return labels.every((a) => zones.every((b) =>
    !(a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom))); }"""
SHOWS_ALL = """(points) => { const map = window.sezatlas.map; const view = map.getBounds();
  return map.getZoom() >= 4 && points.every((p) => view.contains(p)); }"""


@pytest.fixture
def opened(browser: Browser, live_server: str) -> Iterator[Opener]:
    with ExitStack() as pages:
        yield lambda size: pages.enter_context(watching(browser, live_server, size))


def map_screenshot(page: Page, selector: str, name: str) -> None:
    """The window with the map and its legend in it, as a reader sees them."""
    page.locator(selector).scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def choose_country(page: Page, iso3: str) -> None:
    """Filter the list by one country as a reader does, with the country picker (or a plain select)."""
    picker = page.locator("#country-picker")
    if picker.count():
        picker.locator("summary").click()
        page.check(f"#filter-country-{iso3}")
        picker.locator("summary").click()
    else:
        page.select_option("#filter-country", iso3)


def test_a_zone_pages_map_names_the_places_ports_and_airports_around_it(opened: Opener) -> None:
    laptop = opened(LAPTOP)
    laptop.goto("/zones/CHN-ETDZ-085?lang=en")  # Jiaozhou: Qingdao's port 35 km, its airport 34 km
    laptop.page.wait_for_selector("#locator[data-context-state=ready]")
    labels = laptop.page.evaluate(SHOWN_LABELS, "#locator")
    assert "Qingdao — 35.1 km" in labels and "Qingdao Liuting Int'l (IATA TAO) — 33.9 km" in labels
    assert {"Weifang", "Zhucheng"} <= set(labels)
    nearest = laptop.page.locator("#locator .map-facility.is-nearest .map-symbol svg")
    expect(nearest).to_have_count(2)  # the seaport's anchor and the airport's plane, copied from the legend
    assert laptop.page.evaluate(OVERLAPPING_LABELS, "#locator") == 0
    expect(laptop.page.locator("#locator .leaflet-control-scale-line")).to_have_text("50 km")
    expect(laptop.page.locator(".locator .legend [data-map-symbol=seaport]")).to_contain_text("Seaport")
    map_screenshot(laptop.page, ".locator", "zone-map-1366")


def test_a_zone_pages_map_speaks_the_pages_language_on_a_phone(opened: Opener) -> None:
    phone = opened(PHONE)
    phone.goto("/zones/RUS-001?lang=ru")  # Alabuga, near Kazan and Naberezhnye Chelny
    phone.page.wait_for_selector("#locator[data-context-state=ready]")
    labels = phone.page.evaluate(SHOWN_LABELS, "#locator")
    assert "Alabuga SEZ" in labels and "Казань" in labels
    assert any(label.startswith("Kazan Int'l") and label.endswith("173 км") for label in labels)
    assert phone.page.evaluate(OVERLAPPING_LABELS, "#locator") == 0
    expect(phone.page.locator("#locator .leaflet-control-scale")).to_be_visible()
    map_screenshot(phone.page, ".locator", "zone-map-390")


def test_the_home_map_moves_to_the_country_filtered_on(opened: Opener) -> None:
    laptop = opened(LAPTOP)
    laptop.goto("/")
    wait_for_map(laptop)
    world_zoom = laptop.page.evaluate("() => window.sezatlas.map.getZoom()")
    choose_country(laptop.page, "ZAF")
    wait_for_map(laptop, "country=ZAF")
    zones = api_zones(laptop.base_url, country="ZAF")["items"]
    points = [
        [z["location"]["latitude"], z["location"]["longitude"]] for z in zones if z["location"]["latitude"]
    ]
    laptop.page.wait_for_function(SHOWS_ALL, arg=points)
    view = laptop.page.evaluate("() => window.sezatlas.map.getBounds().toBBoxString()").split(",")
    west, south, east, north = (float(value) for value in view)
    assert 5 < west < east < 45 and -45 < south < north < -15, "the map shows more than South Africa"
    assert laptop.page.evaluate("() => window.sezatlas.map.getZoom()") > world_zoom + 2
    laptop.page.wait_for_function(NAMES, arg=["#map", ["Port Elizabeth", "Bloemfontein", "Durban"]])
    laptop.page.wait_for_function(LABELS_CLEAR_OF_ZONES)  # once the clusters have settled
    assert laptop.page.evaluate(OVERLAPPING_LABELS, "#map") == 0
    map_screenshot(laptop.page, ".map-panel", "home-map-1366")

    laptop.goto("/")  # a text query moves it too, to the one zone found, even typed while the map still zooms
    wait_for_map(laptop)
    laptop.page.locator("#filter-q").fill("Alabuga")
    laptop.page.keyboard.press("Enter")
    wait_for_map(laptop, "q=Alabuga")
    laptop.page.wait_for_function(SHOWS_ALL, arg=[[55.7623, 52.0442]])


def test_the_home_map_on_a_phone_opens_on_the_shared_countrys_zones(opened: Opener) -> None:
    phone = opened(PHONE)
    phone.goto("/?country=IND&lang=pt")
    wait_for_map(phone, "country=IND")
    zones = api_zones(phone.base_url, country="IND")["items"]
    points = [
        [z["location"]["latitude"], z["location"]["longitude"]] for z in zones if z["location"]["latitude"]
    ]
    phone.page.wait_for_function(SHOWS_ALL, arg=points)
    phone.page.wait_for_function(NAMES, arg=["#map", ["Nova Deli", "Bombaim"]])
    phone.page.wait_for_function(LABELS_CLEAR_OF_ZONES)
    assert phone.page.evaluate(OVERLAPPING_LABELS, "#map") == 0
    map_screenshot(phone.page, ".map-panel", "home-map-390")
