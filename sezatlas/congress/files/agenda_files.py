"""A participant's agenda as files they take away: an `.ics` calendar and a printable PDF.

Calendar apps match events by UID, so a meeting's UID names the event and the pair, never the slot or
the schedule version: importing a newer agenda moves the meeting instead of adding a second one, and
SEQUENCE (the schedule version) tells the app which copy is newer. Meetings dropped since an earlier
version are sent as CANCELLED, so they disappear from calendars too.
"""

from __future__ import annotations

import re
from datetime import UTC

from icalendar import Calendar
from icalendar import Event as CalendarEvent
from jinja2 import Environment, PackageLoader, select_autoescape

from sezatlas.congress.agenda import Agenda, AgendaItem
from sezatlas.standard.plurals import counted

PRODUCT_ID = "-//SEZ Atlas//Congress agenda//EN"
_UID_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def meeting_uid(event_id: str, first: str, second: str) -> str:
    """The same for both participants and every schedule version: the meeting is one thing."""
    a, b = sorted((first, second))
    return f"{event_id}.{_UID_UNSAFE.sub('_', a)}.{_UID_UNSAFE.sub('_', b)}@congress.sezatlas"


def agenda_ics(agenda: Agenda) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", f"{agenda.event_name} — {agenda.participant.organisation}")
    calendar.add("x-wr-timezone", agenda.timezone)
    for item in (*agenda.items, *agenda.cancelled):
        calendar.add_component(_calendar_event(agenda, item))
    calendar.add_missing_timezones()
    ics: bytes = calendar.to_ical()
    return ics


def _calendar_event(agenda: Agenda, item: AgendaItem) -> CalendarEvent:
    entry = CalendarEvent()
    entry.add("uid", meeting_uid(agenda.event_id, agenda.participant.participant_id, item.partner_id))
    entry.add("dtstamp", agenda.published_at.astimezone(UTC))
    entry.add("sequence", agenda.schedule_version)
    entry.add("dtstart", item.starts_at)
    entry.add("dtend", item.ends_at)
    entry.add("summary", f"Meeting: {item.partner_organisation}")
    entry.add("location", item.place.label)
    entry.add("status", "CANCELLED" if item.is_cancelled else "CONFIRMED")
    entry.add("transp", "OPAQUE")
    entry.add("description", "\n".join(_description(agenda, item)))
    return entry


def _description(agenda: Agenda, item: AgendaItem) -> list[str]:
    lines = [
        f"Partner: {item.partner_organisation} ({item.partner_id})",
        f"Country: {item.partner_country}" if item.partner_country else "",
        f"Role: {item.partner_role.replace('_', ' ')}" if item.partner_role else "",
        f"Table: {item.place.label}",
        f"Interpreter: {item.interpreter}" if item.interpreter else "",
        f"{agenda.event_name}, schedule version {agenda.schedule_version}",
    ]
    return [line for line in lines if line]


def _environment() -> Environment:
    environment = Environment(
        loader=PackageLoader("sezatlas.congress", "templates"), autoescape=select_autoescape(["html"])
    )
    environment.filters["counted"] = counted  # "1 meeting", "3 meetings"
    return environment


def agenda_html(agenda: Agenda) -> str:
    """The print template filled in; the PDF is this page rendered, so the two never disagree."""
    days: dict[str, list[AgendaItem]] = {}
    for item in agenda.items:
        days.setdefault(f"{item.starts_at:%A %d %B %Y}", []).append(item)
    return _environment().get_template("agenda_pdf.html").render(agenda=agenda, days=days)


def agenda_pdf(agenda: Agenda) -> bytes:
    """The agenda as a PDF; WeasyPrint is imported here because it is slow to import and rarely needed.

    It may load nothing but `data:` URLs, so making a PDF never reaches the network; the Noto fonts
    (scripts/install-system-deps.sh) print Chinese, Cyrillic, Arabic and Devanagari names as text.
    """
    from weasyprint import HTML  # type: ignore[import-untyped]
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    pdf: bytes = HTML(
        string=agenda_html(agenda), url_fetcher=URLFetcher(allowed_protocols={"data"})
    ).write_pdf()
    return pdf
