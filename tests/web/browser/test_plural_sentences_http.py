"""Sentences with a count take the count's plural form in every language: never "Among the 1 participants",
and in Russian and Arabic the form CLDR gives the number (ru: 1, 21 one; 2–4 few; 5–20 many; ar: six forms).
"""

from collections.abc import Iterator

import pytest
from babel import Locale
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.roles import Grant, Role
from sezatlas.web.app import create_app
from tests.accounts.people import log_in_as
from tests.web.browser.congress_example import EVENT, EVENT_ID, import_example, participant_page

# The word each plural category takes in these sentences (their translations in the catalogs).
COUNTRIES = {
    "ru": {"one": "стране", "few": "странах", "many": "странах"},
    "ar": {"zero": "بلد", "one": "بلد", "two": "بلدين", "few": "بلدان", "many": "بلدًا", "other": "بلد"},
}
PARTICIPANTS = {
    "ru": {"one": "участник", "few": "участника", "many": "участников"},
    "ar": {
        "zero": "مشارك",
        "one": "مشارك",
        "two": "مشاركان",
        "few": "مشاركين",
        "many": "مشاركًا",
        "other": "مشارك",
    },
}
SENTENCES = {
    "ru": "Они находятся в {n} {word}.",
    "ar": "وهي في {n} {word}.",
}


def form(lang: str, count: int, words: dict[str, dict[str, str]]) -> str:
    return words[lang][Locale.parse(lang).plural_form(count)]


@pytest.mark.parametrize("lang", ["ru", "ar"])
def test_the_statistics_count_countries_in_the_plural_form_of_their_number(
    client: TestClient, lang: str
) -> None:
    countries = len(client.get("/stats?f=json").json()["countries"])
    page = client.get(f"/stats?lang={lang}").text
    assert SENTENCES[lang].format(n=countries, word=form(lang, countries, COUNTRIES)) in page


def test_english_says_one_zone_and_one_country_in_the_singular(client: TestClient) -> None:
    page = client.get("/stats?lang=en").text
    assert "The registry holds 1 zones" not in page and "in 1 countries" not in page
    countries = len(client.get("/stats?f=json").json()["countries"])
    assert f"They are in {countries} countries." in page


@pytest.fixture
def congress(empty_engine: Engine) -> Iterator[TestClient]:
    """The example event, read by its organiser (the organiser's page is theirs)."""
    import_example(empty_engine)
    with TestClient(create_app(empty_engine)) as client:
        yield log_in_as(client, empty_engine, Grant(Role.ORGANISER, EVENT_ID))


@pytest.mark.parametrize("lang", ["ru", "ar"])
def test_the_organiser_page_counts_participants_in_the_plural_form_of_their_number(
    congress: TestClient, lang: str
) -> None:
    page = congress.get(f"{EVENT}/organiser?lang={lang}").text
    semicolon = {"ru": ";", "ar": "؛"}[lang]  # the language's own, from the catalog
    assert f"12 {form(lang, 12, PARTICIPANTS)}{semicolon}" in page


def test_a_participants_availability_counts_slots_and_meetings_each_in_its_own_form(
    congress: TestClient,
) -> None:
    assert (
        "Свободен в 8 из 8 слотов; не более 6 встреч"
        in congress.get(participant_page("P01") + "?lang=ru").text
    )
    assert "8 of 8 slots; at most 6 meetings" in congress.get(participant_page("P01") + "?lang=en").text
    arabic = congress.get(
        participant_page("P07") + "?lang=ar"
    ).text  # 8 slots (few), at most 5 meetings (few)
    assert "متاح في 8 من 8 فترات؛ 5 اجتماعات على الأكثر" in arabic  # with the Arabic semicolon
