"""The harmonization matrix page over HTTP (no browser): filters, cells and their sources, the summary row,
the unknown count, other languages, and its JSON, XLSX and PDF twins."""

import re
from html import unescape
from io import BytesIO
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.matrix.actions import harmonization_matrix
from sezatlas.regimes.matrix.dimensions import DIMENSIONS
from sezatlas.regimes.matrix.hand_coded import HandCodedCells, MatrixFact
from sezatlas.store.database import make_engine
from sezatlas.web.app import create_app
from sezatlas.web.i18n import translations
from sezatlas.web.pages.matrix_export import matrix_xlsx
from sezatlas.web.pages.matrix_view import matrix_view
from tests.web.browser.documents import pdf_text

PATH = "/incentives/matrix"


@pytest.fixture(scope="module")
def client() -> TestClient:
    """The page reads no database: an app over an empty in-memory one serves it."""
    return TestClient(create_app(make_engine("sqlite://")))


def page(client: TestClient, query: str = "", lang: str = "en") -> str:
    client.cookies.clear()
    response = client.get(f"{PATH}{query}{'&' if query else '?'}lang={lang}")
    assert response.status_code == 200, response.text
    return response.text


def test_every_regime_has_a_row_under_the_summary_row_and_unknowns_are_counted(client: TestClient) -> None:
    html = page(client)
    regimes = load_regimes()
    assert sorted(re.findall(r'<tr data-regime-id="([^"]+)"', html)) == sorted(regimes)
    summary = html.split('data-testid="summary-row"')[1].split("</tr>")[0]
    assert re.findall(r'data-dimension="([a-z_]+)" data-verdict', summary) == [d.key for d in DIMENSIONS]
    assert (
        'data-verdict="in_conflict"' in summary and 'data-verdict="not_known"' in summary
    )  # dispute settlement
    matrix = harmonization_matrix()
    counts = f"Regimes shown: {len(regimes)}. Unknown cells: {matrix.unknown_count} of {matrix.cell_count}."
    assert counts in html
    assert html.count('class="cell is-unknown"') == matrix.unknown_count
    assert "? unknown" in html


def test_the_form_filters_countries_and_dimensions_and_the_downloads_keep_them(client: TestClient) -> None:
    html = page(client, "?country=RUS&country=ZAF&dimension=customs&dimension=pillar_two")
    rows = re.findall(r'<tr data-regime-id="([A-Z]{3})-', html)
    assert set(rows) == {"RUS", "ZAF"} and len(rows) == sum(
        r.country_iso3 in ("RUS", "ZAF") for r in load_regimes().values()
    )
    assert re.findall(r'<th scope="col" data-dimension="([a-z_]+)"', html) == ["customs", "pillar_two"]
    assert '<input type="checkbox" name="country" value="RUS" checked>' in html
    assert '<input type="checkbox" name="country" value="CHN">' in html
    assert '<input type="checkbox" name="dimension" value="customs" checked>' in html
    for fmt in ("xlsx", "pdf", "json"):
        assert (
            f'href="{PATH}?country=RUS&amp;country=ZAF&amp;dimension=customs&amp;dimension=pillar_two&amp;f={fmt}"'
            in html
        )


def test_a_cell_links_its_source_with_the_date_in_the_title(client: TestClient) -> None:
    html = page(client, "?country=BRA&dimension=stability")
    row = html.split('data-regime-id="BRA-manaus-zfm"')[1].split("</tr>")[0]
    assert '<span class="code">Guaranteed</span>' in row
    assert '<span class="fact source-lang" lang="en">incentives guaranteed to 2073' in row
    assert 'href="https://www.gov.br/suframa/en/invest-eng/zfm/incentives"' in row
    assert 'title="Source, as of Jun 22, 2026"' in unescape(row) and "Jun 22, 2026" in row


def test_the_page_speaks_the_reader_language_and_marks_the_sources_english(client: TestClient) -> None:
    html = page(client, "?country=SAU", lang="ru")
    assert "<h1>Матрица гармонизации налоговых режимов</h1>" in html
    assert '<th scope="col" data-dimension="territory">Тип территории</th>' in html
    assert '<span class="code">Без налога у источника</span>' in html  # SAU: 0% withholding tax
    assert '<span class="fact source-lang" lang="en">0% withholding tax on repatriated profits</span>' in html
    assert "Показано режимов: " in html


def test_the_json_twin_is_the_api_answer(client: TestClient) -> None:
    query = "?country=IND&dimension=vat,legal_basis"
    twin = client.get(f"{PATH}{query}&f=json").json()
    assert twin == client.get(f"/api/v1/incentives/matrix{query}").json()


def test_an_unknown_filter_is_a_400_page(client: TestClient) -> None:
    response = client.get(PATH, params={"dimension": "tariff"})
    assert response.status_code == 400 and "dimension: unknown tariff" in response.text


def test_the_incentives_page_links_to_the_matrix(client: TestClient) -> None:
    assert f'<a href="{PATH}" data-testid="matrix-link">' in client.get("/incentives").text


def test_the_workbook_opens_and_holds_no_formula_even_for_text_starting_with_equals(
    client: TestClient,
) -> None:
    regimes = load_regimes()
    trap = '=HYPERLINK("https://example.org","click")'
    fact = MatrixFact(code="guaranteed", text=trap, source_url="https://example.org/law", as_of="2024")
    regimes["RUS-tor"] = regimes["RUS-tor"].model_copy(update={"matrix": HandCodedCells(stability=fact)})
    view = matrix_view(harmonization_matrix(["RUS"], ["stability"], regimes=regimes), "en")
    workbook = load_workbook(BytesIO(matrix_xlsx(view, translations("en").gettext)))
    cells = [
        cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value is not None
    ]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert any(cell.value == trap for cell in cells)  # the Sources sheet: the text as written
    assert any(cell.value == f"Guaranteed: {trap}" for cell in cells)  # the Matrix sheet

    response = client.get(PATH, params={"country": "RUS", "f": "xlsx", "lang": "pt"})
    assert response.headers["content-disposition"].endswith(
        "filename*=UTF-8''sez-atlas-harmonization-matrix.xlsx"
    )
    downloaded = load_workbook(BytesIO(response.content))
    assert downloaded.sheetnames == ["Matriz", "Fontes", "Resumo", "Códigos"]
    assert downloaded["Matriz"]["C1"].value == "Tipo de território"


@pytest.mark.parametrize("lang", ["ru", "zh", "ar"])
def test_the_pdf_shows_the_dimension_names_in_the_reader_language(
    client: TestClient, lang: str, tmp_path: Path
) -> None:
    response = client.get(PATH, params={"country": "SAU", "f": "pdf", "lang": lang})
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    text = pdf_text(response.content, tmp_path)
    gettext = translations(lang).gettext
    for title in ("Customs duties", "Pillar Two exposure"):  # no lam-alef, which pdftotext splits
        assert gettext(title) != title and gettext(title) in text, (lang, title)
    assert "Special Economic Zones" in text and "0% withholding tax on repatriated profits" in text
    assert "SAU-sez" not in text  # regimes are named by their titles, as on the pages
