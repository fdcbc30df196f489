"""The scheduler's input read from the store, and its output published: a version per run.

A schedule is kept as it was published: later changes to participants or requests do not rewrite it,
and re-scheduling adds a version instead of editing one. The report is stored as JSON with its derived
figures (gap, share of the bound) spelled out, so other tools reading the database need no formula.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.orm import Session

from sezatlas.congress.files.event_file import EventConfig
from sezatlas.congress.model import Meeting, MeetingRequest, Participant, Schedule, language_label
from sezatlas.congress.scheduling.report import ScheduleReport, UnmetRequest, with_kind
from sezatlas.congress.scheduling.solve import ScheduleResult
from sezatlas.congress.storage.events import CongressNotFoundError, as_utc, list_participants, load_event
from sezatlas.congress.storage.requests import list_requests
from sezatlas.store.congress_tables import CongressEventRow, CongressMeetingRow, CongressScheduleRow


@dataclass(frozen=True)
class StoredCongress:
    """Everything the scheduler and the recommender need about one event."""

    config: EventConfig
    participants: tuple[Participant, ...]
    requests: tuple[MeetingRequest, ...]


def load_congress(session: Session, event_id: str) -> StoredCongress:
    config = load_event(session, event_id)
    participants = tuple(list_participants(session, event_id))
    requests = tuple(stored.request for stored in list_requests(session, event_id))
    return StoredCongress(config, participants, requests)


@dataclass(frozen=True)
class PublishedSchedule:
    event_id: str
    version: int
    created_at: datetime
    method: str
    parameters: dict[str, object]
    schedule: Schedule
    report: ScheduleReport


def report_to_json(report: ScheduleReport) -> dict[str, Any]:
    data = asdict(report)
    data["gap"] = report.gap
    data["share_of_bound"] = report.share_of_bound
    return data


def report_from_json(data: dict[str, Any]) -> ScheduleReport:
    known = {f.name for f in fields(ScheduleReport)}
    values = {key: value for key, value in data.items() if key in known}
    values["table_use"] = tuple(values["table_use"])
    values["interpreter_load"] = {k: tuple(v) for k, v in values["interpreter_load"].items()}
    values["interpreter_capacity"] = {k: tuple(v) for k, v in values["interpreter_capacity"].items()}
    values["unmet"] = tuple(with_kind(UnmetRequest(**u)) for u in values["unmet"])
    return ScheduleReport(**values)


def _interpreter_key(meeting: Meeting) -> str | None:
    return "-".join(meeting.interpreter) if meeting.interpreter else None


def _meeting_of(row: CongressMeetingRow) -> Meeting:
    interpreter = tuple(row.interpreter.split("-")) if row.interpreter else None
    pools: tuple[str, ...] = ()
    if row.interpreter_pools is not None:
        pools = tuple(row.interpreter_pools)
    elif interpreter:  # published before pools existed: the pool of the language pair (migration 0005)
        pools = (language_label(interpreter),)
    return Meeting(row.first, row.second, row.slot, row.table_index, interpreter, pools)


def save_schedule(
    session: Session, event_id: str, result: ScheduleResult, parameters: dict[str, object]
) -> PublishedSchedule:
    """Publish `result` as the event's next version.

    Publications of one event queue on its row: a no-op UPDATE of it takes PostgreSQL's row lock and
    SQLite's write lock, both held to the end of the transaction, so each publication reads the version
    the one before it committed. (Retrying on the unique (event, version) key instead gave up under 16
    simultaneous publications; `SELECT … FOR UPDATE` would not serialise SQLite, whose reads take no
    lock.) The columns are set to themselves, so not even `updated_at` changes.
    """
    same = {"event_id": CongressEventRow.event_id, "updated_at": CongressEventRow.updated_at}
    queue = update(CongressEventRow).where(CongressEventRow.event_id == event_id).values(same)
    if session.execute(queue.returning(CongressEventRow.event_id)).first() is None:
        raise CongressNotFoundError(f"event {event_id} not found")
    latest = session.scalar(
        select(func.max(CongressScheduleRow.version)).where(CongressScheduleRow.event_id == event_id)
    )
    row = CongressScheduleRow(
        event_id=event_id,
        version=(latest or 0) + 1,
        method=result.report.method,
        parameters=parameters,
        report=report_to_json(result.report),
    )
    session.add(row)
    session.flush()
    meetings = [
        {
            "schedule_id": row.schedule_id,
            "first": m.first,
            "second": m.second,
            "slot": m.slot,
            "table_index": m.table,
            "interpreter": _interpreter_key(m),
            "interpreter_pools": list(m.interpreter_pools) if m.interpreter_pools else None,
        }
        for m in result.schedule.meetings
    ]
    if meetings:
        session.execute(insert(CongressMeetingRow), meetings)
    return PublishedSchedule(
        event_id, row.version, as_utc(row.created_at), row.method, parameters, result.schedule, result.report
    )


def _latest_row(session: Session, event_id: str, version: int | None) -> CongressScheduleRow | None:
    query = select(CongressScheduleRow).where(CongressScheduleRow.event_id == event_id)
    if version is not None:
        query = query.where(CongressScheduleRow.version == version)
    return session.scalar(query.order_by(CongressScheduleRow.version.desc()).limit(1))


def latest_schedule(
    session: Session, event_id: str, version: int | None = None, participant_id: str | None = None
) -> PublishedSchedule | None:
    """The newest (or the given) version; with `participant_id`, only that participant's meetings."""
    row = _latest_row(session, event_id, version)
    if row is None:
        return None
    query = select(CongressMeetingRow).where(CongressMeetingRow.schedule_id == row.schedule_id)
    if participant_id is not None:
        query = query.where(
            or_(CongressMeetingRow.first == participant_id, CongressMeetingRow.second == participant_id)
        )
    rows = session.scalars(query.order_by(CongressMeetingRow.slot, CongressMeetingRow.table_index))
    schedule = Schedule(tuple(_meeting_of(m) for m in rows))
    return PublishedSchedule(
        event_id,
        row.version,
        as_utc(row.created_at),
        row.method,
        row.parameters,
        schedule,
        report_from_json(row.report),
    )


def earlier_meetings(
    session: Session, event_id: str, participant_id: str, before_version: int
) -> list[Meeting]:
    """Each partner's last meeting with `participant_id` in versions before `before_version`.

    A calendar that imported an older agenda still shows those meetings; the agenda file marks the ones
    no longer scheduled as cancelled, so the calendar removes them instead of keeping stale entries.
    """
    query = (
        select(CongressMeetingRow)
        .join(CongressScheduleRow, CongressScheduleRow.schedule_id == CongressMeetingRow.schedule_id)
        .where(
            CongressScheduleRow.event_id == event_id,
            CongressScheduleRow.version < before_version,
            or_(CongressMeetingRow.first == participant_id, CongressMeetingRow.second == participant_id),
        )
        .order_by(CongressScheduleRow.version)
    )
    last: dict[frozenset[str], Meeting] = {}
    for row in session.scalars(query):
        last[frozenset((row.first, row.second))] = _meeting_of(row)
    return list(last.values())


def last_scheduled_slot(session: Session, event_id: str) -> int | None:
    """The latest slot any published version uses: an event file may not drop the slots it needs."""
    query = (
        select(func.max(CongressMeetingRow.slot))
        .join(CongressScheduleRow, CongressScheduleRow.schedule_id == CongressMeetingRow.schedule_id)
        .where(CongressScheduleRow.event_id == event_id)
    )
    return session.scalar(query)
