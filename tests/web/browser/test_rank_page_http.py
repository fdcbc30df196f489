"""The site-selection page over HTTP (no browser): form, shortlist, htmx fragment, errors, JSON twin, files.

(Beside the browser tests, as test_pages_http.py is: they test the same page.)
"""

import re
from io import BytesIO
from pathlib import Path
from urllib.parse import urlencode

from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.web.browser.documents import pdf_text

# An automotive parts plant in SEZs only, weighing sector fit and incentives, with simple finances.
CAR_PARTS = {
    "name": "Car parts", "isic": "2930", "zone_type": "sez", "w_land_headroom": "0", "w_power_headroom": "0",
    "w_seaport_distance": "0", "w_airport_distance": "0", "capex_buildings_m": "20",
    "capex_machinery_m": "55", "revenue_m_per_year": "120", "opex_m_per_year": "72",
    "payroll_m_per_year": "15", "headcount": "450", "export_share_pct": "60",
}  # fmt: skip
QUERY = "/rank?" + urlencode(CAR_PARTS)


def fresh(client: TestClient) -> TestClient:
    client.cookies.clear()
    return client


def test_the_empty_form_is_shown_with_default_weights_and_no_results(client: TestClient) -> None:
    page = fresh(client).get("/rank").text
    assert 'id="rank-form"' in page and 'name="w_sector_fit"' in page and 'value="3"' in page
    assert 'data-testid="ranked"' not in page and 'href="/rank"' in page  # the header links here too


def test_the_submitted_form_shows_the_ranking_its_bars_and_its_numbers_in_text(client: TestClient) -> None:
    response = fresh(client).get(QUERY)
    page = response.text
    assert response.status_code == 200 and response.headers["Content-Security-Policy"]
    assert page.count('class="ranked-zone"') == 10 and 'svg class="decomposition"' in page
    assert "Incentives (NPV)" in page and "plausible weightings" in page
    assert 'id="acceptability-chart"' in page and 'data-testid="acceptability"' in page
    assert "Zone type not accepted" in page  # the exclusions by rule, with counts
    assert "/compare?zones=" in page and "f=xlsx" in page and "f=pdf" in page


def test_htmx_gets_only_the_results_and_the_url_to_push(client: TestClient) -> None:
    response = fresh(client).get(QUERY, headers={"HX-Request": "true"})
    assert response.text.startswith('<section id="rank-results"')
    assert response.headers["HX-Push-Url"] == QUERY


def test_the_json_twin_holds_the_request_and_the_same_shortlist(client: TestClient) -> None:
    body = fresh(client).get(QUERY + "&f=json").json()
    finance = body["request"]["finance"]
    assert body["request"]["project"]["zone_types"] == ["sez"] and finance["horizon_years"] == 15
    assert finance["capex"][1] == {"asset_class": "machinery", "year": 0, "amount": 55_000_000.0,
                                   "import_share": 0.0}  # fmt: skip
    assert finance["revenue"][:2] == [0.0, 120_000_000.0]  # year 0 builds, then flat years
    shortlist = body["shortlist"]
    assert shortlist["incentives_currency"] == "USD" and "incentives" in shortlist["criteria_used"]
    names = [zone["name_en"] for zone in shortlist["ranked"]]
    page = fresh(client).get(QUERY).text
    assert all(name in page for name in names)


def test_without_finances_incentives_are_not_valued(client: TestClient) -> None:
    query = {key: value for key, value in CAR_PARTS.items() if not key.startswith(("capex", "revenue"))}
    body = fresh(client).get("/rank?" + urlencode({**query, "f": "json"})).json()
    assert body["request"]["finance"] is None and body["shortlist"]["incentives_currency"] is None


def test_a_bad_form_is_a_400_naming_each_field(client: TestClient) -> None:
    response = fresh(client).get("/rank?isic=99999&land_ha=-3&revenue_m_per_year=-1")
    assert response.status_code == 400 and 'data-testid="rank-errors"' in response.text
    assert "<code>isic</code>" in response.text and "<code>land_ha</code>" in response.text
    twin = fresh(client).get("/rank?isic=99999&land_ha=-3&revenue_m_per_year=-1&f=json")
    fields = {error["parameter"] for error in twin.json()["errors"]}
    assert twin.status_code == 400 and fields == {"isic", "land_ha", "revenue_m_per_year"}


def test_unknown_power_ranks_the_zones_with_their_evidence_and_what_to_ask(client: TestClient) -> None:
    page = fresh(client).get("/rank?isic=6311&power_mw=50").text
    assert page.count('class="ranked-zone"') == 10 and 'data-testid="needs-confirmation"' not in page
    assert "0 of 1 requirement confirmed by data. To ask the operator: free power" in page


def test_only_confirmed_zones_are_ranked_when_asked_and_the_others_listed_with_what_to_ask(
    client: TestClient,
) -> None:
    page = fresh(client).get("/rank?isic=6311&power_mw=50&confirmed=1").text
    assert 'class="ranked-zone"' not in page and 'data-testid="needs-confirmation"' in page
    assert "Left out because a fact is unknown:" in page and "</a>: free power</li>" in page
    assert 'name="confirmed" value="1" aria-describedby="rank-confirmed-help" checked' in page


def test_the_shortlist_downloads_as_xlsx_and_pdf(client: TestClient, tmp_path: Path) -> None:
    first = fresh(client).get(QUERY + "&f=json").json()["shortlist"]["ranked"][0]["name_en"]
    xlsx = fresh(client).get(QUERY + "&f=xlsx")
    assert xlsx.headers["content-disposition"].endswith("filename*=UTF-8''sez-atlas-shortlist.xlsx")
    assert load_workbook(BytesIO(xlsx.content)).worksheets[0]["C3"].value == first
    pdf = fresh(client).get(QUERY + "&f=pdf")
    assert pdf.headers["content-type"] == "application/pdf" and first in pdf_text(pdf.content, tmp_path)


def test_the_page_speaks_the_readers_language(client: TestClient) -> None:
    page = fresh(client).get(QUERY + "&lang=ru").text
    assert "Выбор площадки" in page and "Рейтинг и вклад каждого критерия" in page
    arabic = fresh(client).get(QUERY + "&lang=ar").text
    assert 'dir="rtl"' in arabic and "اختيار الموقع" in arabic


def test_exchange_rates_let_regimes_with_thresholds_in_other_currencies_be_valued(client: TestClient) -> None:
    def alabuga(query: str) -> dict[str, object]:
        ranked = fresh(client).get(query + "&f=json").json()["shortlist"]["ranked"]
        return next(zone for zone in ranked if zone["zone_id"] == "RUS-001")

    # Alabuga declares motor vehicles (29): for a 2930 plant only a possible match, for 29 an exact one.
    motor_vehicles = QUERY.replace("isic=2930", "isic=29")
    assert "incentives" in alabuga(motor_vehicles)["unknown"]  # its thresholds are in roubles
    with_rates = motor_vehicles + "&" + urlencode({"fx_rates": "RUB=0.0125, EUR=1.08"})
    assert "incentives" not in alabuga(with_rates)["unknown"]
    bad = fresh(client).get("/rank?isic=2930&fx_rates=RUB=-1&f=json")
    assert bad.status_code == 400 and bad.json()["errors"][0]["parameter"] == "fx_rates"


def test_incentives_are_money_and_the_assumptions_link_gives_the_same_npv(client: TestClient) -> None:
    ranked = fresh(client).get(QUERY + "&f=json").json()["shortlist"]["ranked"]
    valued = next(zone for zone in ranked if zone["incentives_m"] is not None)
    page = fresh(client).get(QUERY).text
    assert f"NPV of incentives: USD {valued['incentives_m']:,.1f} million" in page
    link = next(
        href.replace("&amp;", "&")
        for href in re.findall(r'href="(/incentives\?[^"]+)"', page)
        if f"regime={valued['regime_id']}&" in href
    )
    assumptions = fresh(client).get(link)
    assert assumptions.status_code == 200 and f"{valued['incentives_m']:,.2f}" in assumptions.text


def test_without_finances_the_page_says_how_to_see_incentives_as_money(client: TestClient) -> None:
    page = fresh(client).get("/rank?isic=2930&zone_type=sez").text
    assert 'data-testid="incentives-value"' not in page
    assert "add the project's finances (step 5)" in page


def test_a_zone_without_a_regime_says_why_its_incentives_are_unknown(client: TestClient) -> None:
    page = fresh(client).get("/rank?isic=6311&capex_machinery_m=30&revenue_m_per_year=20").text
    assert "NPV of incentives unknown: the registry links no tax regime to this zone" in page


def test_only_these_countries_keeps_its_ticks_and_ranks_their_zones_only(client: TestClient) -> None:
    body = fresh(client).get("/rank?isic=2720&only=BRA&only=ZAF&f=json").json()
    assert body["request"]["project"]["only_countries"] == ["BRA", "ZAF"]
    assert {zone["country_iso3"] for zone in body["shortlist"]["ranked"]} <= {"BRA", "ZAF"}
    page = fresh(client).get("/rank?isic=2720&only=BRA").text
    assert 'name="only" value="BRA" checked' in page and "Country not among those chosen" in page
