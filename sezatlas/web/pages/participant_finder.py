"""The finder on the Congress page as data: what was asked, what it found, and what to say about it."""

from typing import Any

from sezatlas.congress.finder import MAX_FOUND, MIN_QUERY_CHARACTERS, FoundParticipants
from sezatlas.web.i18n import translations
from sezatlas.web.pages.participant_view import participant_url
from sezatlas.web.pages.rendering import PageContext


def _outcome(found: FoundParticipants, reader: PageContext) -> str:
    """One sentence on the result, with the right plural form of the reader's language."""
    catalog = translations(reader.lang)
    if found.is_too_short:
        return catalog.ngettext(
            "Type at least %(count)s character of the organisation's name or of your participant id.",
            "Type at least %(count)s characters of the organisation's name or of your participant id.",
            MIN_QUERY_CHARACTERS,
        ) % {"count": MIN_QUERY_CHARACTERS}
    if not found.total:
        return reader.gettext(
            "No participant of this event matches “%(query)s”. Check the spelling, or ask the organisers."
        ) % {"query": found.query}
    text: str = catalog.ngettext(
        "%(count)s participant matches “%(query)s”:", "%(count)s participants match “%(query)s”:", found.total
    ) % {"count": found.total, "query": found.query}
    if found.total > len(found.people):
        text += " " + reader.gettext("the first %(shown)s are listed; type more of the name.") % {
            "shown": MAX_FOUND
        }
    return text


def finder_view(
    event_id: str, query: str, found: FoundParticipants | None, reader: PageContext
) -> dict[str, Any]:
    """The form's values and, after a search, the outcome and each match's organisation, id and page."""
    people = found.people if found is not None else ()
    return {
        "event_id": event_id,
        "query": query,
        "outcome": _outcome(found, reader) if found is not None else None,
        "people": [_person(event_id, p.participant_id, p.organisation) for p in people],
    }


def _person(event_id: str, participant_id: str, organisation: str) -> dict[str, str]:
    return {"participant_id": participant_id, "organisation": organisation,
            "url": participant_url(event_id, participant_id)}  # fmt: skip
