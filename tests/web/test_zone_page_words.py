"""The zone page's own words and the registry's: the regime row reads as a regime, and region names kept in
the registry's language (English) are marked as such on a page in another language."""

import re

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)

SOURCE_TEXT = re.compile(r'<bdi lang="en" class="source-lang">([^<]*)</bdi>')


def _page(client: TestClient, lang: str, zone_id: str = "RUS-001") -> str:
    client.cookies.clear()
    response = client.get(f"/zones/{zone_id}", params={"lang": lang})
    assert response.status_code == 200
    return response.text


def _row(html: str, column: str) -> str:
    start = html.index(f'<tr data-column="{column}"')
    return html[start : html.index("</tr>", start)]


def _label(row: str) -> str:
    return row[row.index('<th scope="row">') + len('<th scope="row">') : row.index("</th>")]


def test_the_regime_row_is_labelled_as_the_compare_page_labels_the_regime_name(client: TestClient) -> None:
    html = _page(client, "en")
    regime, law = _row(html, "regime_id"), _row(html, "legal_regime")
    assert _label(regime) == "Tax regime" and "identifier" not in regime
    assert _label(law) == "Law or programme"
    assert _label(_row(_page(client, "ru"), "regime_id")) == "Налоговый режим"


def test_a_russian_zone_page_marks_its_region_names_as_english(client: TestClient) -> None:
    zone = client.get("/api/v1/zones/RUS-001").json()
    region, locality = zone["location"]["admin1"], zone["location"]["locality"]
    assert region and locality
    html = _page(client, "ru")
    assert SOURCE_TEXT.findall(_row(html, "admin1")) == [region]
    assert SOURCE_TEXT.findall(_row(html, "locality")) == [locality]
    meta = html[html.index('<p class="zone-meta">') :].split("</p>")[0]
    assert SOURCE_TEXT.findall(meta) == [region]


def test_the_search_results_mark_region_names_as_english(client: TestClient) -> None:
    client.cookies.clear()
    html = client.get("/", params={"lang": "zh", "q": "Alabuga"}).text
    region = client.get("/api/v1/zones/RUS-001").json()["location"]["admin1"]
    assert region in SOURCE_TEXT.findall(html)
