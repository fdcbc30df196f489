"""The localization page over HTTP: the form alone, the answer's files, and refusals as error pages."""

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sezatlas.chains.recipe import PROXY_LABEL
from sezatlas.settings import get_settings

PATH = "/chains/localization"


@pytest.fixture(autouse=True)
def no_imported_tables(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """An empty SEZATLAS_CHAINS_DIR: the answers use the US proxy whatever this machine imported."""
    monkeypatch.setenv("SEZATLAS_CHAINS_DIR", str(tmp_path / "chains"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_without_a_question_the_page_shows_the_form_and_an_example(client: TestClient) -> None:
    client.cookies.clear()
    page = client.get(PATH)
    assert page.status_code == 200 and 'data-testid="localization-form"' in page.text
    assert "/chains/localization?code=2720&amp;zone=RUS-001&amp;add=2420@RUS-001" in page.text
    assert "echarts" not in page.text  # the chart's script comes with an answer only


def test_the_files_are_the_cli_files_with_the_label_on_every_row(client: TestClient) -> None:
    query = {"code": "HS:850760", "zone": "RUS-001", "add": "2420@RUS-001 2410@RUS-001"}
    rows = list(csv.DictReader(io.StringIO(client.get(PATH, params={**query, "f": "csv"}).text)))
    assert rows and {r["label"] for r in rows} == {PROXY_LABEL}
    assert {r["where_after"] for r in rows if r["input_code"] in {"2420", "2410"}} == {"country"}
    answer = client.get(PATH, params={**query, "f": "json"}).json()
    assert [a["isic_code"] for a in answer["scenario"]["additions"]] == ["2420", "2410"]


def test_a_bad_addition_is_a_400_page_and_an_unknown_zone_a_404(client: TestClient) -> None:
    client.cookies.clear()
    bad = client.get(PATH, params={"code": "2720", "zone": "RUS-001", "add": "steel@RUS-001"})
    assert bad.status_code == 400 and "STEEL is not an ISIC Rev.4 class" in bad.text
    assert client.get(PATH, params={"code": "2720", "zone": "RUS-999"}).status_code == 404


@pytest.mark.parametrize(("lang", "unit"), [("en", " pp"), ("ru", " п. п."), ("zh", " 个百分点")])
def test_a_share_change_is_in_percentage_points(client: TestClient, lang: str, unit: str) -> None:
    query = {"code": "2720", "zone": "RUS-001", "add": "2420@RUS-001", "lang": lang}
    page = client.get(PATH, params=query).text
    change_row = page.split('<tr data-case="change">')[1].split("</tr>")[0]
    cells = [cell.split("</td>")[0] for cell in change_row.split('<td class="number">')[1:]]
    today_row = page.split('<tr data-case="before">')[1].split("</tr>")[0]
    assert cells[0].startswith("+") and cells[0].endswith(unit)  # non-ferrous metals move into the country
    assert all(cell.endswith(unit) and "%" not in cell for cell in cells)
    assert "%" in today_row and unit not in today_row
