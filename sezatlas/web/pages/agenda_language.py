"""The language of a participant's agenda files, and its words from the pages' catalogs.

A Russian speaker should not get an English PDF because they opened their page in English, nor
because a colleague did: an agenda (PDF, calendar) is written in the language the download asks for
(`?lang=`), else in the first of the participant's own languages the pages speak, else in English.
Their page links to the agenda in that language, and in the page's language too when it differs.
"""

from collections.abc import Sequence

from sezatlas.congress.files.agenda_words import AgendaWords
from sezatlas.congress.model import Participant, Role
from sezatlas.web.i18n import DEFAULT_LANGUAGE, LANGUAGES, country_name, translations
from sezatlas.web.pages.congress_labels import ROLE_TITLES, language_name, languages_text
from sezatlas.web.pages.congress_time import day_title, moment_text, time_range
from sezatlas.web.pages.labels import N_

# What the agenda files (`congress/files/agenda_files.py` and its template) say, listed here so that the
# pages' catalogs, extracted from this package, hold them; tests/web/test_agenda_language.py checks that
# the files ask for nothing else.
AGENDA_MESSAGES = (
    N_("%(event)s · participant %(id)s · %(country)s · languages: %(languages)s"),
    N_("Times are local (%(zone)s). Schedule version %(version)s, published %(published)s."),
    N_("No meetings are scheduled for you in this version."),
    N_("Time"),
    N_("Partner"),
    N_("Table"),
    N_("Interpreter"),
    N_("No longer scheduled"),
    N_("%(hall)s, table %(number)s"),
    N_("Table %(number)s"),
    N_("Meeting: %(partner)s"),
    N_("Partner: %(partner)s (%(id)s)"),
    N_("Country: %(country)s"),
    N_("Role: %(role)s"),
    N_("Table: %(place)s"),
    N_("Interpreter: %(languages)s"),
    N_("%(event)s, schedule version %(version)s"),
)


def participant_language(participant: Participant) -> str | None:
    """The first of the participant's languages the pages speak ("ru" for `ru;en`), or None."""
    return next((code for code in participant.languages if code in LANGUAGES), None)


def agenda_language(participant: Participant, requested: str | None) -> str:
    """What an agenda download is written in: the one asked for, else the participant's, else English."""
    if requested in LANGUAGES:
        return str(requested)
    return participant_language(participant) or DEFAULT_LANGUAGE


def agenda_words(lang: str, timezone: str) -> AgendaWords:
    """The pages' catalog and formats of `lang`, for an agenda of an event in `timezone`."""
    catalog = translations(lang)

    def role(value: str) -> str:
        try:
            return catalog.gettext(ROLE_TITLES[Role(value)])
        except ValueError:
            return value

    def languages(codes: Sequence[str]) -> str:
        return ", ".join(language_name(code, lang) for code in codes)

    def meetings(count: int) -> str:
        return catalog.ngettext("%(count)s meeting.", "%(count)s meetings.", count) % {"count": count}

    return AgendaWords(
        html_lang=LANGUAGES[lang].html_lang,
        direction=LANGUAGES[lang].direction,
        gettext=catalog.gettext,
        meetings=meetings,
        day=lambda moment: day_title(moment, lang),
        times=lambda start, end: time_range(start, end, lang),
        published=lambda moment: moment_text(moment, timezone, lang),
        country=lambda iso3: country_name(iso3, lang),
        role=role,
        languages=languages,
        interpreter=lambda pair: languages_text(pair, lang),
    )
