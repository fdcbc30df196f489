"""The chain page over HTTP: the form alone, the answer's files, and refusals as error pages."""

import csv
import io

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from sezatlas.chains.recipe import PROXY_LABEL


def test_without_a_product_the_page_shows_the_form_and_an_example(client: TestClient) -> None:
    client.cookies.clear()
    response = client.get("/chains")
    assert response.status_code == 200
    assert (
        'data-testid="chain-form"' in response.text and "/chains?code=2720&amp;zone=RUS-001" in response.text
    )
    assert "echarts.min.js" not in response.text  # the full build is loaded only with an answer


def test_the_files_carry_the_proxy_label_on_every_row(client: TestClient) -> None:
    query = {"code": "HS:850760", "zone": "RUS-001"}
    rows = list(csv.DictReader(io.StringIO(client.get("/chains", params={**query, "f": "csv"}).text)))
    assert rows and {r["label"] for r in rows} == {PROXY_LABEL}
    assert {r["asked_code"] for r in rows} == {"HS:850760"} and {r["target_zone_id"] for r in rows} == {
        "RUS-001"
    }
    xlsx = client.get("/chains", params={**query, "f": "xlsx"})
    assert "attachment" in xlsx.headers["content-disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet is not None and sheet.max_row == len(rows) + 1
    assert client.get("/chains", params={**query, "f": "json"}).json()["label"] == PROXY_LABEL


def test_the_page_links_its_files_and_the_zone_page_links_the_page(client: TestClient) -> None:
    client.cookies.clear()
    page = client.get("/chains", params={"code": "2720", "zone": "RUS-001", "total": "true"}).text
    assert "/chains?code=2720&amp;zone=RUS-001&amp;total=true&amp;f=xlsx" in page
    assert 'href="/zones/' in page and page.count(PROXY_LABEL) >= 11  # beside the chart and every input
    assert "/chains?zone=RUS-001" in client.get("/zones/RUS-001").text


def test_an_unknown_zone_or_two_targets_are_error_pages_naming_them(client: TestClient) -> None:
    client.cookies.clear()
    unknown = client.get("/chains", params={"code": "2720", "zone": "RUS-999"})
    assert unknown.status_code == 404 and "RUS-999" in unknown.text and "<html" in unknown.text
    both = client.get("/chains", params={"code": "2720", "zone": "RUS-001", "country": "RUS"})
    assert both.status_code == 400 and "parameter zone" in both.text
