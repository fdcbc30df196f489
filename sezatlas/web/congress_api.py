"""The Congress over HTTP: `/api/v1/congress/events/...`, JSON twins of `sezatlas congress ...`.

The contract (request and response models) is in `congress_models`; the routes here only look up,
check and convert.

Events, profiles, recommendations, the published schedule and the agendas are public. Meeting requests
are read only by their two participants and the event's organiser, the dashboard only by the organiser,
and writes need someone logged in (a session cookie or an API token): a participant asks and answers only
as themself, the event's organiser as anyone. The use cases decide (`congress/meeting_requests.py`,
`schedule_publishing.py`; 401 anonymous, 403 without the role). Blocked pairs are never shown. An unknown
event, participant or request is a 404; a request that exists already or was already answered is a 409;
a body naming an unknown participant is a 422.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response
from sqlalchemy.orm import Session

from sezatlas.congress.agenda import Agenda
from sezatlas.congress.files.agenda_files import agenda_ics, agenda_pdf
from sezatlas.congress.files.agenda_words import AgendaWords
from sezatlas.congress.files.event_file import EventConfig
from sezatlas.congress.finder import find_participants
from sezatlas.congress.meeting_requests import answer_meeting_request, request_meeting, requests_seen_by
from sezatlas.congress.model import Participant
from sezatlas.congress.schedule_publishing import organiser_dashboard
from sezatlas.congress.storage.events import (
    get_participant,
    list_events,
    list_participants,
    load_event,
    participant_ids,
)
from sezatlas.congress.storage.published import agenda_for, recommendations_for, require_schedule
from sezatlas.congress.storage.schedules import report_to_json
from sezatlas.web.congress_models import (
    AgendaOut,
    AnswerIn,
    DashboardOut,
    EventOut,
    EventSummaryOut,
    ParticipantOut,
    ReasonOut,
    RecommendationOut,
    RequestIn,
    RequestOut,
    ScheduleOut,
    SummaryOut,
    agenda_item_out,
    dashboard_out,
    event_out,
    meetings_out,
    participant_out,
    request_out,
)
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.downloads import attachment
from sezatlas.web.errors import ErrorOut
from sezatlas.web.pages.agenda_language import agenda_language, agenda_words

router = APIRouter(prefix="/api/v1/congress", tags=["congress"])
EVENT = "/events/{event_id}"
PARTICIPANT = EVENT + "/participants/{participant_id}"
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut}}
PRIVATE: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Nobody is logged in"},
    403: {"model": ErrorOut, "description": "The person logged in may not read this"},
    404: {"model": ErrorOut},
}


def _event(session: Session, event_id: str) -> EventConfig:
    return load_event(session, event_id)


def _participant(session: Session, event_id: str, participant_id: str) -> Participant:
    _event(session, event_id)
    return get_participant(session, event_id, participant_id)


@router.get("/events", response_model=list[EventSummaryOut])
def events(session: SessionDep) -> list[EventSummaryOut]:
    """Every Congress event in the store, newest first."""
    return [
        EventSummaryOut(
            event_id=e.event_id,
            name=e.name,
            timezone=e.timezone,
            first_slot=e.first_slot,
            last_slot=e.last_slot,
            slot_count=e.slot_count,
            participants=e.participants,
            latest_schedule_version=e.latest_version,
        )
        for e in list_events(session)
    ]


@router.get(EVENT, response_model=EventOut, responses=NOT_FOUND)
def event(event_id: str, session: SessionDep) -> EventOut:
    """Slots (with absolute times), tables, halls and interpreters of one event."""
    return event_out(_event(session, event_id), len(participant_ids(session, event_id)))


@router.get(EVENT + "/participants", response_model=list[ParticipantOut], responses=NOT_FOUND)
def participants(
    event_id: str,
    session: SessionDep,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Only those whose organisation or id matches, best first (at most 20).",
        ),
    ] = None,
) -> list[ParticipantOut]:
    """Every participant's profile (without blocked pairs, which stay with the organiser); with `q`, the
    participants the Congress page's finder would list."""
    if q is not None:
        return [participant_out(p) for p in find_participants(session, event_id, q).people]
    _event(session, event_id)
    return [participant_out(p) for p in list_participants(session, event_id)]


@router.get(PARTICIPANT, response_model=ParticipantOut, responses=NOT_FOUND)
def participant(event_id: str, participant_id: str, session: SessionDep) -> ParticipantOut:
    return participant_out(_participant(session, event_id, participant_id))


@router.get(PARTICIPANT + "/recommendations", response_model=list[RecommendationOut], responses=NOT_FOUND)
def recommendations(
    event_id: str, participant_id: str, session: SessionDep, top: Annotated[int, Query(ge=1, le=200)] = 10
) -> list[RecommendationOut]:
    """Whom to meet, best first, each with the reasons in words (docs/congress.md says how it is scored)."""
    _participant(session, event_id, participant_id)
    names = {p.participant_id: p.organisation for p in list_participants(session, event_id)}
    ranked = recommendations_for(session, event_id, participant_id, top).get(participant_id, [])
    return [
        RecommendationOut(
            participant_id=r.participant_id,
            organisation=names.get(r.participant_id, ""),
            score=r.score,
            interest_to_you=r.interest_to_you,
            interest_to_them=r.interest_to_them,
            summary=SummaryOut(
                kind=r.summary.kind.value, strength=r.summary.strength.value, text=r.summary.text
            ),
            reasons=[ReasonOut(kind=x.kind.value, text=x.text, params=dict(x.params)) for x in r.reasons],
        )
        for r in ranked
    ]


@router.get(EVENT + "/requests", response_model=list[RequestOut], responses=PRIVATE)
def requests(
    event_id: str,
    session: SessionDep,
    actor: ActorDep,
    participant: Annotated[
        str | None, Query(max_length=64, description="Only requests by or to them.")
    ] = None,
) -> list[RequestOut]:
    """Meeting requests in the order they were made: every one for the event's organiser, those a
    participant made or received for them (401 anonymous; 403 for anyone else, or for a participant
    asking for another's)."""
    return [request_out(r) for r in requests_seen_by(session, actor, event_id, participant)]


@router.post(
    EVENT + "/requests",
    response_model=RequestOut,
    status_code=201,
    responses={
        401: {"model": ErrorOut},
        403: {"model": ErrorOut},
        404: {"model": ErrorOut},
        409: {"model": ErrorOut},
        422: {"model": ErrorOut},
    },
)
def make_request(
    event_id: str, body: RequestIn, session: SessionDep, actor: ActorDep, context: ContextDep
) -> RequestOut:
    """`requester` asks `target` for a meeting; it is pending until `target` answers. The requester
    themself (or the event's organiser) asks; `is_must_meet` and `organiser_priority` are the organiser's."""
    stored = request_meeting(
        session,
        actor,
        event_id,
        body.requester,
        body.target,
        is_must_meet=body.is_must_meet,
        organiser_priority=body.organiser_priority,
        context=context,
    )
    return request_out(stored)


@router.post(
    EVENT + "/requests/{request_id}/answer",
    response_model=RequestOut,
    responses={
        401: {"model": ErrorOut},
        403: {"model": ErrorOut},
        404: {"model": ErrorOut},
        409: {"model": ErrorOut},
    },
)
def answer(
    event_id: str,
    request_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    body: AnswerIn,
    session: SessionDep,
    actor: ActorDep,
    context: ContextDep,
) -> RequestOut:
    """The target (or the organiser) accepts or declines; only a pending request is answered (else 409)."""
    accept = body.answer == "accept"
    return request_out(
        answer_meeting_request(session, actor, event_id, request_id, accept=accept, context=context)
    )


@router.get(EVENT + "/schedule", response_model=ScheduleOut, responses=NOT_FOUND)
def schedule(event_id: str, session: SessionDep) -> ScheduleOut:
    """The latest published schedule: every meeting, and the report (value, certified bound, gap …) without
    its unmet requests, which say who asked whom and who declined: they are the organiser's dashboard's."""
    config = _event(session, event_id)
    published = require_schedule(session, event_id)
    report = {key: value for key, value in report_to_json(published.report).items() if key != "unmet"}
    return ScheduleOut(
        event_id=event_id,
        version=published.version,
        published_at=published.created_at,
        method=published.method,
        parameters=published.parameters,
        report=report,
        meetings=meetings_out(config, published.schedule.meetings),
    )


def _agenda(session: Session, event_id: str, participant_id: str) -> Agenda:
    _participant(session, event_id, participant_id)
    return agenda_for(session, event_id, participant_id)


@router.get(PARTICIPANT + "/agenda", response_model=AgendaOut, responses=NOT_FOUND)
def agenda(event_id: str, participant_id: str, session: SessionDep) -> AgendaOut:
    """One participant's meetings of the latest schedule, in time order, with the venue's time zone."""
    found = _agenda(session, event_id, participant_id)
    return AgendaOut(
        event_id=found.event_id,
        event_name=found.event_name,
        timezone=found.timezone,
        participant=participant_out(found.participant),
        schedule_version=found.schedule_version,
        published_at=found.published_at,
        meetings=[agenda_item_out(i) for i in found.items],
        cancelled=[agenda_item_out(i) for i in found.cancelled],
    )


def _download(content: bytes, media_type: str, filename: str) -> Response:
    return Response(content, media_type=media_type, headers=attachment(filename))


AgendaLanguage = Annotated[
    str | None,
    Query(
        max_length=8,
        description="en, ru, zh, pt or ar; default: the participant's first language of these, else en.",
    ),
]


def _agenda_words(found: Agenda, lang: str | None) -> AgendaWords:
    return agenda_words(agenda_language(found.participant, lang), found.timezone)


@router.get(
    PARTICIPANT + "/agenda.ics", responses={200: {"content": {"text/calendar": {}}}, 404: {"model": ErrorOut}}
)
def agenda_calendar(
    event_id: str, participant_id: str, session: SessionDep, lang: AgendaLanguage = None
) -> Response:
    """The agenda as an iCalendar file; importing a newer one updates the meetings, not duplicates them."""
    found = _agenda(session, event_id, participant_id)
    calendar = agenda_ics(found, _agenda_words(found, lang))
    return _download(calendar, "text/calendar; charset=utf-8", f"{event_id}-{participant_id}.ics")


@router.get(
    PARTICIPANT + "/agenda.pdf",
    responses={200: {"content": {"application/pdf": {}}}, 404: {"model": ErrorOut}},
)
def agenda_document(
    event_id: str, participant_id: str, session: SessionDep, lang: AgendaLanguage = None
) -> Response:
    """The agenda as a printable PDF."""
    found = _agenda(session, event_id, participant_id)
    pdf = agenda_pdf(found, _agenda_words(found, lang))
    return _download(pdf, "application/pdf", f"{event_id}-{participant_id}.pdf")


@router.get(EVENT + "/dashboard", response_model=DashboardOut, responses=PRIVATE)
def dashboard(event_id: str, session: SessionDep, actor: ActorDep) -> DashboardOut:
    """The organiser's figures for the latest schedule: fairness, unmet requests and why, capacity use
    (the event's organiser only: 401 anonymous, 403 anyone else)."""
    return dashboard_out(organiser_dashboard(session, actor, event_id))
