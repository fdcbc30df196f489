"""The incentives page over HTTP (no browser): form, sector figures, comparison, schedule, errors, JSON twin.

(Beside the browser tests, as test_rank_page_http.py is: they test the same page.)
"""

import json
import re
from html import unescape
from io import BytesIO
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.schedule import TAX_NAMES
from sezatlas.regimes.sector_profiles import sector_profiles
from sezatlas.store.database import make_engine
from sezatlas.web.app import create_app
from sezatlas.web.i18n import format_number
from sezatlas.web.pages.incentives_form import DEFAULT_REGIMES
from sezatlas.web.pages.incentives_page import SECTOR_TITLES
from sezatlas.web.pages.incentives_view import TAX_TITLES
from tests.web.browser.documents import pdf_text

# A food plant (capex USD 31m): the UAE free zone is valued; Ethiopia's developer regime needs USD 75m
# (not eligible); India's s.10AA closed in 2020 (an error); RUS-tor values once a rouble rate is given.
REGIMES = ["ARE-qfzp", "ETH-sez-developer", "IND-sez-10aa", "RUS-tor"]
FOOD = [("sector", "food"), ("fx_rates", "RUB=0.0125"), *(("regime", r) for r in REGIMES)]
QUERY = "/incentives?" + urlencode(FOOD)


@pytest.fixture(scope="module")
def client() -> TestClient:
    """The page reads no database: an app over an empty in-memory one serves it (and starts fast)."""
    return TestClient(create_app(make_engine("sqlite://")))


def fresh(client: TestClient) -> TestClient:
    client.cookies.clear()
    return client


def input_value(page: str, name: str) -> str:
    found = re.search(rf'<input id="inc-{name}" name="{name}"[^>]* value="([^"]*)"', page)
    assert found, f"no input {name}"
    return unescape(found.group(1))


def twin(client: TestClient, query: str = QUERY) -> dict[str, Any]:
    response = fresh(client).get(query + "&f=json")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def by_id(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {regime["regime_id"]: regime for regime in body["regimes"]}


def test_the_bare_page_shows_default_figures_and_one_regime_per_country(client: TestClient) -> None:
    page = fresh(client).get("/incentives").text
    assert 'id="incentives-form"' in page and 'href="/incentives"' in page  # the header links here too
    assert '<option value="auto_parts" selected>' in page and input_value(page, "capex_machinery_m") == "55"
    checked = re.findall(r'name="regime" value="([^"]+)" checked', page)
    regimes = load_regimes()
    assert sorted(checked) == sorted(DEFAULT_REGIMES)
    assert len({regimes[i].country_iso3 for i in checked}) == len(checked) == 11  # one per country
    assert 'data-testid="comparison"' not in page and "Fill in the form" in page


def test_the_default_regimes_all_compute_for_a_project_in_any_currency(client: TestClient) -> None:
    query = "/incentives?" + urlencode([("sector", "auto_parts"), ("currency", "EUR"),
                                        *(("regime", r) for r in DEFAULT_REGIMES)])  # fmt: skip
    regimes = twin(client, query)["regimes"]
    assert [r["regime_id"] for r in regimes] == list(DEFAULT_REGIMES)
    assert all(r["error"] is None and r["comparison"]["zone"]["is_eligible"] for r in regimes)


@pytest.mark.parametrize("code", list(sector_profiles()))
def test_choosing_a_sector_fills_its_figures_over_what_was_typed(client: TestClient, code: str) -> None:
    profile = sector_profiles()[code]
    query = QUERY.replace("sector=food", f"sector={code}") + "&revenue_m_per_year=999&apply=sector"
    fragment = fresh(client).get(query, headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and fragment.text.startswith('<div id="incentives-layout"')
    page = fragment.text
    assert input_value(page, "revenue_m_per_year") == f"{profile.revenue_m_per_year:g}"
    assert input_value(page, "capex_buildings_m") == f"{profile.capex_buildings_m:g}"
    assert input_value(page, "import_machinery_pct") == f"{profile.import_share_machinery * 100:g}"
    assert input_value(page, "isic") == profile.isic_code and input_value(page, "fx_rates") == "RUB=0.0125"
    pushed = fragment.headers["HX-Push-Url"]
    assert "apply=" not in pushed and "revenue_m_per_year=999" not in pushed
    # without JavaScript the same button redirects to the clean URL of those figures
    plain = fresh(client).get(query, follow_redirects=False)
    assert plain.status_code == 303 and plain.headers["location"] == pushed


def test_what_was_typed_wins_over_the_sector_figures_and_is_computed(client: TestClient) -> None:
    body = twin(client, QUERY + "&revenue_m_per_year=77&horizon_years=12")
    project = body["request"]["project"]
    assert project["revenue"] == [0.0] + [77_000_000.0] * 11 and project["isic_code"] == "1079"
    assert project["capex"][1] == {"asset_class": "machinery", "year": 0, "amount": 18_000_000.0,
                                   "import_share": 0.5}  # fmt: skip


def test_sector_titles_are_the_profiles_titles() -> None:
    assert {code: profile.title for code, profile in sector_profiles().items()} == SECTOR_TITLES


def test_the_comparison_shows_numbers_reasons_errors_and_doubts(client: TestClient) -> None:
    response = fresh(client).get(QUERY)
    page = response.text
    assert response.status_code == 200 and response.headers["Content-Security-Policy"]
    regimes = by_id(twin(client))
    uae = regimes["ARE-qfzp"]["comparison"]
    npv = format_number(uae["npv_of_incentives"] / 1e6, "en", 2)
    cell = rf'data-regime-id="ARE-qfzp".*?<td class="number npv"><bdi>{re.escape(npv)}</bdi>'
    assert re.search(cell, page, re.S)
    aetr = format_number(uae["zone"]["aetr"] * 100, "en", 1)
    assert f"<bdi>{aetr}%</bdi>" in page and "Profit tax" in page and "Customs duties" in page
    chart = unescape(re.search(r'id="npv-chart" class="chart" dir="ltr" data-chart="([^"]+)"', page).group(1))
    assert '"Qualifying Free Zone Person (United Arab Emirates)"' in chart
    assert str(round(uae["npv_of_incentives"] / 1e6, 3)) in chart
    assert "SEZ / industrial park developer" not in chart and "Not eligible because" in page
    assert "below the minimum of 75,000,000 USD" in page  # the engine's reason, plainly
    assert "Cannot be computed for this project:" in page and "closed to projects starting after" in page
    assert "IND-sez-10aa" not in re.sub(r"<[^>]*>", " ", page)  # named, not shown by its id
    assert regimes["RUS-tor"]["comparison"]["zone"]["is_eligible"]  # the rouble rate made it computable
    assert 'href="#doubts-ARE-qfzp"' in page and 'id="doubts-ARE-qfzp"' in page  # low-confidence fact
    assert 'href="https://kgrnaudit.com/cabinet-decision-no-100-of-2023"' in page  # with the sources
    assert 'id="doubts-RUS-tor"' not in page or regimes["RUS-tor"]["is_doubtful"]


def test_the_page_twin_is_what_the_api_answers_for_its_request(client: TestClient) -> None:
    body = twin(client)
    answer = fresh(client).post("/api/v1/incentives/project", json=body["request"])
    assert answer.status_code == 200 and answer.json()["regimes"] == body["regimes"]


def test_the_schedule_of_a_regime_shows_every_tax_by_year_and_its_present_value(client: TestClient) -> None:
    page = fresh(client).get(QUERY).text
    link = re.search(r'href="(/incentives\?[^"#]*schedule=ARE-qfzp[^"#]*)#schedule"', page)
    assert link and 'data-testid="schedule"' not in page
    opened = fresh(client).get(unescape(link.group(1)), headers={"HX-Request": "true"})
    assert opened.status_code == 200 and "schedule=ARE-qfzp" in opened.headers["HX-Push-Url"]
    table = re.search(r'<table class="schedule-table" data-testid="schedule">.*?</table>', opened.text, re.S)
    assert table, "no schedule table"
    rows = re.findall(r'<th scope="row">([^<]+)</th>', table.group(0))
    assert (
        all(TAX_TITLES[name] in rows for name in TAX_NAMES)
        and "All taxes under Standard corporate tax, 9% on all income" in rows
    )
    years = re.findall(r'<th scope="col">(\d{4})</th>', table.group(0))
    assert years == [str(year) for year in range(2027, 2042)]
    uae = by_id(twin(client))["ARE-qfzp"]["comparison"]
    total_row = r'<tr class="total"><th scope="row">All taxes and duties</th>(.*?)</tr>'
    total = re.search(total_row, table.group(0), re.S)
    pv = format_number(uae["zone"]["pv_taxes"] / 1e6, "en", 2)
    assert total and total.group(1).rstrip().endswith(f"<td><bdi>{pv}</bdi></td>")
    assert 'name="schedule" value="ARE-qfzp"' in opened.text  # a new comparison keeps it open


def test_a_not_eligible_regime_says_why_instead_of_a_schedule(client: TestClient) -> None:
    page = fresh(client).get(QUERY + "&schedule=ETH-sez-developer").text
    section = page[page.index('id="schedule"') :]
    assert 'data-testid="schedule"' not in section and "Not eligible because" in section


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"capex_machinery_m": "-5"}, "capex_machinery_m", "Must be at least 0."),
    ({"capex_buildings_m": "2e6"}, "capex_buildings_m", "Must be at most 1000000."),
    ({"headcount": "12.5"}, "headcount", "Enter a whole number."),
    ({"import_machinery_pct": "150"}, "import_machinery_pct", "Must be at most 100."),
    ({"horizon_years": "0"}, "horizon_years", "Must be at least 2."),
    ({"real_discount_rate_pct": "-100"}, "real_discount_rate_pct", "Must be at least -50."),
    ({"inflation_pct": "abc"}, "inflation_pct", "Enter a number."),
    ({"currency": "dollars"}, "currency", "Enter a three-letter code such as USD."),
    ({"fx_rates": "RUB=-1"}, "fx_rates", "Must be more than 0."),
])  # fmt: skip
def test_an_invalid_field_is_a_400_with_the_message_next_to_it(
    client: TestClient, changes: dict[str, str], field: str, message: str
) -> None:
    query = QUERY + "&" + urlencode(changes)
    response = fresh(client).get(query, headers={"HX-Request": "true"})
    page = response.text
    assert response.status_code == 400 and page.startswith('<div id="incentives-layout"')
    assert f'<span id="inc-{field}-error" class="field-error">{message}</span>' in page
    assert re.search(rf'<input id="inc-{field}" name="{field}"[^>]*aria-invalid="true"', page)
    assert f'<a href="#inc-{field}">' in page  # in the summary above the results, which show no numbers
    assert 'data-testid="comparison"' not in page
    detail = fresh(client).get(query + "&f=json")
    assert detail.status_code == 400 and [p["parameter"] for p in detail.json()["errors"]] == [field]


@pytest.mark.parametrize(("query", "field", "message"), [
    (QUERY + "&capex_buildings_m=0&capex_machinery_m=0&capex_intangibles_m=0", "capex",
     "Enter at least one capital expenditure above 0."),
    ("/incentives?sector=food", "regime", "Choose at least one regime."),
    ("/incentives?sector=food&regime=XXX-nowhere", "regime", "Unknown regime: XXX-nowhere."),
    ("/incentives?sector=mining&regime=ARE-qfzp", "sector", "Choose a sector from the list."),
])  # fmt: skip
def test_a_form_that_cannot_be_compared_names_the_part_to_fix(
    client: TestClient, query: str, field: str, message: str
) -> None:
    response = fresh(client).get(query)
    assert response.status_code == 400 and 'data-testid="incentives-errors"' in response.text
    assert f'<a href="#inc-{field}">' in response.text and message in response.text


def test_the_page_speaks_the_readers_language_with_its_numbers(client: TestClient) -> None:
    uae = by_id(twin(client))["ARE-qfzp"]["comparison"]
    russian = fresh(client).get(QUERY + "&lang=ru").text
    npv = format_number(uae["npv_of_incentives"] / 1e6, "ru", 2)
    assert "Льготы" in russian and "," in npv and f"<bdi>{npv}</bdi>" in russian  # 1,23 not 1.23
    arabic = fresh(client).get(QUERY + "&lang=ar").text
    assert 'dir="rtl"' in arabic and "الحوافز" in arabic


def test_the_chart_names_the_regimes_largest_incentive_first(client: TestClient) -> None:
    page = fresh(client).get(QUERY).text
    chart = json.loads(
        unescape(re.search(r'id="npv-chart" class="chart" dir="ltr" data-chart="([^"]+)"', page)[1])
    )
    values = chart["series"][0]["data"]
    assert values == sorted(values, reverse=True) and len(values) == 2
    assert chart["categories"] == [
        "Territory of Advanced Development / priority socio-economic development (Russian Federation)",
        "Qualifying Free Zone Person (United Arab Emirates)",
    ]


def test_facts_to_check_say_what_the_fact_is_and_link_its_source(client: TestClient) -> None:
    page = fresh(client).get(QUERY).text
    doubts = re.search(r'<ul class="doubts" data-testid="doubts">(.*?)\n</ul>', page, re.S)
    assert doubts, "no facts to check"
    text = doubts.group(1)
    assert "Global minimum tax (Pillar Two): domestic top-up tax from 2025 — confidence: low" in text
    assert "Profit tax: reduced rate of 0% for 15 years — confidence: low" in text  # ETH-sez-developer
    assert 'href="https://kgrnaudit.com/cabinet-decision-no-100-of-2023"' in text
    for internal in ("pillar_two", "cit.phases", "[0]", "from memory in the research", "<code"):
        assert internal not in text, f"{internal!r} is shown"
    chinese = fresh(client).get(QUERY + "&lang=zh").text
    assert "全球最低税（支柱二）：自 2025 年起征收国内补足税" in chinese


def test_the_comparison_downloads_as_a_formula_safe_workbook(client: TestClient) -> None:
    response = fresh(client).get(QUERY + "&name=%3D1%2B1&schedule=ARE-qfzp&f=xlsx")
    assert response.status_code == 200
    assert response.headers["content-disposition"].startswith(
        'attachment; filename="sez-atlas-incentives.xlsx"'
    )
    regimes, doubts, project, schedule = load_workbook(BytesIO(response.content)).worksheets
    rows = list(regimes.iter_rows(min_row=2, values_only=True))
    uae = by_id(twin(client))["ARE-qfzp"]["comparison"]
    assert rows[0][0] == "Qualifying Free Zone Person" and rows[0][4] == pytest.approx(
        uae["npv_of_incentives"] / 1e6
    )
    assert rows[1][3].startswith("Not eligible because") and rows[2][3].startswith("Cannot be computed")
    assert any("Pillar Two" in str(row[1]) for row in doubts.iter_rows(min_row=2, values_only=True))
    name = next(row for row in project.iter_rows() if row[0].value == "Project name")[1]
    assert name.value == "=1+1" and name.data_type == "s"  # text, never a formula
    assert schedule.cell(row=1, column=1).value == "Qualifying Free Zone Person"


def test_the_comparison_downloads_as_a_pdf_in_the_readers_language(
    client: TestClient, tmp_path: Path
) -> None:
    response = fresh(client).get(QUERY + "&lang=ru&f=pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF-")
    text = pdf_text(response.content, tmp_path)
    assert "Qualifying Free Zone Person" in text and "Факты, которые стоит проверить" in text
