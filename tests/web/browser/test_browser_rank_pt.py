"""A Brazilian investor ranks sites for a battery plant, in Portuguese, in real chromium (Debian's).

The project is `docs/examples/battery-plant-brazil.json` (ISIC 2720, 40 ha, 60 MW, rail, Brazil only,
finances in reais), sent as the `/rank` form's query. No bundled source states free land, free power or
a rail siding for a Brazilian zone, so every zone is ranked on what is known, each with its evidence
("0 de 3 requisitos confirmados pelos dados"), and its incentives are valued in reais by the engine.
Every sentence on the page is Portuguese, except data marked as kept in its source language.
"""

import json
import re
from pathlib import Path
from urllib.parse import urlencode

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, ViewportSize, expect

from sezatlas.siting.request import read_rank_request
from tests.web.browser.watched_page import watching

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)

EXAMPLE = Path(__file__).parents[3] / "docs" / "examples" / "battery-plant-brazil.json"
BATTERY_PLANT = [
    ("name", "Fábrica de baterias de íon-lítio (Brasil)"), ("isic", "2720"), ("land_ha", "40"),
    ("power_mw", "60"), ("rail", "1"), ("only", "BRA"), ("currency", "BRL"), ("start_year", "2027"),
    ("horizon_years", "15"), ("capex_buildings_m", "650"), ("capex_machinery_m", "1600"),
    ("capex_intangibles_m", "120"), ("revenue_m_per_year", "2600"), ("opex_m_per_year", "2050"),
    ("payroll_m_per_year", "140"), ("headcount", "1100"), ("export_share_pct", "35"),
    ("real_discount_rate_pct", "8"), ("fx_rates", "USD=5.4, EUR=5.9"),
]  # fmt: skip
QUERY = "/rank?" + urlencode(BATTERY_PLANT)
# Words of an English sentence that Portuguese does not use; a Portuguese page holds none outside data.
ENGLISH_WORDS = re.compile(
    r"\b(the|and|of|is|are|with|which|would|their|zones?|unknown|scored|ranked|weights?|requirements?)\b",
    re.IGNORECASE,
)
# The page's text with every element in another language than the page's removed (names of zones as
# the registry records them, the language switcher's own names), as a reader sees it (innerText). A
# chart's category labels are zone names too, drawn by ECharts as SVG text that cannot carry `lang`
# (wrapped over lines, so each line is part of a name): those are removed as well.
TEXT_IN_PAGE_LANGUAGE = """() => {
    const page = document.documentElement.lang;
    for (const element of document.body.querySelectorAll("[lang]")) {
        if (element.lang !== page) element.textContent = "";
    }
    for (const chart of document.querySelectorAll(".chart[data-chart]")) {
        const names = JSON.parse(chart.dataset.chart).categories;
        for (const label of chart.querySelectorAll("svg text")) {
            const line = label.textContent.trim();
            if (line && names.some((name) => name.includes(line))) label.textContent = "";
        }
    }
    return document.body.innerText;
}"""


def test_the_example_project_file_is_what_the_form_sends(client: TestClient) -> None:
    client.cookies.clear()
    sent = client.get(QUERY + "&f=json").json()["request"]
    assert read_rank_request(sent) == read_rank_request(json.loads(EXAMPLE.read_text(encoding="utf-8")))


@pytest.mark.parametrize("width", [1366, 390])
def test_a_brazilian_battery_plant_is_ranked_in_portuguese(
    browser: Browser, live_server: str, width: int
) -> None:
    with watching(browser, live_server, ViewportSize(width=width, height=900), locale="pt-BR") as watched:
        page = watched.page
        watched.goto(QUERY)
        page.wait_for_selector("#acceptability-chart[data-state=ready]")
        watched.screenshot(f"rank-pt-{width}")
        assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0  # fits

        summary = page.get_by_test_id("rank-summary").inner_text()
        ranked = int(re.search(r"Classificadas: (\d+) zonas", summary)[1])  # type: ignore[index]
        assert ranked >= 10 and page.locator(".ranked-zone").count() == 10
        expect(page.locator(".ranked-zone .zone-meta").first).to_contain_text("Brasil")
        evidence = page.get_by_test_id("evidence").first
        expect(evidence).to_contain_text("0 de 3 requisitos confirmados pelos dados")
        expect(evidence).to_contain_text("terreno disponível, energia disponível, ramal ferroviário")
        money = page.get_by_test_id("incentives-value").first
        expect(money).to_contain_text(re.compile(r"VPL dos incentivos: BRL [\d.]+,\d milhões"))
        assumptions = money.get_by_role("link", name="Premissas e impostos ano a ano")
        assert "regime=" in (assumptions.get_attribute("href") or "")

        text = page.evaluate(TEXT_IN_PAGE_LANGUAGE)
        english = sorted({match.lower() for match in ENGLISH_WORDS.findall(text)})
        assert not english, f"English words outside source-language data: {english}"
