"""The Congress pages of participants: the list of events, and one participant's page with its actions.

A participant asks for a meeting, or answers a request, with a plain form POST: htmx sends it and swaps
in the recommendations and requests as they now stand; without JavaScript the browser is redirected
back to the page (POST/redirect/GET). Acting needs the participant (or the organiser) logged in; an
anonymous visitor is sent to `/login` and back. Anyone reads a participant's profile, recommendations and
agenda; their requests only they, the organiser and the secretariat (`participant_view`).
"""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor
from sezatlas.congress.events import NotAParticipantError
from sezatlas.congress.finder import find_participants
from sezatlas.congress.meeting_requests import answer_meeting_request, request_meeting
from sezatlas.congress.storage.events import (
    AlreadyRequestedError,
    RequestConflictError,
    get_participant,
    list_events,
)
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.pages.congress_time import date_span
from sezatlas.web.pages.participant_finder import finder_view
from sezatlas.web.pages.participant_view import participant_url, participant_view
from sezatlas.web.pages.rendering import PageContext, PageContextDep, is_htmx, render

router = APIRouter(include_in_schema=False)
PARTICIPANT = "/congress/{event_id}/participants/{participant_id}"
MATCHMAKING = "_congress_matchmaking.html"


@router.get("/congress", response_class=HTMLResponse)
def events_page(
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    event: Annotated[str, Query(max_length=64)] = "",
    q: Annotated[str, Query(max_length=200)] = "",
) -> Response:
    """Every event with its days, participants and latest schedule, or how to import the first one; with
    `event` and `q`, the participants of that event whose organisation or id matches (their way in)."""
    events = [
        {"event_id": e.event_id, "name": e.name, "dates": date_span(e.first_slot, e.last_slot, reader.lang),
         "slot_count": e.slot_count, "participants": e.participants, "version": e.latest_version,
         "url": f"/congress/{e.event_id}/organiser"}
        for e in list_events(session)
    ]  # fmt: skip
    chosen = event or (str(events[0]["event_id"]) if events else "")
    found = find_participants(session, chosen, q) if chosen and q.strip() else None
    finder = finder_view(chosen, q, found, reader)
    return render(request, reader, "congress_events.html", {"events": events, "finder": finder})


@router.get(PARTICIPANT, response_class=HTMLResponse)
def participant_page(
    event_id: str,
    participant_id: str,
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    actor: ActorDep,
) -> Response:
    """Anyone reads the profile, recommendations and agenda; the requests, only those who may read them."""
    context = participant_view(session, actor, event_id, participant_id, reader)
    return render(request, reader, "congress_participant.html", {**context, "message": None})


def _after_action(
    request: Request,
    session: Session,
    reader: PageContext,
    actor: Actor,
    ids: tuple[str, str],
    message: dict[str, Any],
) -> Response:
    """htmx gets the recommendations and requests as they now stand; a plain form goes back to the page."""
    event_id, participant_id = ids
    is_error = message["is_error"]
    if not is_htmx(request) and not is_error:
        return RedirectResponse(participant_url(event_id, participant_id), status_code=303)
    context = {**participant_view(session, actor, event_id, participant_id, reader), "message": message}
    template = MATCHMAKING if is_htmx(request) else "congress_participant.html"
    return render(request, reader, template, context, status_code=400 if is_error else 200)


def _message(text: str, is_error: bool = False, focus: dict[str, Any] | None = None) -> dict[str, Any]:
    """What the page says after an action, and what htmx focuses (`autofocus`): the changed state."""
    return {"text": text, "is_error": is_error, "focus": focus or {}}


@router.post(PARTICIPANT + "/requests", response_class=HTMLResponse)
def request_meeting_form(
    event_id: str,
    participant_id: str,
    target: Annotated[str, Form(min_length=1, max_length=64)],
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    actor: ActorDep,
    context: ContextDep,
) -> Response:
    """This participant asks `target` for a meeting; it stays pending until `target` answers."""
    _ = reader.gettext
    get_participant(session, event_id, participant_id)
    try:
        request_meeting(session, actor, event_id, participant_id, target, context=context)
        asked = get_participant(session, event_id, target).organisation
        message = _message(
            _("Request sent to %(organisation)s.") % {"organisation": asked}, focus={"partner": target}
        )
    except NotAParticipantError:
        session.rollback()
        text = _("%(participant)s is not a participant of this event.") % {"participant": target}
        message = _message(text, is_error=True)
    except AlreadyRequestedError:
        session.rollback()
        asked = get_participant(session, event_id, target).organisation
        message = _message(
            _("You have already asked %(organisation)s.") % {"organisation": asked}, is_error=True
        )
    except RequestConflictError:  # oneself, or a blocked pair: which one stays with the organiser
        session.rollback()
        message = _message(_("This meeting cannot be requested."), is_error=True)
    return _after_action(request, session, reader, actor, (event_id, participant_id), message)


@router.post(PARTICIPANT + "/requests/{request_id}/answer", response_class=HTMLResponse)
def answer_request_form(
    event_id: str,
    participant_id: str,
    request_id: int,
    answer: Annotated[Literal["accept", "decline"], Form()],
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    actor: ActorDep,
    context: ContextDep,
) -> Response:
    """This participant accepts or declines a request made to them; a request is answered once."""
    _ = reader.gettext
    try:
        accept = answer == "accept"
        stored = answer_meeting_request(
            session, actor, event_id, request_id, accept=accept, answered_by=participant_id, context=context
        )
        asker = get_participant(session, event_id, stored.request.requester).organisation
        text = (_("You accepted the request of %(organisation)s.") if answer == "accept"
                else _("You declined the request of %(organisation)s."))  # fmt: skip
        message = _message(text % {"organisation": asker}, focus={"request_id": request_id})
    except RequestConflictError:
        session.rollback()
        message = _message(_("This request was already answered."), is_error=True)
    return _after_action(request, session, reader, actor, (event_id, participant_id), message)
