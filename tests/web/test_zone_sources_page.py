"""The zone page lists each source once, by host, with the facts it supports; fact rows cite them by number,
so every fact still leads to its URLs and dates without repeating the same hosts on every row."""

import re

import pytest
from fastapi.testclient import TestClient

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)


def _page(client: TestClient, zone_id: str = "RUS-001", lang: str = "en") -> str:
    client.cookies.clear()
    return client.get(f"/zones/{zone_id}", params={"lang": lang}).text


def _section(html: str, host_number: int) -> str:
    """One host's entry of the Sources list."""
    start = html.index(f'id="source-{host_number}"')
    end = html.find(f'id="source-{host_number + 1}"', start)
    return html[start : end if end > 0 else html.index("</ol>", start)]


def _row(html: str, column: str) -> str:
    start = html.index(f'<tr data-column="{column}"')
    return html[start : html.index("</tr>", start)]


def test_each_host_is_listed_once(client: TestClient) -> None:
    html = _page(client)
    hosts = re.findall(r'class="source-host" data-host="([^"]+)"', html)
    assert hosts == [
        "en.wikipedia.org",
        "tatar-inform.ru",
        "enold.russoft.org",
        "kommersant.ru",
        "naturalearthdata.com",
    ]
    record = client.get("/api/v1/zones/RUS-001").json()["provenance"]["source_urls"]
    assert all(html.count(f'class="source-link" href="{url}"') == 1 for url in record)


def test_fact_rows_cite_their_hosts_by_number_instead_of_repeating_them(client: TestClient) -> None:
    html = _page(client)
    name = _row(html, "name_en")
    assert re.findall(r'href="#source-(\d)"', name) == ["1", "2", "3", "4"]
    assert "wikipedia.org</a>" not in name and "November 2026" in name  # the as-of date stays on the row
    seaport = _row(html, "distance_to_seaport_km")
    assert re.findall(r'href="#source-(\d)"', seaport) == ["5"] and "November 2017" in seaport
    assert 'class="source-ref"' not in _row(html, "power_mw_free")  # unknown: nothing to cite


def test_each_source_says_which_facts_it_supports_with_its_date(client: TestClient) -> None:
    html = _page(client)
    wikipedia = _section(html, 1)
    assert "as of November 2026" in wikipedia
    assert "Identity:</span> Registry identifier, Country, Name (English)" in wikipedia
    assert (
        "Land:</span> Area (ha)" in wikipedia and "Free land" not in wikipedia
    )  # unknown facts cite nothing
    assert 'Supports the same facts as <a href="#source-1">[1]</a>' in _section(html, 2)
    natural_earth = _section(html, 5)
    assert natural_earth.count('class="source-link"') == 3 and "as of November 2017" in natural_earth
    assert (
        "Distance to seaport (km)" in natural_earth
        and "Nearest city of 100,000 people or more" in natural_earth
    )


def test_a_fact_with_a_source_of_its_own_cites_only_it(client: TestClient) -> None:
    html = _page(client, "CHN-ETDZ-085")
    seaport_hosts = set(re.findall(r'href="#source-(\d+)"', _row(html, "distance_to_seaport_km")))
    name_hosts = set(re.findall(r'href="#source-(\d+)"', _row(html, "name_en")))
    assert seaport_hosts and name_hosts and not seaport_hosts & name_hosts


def test_the_sources_are_translated(client: TestClient) -> None:
    html = _page(client, lang="ru")
    assert "Основные сведения:</span> Идентификатор в реестре" in _section(html, 1)
    assert 'id="heading-sources">Источники<' in html
