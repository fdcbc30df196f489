"""The Congress API's contract: pydantic models of every request and response, and the conversions.

The core's dataclasses stay free of web concerns; here they become the JSON the OpenAPI schema
documents. Times are aware (the venue's offset), language pairs are written "en-zh", and a
participant's blocked list is left out on purpose.
"""

from dataclasses import asdict
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from sezatlas.congress.agenda import AgendaItem, TablePlace, place_of, table_places
from sezatlas.congress.dashboard import Dashboard, SlotLoad
from sezatlas.congress.files.event_file import EventConfig
from sezatlas.congress.model import Meeting, Participant, Role
from sezatlas.congress.storage.requests import StoredRequest
from sezatlas.tabular.control_characters import identifier_text

Id = Annotated[str, Field(min_length=1, max_length=64), AfterValidator(identifier_text)]  # no NUL etc.


class SlotOut(BaseModel):
    slot: int
    starts_at: datetime
    ends_at: datetime


class HallOut(BaseModel):
    name: str
    tables: int


class EventSummaryOut(BaseModel):
    event_id: str
    name: str
    timezone: str
    first_slot: datetime | None = Field(description="Start of the first slot, with the venue's offset.")
    last_slot: datetime | None
    slot_count: int
    participants: int
    latest_schedule_version: int | None


class InterpreterPoolOut(BaseModel):
    name: str
    languages: list[str]
    per_slot: list[int]


class EventOut(BaseModel):
    event_id: str
    name: str
    timezone: str
    slot_minutes: int
    tables_per_slot: int
    slots: list[SlotOut]
    interpreters: dict[str, list[int]] = Field(description='"en-ru" → interpreters in each slot')
    interpreter_pools: list[InterpreterPoolOut] = Field(description="pools of interpreters of any languages")
    allows_relay: bool = Field(description="two interpreters may relay through a pivot language")
    meeting_values: dict[str, float] = Field(
        description="what a meeting is worth per kind of request, and the fairness bonus and its depth"
    )
    halls: list[HallOut]
    travel_buffers: list[dict[str, Any]]
    participants: int


class ParticipantOut(BaseModel):
    participant_id: str
    organisation: str
    role: Role
    country: str
    languages: list[str]
    offer_codes: list[str]
    need_codes: list[str]
    offer_text: str
    need_text: str
    zones_of_interest: list[str]
    operated_zones: list[str]
    available_slots: list[int]
    max_meetings: int


class ReasonOut(BaseModel):
    kind: str
    text: str
    params: dict[str, str]


class SummaryOut(BaseModel):
    kind: str = Field(
        description="strong, good, weak_more_for_you, weak_more_for_them, weak_roles_only or weak"
    )
    strength: str = Field(description='strong, good or weak (docs/congress.md, "The score in words").')
    text: str


class RecommendationOut(BaseModel):
    participant_id: str
    organisation: str
    score: float = Field(description="Reciprocal interest, 0..1 (harmonic mean of both directions).")
    interest_to_you: float
    interest_to_them: float
    summary: SummaryOut
    reasons: list[ReasonOut]


class RequestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    requester: Id
    target: Id
    is_must_meet: bool = Field(default=False, description="The organiser's priority meeting.")
    organiser_priority: Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)] = 0.0


class AnswerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    answer: Literal["accept", "decline"]


class RequestOut(BaseModel):
    request_id: int
    requester: str
    target: str
    status: str
    is_must_meet: bool
    organiser_priority: float
    created_at: datetime
    answered_at: datetime | None


class MeetingOut(BaseModel):
    first: str
    second: str
    slot: int
    starts_at: datetime
    table: int = Field(description="0-based over the venue")
    hall: str
    table_label: str
    interpreter: str | None = Field(description='"en-zh", or "pt-en-zh" by relay through English')
    interpreter_pools: list[str] = Field(description="the interpreter pool of each leg (two for a relay)")


class ScheduleOut(BaseModel):
    event_id: str
    version: int
    published_at: datetime
    method: str
    parameters: dict[str, Any]
    report: dict[str, Any]
    meetings: list[MeetingOut]


class AgendaItemOut(BaseModel):
    slot: int
    starts_at: datetime
    ends_at: datetime
    partner_id: str
    partner_organisation: str
    partner_country: str
    partner_role: str
    hall: str
    table_label: str
    interpreter: str | None


class AgendaOut(BaseModel):
    event_id: str
    event_name: str
    timezone: str
    participant: ParticipantOut
    schedule_version: int
    published_at: datetime
    meetings: list[AgendaItemOut]
    cancelled: list[AgendaItemOut] = Field(description="Meetings of earlier versions no longer scheduled.")


class SlotLoadOut(BaseModel):
    slot: int
    starts_at: datetime
    used: int
    capacity: int


class UnmetOut(BaseModel):
    first: str
    second: str
    reason: str = Field(description="the reason as an English sentence")
    kind: str = Field(description="the kind of reason (cap, tables, interpreters, taken, …), for counting")
    params: dict[str, str] = Field(description="the names and numbers in the sentence, for translating it")


class DashboardOut(BaseModel):
    event_id: str
    schedule_version: int
    method: str
    objective: float
    upper_bound: float
    gap: float
    meetings: int
    participants: int
    meetings_per_participant: dict[int, int] = Field(description="meetings → participants with that many")
    eligible: int
    zero_meetings_eligible: int
    mean_meetings: float
    p10_meetings: float
    must_meet_scheduled: int
    must_meet_schedulable: int
    unmet: list[UnmetOut]
    unmet_by_reason: dict[str, int] = Field(description="unmet requests by kind of reason")
    tables: list[SlotLoadOut]
    interpreters: dict[str, list[SlotLoadOut]]
    moved: int | None


def participant_out(p: Participant) -> ParticipantOut:
    return ParticipantOut(
        participant_id=p.participant_id,
        organisation=p.organisation,
        role=p.role,
        country=p.country,
        languages=list(p.languages),
        offer_codes=list(p.offer_codes),
        need_codes=list(p.need_codes),
        offer_text=p.offer_text,
        need_text=p.need_text,
        zones_of_interest=list(p.zones_of_interest),
        operated_zones=list(p.operated_zones),
        available_slots=sorted(p.available_slots),
        max_meetings=p.max_meetings,
    )


def request_out(stored: StoredRequest) -> RequestOut:
    r = stored.request
    return RequestOut(
        request_id=stored.request_id,
        requester=r.requester,
        target=r.target,
        status=r.status.value,
        is_must_meet=r.is_must_meet,
        organiser_priority=r.organiser_priority,
        created_at=stored.created_at,
        answered_at=stored.answered_at,
    )


def agenda_item_out(item: AgendaItem) -> AgendaItemOut:
    return AgendaItemOut(
        slot=item.slot,
        starts_at=item.starts_at,
        ends_at=item.ends_at,
        partner_id=item.partner_id,
        partner_organisation=item.partner_organisation,
        partner_country=item.partner_country,
        partner_role=item.partner_role,
        hall=item.place.hall,
        table_label=item.place.label,
        interpreter=item.interpreter,
    )


def slot_loads_out(loads: tuple[SlotLoad, ...]) -> list[SlotLoadOut]:
    return [SlotLoadOut(slot=x.slot, starts_at=x.starts_at, used=x.used, capacity=x.capacity) for x in loads]


def pair_key(languages: tuple[str, ...]) -> str:
    """ "en-ru" for a language pair, "pt-en-zh" for a relay through English."""
    return "-".join(languages)


def event_out(config: EventConfig, participants: int) -> EventOut:
    e = config.event
    halls: dict[str, int] = {}
    for hall in e.table_halls:
        halls[hall] = halls.get(hall, 0) + 1
    return EventOut(
        event_id=config.event_id,
        name=config.name,
        timezone=config.timezone,
        slot_minutes=e.slot_minutes,
        tables_per_slot=e.tables_per_slot,
        slots=[
            SlotOut(slot=t, starts_at=config.starts_at(t), ends_at=config.ends_at(t))
            for t in range(e.slot_count)
        ],
        interpreters={pair_key(k): list(v) for k, v in sorted(e.interpreters_per_slot.items())},
        interpreter_pools=[
            InterpreterPoolOut(name=p.name, languages=sorted(p.languages), per_slot=list(p.per_slot))
            for p in e.interpreter_pools
        ],
        allows_relay=e.allows_relay,
        meeting_values=asdict(e.meeting_values),
        halls=[HallOut(name=name, tables=count) for name, count in halls.items()],
        travel_buffers=[
            {"between": [a, b], "slots": n} for (a, b), n in sorted(e.travel_buffer_slots.items())
        ],
        participants=participants,
    )


def meetings_out(config: EventConfig, meetings: tuple[Meeting, ...]) -> list[MeetingOut]:
    places: tuple[TablePlace, ...] = table_places(config.event)
    return [
        MeetingOut(
            first=m.first,
            second=m.second,
            slot=m.slot,
            starts_at=config.starts_at(m.slot),
            table=m.table,
            hall=place_of(places, m.table).hall,
            table_label=place_of(places, m.table).label,
            interpreter=pair_key(m.interpreter) if m.interpreter else None,
            interpreter_pools=list(m.interpreter_pools),
        )
        for m in meetings
    ]


def dashboard_out(board: Dashboard) -> DashboardOut:
    """Field for field: the dashboard's dataclasses (loads, unmet requests) are read by attribute."""
    return DashboardOut.model_validate(board, from_attributes=True)
