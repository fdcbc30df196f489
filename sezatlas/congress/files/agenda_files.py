"""A participant's agenda as files they take away: an `.ics` calendar and a printable PDF.

Calendar apps match events by UID, so a meeting's UID names the event and the pair, never the slot or
the schedule version: importing a newer agenda moves the meeting instead of adding a second one, and
SEQUENCE (the schedule version) tells the app which copy is newer. Meetings dropped since an earlier
version are sent as CANCELLED, so they disappear from calendars too.

Both files are written in the language of their `AgendaWords` (English unless the caller passes another,
as the web does for each participant: `web/pages/agenda_language.py`).
"""

from __future__ import annotations

import re
from datetime import UTC

from icalendar import Calendar
from icalendar import Event as CalendarEvent
from jinja2 import Environment, PackageLoader, select_autoescape

from sezatlas.congress.agenda import Agenda, AgendaItem
from sezatlas.congress.files.agenda_words import ENGLISH, AgendaWords

PRODUCT_ID = "-//SEZ Atlas//Congress agenda//EN"
_UID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def meeting_uid(event_id: str, first: str, second: str) -> str:
    """The same for both participants and every schedule version: the meeting is one thing."""
    a, b = sorted((first, second))
    return f"{event_id}.{_UID_UNSAFE.sub('_', a)}.{_UID_UNSAFE.sub('_', b)}@congress.sezatlas"


def agenda_ics(agenda: Agenda, words: AgendaWords = ENGLISH) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{agenda.event_name} — {agenda.participant.organisation}")
    calendar.add("x-wr-timezone", agenda.timezone)
    for item in (*agenda.items, *agenda.cancelled):
        calendar.add_component(_calendar_event(agenda, item, words))
    calendar.add_missing_timezones()
    ics: bytes = calendar.to_ical()
    return ics


def _calendar_event(agenda: Agenda, item: AgendaItem, words: AgendaWords) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", meeting_uid(agenda.event_id, agenda.participant.participant_id, item.partner_id))
    entry.add("dtstamp", agenda.published_at.astimezone(UTC))
    entry.add("sequence", agenda.schedule_version)
    entry.add("dtstart", item.starts_at)
    entry.add("dtend", item.ends_at)
    written_in = {"LANGUAGE": words.html_lang}  # RFC 5545 §3.2.10: the language of a text value
    summary = words.gettext("Meeting: %(partner)s") % {"partner": item.partner_organisation}
    entry.add("summary", summary, parameters=written_in)
    entry.add("location", words.place(item.place), parameters=written_in)
    entry.add("status", "CANCELLED" if item.is_cancelled else "CONFIRMED")
    entry.add("transp", "OPAQUE")
    entry.add("description", "\n".join(_description(agenda, item, words)), parameters=written_in)
    return entry


def _description(agenda: Agenda, item: AgendaItem, words: AgendaWords) -> list[str]:
    _ = words.gettext
    partner = {"partner": item.partner_organisation, "id": item.partner_id}
    lines = [
        _("Partner: %(partner)s (%(id)s)") % partner,
        _("Country: %(country)s") % {"country": words.country(item.partner_country)}
        if item.partner_country
        else "",
        _("Role: %(role)s") % {"role": words.role(item.partner_role)} if item.partner_role else "",
        _("Table: %(place)s") % {"place": words.place(item.place)},
        _("Interpreter: %(languages)s") % {"languages": words.interpreter(item.interpreter)}
        if item.interpreter
        else "",
        _("%(event)s, schedule version %(version)s")
        % {"event": agenda.event_name, "version": agenda.schedule_version},
    ]
    return [line for line in lines if line]


def _environment(words: AgendaWords) -> Environment:
    environment = Environment(
        loader=PackageLoader("sezatlas.congress", "templates"),
        autoescape=select_autoescape(["html"]),
        extensions=["jinja2.ext.i18n"],
    )
    environment.install_gettext_callables(words.gettext, _no_plurals, newstyle=True)  # type: ignore[attr-defined]
    environment.filters["isolate"] = isolate
    return environment


def _no_plurals(singular: str, plural: str, count: int) -> str:
    """The template's counts go through `AgendaWords.meetings`, in each language's plural form."""
    raise NotImplementedError("use AgendaWords.meetings for a count")


def isolate(text: object) -> str:
    """`text` between FSI and PDI (first-strong isolate): a name keeps its own direction in any sentence."""
    return f"\u2068{text}\u2069"


def agenda_html(agenda: Agenda, words: AgendaWords = ENGLISH) -> str:
    """The print template filled in; the PDF is this page rendered, so the two never disagree."""
    days: dict[str, list[AgendaItem]] = {}
    for item in agenda.items:
        days.setdefault(words.day(item.starts_at), []).append(item)
    return _environment(words).get_template("agenda_pdf.html").render(agenda=agenda, days=days, words=words)


def agenda_pdf(agenda: Agenda, words: AgendaWords = ENGLISH) -> bytes:
    """The agenda as a PDF; WeasyPrint is imported here because it is slow to import and rarely needed.

    It may load nothing but `data:` URLs, so making a PDF never reaches the network; the Noto fonts
    (scripts/install-system-deps.sh) print Chinese, Cyrillic, Arabic and Devanagari names as text.
    """
    from weasyprint import HTML  # type: ignore[import-untyped]
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    pdf: bytes = HTML(
        string=agenda_html(agenda, words), url_fetcher=URLFetcher(allowed_protocols={"data"})
    ).write_pdf()
    return pdf
