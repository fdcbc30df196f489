"""The country page shows the Growth Lab's complexity figures as published, with their source, translated."""

import csv

from fastapi.testclient import TestClient

from sezatlas.chains.growth_lab import ATTRIBUTION
from sezatlas.standard.codelists import data_path


def _published(iso3: str) -> dict[int, tuple[str, str]]:
    """The bundled file's ECI and projection by year, read here apart from the app's reader."""
    with data_path("product_space", "country_eci_projections.csv").open(encoding="utf-8") as file:
        return {int(row["year"]): (row["eci"], row["growth_projection"])
                for row in csv.DictReader(file) if row["iso3"] == iso3}  # fmt: skip


def test_the_country_page_shows_eci_projection_and_approach_with_their_source(client: TestClient) -> None:
    page = client.get("/countries/BRA?lang=en").text
    assert "Economic complexity and growth outlook" in page
    assert "Strategic approach: Parsimonious industrial policy" in page
    latest = max(_published("BRA"))
    eci, projection = _published("BRA")[latest]
    assert f"Economic Complexity Index (ECI) in {latest}: {float(eci):.2f}" in page
    assert f"Growth projection for the ten years from {latest}: {float(projection):.2f}" in page
    assert page.count('<tr><th scope="row">20') == len(_published("BRA"))
    assert ATTRIBUTION in page and 'href="/api/v1/chains/countries/BRA"' in page


def test_the_approach_is_named_in_the_readers_language(client: TestClient) -> None:
    page = client.get("/countries/CHN?lang=ru").text
    assert "Стратегический подход" in page and "Light touch" not in page


def test_every_published_year_keeps_its_two_decimals_in_the_readers_notation(client: TestClient) -> None:
    """Brazil's ECI of 2013 is 0.7039: "0,70" in Russian, as its neighbours "0,65" are, not "0,7"."""
    page = client.get("/countries/BRA?lang=ru").text
    for year, (eci, _) in _published("BRA").items():
        assert f'<td class="number">{float(eci):.2f}</td>'.replace(".", ",") in page, year
