"""A small Congress written by hand: four participants in four scripts, two halls, one interpreter pair.

Small enough to know every expected meeting, varied enough to exercise interpreters (the investor
speaks Portuguese and English, the Chinese operator only Chinese), halls and time zones.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine

from sezatlas.congress.files.event_file import EventConfig
from sezatlas.congress.model import Event, MeetingRequest, Participant, RequestStatus, Role
from sezatlas.congress.scheduling.solve import schedule_event
from sezatlas.congress.storage.events import save_event, upsert_participants
from sezatlas.congress.storage.requests import upsert_requests
from sezatlas.congress.storage.schedules import PublishedSchedule, load_congress, save_schedule
from sezatlas.store.database import transaction

EVENT_ID = "itc-test"


def venue() -> EventConfig:
    event = Event(
        slot_starts=tuple(datetime(2027, 6, 8, 10) + timedelta(minutes=30 * t) for t in range(4)),
        slot_minutes=30,
        tables_per_slot=4,
        interpreters_per_slot={("en", "zh"): (1, 1, 1, 1)},
        table_halls=("Hall A", "Hall A", "Hall B", "Hall B"),
    )
    return EventConfig(EVENT_ID, "Test Congress", "Asia/Shanghai", event)


EVERY_SLOT = frozenset(range(4))
PEOPLE = {
    p.participant_id: p
    for p in (
        Participant(
            "INV1",
            "Águia Investimentos",
            Role.INVESTOR,
            "BRA",
            ("pt", "en"),
            available_slots=EVERY_SLOT,
            need_codes=("ISIC:2930",),
            need_text="automotive components site",
        ),
        Participant(
            "ZO1",
            "上海汽车零部件产业园",
            Role.ZONE_OPERATOR,
            "CHN",
            ("zh",),
            available_slots=EVERY_SLOT,
            offer_codes=("ISIC:2930",),
            offer_text="汽车零部件",
        ),
        Participant(
            "ZO2",
            "ОЭЗ «Алабуга»",
            Role.ZONE_OPERATOR,
            "RUS",
            ("ru", "en"),
            available_slots=EVERY_SLOT,
            blocked=frozenset({"MF1"}),
        ),
        Participant(
            "MF1",
            "Cairo Components",
            Role.MANUFACTURER,
            "EGY",
            ("ar", "en"),
            available_slots=frozenset({1, 2}),
        ),
    )
}
REQUESTS = [MeetingRequest("INV1", other, RequestStatus.ACCEPTED) for other in ("ZO1", "ZO2", "MF1")]


def store_congress(engine: Engine) -> None:
    with transaction(engine) as session:
        save_event(session, venue())
        upsert_participants(session, EVENT_ID, list(PEOPLE.values()))
        upsert_requests(session, EVENT_ID, REQUESTS)


def publish(engine: Engine) -> PublishedSchedule:
    """Schedule what the store holds now and publish it, as `sezatlas congress schedule` does."""
    with transaction(engine) as session:
        congress = load_congress(session, EVENT_ID)
    result = schedule_event(congress.participants, congress.config.event, congress.requests, method="greedy")
    with transaction(engine) as session:
        return save_schedule(session, EVENT_ID, result, {"method": "greedy"})
