"""The compare, statistics and country pages over HTTP (no browser): rows, errors, files, numbers, sizes.

(Beside the browser tests, as test_pages_http.py is: they test the same pages.)
"""

import json
import re
from html import unescape
from io import BytesIO
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from sezatlas.web.i18n import country_name, format_number
from tests.web.browser.documents import pdf_text

THREE = "RUS-001,CHN-HTZ-001,BRA-001"
NAMES = ["Alabuga SEZ", "ОЭЗ «Алабуга»", "Zhongguancun Science Park", "中关村科技园区"]
PAGE_BUDGET_BYTES = 1_000_000
# What each page loads on first view: its HTML, the assets it links, and what its scripts fetch.
PAGE_FETCHES = {
    "/": ["/api/v1/countries/shapes?resolution=110m", "/map/points"],
    "/zones/RUS-001": ["/api/v1/countries/shapes?resolution=110m"],
    f"/compare?zones={THREE}": ["/api/v1/countries/shapes?resolution=110m"],
    "/stats": [],
    "/countries/CHN": ["/api/v1/countries/shapes?resolution=110m", "/map/points?country=CHN"],
}


def fresh(client: TestClient) -> TestClient:
    """The session's client without cookies (language, comparison) an earlier test may have left."""
    client.cookies.clear()
    return client


def test_compare_page_shows_the_zones_side_by_side_and_marks_differences(client: TestClient) -> None:
    html = fresh(client).get(f"/compare?zones={THREE.lower()}").text
    assert html.count('class="zone-column"') == 3
    for name in NAMES:
        assert name in html
    country_row = html[html.index('data-column="country_iso3"') :].split("</tr>")[0]
    assert 'class="is-different"' in country_row
    assert html.count("source-link") > 10  # every known fact names its sources


def row_html(html: str, column: str) -> str:
    return html[html.index(f'<tr data-column="{column}"') :].split("</tr>", maxsplit=1)[0]


def test_only_facts_that_decide_are_marked_and_facts_no_zone_knows_are_one_line(client: TestClient) -> None:
    html = fresh(client).get(f"/compare?zones={THREE}").text
    for column in ("zone_id", "name_en", "latitude", "longitude", "geonames_id", "coordinate_method"):
        assert "is-different" not in row_html(html, column), f"{column} is marked as a difference"
    for column in ("country_iso3", "distance_to_seaport_km", "cit_headline_pct", "incentives_npv_m"):
        assert 'class="is-different"' in row_html(html, column), f"{column} is not marked"
    assert 'data-column="power_mw_free"' not in html  # unknown for all three: not a row of "unknown"s
    line = re.search(r'data-testid="not-known">(.*?)</p>', html, re.S)
    assert line and "Power, free (MW)" in line.group(1) and "Rail siding" in line.group(1)
    russian = fresh(client).get(f"/compare?zones={THREE}&lang=ru").text
    line = re.search(r'data-testid="not-known">(.*?)</p>', russian, re.S)
    assert line and "Неизвестно для этих зон:" in line.group(1)
    assert "Электроэнергия, свободно (МВт)" in line.group(1)


def test_the_regime_row_is_what_the_incentives_engine_gives_the_default_project(client: TestClient) -> None:
    body = fresh(client).get("/compare", params={"zones": THREE, "f": "json"}).json()
    rows = {row["column"]: row["values"] for row in body["rows"]}
    assert rows["regime_name"] == ["SEZ industrial-production type", None, "Manaus Free Trade Zone"]
    assert rows["cit_headline_pct"] == ["25%", None, "34%"]  # the rules files' general rates (2027)
    assert rows["cit_reduced_rates"][2] == ["15.25% for 10 years", "counted from registration"]
    # the incentives page, asked for its default project and Manaus' regime, gives the same number
    page = fresh(client).get("/compare", params={"zones": THREE}).text
    links = re.findall(r'<a href="(/incentives\?[^"]+)"', row_html(page, "incentives_npv_m"))
    link = unescape(links[-1])  # Manaus, the third zone
    assert "sector=auto_parts" in link and "regime=BRA-manaus-zfm" in link
    twin = fresh(client).get(link.split("#")[0] + "&f=json").json()
    npv = twin["regimes"][0]["comparison"]["npv_of_incentives"]
    assert rows["incentives_npv_m"][2] == format_number(npv / 1e6, "en", 2)
    assert rows["incentives_npv_m"][0] == "not computable for the default project"  # needs a rouble rate
    method = next(row["method"] for row in body["rows"] if row["column"] == "incentives_npv_m")
    assert "incentive engine" in method and "Automotive parts" in method


def test_the_comparison_names_the_nearest_port_and_maps_the_zones(client: TestClient) -> None:
    body = fresh(client).get("/compare", params={"zones": THREE, "f": "json"}).json()
    rows = {row["column"]: row for row in body["rows"]}
    assert rows["distance_to_seaport_km"]["values"][0] == "1,161.2 — Arkhangelsk (approximate)"
    assert rows["distance_to_airport_km"]["method"].startswith("Computed by SEZ Atlas: great-circle")
    page = fresh(client).get("/compare", params={"zones": THREE}).text
    points = json.loads(unescape(re.search(r'id="compare-map"[^>]*data-points="([^"]+)"', page)[1]))
    assert [point[0] for point in points] == THREE.split(",")
    assert 'src="/static/vendor/leaflet/leaflet.js"' in page and "unpkg" not in page  # vendored, offline
    cards = re.findall(r'<section class="zone-card" data-zone-id="([^"]+)"', page)
    assert cards == THREE.split(",")  # a phone gets a card per zone


def test_a_comparison_is_remembered_and_reopened_from_the_cookie(client: TestClient) -> None:
    response = fresh(client).get(f"/compare?zones={THREE}")
    assert response.cookies.get("compare") == THREE.replace(",", "%2C")
    again = client.get("/compare", follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"] == f"/compare?zones={THREE}"
    listed = client.get("/?country=RUS").text
    assert 'data-zone-id="RUS-001" aria-pressed="true"' in listed
    assert '<span class="compare-count">3</span>' in listed
    client.get("/compare?zones=RUS-001")  # removed down to one: a 400, but the selection shrinks too
    assert client.cookies.get("compare") == "RUS-001"
    client.cookies.clear()


@pytest.mark.parametrize(
    ("zones", "status", "english", "russian"),
    [("RUS-001", 400, "Pick at least 2 zones to compare (this selection has 1).", "выберите хотя бы 2"),
     ("RUS-001,RUS-002,RUS-003,RUS-004,RUS-005,RUS-006", 400,
      "Compare at most 5 zones at a time (this selection has 6).", "не больше 5 зон"),
     ("RUS-001,RUS-NOPE", 404, "No zone has the identifier RUS-NOPE.",
      "Нет зоны с идентификатором RUS-NOPE")],
)  # fmt: skip
def test_a_selection_that_cannot_be_compared_says_why_in_the_readers_language(
    client: TestClient, zones: str, status: int, english: str, russian: str
) -> None:
    response = fresh(client).get("/compare", params={"zones": zones})
    assert response.status_code == status
    assert english in response.text and 'role="alert"' in response.text
    assert client.get("/compare", params={"zones": zones, "f": "json"}).json() == {
        "detail": english,
        "errors": [],
    }
    assert russian in client.get("/compare", params={"zones": zones, "lang": "ru"}).text
    client.cookies.clear()


def test_the_comparison_workbook_opens_and_holds_the_zones_facts_and_sources(client: TestClient) -> None:
    response = fresh(client).get("/compare", params={"zones": THREE, "f": "xlsx"})
    assert response.headers["content-disposition"] == (
        "attachment; filename=\"sez-atlas-comparison.xlsx\"; filename*=UTF-8''sez-atlas-comparison.xlsx"
    )
    workbook = load_workbook(BytesIO(response.content))
    values, sources = workbook.worksheets
    header = [cell.value for cell in values[1]]
    assert header == ["Fact", "Alabuga SEZ", "Zhongguancun Science Park",
                      "Zona Franca de Manaus (Manaus Free Trade Zone)", "Differs"]  # fmt: skip
    rows = {row[0]: row for row in values.iter_rows(min_row=2, values_only=True)}
    assert rows["Name (local script)"][1:3] == ("ОЭЗ «Алабуга»", "中关村科技园区")
    assert rows["Country"][-1] == "yes" and rows["Registry identifier"][-1] in ("", None)
    assert "Power, free (MW)" in rows["Not known for these zones"][1]
    assert rows["Profit tax rate, headline (per cent)"][1:4] == ("25%", "unknown", "34%")
    computed = "Computed by SEZ Atlas"
    assert all(
        str(row[3]).startswith(("http", computed)) for row in sources.iter_rows(min_row=2, values_only=True)
    )


@pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)
def test_the_comparison_pdf_has_the_zone_names_as_text(client: TestClient, tmp_path: Path) -> None:
    response = fresh(client).get("/compare", params={"zones": THREE, "f": "pdf"})
    assert response.headers["content-type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content, tmp_path)
    for name in NAMES:
        assert name in text, f"{name!r} is not in the PDF's text"


def test_the_statistics_table_counts_what_the_api_counts(client: TestClient) -> None:
    api = client.get("/api/v1/stats").json()
    html = fresh(client).get("/stats").text
    assert 'id="chart-by-type"' in html and "/static/vendor/echarts/" in html
    for entry in api["countries"]:
        row = html[html.index(f'<tr data-key="{entry["iso3"]}">') :].split("</tr>")[0]
        cells = [int(n.replace(",", "")) for n in re.findall(r'<td class="number[^"]*">([\d,]+)</td>', row)]
        assert cells[-1] == entry["zones"] and sum(cells[:-1]) == entry["zones"]
    assert f"The registry holds {api['zones']:,} zones" in html


def test_coverage_shows_one_headline_per_regime_with_its_source_type_and_reasons(client: TestClient) -> None:
    html = fresh(client).get("/stats").text
    coverage = html[html.index('data-testid="coverage"') :]
    south_africa = coverage[coverage.index('data-country="ZAF"') :].split("</tr>")[0]
    assert "109,1 %" in south_africa or "109.1 %" in south_africa
    assert "established after the count: 1" in south_africa and "no official figure" in south_africa
    assert "no figure to compare with" in coverage  # Iran: "7; 25" is not one number
    assert '<span class="source-type official"' in coverage and "1,200" not in coverage
    assert "Other figures:" in coverage and coverage.count('class="source-link"') > 20
    russian = fresh(client).get("/stats", params={"lang": "ru"}).text
    assert "нет официальной цифры" in russian and "Основная цифра" in russian


def test_a_country_page_counts_its_zones_by_type_and_status(client: TestClient) -> None:
    twin = fresh(client).get("/countries/rus?f=json").json()
    assert sum(item["zones"] for item in twin["by_type_and_status"]) == twin["zones"] > 0
    html = client.get("/countries/RUS").text
    assert 'id="chart-by-status"' in html and 'data-points-url="/map/points?country=RUS"' in html
    assert f'<td class="number total">{twin["zones"]}</td>' in html
    assert "kommersant.ru" in html  # every figure with its source, the reported ones too
    assert f"Zones of a regime no count covers: {twin['in_no_counted_regime']}." in html  # industrial parks
    assert twin["in_no_counted_regime"] == twin["by_type"]["industrial_park"] + twin["by_type"]["technopark"]


def test_a_country_without_zones_is_a_404_saying_so(client: TestClient) -> None:
    response = fresh(client).get("/countries/USA")
    assert response.status_code == 404
    assert "The registry has no zones in the country USA." in response.text


def test_arabic_pages_are_right_to_left_with_arabic_country_names(client: TestClient) -> None:
    html = fresh(client).get("/stats", params={"lang": "ar"}).text
    assert '<html lang="ar" dir="rtl">' in html
    assert "إحصاءات" in html and country_name("CHN", "ar") == "الصّين" and "الصّين" in html
    assert country_name("IRN", "ar").startswith("إيران")  # pycountry's Arabic lacks "Iran": its full name
    client.cookies.clear()


def _transferred_bytes(client: TestClient, url: str) -> int:
    response = client.get(url)
    assert response.status_code == 200, url
    return int(response.num_bytes_downloaded)


@pytest.mark.parametrize("path", list(PAGE_FETCHES))
def test_each_page_is_under_1_mb_on_first_load(client: TestClient, path: str) -> None:
    page = fresh(client).get(path)
    assets = sorted(set(re.findall(r'(?:src|href)="(/static/[^"]+)"', page.text)))
    total = int(page.num_bytes_downloaded) + sum(
        _transferred_bytes(client, url) for url in [*assets, *PAGE_FETCHES[path]]
    )
    assert total < PAGE_BUDGET_BYTES, f"{path}: {total:,} bytes on first load"
