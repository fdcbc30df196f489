"""A participant's agenda files (PDF, calendar) are in their language, not the page's: on the example event,
the Russian-speaking operator P02 (languages ru;en) gets a Russian agenda from an English page.
"""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from babel.messages.pofile import read_po
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlalchemy import Engine

from sezatlas.congress.agenda import Agenda, AgendaItem, TablePlace
from sezatlas.congress.files.agenda_files import agenda_html, agenda_ics
from sezatlas.congress.files.agenda_words import AgendaWords
from sezatlas.congress.model import Participant, Role
from sezatlas.congress.scheduling.solve import schedule_event
from sezatlas.congress.storage.schedules import load_congress, save_schedule
from sezatlas.store.database import transaction
from sezatlas.web import i18n
from sezatlas.web.app import create_app
from sezatlas.web.pages.agenda_language import AGENDA_MESSAGES, agenda_language, agenda_words
from tests.web.browser.congress_example import EVENT_ID, import_example, participant_page
from tests.web.browser.documents import pdf_text

API = f"/api/v1/congress/events/{EVENT_ID}/participants"
LOCALE_DIR = Path(i18n.__file__).parent / "locale"
VENUE = ZoneInfo("Europe/Moscow")


@pytest.fixture
def visitor(empty_engine: Engine) -> Iterator[TestClient]:
    """The example event with a published schedule (greedy), read by anyone."""
    import_example(empty_engine)
    with transaction(empty_engine) as session:
        congress = load_congress(session, EVENT_ID)
    result = schedule_event(congress.participants, congress.config.event, congress.requests, method="greedy")
    with transaction(empty_engine) as session:
        save_schedule(session, EVENT_ID, result, {"method": "greedy"})
    with TestClient(create_app(empty_engine)) as client:
        yield client


def test_the_page_links_the_agenda_in_the_participants_language_first_then_in_the_pages(
    visitor: TestClient,
) -> None:
    page = visitor.get(participant_page("P02") + "?lang=en").text
    russian, english = (
        page.index(f"{API}/P02/agenda.pdf?lang=ru"),
        page.index(f"{API}/P02/agenda.pdf?lang=en"),
    )
    assert russian < english and 'data-testid="agenda-pdf"' in page and 'data-testid="agenda-pdf-en"' in page
    assert f"{API}/P02/agenda.ics?lang=ru" in page
    chinese_reader = visitor.get(participant_page("P01") + "?lang=zh").text
    assert chinese_reader.count("agenda.pdf?lang=") == 1  # P01 speaks Chinese: one language, one link


def test_a_russian_speakers_pdf_is_russian_though_the_page_is_english(
    visitor: TestClient, tmp_path: Path
) -> None:
    response = visitor.get(f"{API}/P02/agenda.pdf", headers={"Accept-Language": "en"})
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    for word in (
        "Время",
        "Партнёр",
        "Стол",
        "встречи.",
        "Время местное",
        "Sinoauto Capital Partners (fictional)",
    ):
        assert word in text, word
    assert "Interpreter" not in text and "Times are local" not in text
    asked_in_english = pdf_text(visitor.get(f"{API}/P02/agenda.pdf?lang=en").content, tmp_path)
    assert "Interpreter" in asked_in_english and "2 meetings." in asked_in_english


def test_a_russian_speakers_calendar_is_russian_and_says_so(visitor: TestClient) -> None:
    calendar = Calendar.from_ical(visitor.get(f"{API}/P02/agenda.ics").content)
    summaries = [event["summary"] for event in calendar.walk("VEVENT")]
    assert summaries and all(str(s).startswith("Встреча: ") for s in summaries)
    assert all(s.params["LANGUAGE"] == "ru" for s in summaries)
    english = Calendar.from_ical(visitor.get(f"{API}/P02/agenda.ics?lang=en").content)
    assert all(str(event["summary"]).startswith("Meeting: ") for event in english.walk("VEVENT"))


def test_the_agenda_language_is_the_one_asked_for_else_the_participants_else_english() -> None:
    def speaker(*languages: str) -> Participant:
        return Participant("X", "X", Role.INVESTOR, "IND", languages)

    assert agenda_language(speaker("hi", "pt", "en"), None) == "pt"  # the first the pages speak
    assert agenda_language(speaker("ru"), "ar") == "ar"
    assert agenda_language(speaker("hi"), None) == "en"
    assert agenda_language(speaker("ru"), "xx") == "ru"  # a language the pages do not speak is no choice


def an_agenda() -> Agenda:
    start = datetime(2027, 6, 8, 14, 0, tzinfo=VENUE)
    item = AgendaItem(3, start, start.replace(minute=30), "P07", "Delta Cotton Mills (fictional)", "EGY",
                      "manufacturer", TablePlace(0, "Hall A", 1), "en–zh")  # fmt: skip
    person = Participant(
        "P10", "Gulf Investment Promotion Agency (fictional)", Role.AGENCY, "SAU", ("ar", "en")
    )
    published = datetime(2027, 6, 1, 9, 0, tzinfo=UTC)
    return Agenda(EVENT_ID, "Congress", "Europe/Moscow", person, 2, published, (item,), (item,))


def test_an_arabic_agenda_reads_right_to_left_with_arabic_words_dates_and_names() -> None:
    html = agenda_html(an_agenda(), agenda_words("ar", "Europe/Moscow"))
    assert '<html lang="ar" dir="rtl">' in html
    for words in ("الشريك", "المترجم", "يونيو", "مصر", "الإنجليزية–الصينية", "1 اجتماع."):
        assert words in html, words


def test_every_message_of_the_agenda_files_is_listed_for_the_catalogs_and_translated() -> None:
    asked: set[str] = set()

    def recording(message: str) -> str:
        asked.add(message)
        return message

    words = AgendaWords(gettext=recording)
    agenda_html(an_agenda(), words)
    agenda_ics(an_agenda(), words)
    assert asked <= set(AGENDA_MESSAGES), asked - set(AGENDA_MESSAGES)
    for folder in ("ru", "zh_Hans", "pt_BR", "ar"):
        with (LOCALE_DIR / folder / "LC_MESSAGES" / "messages.po").open("rb") as source:
            catalog = read_po(source)
        for message in AGENDA_MESSAGES:
            found = catalog.get(message)
            assert found is not None and found.string and not found.fuzzy, f"{folder}: {message!r}"
