"""The pages over HTTP, without a browser: JSON twins, fragments, errors, languages and catalogs.

(These live beside the browser tests because they test the same pages; they need no chromium.)
"""

import gettext
import re
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient

from sezatlas.standard.flat import flat_column_names
from sezatlas.web import i18n
from sezatlas.web.pages.facts import shown_columns

LOCALE_DIR = Path(i18n.__file__).parent / "locale"
VENDOR_DIR = Path(i18n.__file__).parent / "static" / "vendor"
PROVENANCE_COLUMNS = {"source_urls", "source_citation", "as_of", "confidence", "field_provenance", "dataset",
                      "notes"}  # fmt: skip


def fresh(client: TestClient) -> TestClient:
    """The session's client without the language cookie an earlier test may have left."""
    client.cookies.clear()
    return client


def test_home_page_json_twin_counts_what_the_api_counts(client: TestClient) -> None:
    page = fresh(client).get("/", params={"country": "CHN", "zone_type": "etdz", "f": "json"}).json()
    api = client.get(page["links"]["api"]).json()
    assert page["total"] == api["total"] > 0
    assert page["links"]["api"] == "/api/v1/zones?country=CHN&zone_type=etdz&sort=country"
    assert [z["zone_id"] for z in page["items"]] == [z["zone_id"] for z in api["items"][:20]]


def test_map_points_are_the_matching_zones_that_have_coordinates(client: TestClient) -> None:
    points = client.get("/map/points", params={"country": "RUS"}).json()
    api = client.get("/api/v1/zones", params={"country": "RUS", "limit": 1000}).json()
    located = {z["zone_id"] for z in api["items"] if z["location"]["latitude"] is not None}
    assert {point[0] for point in points["points"]} == located
    assert points["total"] == len(located)


def test_an_htmx_request_gets_the_list_fragment_and_a_clean_url_to_push(client: TestClient) -> None:
    response = fresh(client).get("/?country=RUS&zone_type=&q=&status=", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="results"')
    assert response.headers["HX-Push-Url"] == "/?country=RUS"
    assert 'hx-swap-oob="true"' in response.text  # the language links follow the new URL


def test_pages_load_only_from_this_server(client: TestClient) -> None:
    response = fresh(client).get("/")
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    assert not re.search(r'(src|href)="(https?:)?//', response.text), "the home page links an outside asset"
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', response.text):
        assert client.get(asset).status_code == 200, asset


def test_a_bad_filter_is_a_400_page_naming_the_parameter(client: TestClient) -> None:
    response = fresh(client).get("/", params={"country": "XXX"})
    assert response.status_code == 400
    assert "parameter country" in response.text and "<html" in response.text


def test_a_bad_filter_sent_by_htmx_comes_back_as_a_list_fragment_saying_why(client: TestClient) -> None:
    response = fresh(client).get("/?min_free_area_ha=-5", headers={"HX-Request": "true"})
    assert response.status_code == 400
    assert response.text.startswith('<section id="results"')
    assert 'role="alert"' in response.text and "min_free_area_ha" in response.text


def test_an_unknown_zone_is_a_404_page(client: TestClient) -> None:
    response = fresh(client).get("/zones/RUS-NOPE")
    assert response.status_code == 404
    assert "<html" in response.text


def test_the_zone_page_shows_every_fact_of_the_standard() -> None:
    assert shown_columns() == set(flat_column_names()) - PROVENANCE_COLUMNS


def test_unknown_facts_read_unknown_never_zero(client: TestClient) -> None:
    zone = client.get("/api/v1/zones/RUS-001").json()
    assert zone["utilities"]["power_mw"]["free"] is None
    html = fresh(client).get("/zones/RUS-001").text
    row = html[html.index('data-column="power_mw_free"') :].split("</tr>")[0]
    assert "unknown" in row and ">0<" not in row


def test_zone_page_json_twin_is_the_api_record(client: TestClient) -> None:
    assert client.get("/zones/rus-001?f=json").json() == client.get("/api/v1/zones/RUS-001").json()


def test_lang_parameter_wins_and_is_remembered_in_a_cookie(client: TestClient) -> None:
    response = fresh(client).get("/zones/RUS-001", params={"lang": "pt"})
    assert response.headers["Content-Language"] == "pt-BR"
    assert "Identificação" in response.text
    assert response.cookies.get("lang") == "pt"
    assert '<html lang="pt-BR">' in client.get("/zones/RUS-001").text
    client.cookies.clear()


def test_accept_language_chooses_the_default_language(client: TestClient) -> None:
    html = fresh(client).get("/", headers={"Accept-Language": "de-DE,zh-CN;q=0.8,en;q=0.5"}).text
    assert '<html lang="zh-Hans">' in html and "金砖国家经济特区" in html


@pytest.mark.parametrize(
    ("header", "expected"),
    [("ru-RU,ru;q=0.9,en;q=0.8", "ru"), ("pt-PT", "pt"), ("zh-TW", "zh"), ("de", None),
     ("zh-CN;q=0.5, en;q=0.6", "en"), ("ru;q=0", None), ("", None)],
)  # fmt: skip
def test_accept_language_matching(header: str, expected: str | None) -> None:
    assert i18n.from_accept_language(header) == expected


def test_numbers_and_dates_follow_the_locale() -> None:
    assert i18n.format_number(12345.5, "ru") == "12\xa0345,5"
    assert i18n.format_number(12345.5, "pt") == "12.345,5"
    assert i18n.format_as_of("2026-11", "zh") == "2026年11月"
    assert i18n.format_as_of("2025", "ru") == "2025"


def test_names_sort_as_readers_expect() -> None:
    def in_order(names: list[str], lang: str) -> list[str]:
        return sorted(names, key=lambda name: i18n.sort_key(name, lang))

    assert in_order(["Índia", "Irã", "Brasil"], "pt") == ["Brasil", "Índia", "Irã"]
    assert in_order(["中国", "巴西", "印度"], "zh") == ["巴西", "印度", "中国"]


def test_country_names_come_from_pycountry_translations() -> None:
    assert i18n.country_name("RUS", "ru") == "Российская Федерация"
    assert i18n.country_name("CHN", "zh") == "中国"
    assert i18n.country_name("IRN", "en") == "Iran"


@pytest.mark.parametrize("folder", ["ru", "zh_Hans", "pt_BR", "ar"])
def test_every_message_is_translated_with_the_same_placeholders(folder: str) -> None:
    with (LOCALE_DIR / "messages.pot").open("rb") as source:
        template = {message.id for message in read_po(source) if message.id}
    with (LOCALE_DIR / folder / "LC_MESSAGES" / "messages.po").open("rb") as source:
        catalog = read_po(source)
    translated = {message.id: message for message in catalog if message.id}
    assert set(translated) == template, "the catalog is out of date: run pybabel update (docs/web.md)"
    for message in translated.values():
        originals = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings) and not message.fuzzy, f"{folder}: {message.id!r} is not translated"
        wanted = set(re.findall(r"%\(\w+\)s", str(originals[-1])))
        for string in strings:
            assert set(re.findall(r"%\(\w+\)s", str(string))) == wanted, f"{folder}: {message.id!r}"


def test_the_english_catalog_has_no_guessed_wording() -> None:
    """English strings are the msgids themselves; `pybabel update` fills new English entries with the
    nearest old one as "fuzzy" ("Airport" got "reported"), which a page would show if ever compiled in."""
    with (LOCALE_DIR / "en" / "LC_MESSAGES" / "messages.po").open("rb") as source:
        guessed = [message.id for message in read_po(source) if message.id and message.fuzzy]
    assert guessed == [], "clear these entries' msgstr and their fuzzy flag"


CLDR_ORDER = ("zero", "one", "two", "few", "many", "other")  # the order of gettext's plural forms


@pytest.mark.parametrize("folder", ["en", "ru", "zh_Hans", "pt_BR", "ar"])
def test_plural_forms_follow_cldr_and_every_plural_message_has_each_form(folder: str) -> None:
    """The header's rule picks, for 0…1000, the form CLDR names (ru: 3, ar: 6 in GNU order, zh: 1), and
    every plural message has exactly that many forms: a missing form would show another one's words."""
    po_file = LOCALE_DIR / folder / "LC_MESSAGES" / "messages.po"
    with po_file.open("rb") as source:
        catalog = read_po(source)
    locale = Locale.parse(catalog.locale_identifier or folder)
    forms = [tag for tag in CLDR_ORDER if any(locale.plural_form(n) == tag for n in range(1001))]
    choose = gettext.c2py(catalog.plural_expr)
    assert catalog.num_plurals == len(forms)
    for n in range(1001):
        assert forms[choose(n)] == locale.plural_form(n), f"{folder}: {n} takes the wrong form"
    for block in po_file.read_text(encoding="utf-8").split("\n\n"):
        if "msgid_plural" in block:
            numbered = re.findall(r"^msgstr\[(\d+)\]", block, re.MULTILINE)
            assert numbered == [str(i) for i in range(len(forms))], f"{folder}: {block[:120]}"


def test_the_vendor_readme_lists_every_vendored_file() -> None:
    readme = (VENDOR_DIR / "README.md").read_text(encoding="utf-8")
    for path in VENDOR_DIR.glob("*/*"):
        assert f"{path.parent.name}/{path.name}" in readme, path
