"""SQLAlchemy tables of the Congress: events, participants, meeting requests and published schedules.

Lists that are only ever read whole with their owner (a participant's languages and codes, an event's
slot starts and interpreter numbers) are JSON columns; what is queried on its own is a table: requests
by their state, and meetings by participant, since an agenda is one participant's meetings of one
schedule. Schedules are never overwritten: each run adds a version, so a printed agenda can always be
traced to the schedule it came from, and calendar files can tell what changed.
"""

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from sezatlas.store.models import Base, utc_now

ID_LENGTH = 64


class CongressEventRow(Base):
    __tablename__ = "congress_events"

    event_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    timezone: Mapped[str] = mapped_column(String(64))
    slot_minutes: Mapped[int] = mapped_column(Integer)
    tables_per_slot: Mapped[int] = mapped_column(Integer)
    slot_starts: Mapped[list[str]] = mapped_column(JSON)  # venue wall-clock times, ISO 8601, in order
    interpreters: Mapped[dict[str, list[int]]] = mapped_column(JSON)  # "en-ru" → interpreters per slot
    # [{"name", "languages", "per_slot"}] of the named pools; null (before migration 0005): none
    interpreter_pools: Mapped[list[dict[str, object]] | None] = mapped_column(JSON)
    allows_relay: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # MeetingValues as a dict; null (before migration 0011): the defaults
    meeting_values: Mapped[dict[str, float] | None] = mapped_column(JSON)
    table_halls: Mapped[list[str]] = mapped_column(JSON)  # hall of each table; empty: one room
    travel_buffers: Mapped[list[dict[str, object]]] = mapped_column(JSON)  # {"between": [a, b], "slots": n}
    source: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, onupdate=utc_now)


class CongressParticipantRow(Base):
    __tablename__ = "congress_participants"

    event_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("congress_events.event_id", ondelete="CASCADE"), primary_key=True
    )
    participant_id: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    organisation: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(32))
    country: Mapped[str] = mapped_column(String(3))
    languages: Mapped[list[str]] = mapped_column(JSON)
    offer_codes: Mapped[list[str]] = mapped_column(JSON)
    need_codes: Mapped[list[str]] = mapped_column(JSON)
    offer_text: Mapped[str] = mapped_column(Text, default="")
    need_text: Mapped[str] = mapped_column(Text, default="")
    zones_of_interest: Mapped[list[str]] = mapped_column(JSON)
    operated_zones: Mapped[list[str]] = mapped_column(JSON)
    available_slots: Mapped[list[int]] = mapped_column(JSON)
    max_meetings: Mapped[int] = mapped_column(Integer)
    blocked: Mapped[list[str]] = mapped_column(JSON)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, onupdate=utc_now)
    # set when re-scheduling changed `available_slots`: a re-import then keeps them (`upsert_participants`)
    availability_edited_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CongressRequestRow(Base):
    """`requester` asks `target`; only `target` answers, once (pending → accepted or declined)."""

    __tablename__ = "congress_requests"

    request_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(ID_LENGTH))
    requester: Mapped[str] = mapped_column(String(ID_LENGTH))
    target: Mapped[str] = mapped_column(String(ID_LENGTH))
    status: Mapped[str] = mapped_column(String(16))
    is_must_meet: Mapped[bool] = mapped_column(Boolean, default=False)
    organiser_priority: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    answered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    __table_args__ = (
        UniqueConstraint("event_id", "requester", "target", name="uq_congress_requests_pair"),
        ForeignKeyConstraint(
            ["event_id", "requester"],
            ["congress_participants.event_id", "congress_participants.participant_id"],
            ondelete="CASCADE",
            name="fk_congress_requests_requester",
        ),
        ForeignKeyConstraint(
            ["event_id", "target"],
            ["congress_participants.event_id", "congress_participants.participant_id"],
            ondelete="CASCADE",
            name="fk_congress_requests_target",
        ),
        Index("ix_congress_requests_event_target", "event_id", "target"),
    )


class CongressScheduleRow(Base):
    """One published run of the scheduler: its report as JSON, its meetings in `congress_meetings`."""

    __tablename__ = "congress_schedules"

    schedule_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(
        String(ID_LENGTH), ForeignKey("congress_events.event_id", ondelete="CASCADE")
    )
    version: Mapped[int] = mapped_column(Integer)
    method: Mapped[str] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    parameters: Mapped[dict[str, object]] = mapped_column(JSON)  # time limit, seed, cancellations …
    report: Mapped[dict[str, object]] = mapped_column(JSON)

    __table_args__ = (UniqueConstraint("event_id", "version", name="uq_congress_schedules_version"),)


class CongressMeetingRow(Base):
    """A meeting of a published schedule; participants are not foreign keys: a schedule is a record."""

    __tablename__ = "congress_meetings"

    schedule_id: Mapped[int] = mapped_column(
        Integer, ForeignKey("congress_schedules.schedule_id", ondelete="CASCADE"), primary_key=True
    )
    first: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    second: Mapped[str] = mapped_column(String(ID_LENGTH), primary_key=True)
    slot: Mapped[int] = mapped_column(Integer)
    table_index: Mapped[int] = mapped_column(Integer)
    interpreter: Mapped[str | None] = mapped_column(String(16))  # "en-ru", "pt-en-zh" by relay, or null
    # the pool of each leg; null (before migration 0005): the pool of the `interpreter` language pair
    interpreter_pools: Mapped[list[str] | None] = mapped_column(JSON)

    __table_args__ = (Index("ix_congress_meetings_second", "schedule_id", "second"),)
