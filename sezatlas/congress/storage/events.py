"""Events and participants of the Congress in the store (requests: `request_storage`).

The core works on frozen dataclasses; this module, `request_storage` and `schedule_storage` are the only
places that turn them into rows and back.
Functions take the caller's session and never commit, so an import, an answer or a schedule run is one
transaction that the caller opens (`store.database.transaction`), and a failure leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sezatlas.congress.files.event_file import EventConfig
from sezatlas.congress.model import Event, InterpreterPool, MeetingValues, Participant, Role
from sezatlas.store.congress_tables import (
    CongressEventRow,
    CongressParticipantRow,
    CongressScheduleRow,
)
from sezatlas.store.models import utc_now


def as_utc(moment: datetime) -> datetime:
    """A stored timestamp as an aware UTC time: SQLite hands back naive datetimes, PostgreSQL aware ones."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class CongressNotFoundError(LookupError):
    """An event, participant or request id that the store does not hold."""


class RequestConflictError(ValueError):
    """A request that cannot be made or answered in its current state (HTTP 409)."""


class AlreadyRequestedError(RequestConflictError):
    """The same participant has already asked the same partner."""


@dataclass(frozen=True)
class EventSummary:
    event_id: str
    name: str
    timezone: str
    first_slot: datetime | None
    last_slot: datetime | None
    slot_count: int
    participants: int
    latest_version: int | None


@dataclass(frozen=True)
class Counts:
    inserted: int
    updated: int
    unchanged: int


@dataclass(frozen=True)
class ParticipantCounts(Counts):
    """`kept_edits`: participants whose availability the organiser edited, kept against the file's."""

    kept_edits: tuple[str, ...] = ()


# --- events -------------------------------------------------------------------------------------


def _pair_key(pair: tuple[str, str]) -> str:
    return f"{pair[0]}-{pair[1]}"


def _event_values(config: EventConfig) -> dict[str, object]:
    event = config.event
    return {
        "name": config.name,
        "timezone": config.timezone,
        "slot_minutes": event.slot_minutes,
        "tables_per_slot": event.tables_per_slot,
        "slot_starts": [start.isoformat(timespec="minutes") for start in event.slot_starts],
        "interpreters": {_pair_key(k): list(v) for k, v in sorted(event.interpreters_per_slot.items())},
        "interpreter_pools": [
            {"name": pool.name, "languages": sorted(pool.languages), "per_slot": list(pool.per_slot)}
            for pool in event.interpreter_pools
        ],
        "allows_relay": event.allows_relay,
        "meeting_values": asdict(event.meeting_values),
        "table_halls": list(event.table_halls),
        "travel_buffers": [
            {"between": [a, b], "slots": n} for (a, b), n in sorted(event.travel_buffer_slots.items())
        ],
    }


def save_event(session: Session, config: EventConfig, source: str | None = None) -> bool:
    """Create or replace the event's configuration; True when it is new."""
    row = session.get(CongressEventRow, config.event_id)
    values = _event_values(config)
    if row is None:
        session.add(CongressEventRow(event_id=config.event_id, source=source, **values))
        session.flush()
        return True
    for key, value in values.items():
        setattr(row, key, value)
    row.source = source or row.source
    return False


def _config_of(row: CongressEventRow) -> EventConfig:
    interpreters: dict[tuple[str, str], tuple[int, ...]] = {}
    for key, counts in row.interpreters.items():
        first, _, second = key.partition("-")
        interpreters[(first, second)] = tuple(int(c) for c in counts)
    buffers = {}
    for entry in row.travel_buffers:
        between = entry["between"]
        slots = entry["slots"]
        if isinstance(between, list) and isinstance(slots, int):
            buffers[(str(between[0]), str(between[1]))] = slots
    event = Event(
        slot_starts=tuple(datetime.fromisoformat(s) for s in row.slot_starts),
        slot_minutes=row.slot_minutes,
        tables_per_slot=row.tables_per_slot,
        interpreters_per_slot=interpreters,
        table_halls=tuple(row.table_halls),
        travel_buffer_slots=buffers,
        interpreter_pools=tuple(_pool_of(entry) for entry in row.interpreter_pools or ()),
        allows_relay=bool(row.allows_relay),
        meeting_values=_meeting_values(row.meeting_values),
    )
    return EventConfig(event_id=row.event_id, name=row.name, timezone=row.timezone, event=event)


def _meeting_values(stored: dict[str, float] | None) -> MeetingValues:
    """The stored values; null (an event saved before migration 0011) or a missing key is the default."""
    defaults = MeetingValues()
    known = {f.name: type(getattr(defaults, f.name)) for f in fields(MeetingValues)}
    given: dict[str, Any] = {k: known[k](v) for k, v in (stored or {}).items() if k in known}
    return replace(defaults, **given)


def _pool_of(entry: dict[str, object]) -> InterpreterPool:
    languages, per_slot = entry.get("languages"), entry.get("per_slot")
    if not isinstance(languages, list) or not isinstance(per_slot, list):
        raise ValueError(f"stored interpreter pool {entry!r} lacks its languages or per-slot numbers")
    return InterpreterPool(str(entry["name"]), frozenset(map(str, languages)), tuple(map(int, per_slot)))


def load_event(session: Session, event_id: str) -> EventConfig:
    row = session.get(CongressEventRow, event_id)
    if row is None:
        raise CongressNotFoundError(f"event {event_id} not found")
    return _config_of(row)


def list_events(session: Session) -> list[EventSummary]:
    """Every event, newest first, with its participant count and latest published schedule version."""
    count = select(CongressParticipantRow.event_id, func.count()).group_by(CongressParticipantRow.event_id)
    people: dict[str, int] = dict(session.execute(count).all())
    newest = select(CongressScheduleRow.event_id, func.max(CongressScheduleRow.version))
    versions: dict[str, int] = dict(session.execute(newest.group_by(CongressScheduleRow.event_id)).all())
    rows = session.scalars(
        select(CongressEventRow).order_by(CongressEventRow.created_at.desc(), CongressEventRow.event_id)
    )
    out = []
    for row in rows:
        starts = row.slot_starts
        out.append(
            EventSummary(
                event_id=row.event_id,
                name=row.name,
                timezone=row.timezone,
                first_slot=_at_venue(starts[0], row.timezone) if starts else None,
                last_slot=_at_venue(starts[-1], row.timezone) if starts else None,
                slot_count=len(starts),
                participants=int(people.get(row.event_id, 0)),
                latest_version=versions.get(row.event_id),
            )
        )
    return out


def _at_venue(wall_clock: str, timezone: str) -> datetime:
    return datetime.fromisoformat(wall_clock).replace(tzinfo=ZoneInfo(timezone))


def default_event_id(session: Session) -> str:
    """The event commands act on when none is named: the most recently created one."""
    event_id = session.scalar(
        select(CongressEventRow.event_id).order_by(CongressEventRow.created_at.desc()).limit(1)
    )
    if event_id is None:
        raise CongressNotFoundError("no Congress event yet: import one with `sezatlas congress import`")
    return event_id


# --- participants -------------------------------------------------------------------------------


def _participant_values(p: Participant) -> dict[str, object]:
    return {
        "organisation": p.organisation,
        "role": p.role.value,
        "country": p.country,
        "languages": list(p.languages),
        "offer_codes": list(p.offer_codes),
        "need_codes": list(p.need_codes),
        "offer_text": p.offer_text,
        "need_text": p.need_text,
        "zones_of_interest": list(p.zones_of_interest),
        "operated_zones": list(p.operated_zones),
        "available_slots": sorted(p.available_slots),
        "max_meetings": p.max_meetings,
        "blocked": sorted(p.blocked),
    }


def participant_of(row: CongressParticipantRow) -> Participant:
    return Participant(
        participant_id=row.participant_id,
        organisation=row.organisation,
        role=Role(row.role),
        country=row.country,
        languages=tuple(row.languages),
        offer_codes=tuple(row.offer_codes),
        need_codes=tuple(row.need_codes),
        offer_text=row.offer_text,
        need_text=row.need_text,
        zones_of_interest=tuple(row.zones_of_interest),
        operated_zones=tuple(row.operated_zones),
        available_slots=frozenset(int(t) for t in row.available_slots),
        max_meetings=row.max_meetings,
        blocked=frozenset(row.blocked),
    )


def upsert_participants(
    session: Session, event_id: str, participants: Sequence[Participant], *, replace_edits: bool = False
) -> ParticipantCounts:
    """Insert new participants and replace changed ones by id; participants not listed stay as they are.

    Availability the organiser changed while re-scheduling (a cancellation, a late arrival) is newer than
    the file, which usually still holds what was registered: it is kept, and the participant named in
    `kept_edits`, unless `replace_edits` says the file is right (which also forgets the edit)."""
    existing = {
        row.participant_id: row
        for row in session.scalars(
            select(CongressParticipantRow).where(CongressParticipantRow.event_id == event_id)
        )
    }
    inserted = updated = unchanged = 0
    kept: list[str] = []
    for participant in participants:
        values = _participant_values(participant)
        row = existing.get(participant.participant_id)
        if row is None:
            session.add(
                CongressParticipantRow(event_id=event_id, participant_id=participant.participant_id, **values)
            )
            inserted += 1
            continue
        if row.availability_edited_at is not None:
            if replace_edits:
                row.availability_edited_at = None
            elif row.available_slots != values["available_slots"]:
                del values["available_slots"]
                kept.append(participant.participant_id)
        if all(getattr(row, key) == value for key, value in values.items()):
            unchanged += 1
        else:
            for key, value in values.items():
                setattr(row, key, value)
            updated += 1
    session.flush()
    return ParticipantCounts(inserted, updated, unchanged, tuple(kept))


def list_participants(session: Session, event_id: str) -> list[Participant]:
    rows = session.scalars(
        select(CongressParticipantRow)
        .where(CongressParticipantRow.event_id == event_id)
        .order_by(CongressParticipantRow.participant_id)
    )
    return [participant_of(row) for row in rows]


def participant_ids(session: Session, event_id: str) -> set[str]:
    query = select(CongressParticipantRow.participant_id).where(CongressParticipantRow.event_id == event_id)
    return set(session.scalars(query))


def get_participant(session: Session, event_id: str, participant_id: str) -> Participant:
    row = session.get(CongressParticipantRow, (event_id, participant_id))
    if row is None:
        raise CongressNotFoundError(f"participant {participant_id} of event {event_id} not found")
    return participant_of(row)


def set_available_slots(session: Session, event_id: str, participant_id: str, slots: Iterable[int]) -> None:
    """Record a cancellation (no slots) or a late arrival (the slots from arrival on).

    Stamped as the organiser's edit, so that re-importing the participants file does not undo it."""
    row = session.get(CongressParticipantRow, (event_id, participant_id))
    if row is None:
        raise CongressNotFoundError(f"participant {participant_id} of event {event_id} not found")
    row.available_slots = sorted(set(slots))
    row.availability_edited_at = utc_now()
