"""A participant's agenda and the organiser's table plan, in the words printed at the venue.

Internally tables are numbered 0…K−1 across the venue; people look for "Hall B, table 3", so each
table gets its number within its hall (from 1), and times are the venue's, with the time zone attached
so calendar files and other time zones show the right hour.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sezatlas.congress.files.event_file import EventConfig
from sezatlas.congress.model import Event, Meeting, Participant, language_label


@dataclass(frozen=True)
class TablePlace:
    table: int  # 0-based over the venue, as the solver numbers it
    hall: str  # "" when the venue is one room
    number: int  # 1-based within the hall

    @property
    def label(self) -> str:
        return f"{self.hall}, table {self.number}" if self.hall else f"Table {self.number}"


def table_places(event: Event) -> tuple[TablePlace, ...]:
    """Every table of the venue with its hall and number in the hall, indexed like the solver's tables."""
    if not event.table_halls:
        return tuple(TablePlace(k, "", k + 1) for k in range(event.tables_per_slot))
    seen: dict[str, int] = {}
    places = []
    for k, hall in enumerate(event.table_halls):
        seen[hall] = seen.get(hall, 0) + 1
        places.append(TablePlace(k, hall, seen[hall]))
    return tuple(places)


def place_of(places: Sequence[TablePlace], table: int) -> TablePlace:
    """A table's place; a schedule published before the event lost tables still names its own."""
    return places[table] if 0 <= table < len(places) else TablePlace(table, "", table + 1)


@dataclass(frozen=True)
class AgendaItem:
    slot: int
    starts_at: datetime
    ends_at: datetime
    partner_id: str
    partner_organisation: str
    partner_country: str
    partner_role: str
    place: TablePlace
    interpreter: str | None  # "en–zh" when the two share no language, "pt–en–zh" by relay
    is_cancelled: bool = False  # in an earlier published version, not in this one


@dataclass(frozen=True)
class Agenda:
    event_id: str
    event_name: str
    timezone: str
    participant: Participant
    schedule_version: int
    published_at: datetime
    items: tuple[AgendaItem, ...]
    cancelled: tuple[AgendaItem, ...] = ()


def personal_agenda(
    config: EventConfig,
    participant: Participant,
    people: Mapping[str, Participant],
    meetings: Iterable[Meeting],
    *,
    version: int,
    published_at: datetime,
    earlier: Iterable[Meeting] = (),
) -> Agenda:
    """`participant`'s meetings in time order; `earlier` ones no longer scheduled are listed as cancelled."""
    mine = sorted(
        (m for m in meetings if participant.participant_id in (m.first, m.second)), key=lambda m: m.slot
    )
    places = table_places(config.event)
    items = tuple(_item(config, participant.participant_id, people, m, places) for m in mine)
    current = {frozenset((m.first, m.second)) for m in mine}
    gone = sorted(
        (
            m
            for m in earlier
            if frozenset((m.first, m.second)) not in current and m.slot < config.event.slot_count
        ),
        key=lambda m: m.slot,
    )
    cancelled = tuple(
        _item(config, participant.participant_id, people, m, places, cancelled=True) for m in gone
    )
    return Agenda(
        config.event_id, config.name, config.timezone, participant, version, published_at, items, cancelled
    )


def _item(
    config: EventConfig,
    me: str,
    people: Mapping[str, Participant],
    meeting: Meeting,
    places: Sequence[TablePlace],
    cancelled: bool = False,
) -> AgendaItem:
    partner_id = meeting.second if meeting.first == me else meeting.first
    partner = people.get(partner_id)
    return AgendaItem(
        slot=meeting.slot,
        starts_at=config.starts_at(meeting.slot),
        ends_at=config.ends_at(meeting.slot),
        partner_id=partner_id,
        partner_organisation=partner.organisation if partner else partner_id,
        partner_country=partner.country if partner else "",
        partner_role=partner.role.value if partner else "",
        place=place_of(places, meeting.table),
        interpreter=language_label(meeting.interpreter) if meeting.interpreter else None,
        is_cancelled=cancelled,
    )


@dataclass(frozen=True)
class TablePlanRow:
    slot: int
    starts_at: datetime
    place: TablePlace
    first_id: str
    first_organisation: str
    second_id: str
    second_organisation: str
    interpreter: str | None


def table_plan(
    config: EventConfig,
    people: Mapping[str, Participant],
    meetings: Sequence[Meeting],
    slot: int | None = None,
) -> list[TablePlanRow]:
    """Who sits at which table, slot by slot (the floor staff's sheet); one slot when `slot` is given."""
    chosen = [m for m in meetings if slot is None or m.slot == slot]
    places = table_places(config.event)
    rows = []
    for m in sorted(chosen, key=lambda m: (m.slot, m.table)):
        first, second = people.get(m.first), people.get(m.second)
        rows.append(
            TablePlanRow(
                slot=m.slot,
                starts_at=config.starts_at(m.slot),
                place=place_of(places, m.table),
                first_id=m.first,
                first_organisation=first.organisation if first else m.first,
                second_id=m.second,
                second_organisation=second.organisation if second else m.second,
                interpreter=language_label(m.interpreter) if m.interpreter else None,
            )
        )
    return rows
