"""How an agenda file speaks: the messages and formats of one language, English by default.

The agenda files (`agenda_files.py`, `templates/agenda_pdf.html`) write every sentence through `gettext`
of an `AgendaWords` (the count of meetings through `meetings`), and every date, country, role and language
through its formats. The defaults here are English, as written in those files; the web
(`web/pages/agenda_language.py`) passes the pages' catalogs, which hold these messages (it lists them), and
Babel's formats, so a participant gets their agenda in their language. The domain never imports the web:
it only says what it needs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sezatlas.congress.agenda import TablePlace
from sezatlas.standard.plurals import counted


def _as_written(message: str) -> str:
    return message


def _english_meetings(count: int) -> str:
    return counted(count, "meeting") + "."


def _english_day(moment: datetime) -> str:
    return f"{moment:%A %d %B %Y}"


def _clock_times(start: datetime, end: datetime) -> str:
    return f"{start:%H:%M}–{end:%H:%M}"


def _utc_moment(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def _role_words(role: str) -> str:
    return role.replace("_", " ")


def _codes(languages: Sequence[str]) -> str:
    return ", ".join(languages)


@dataclass(frozen=True)
class AgendaWords:
    """The language an agenda is written in: `gettext` of its catalog and its formats."""

    html_lang: str = "en"
    direction: str = "ltr"
    gettext: Callable[[str], str] = _as_written
    meetings: Callable[[int], str] = _english_meetings  # "2 meetings.", in the language's plural form
    day: Callable[[datetime], str] = _english_day  # "Tuesday 08 June 2027"
    times: Callable[[datetime, datetime], str] = _clock_times  # "14:00–14:30", on the venue's clock
    published: Callable[[datetime], str] = _utc_moment  # when the schedule was published
    country: Callable[[str], str] = _as_written  # an ISO 3166 alpha-3 code
    role: Callable[[str], str] = _role_words  # a `Role` value
    languages: Callable[[Sequence[str]], str] = _codes  # a participant's ISO 639-1 codes
    interpreter: Callable[[str], str] = _as_written  # a language pair "en–zh" or relay "pt–en–zh"

    def place(self, place: TablePlace) -> str:
        """ "Hall A, table 3" (the pages' own words for it)."""
        if place.hall:
            return self.gettext("%(hall)s, table %(number)s") % {"hall": place.hall, "number": place.number}
        return self.gettext("Table %(number)s") % {"number": place.number}


ENGLISH = AgendaWords()
