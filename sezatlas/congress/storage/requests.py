"""Meeting requests in the store: made, answered once, marked must-meet by the organiser, imported.

Requests are kept in the order they were made, because first-come-first-served (the brokerage
platforms' rule, the benchmark's baseline) and an audit of who asked first both need that order.
Like `storage`, nothing here commits: the caller's transaction decides.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sezatlas.congress.model import MeetingRequest, RequestStatus
from sezatlas.congress.storage.events import (
    AlreadyRequestedError,
    CongressNotFoundError,
    Counts,
    RequestConflictError,
    as_utc,
    get_participant,
)
from sezatlas.store.congress_tables import CongressRequestRow
from sezatlas.store.models import utc_now


@dataclass(frozen=True)
class StoredRequest:
    request_id: int
    event_id: str
    request: MeetingRequest
    created_at: datetime
    answered_at: datetime | None


def _stored(row: CongressRequestRow) -> StoredRequest:
    request = MeetingRequest(
        requester=row.requester,
        target=row.target,
        status=RequestStatus(row.status),
        is_must_meet=row.is_must_meet,
        organiser_priority=row.organiser_priority,
    )
    answered = as_utc(row.answered_at) if row.answered_at is not None else None
    return StoredRequest(row.request_id, row.event_id, request, as_utc(row.created_at), answered)


def _request_rows(session: Session, event_id: str) -> Iterable[CongressRequestRow]:
    """In the order the requests were made, which first-come-first-served and the fairness audit need."""
    return session.scalars(
        select(CongressRequestRow)
        .where(CongressRequestRow.event_id == event_id)
        .order_by(CongressRequestRow.created_at, CongressRequestRow.request_id)
    )


def list_requests(session: Session, event_id: str, participant_id: str | None = None) -> list[StoredRequest]:
    rows = _request_rows(session, event_id)
    if participant_id is None:
        return [_stored(row) for row in rows]
    return [_stored(row) for row in rows if participant_id in (row.requester, row.target)]


def upsert_requests(session: Session, event_id: str, requests: Sequence[MeetingRequest]) -> Counts:
    """Requests of an import file, matched by (requester, target); a new answer is dated now.

    A request the file lists as pending but that was answered since keeps its answer: an organiser
    re-importing last week's spreadsheet must not undo what participants said in the app.
    """
    existing = {(row.requester, row.target): row for row in _request_rows(session, event_id)}
    inserted = updated = unchanged = 0
    now = utc_now()
    for request in requests:
        row = existing.get((request.requester, request.target))
        values = {
            "status": request.status.value,
            "is_must_meet": request.is_must_meet,
            "organiser_priority": request.organiser_priority,
        }
        if row is None:
            answered = now if request.status is not RequestStatus.PENDING else None
            row = CongressRequestRow(
                event_id=event_id,
                requester=request.requester,
                target=request.target,
                created_at=now,
                answered_at=answered,
                **values,
            )
            session.add(row)
            existing[(request.requester, request.target)] = row
            inserted += 1
            continue
        if request.status is RequestStatus.PENDING and row.status != RequestStatus.PENDING.value:
            values["status"] = row.status  # an older file does not take back an answer given since
        if all(getattr(row, key) == value for key, value in values.items()):
            unchanged += 1
        else:
            if row.status != values["status"]:
                row.answered_at = now if values["status"] != RequestStatus.PENDING.value else None
            for key, value in values.items():
                setattr(row, key, value)
            updated += 1
    session.flush()
    return Counts(inserted, updated, unchanged)


def create_request(
    session: Session,
    event_id: str,
    requester: str,
    target: str,
    *,
    is_must_meet: bool = False,
    organiser_priority: float = 0.0,
) -> StoredRequest:
    """A new pending request; refused when it exists already, is to oneself, or the target blocked it."""
    if requester == target:
        raise RequestConflictError(f"{requester} cannot ask themself for a meeting")
    asker = get_participant(session, event_id, requester)
    asked = get_participant(session, event_id, target)
    if asker.participant_id in asked.blocked or asked.participant_id in asker.blocked:
        # who blocked whom stays with the organiser, so the refusal does not say it
        raise RequestConflictError(f"a meeting between {requester} and {target} cannot be requested")
    if find_request(session, event_id, requester, target) is not None:
        raise AlreadyRequestedError(f"{requester} has already asked {target}")
    row = CongressRequestRow(
        event_id=event_id,
        requester=requester,
        target=target,
        status=RequestStatus.PENDING.value,
        is_must_meet=is_must_meet,
        organiser_priority=organiser_priority,
        created_at=utc_now(),
    )
    session.add(row)
    try:
        session.flush()
    except IntegrityError:  # the same request made at the same moment by another connection
        raise AlreadyRequestedError(f"{requester} has already asked {target}") from None
    return _stored(row)


def find_request(session: Session, event_id: str, requester: str, target: str) -> StoredRequest | None:
    row = session.scalar(
        select(CongressRequestRow).where(
            CongressRequestRow.event_id == event_id,
            CongressRequestRow.requester == requester,
            CongressRequestRow.target == target,
        )
    )
    return _stored(row) if row is not None else None


def get_request(session: Session, event_id: str, request_id: int) -> StoredRequest | None:
    row = session.get(CongressRequestRow, request_id)
    return _stored(row) if row is not None and row.event_id == event_id else None


def answer_request(session: Session, event_id: str, request_id: int, *, accept: bool) -> StoredRequest:
    """The target's answer; a request is answered once, so an answered one is a conflict."""
    row = session.get(CongressRequestRow, request_id)
    if row is None or row.event_id != event_id:
        raise CongressNotFoundError(f"request {request_id} of event {event_id} not found")
    if row.status != RequestStatus.PENDING.value:
        raise RequestConflictError(
            f"request {request_id} ({row.requester} → {row.target}) was already {row.status}"
        )
    row.status = (RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED).value
    row.answered_at = utc_now()
    session.flush()
    return _stored(row)


def mark_must_meet(
    session: Session, event_id: str, first: str, second: str, organiser_priority: float | None = None
) -> StoredRequest:
    """The organiser's priority meeting: an existing request either way is marked, else one is made.

    Must-meets are scheduled without the target's answer (consent is collected out of band, see
    `MeetingRequest`), so the request stays in whatever state it is in.
    """
    row = session.scalar(
        select(CongressRequestRow)
        .where(
            CongressRequestRow.event_id == event_id,
            or_(
                (CongressRequestRow.requester == first) & (CongressRequestRow.target == second),
                (CongressRequestRow.requester == second) & (CongressRequestRow.target == first),
            ),
        )
        .order_by(CongressRequestRow.request_id)
        .limit(1)
    )
    if row is None:
        return create_request(
            session, event_id, first, second, is_must_meet=True, organiser_priority=organiser_priority or 0.0
        )
    row.is_must_meet = True
    if organiser_priority is not None:
        row.organiser_priority = organiser_priority
    session.flush()
    return _stored(row)
