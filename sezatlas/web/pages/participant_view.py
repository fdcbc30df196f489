"""A participant's page as data: profile, recommended partners with reasons, requests, agenda.

Everything is read through the functions the CLI and the API use (`congress.published`,
`congress.meeting_requests`), so the page, `sezatlas congress agenda` and `/api/v1/congress/...` agree.
The page is public, but its requests (and the state of each recommended pair, which says the same) are
shown only to those who may read them: the participant themself, the organiser, the secretariat
(`requests_shown_with_profile`); anyone else reads the profile, recommendations and agenda.
"""

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor
from sezatlas.congress.agenda import Agenda, AgendaItem, TablePlace
from sezatlas.congress.matching.codes import label, title
from sezatlas.congress.matching.recommend import Recommendation
from sezatlas.congress.meeting_requests import requests_shown_with_profile
from sezatlas.congress.model import Participant, RequestStatus
from sezatlas.congress.storage.events import CongressNotFoundError, list_participants, load_event
from sezatlas.congress.storage.published import NoScheduleError, agenda_for, recommendations_for
from sezatlas.congress.storage.requests import StoredRequest
from sezatlas.web.i18n import LANGUAGES, country_name
from sezatlas.web.pages.agenda_language import participant_language
from sezatlas.web.pages.congress_labels import (
    STATUS_TITLES,
    language_name,
    languages_text,
    reason_html,
    role_title,
    summary_text,
)
from sezatlas.web.pages.congress_time import day_title, time_range, zone_label
from sezatlas.web.pages.rendering import PageContext

RECOMMENDATIONS_SHOWN = 10
API = "/api/v1/congress/events"


def participant_url(event_id: str, participant_id: str) -> str:
    return f"/congress/{event_id}/participants/{participant_id}"


def _codes(codes: Iterable[str]) -> list[dict[str, str]]:
    return [{"label": label(code), "title": title(code)} for code in codes]


def profile_view(participant: Participant, slot_count: int, reader: PageContext) -> dict[str, Any]:
    lang = reader.lang
    return {
        "participant_id": participant.participant_id,
        "organisation": participant.organisation,
        "role": role_title(participant.role.value, reader),
        "country": country_name(participant.country, lang),
        "languages": [language_name(code, lang) for code in participant.languages],
        "offers": _codes(participant.offer_codes),
        "needs": _codes(participant.need_codes),
        "offer_text": participant.offer_text,
        "need_text": participant.need_text,
        "zones_of_interest": list(participant.zones_of_interest),
        "operated_zones": list(participant.operated_zones),
        "available_slots": len(participant.available_slots),
        "slot_count": slot_count,
        "max_meetings": participant.max_meetings,
    }


def _status(request: StoredRequest, reader: PageContext) -> dict[str, Any]:
    status = request.request.status
    return {"status": status.value, "status_title": reader.gettext(STATUS_TITLES[status])}


def _pair_states(
    me: str, requests: Iterable[StoredRequest], reader: PageContext
) -> dict[str, dict[str, Any]]:
    """Per partner, the request between us: mine to them wins over theirs to me (it is what I did)."""
    states: dict[str, dict[str, Any]] = {}
    for stored in requests:
        request = stored.request
        if request.target == me and request.requester not in states:
            states[request.requester] = {"direction": "received", "request_id": stored.request_id,
                                         **_status(stored, reader)}  # fmt: skip
        elif request.requester == me:
            states[request.target] = {"direction": "sent", "request_id": stored.request_id,
                                      **_status(stored, reader)}  # fmt: skip
    return states


def _person(
    people: Mapping[str, Participant], event_id: str, participant_id: str, reader: PageContext
) -> dict[str, str]:
    found = people.get(participant_id)
    return {
        "participant_id": participant_id,
        "url": participant_url(event_id, participant_id),
        "organisation": found.organisation if found else participant_id,
        "role": role_title(found.role.value, reader) if found else "",
        "country": country_name(found.country, reader.lang) if found else "",
    }


def _recommendation_rows(
    event_id: str,
    ranked: list[Recommendation],
    people: Mapping[str, Participant],
    states: Mapping[str, dict[str, Any]],
    reader: PageContext,
) -> list[dict[str, Any]]:
    return [
        {
            "rank": rank,
            "partner": _person(people, event_id, item.participant_id, reader),
            "score": item.score,
            "strength": item.summary.strength.value,
            "summary": summary_text(item.summary, item.score, reader),
            "reasons": [reason_html(reason, reader) for reason in item.reasons],
            "state": states.get(item.participant_id),
        }
        for rank, item in enumerate(ranked, start=1)
    ]


def _request_rows(
    event_id: str,
    requests: Iterable[StoredRequest],
    partner_of: str,
    people: Mapping[str, Participant],
    reader: PageContext,
) -> list[dict[str, Any]]:
    return [
        {
            "request_id": stored.request_id,
            "partner": _person(people, event_id, getattr(stored.request, partner_of), reader),
            "is_must_meet": stored.request.is_must_meet,
            "is_pending": stored.request.status is RequestStatus.PENDING,
            **_status(stored, reader),
        }
        for stored in requests
    ]


def place_text(place: TablePlace, reader: PageContext) -> str:
    """ "Hall A, table 3" in the reader's language."""
    if place.hall:
        return reader.gettext("%(hall)s, table %(number)s") % {"hall": place.hall, "number": place.number}
    return reader.gettext("Table %(number)s") % {"number": place.number}


def _agenda_item(item: AgendaItem, event_id: str, reader: PageContext) -> dict[str, Any]:
    return {
        "time": time_range(item.starts_at, item.ends_at, reader.lang),
        "starts_at": item.starts_at.isoformat(timespec="minutes"),
        "partner_id": item.partner_id,
        "partner_url": participant_url(event_id, item.partner_id),
        "partner_organisation": item.partner_organisation,
        "partner_country": country_name(item.partner_country, reader.lang) if item.partner_country else "",
        "place": place_text(item.place, reader),
        "interpreter": languages_text(item.interpreter, reader.lang) if item.interpreter else None,
    }


def agenda_view(agenda: Agenda, reader: PageContext) -> dict[str, Any]:
    """Meetings grouped by day, with the venue's zone named once; cancelled ones listed apart."""
    days: dict[str, list[dict[str, Any]]] = {}
    for item in agenda.items:
        days.setdefault(day_title(item.starts_at, reader.lang), []).append(
            _agenda_item(item, agenda.event_id, reader)
        )
    base = f"{API}/{agenda.event_id}/participants/{agenda.participant.participant_id}"
    venue = ZoneInfo(agenda.timezone)
    first = agenda.items[0].starts_at if agenda.items else agenda.published_at.astimezone(venue)
    return {
        "version": agenda.schedule_version,
        "zone": zone_label(first, agenda.timezone, reader.lang),
        "days": [{"title": day, "meetings": items} for day, items in days.items()],
        "meetings": len(agenda.items),
        "cancelled": [_agenda_item(item, agenda.event_id, reader) for item in agenda.cancelled],
        "downloads": agenda_downloads(base, agenda.participant, reader.lang),
        "links": {"json": f"{base}/agenda"},
    }


def agenda_downloads(base: str, participant: Participant, page_lang: str) -> list[dict[str, str]]:
    """The agenda files in the participant's own language first, then in the page's when it differs."""
    own = participant_language(participant) or page_lang
    return [
        {"lang": lang, "html_lang": LANGUAGES[lang].html_lang, "name": LANGUAGES[lang].native_name,
         "ics": f"{base}/agenda.ics?lang={lang}", "pdf": f"{base}/agenda.pdf?lang={lang}"}
        for lang in dict.fromkeys((own, page_lang))
    ]  # fmt: skip


def participant_view(
    session: Session, actor: Actor, event_id: str, participant_id: str, reader: PageContext
) -> dict[str, Any]:
    """Everything the participant page shows to this actor (the requests only to those who may read them);
    raises `CongressNotFoundError` for an unknown event or id."""
    config = load_event(session, event_id)
    people = {p.participant_id: p for p in list_participants(session, event_id)}
    me = people.get(participant_id)
    if me is None:
        raise CongressNotFoundError(f"participant {participant_id} of event {event_id} not found")
    requests = requests_shown_with_profile(session, actor, event_id, participant_id)
    ranked = recommendations_for(session, event_id, participant_id, RECOMMENDATIONS_SHOWN).get(
        participant_id, []
    )
    try:
        agenda = agenda_view(agenda_for(session, event_id, participant_id), reader)
    except NoScheduleError:
        agenda = None
    states = _pair_states(participant_id, requests or (), reader)
    incoming = [r for r in requests or () if r.request.target == participant_id]
    outgoing = [r for r in requests or () if r.request.requester == participant_id]
    base = f"{API}/{event_id}/participants/{participant_id}"
    page = participant_url(event_id, participant_id)
    return {
        "event": {"event_id": event_id, "name": config.name},
        "profile": profile_view(me, config.event.slot_count, reader),
        "recommendations": _recommendation_rows(event_id, ranked, people, states, reader),
        "requests_shown": requests is not None,
        "is_logged_in": actor.is_authenticated,
        "incoming": _request_rows(event_id, incoming, "requester", people, reader),
        "outgoing": _request_rows(event_id, outgoing, "target", people, reader),
        "agenda": agenda,
        "urls": {
            "self": page,
            "requests": page + "/requests",
            "login": f"/login?{urlencode({'next': page})}",
            "organiser": f"/congress/{event_id}/organiser",
        },
        "links": {
            "json": base,
            "recommendations": base + "/recommendations",
            "requests": f"{API}/{event_id}/requests?participant={participant_id}",
        },
    }
