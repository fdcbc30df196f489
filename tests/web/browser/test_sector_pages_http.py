"""Sector labels in the reader's language, fallbacks marked, possible matches marked (pages over HTTP)."""

import re

from fastapi.testclient import TestClient

from tests.web.browser.test_pages_http import fresh


def test_the_zone_page_in_russian_shows_russian_sector_labels(client: TestClient) -> None:
    page = fresh(client).get("/zones/BRA-011", params={"lang": "ru"}).text
    assert "1920 — Производство очищенных нефтепродуктов" in page
    assert "Petroleum" not in page.split("<footer", 1)[0].split("1920 —", 1)[1][:200]


def test_the_sector_filter_speaks_the_readers_language_and_writes_out_the_choice(client: TestClient) -> None:
    page = fresh(client).get("/", params={"lang": "ru", "isic": "27"}).text
    assert "27 — Производство электрического оборудования" in page
    chosen = re.search(r'id="filter-isic-chosen"[^>]*>([^<]*)<', page)
    assert chosen and chosen.group(1) == "27 — Производство электрического оборудования"  # in full


def test_the_chinese_sector_filter_offers_chinese_sections_and_divisions(client: TestClient) -> None:
    page = fresh(client).get("/", params={"lang": "zh"}).text
    assert "27 — 电气设备制造</option>" in page and 'label="C — 制造业"' in page
    assert "（英文）" not in page.split('id="filter-isic"', 1)[1].split("</select>", 1)[0]


def test_a_class_from_a_shared_url_is_offered_with_its_parents_title_marked(client: TestClient) -> None:
    page = fresh(client).get("/", params={"lang": "pt", "isic": "2720"}).text
    label = "2720 — Fabricação de pilhas, baterias e acumuladores elétricos (título de 272)"
    assert f'<option value="2720" selected>{label}</option>' in page


def test_the_list_marks_a_possible_sector_match_with_the_sector_the_zone_declared(client: TestClient) -> None:
    page = fresh(client).get("/", params={"country": "BRA", "isic": "27", "lang": "en"}).text
    assert "BRA-001" in page and "possible match (sector declared only as Manufacturing)" in page
    portuguese = fresh(client).get("/", params={"country": "BRA", "isic": "27", "lang": "pt"}).text
    assert "correspondência possível (setor declarado apenas como Indústrias de transformação)" in portuguese
    twin = client.get("/", params={"country": "BRA", "isic": "27", "f": "json"}).json()
    assert {item["zone_id"]: item["sector_match"] for item in twin["items"]}["BRA-001"] == "possible"


def test_the_rank_form_offers_sectors_in_the_readers_language(client: TestClient) -> None:
    page = fresh(client).get("/rank", params={"lang": "ar"}).text
    assert "27 — صُنع المعدات الكهربائية" in page
