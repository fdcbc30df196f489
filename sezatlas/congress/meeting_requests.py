"""Meeting requests between participants: ask for a meeting, answer one, make a must-meet, read them.

Requests are private to the two participants and the event's organiser: only the requester asks (or the
organiser for them), only the target answers, and only those two (or the organiser, or the secretariat)
read a request (`requests_seen_by`; `requests_shown_with_profile` for the public participant page). Each
function holds its rule once and commits its own unit of work.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.roles import Actor, may_act_as_participant, may_organise, participants_of, require
from sezatlas.congress.events import NotAParticipantError
from sezatlas.congress.storage.events import (
    CongressNotFoundError,
    get_participant,
    load_event,
    participant_ids,
)
from sezatlas.congress.storage.requests import (
    StoredRequest,
    answer_request,
    create_request,
    find_request,
    get_request,
    list_requests,
    mark_must_meet,
)


def request_meeting(
    session: Session,
    actor: Actor,
    event_id: str,
    requester: str,
    target: str,
    *,
    is_must_meet: bool = False,
    organiser_priority: float = 0.0,
    context: RequestContext | None = None,
) -> StoredRequest:
    """`requester` asks `target` for a meeting; it is pending until `target` answers.

    Only the requester themself (or the organiser) asks; must-meet and priority are the organiser's.
    Refused when either is not a participant (`NotAParticipantError`), when it was asked before, is to
    oneself or the pair is blocked (`RequestConflictError`, without saying who blocked whom)."""
    load_event(session, event_id)  # an unknown event is a 404 for anyone: the list of events is public
    require(actor, may_act_as_participant(actor, event_id, requester), f"ask for a meeting as {requester}")
    if is_must_meet or organiser_priority:
        require(actor, may_organise(actor, event_id), "set is_must_meet or organiser_priority")
    known = participant_ids(session, event_id)
    for role, participant_id in (("requester", requester), ("target", target)):
        if participant_id not in known:
            raise NotAParticipantError(f"{role}: {participant_id} is not a participant of event {event_id}")
    stored = create_request(
        session, event_id, requester, target, is_must_meet=is_must_meet, organiser_priority=organiser_priority
    )
    record(session, actor, "create", "meeting_request", str(stored.request_id), after=_request_facts(stored),
           context=context)  # fmt: skip
    session.commit()
    return stored


def _request_facts(stored: StoredRequest) -> dict[str, object]:
    r = stored.request
    return {
        "event_id": stored.event_id,
        "requester": r.requester,
        "target": r.target,
        "status": r.status.value,
        "is_must_meet": r.is_must_meet,
        "organiser_priority": r.organiser_priority,
    }


def answer_meeting_request(
    session: Session,
    actor: Actor,
    event_id: str,
    request_id: int,
    *,
    accept: bool,
    answered_by: str | None = None,
    context: RequestContext | None = None,
) -> StoredRequest:
    """The target accepts or declines; a request is answered once (`RequestConflictError` after that).

    `answered_by`, when given, must be the request's target: a participant answers only what was asked
    of them, and any other request is, for them, not found."""
    load_event(session, event_id)
    if answered_by is not None:
        get_participant(session, event_id, answered_by)
    asked = get_request(session, event_id, request_id)
    if asked is None or answered_by not in (None, asked.request.target):
        whom = f" to {answered_by}" if answered_by is not None else ""
        raise CongressNotFoundError(f"request {request_id}{whom} of event {event_id} not found")
    target = asked.request.target
    require(actor, may_act_as_participant(actor, event_id, target), f"answer a request to {target}")
    stored = answer_request(session, event_id, request_id, accept=accept)
    record(session, actor, "answer", "meeting_request", str(request_id), before=_request_facts(asked),
           after=_request_facts(stored), context=context)  # fmt: skip
    session.commit()
    return stored


def answer_meeting_between(
    session: Session, actor: Actor, event_id: str, requester: str, target: str, *, accept: bool
) -> StoredRequest:
    """`target` answers the request `requester` made to them (the CLI names the pair, not the id)."""
    found = find_request(session, event_id, requester, target)
    if found is None:
        raise CongressNotFoundError(f"{requester} has not asked {target} (see `sezatlas congress request`)")
    return answer_meeting_request(session, actor, event_id, found.request_id, accept=accept)


def make_must_meet(
    session: Session,
    actor: Actor,
    event_id: str,
    first: str,
    second: str,
    organiser_priority: float | None = None,
) -> StoredRequest:
    """The organiser makes two participants' meeting a priority (consent collected out of band)."""
    require(actor, may_organise(actor, event_id), "make a must-meet")
    load_event(session, event_id)
    stored = mark_must_meet(session, event_id, first, second, organiser_priority)
    record(
        session, actor, "must-meet", "meeting_request", str(stored.request_id), after=_request_facts(stored)
    )
    session.commit()
    return stored


def requests_seen_by(
    session: Session, actor: Actor, event_id: str, participant_id: str | None = None
) -> list[StoredRequest]:
    """The event's meeting requests the actor may read, in the order they were made (`participant_id`:
    only those by or to them).

    Who asked whom, and who declined, is between the two: the organiser (and the secretariat) read every
    request, a participant those they made or received; anyone else is refused (401 anonymous, 403)."""
    load_event(session, event_id)  # an unknown event is a 404 for anyone: the list of events is public
    if participant_id is not None:
        allowed = _may_read_requests_of(actor, event_id, participant_id)
        require(actor, allowed, f"read the meeting requests of {participant_id}")
        return list_requests(session, event_id, participant_id)
    if may_organise(actor, event_id):
        return list_requests(session, event_id)
    mine = participants_of(actor, event_id)
    require(actor, bool(mine), f"read the meeting requests of event {event_id}")
    return [r for r in list_requests(session, event_id) if {r.request.requester, r.request.target} & mine]


def requests_shown_with_profile(
    session: Session, actor: Actor, event_id: str, participant_id: str
) -> list[StoredRequest] | None:
    """The requests by or to `participant_id` for their page, which anyone may open: the requests when the
    actor may read them (`requests_seen_by`'s rule: the participant, the organiser, the secretariat), else
    None, and the page shows only the public profile, recommendations and agenda."""
    if not _may_read_requests_of(actor, event_id, participant_id):
        load_event(session, event_id)
        return None
    return requests_seen_by(session, actor, event_id, participant_id)


def _may_read_requests_of(actor: Actor, event_id: str, participant_id: str) -> bool:
    """A participant's requests are theirs to read, and the organiser's (who may act for them)."""
    return may_act_as_participant(actor, event_id, participant_id)
