"""The Congress store keeps events, participants, requests and schedule versions exactly (both back-ends)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import Engine

import sezatlas.store.congress_tables
from sezatlas.congress.files.event_file import EventConfig
from sezatlas.congress.model import (
    Event,
    InterpreterPool,
    MeetingRequest,
    MeetingValues,
    Participant,
    RequestStatus,
    Role,
)
from sezatlas.congress.scheduling import synthetic
from sezatlas.congress.scheduling.solve import schedule_event
from sezatlas.congress.storage.events import (
    CongressNotFoundError,
    RequestConflictError,
    default_event_id,
    list_events,
    save_event,
    upsert_participants,
)
from sezatlas.congress.storage.requests import (
    answer_request,
    create_request,
    find_request,
    mark_must_meet,
    upsert_requests,
)
from sezatlas.congress.storage.schedules import (
    earlier_meetings,
    latest_schedule,
    load_congress,
    save_schedule,
)
from sezatlas.store.database import alembic_config, transaction
from sezatlas.store.models import Base
from tests.schema_differences import schema_differences


def small_config(event_id: str = "test-congress") -> EventConfig:
    event = Event(
        slot_starts=tuple(datetime(2027, 6, 8, 10) + timedelta(minutes=30 * t) for t in range(4)),
        slot_minutes=30,
        tables_per_slot=3,
        interpreters_per_slot={("en", "zh"): (1, 1, 0, 1)},
        table_halls=("Hall A", "Hall A", "Hall B"),
        travel_buffer_slots={("Hall A", "Hall B"): 1},
    )
    return EventConfig(event_id=event_id, name="Test Congress", timezone="Asia/Shanghai", event=event)


def person(pid: str, **changes: object) -> Participant:
    values: dict[str, object] = {
        "participant_id": pid,
        "organisation": f"Org {pid}",
        "role": Role.MANUFACTURER,
        "country": "BRA",
        "languages": ("en", "pt"),
        "available_slots": frozenset(range(4)),
    }
    return Participant(**{**values, **changes})  # type: ignore[arg-type]


def test_the_migrations_create_exactly_the_congress_tables_of_the_models(empty_engine: Engine) -> None:
    assert sezatlas.store.congress_tables.CongressEventRow.__tablename__ in Base.metadata.tables
    with empty_engine.connect() as connection:
        differences = schema_differences(connection)
    assert differences == []


def test_an_event_and_its_participants_come_back_field_for_field(empty_engine: Engine) -> None:
    rich = person(
        "P1",
        role=Role.INVESTOR,
        languages=("zh", "en"),
        offer_codes=("ISIC:2930",),
        need_codes=("HS:8708",),
        offer_text="汽车零部件",
        need_text="автокомпоненты",
        zones_of_interest=("RUS-001",),
        operated_zones=("CHN-ETDZ-001",),
        available_slots=frozenset({0, 2}),
        max_meetings=3,
        blocked=frozenset({"P2"}),
    )
    with transaction(empty_engine) as session:
        assert save_event(session, small_config(), source="event.toml") is True
        counts = upsert_participants(session, "test-congress", [rich, person("P2")])
    assert (counts.inserted, counts.updated, counts.unchanged) == (2, 0, 0)
    with transaction(empty_engine) as session:
        stored = load_congress(session, "test-congress")
    assert stored.config == small_config()
    assert stored.participants == (rich, person("P2"))


def test_reimporting_updates_changed_participants_only(empty_engine: Engine) -> None:
    with transaction(empty_engine) as session:
        save_event(session, small_config())
        upsert_participants(session, "test-congress", [person("P1"), person("P2")])
    with transaction(empty_engine) as session:
        assert save_event(session, small_config()) is False
        counts = upsert_participants(session, "test-congress", [person("P1", max_meetings=2), person("P2")])
    assert (counts.inserted, counts.updated, counts.unchanged) == (0, 1, 1)


def test_a_request_is_answered_once_and_a_second_answer_conflicts(empty_engine: Engine) -> None:
    with transaction(empty_engine) as session:
        save_event(session, small_config())
        upsert_participants(session, "test-congress", [person("P1"), person("P2")])
        made = create_request(session, "test-congress", "P1", "P2")
        assert made.request.status is RequestStatus.PENDING and made.answered_at is None
        with pytest.raises(RequestConflictError, match="already asked"):
            create_request(session, "test-congress", "P1", "P2")
        answered = answer_request(session, "test-congress", made.request_id, accept=True)
        assert answered.request.status is RequestStatus.ACCEPTED and answered.answered_at is not None
        with pytest.raises(RequestConflictError, match="already accepted"):
            answer_request(session, "test-congress", made.request_id, accept=False)
        with pytest.raises(CongressNotFoundError):
            create_request(session, "test-congress", "P1", "P9")


def test_blocked_pairs_and_self_requests_are_refused(empty_engine: Engine) -> None:
    with transaction(empty_engine) as session:
        save_event(session, small_config())
        upsert_participants(session, "test-congress", [person("P1", blocked=frozenset({"P2"})), person("P2")])
        with pytest.raises(RequestConflictError, match="cannot be requested"):
            create_request(session, "test-congress", "P2", "P1")
        with pytest.raises(RequestConflictError, match="themself"):
            create_request(session, "test-congress", "P1", "P1")


def test_must_meet_marks_the_existing_request_in_either_direction(empty_engine: Engine) -> None:
    with transaction(empty_engine) as session:
        save_event(session, small_config())
        upsert_participants(session, "test-congress", [person("P1"), person("P2"), person("P3")])
        made = create_request(session, "test-congress", "P2", "P1")
        marked = mark_must_meet(session, "test-congress", "P1", "P2", organiser_priority=5)
        assert marked.request_id == made.request_id and marked.request.is_must_meet
        new = mark_must_meet(session, "test-congress", "P1", "P3")
        assert new.request == MeetingRequest("P1", "P3", RequestStatus.PENDING, is_must_meet=True)
        assert find_request(session, "test-congress", "P1", "P3") == new


def test_imported_requests_keep_the_file_order_for_first_come_first_served(empty_engine: Engine) -> None:
    wanted = [
        MeetingRequest("P3", "P1"),
        MeetingRequest("P1", "P2", RequestStatus.ACCEPTED),
        MeetingRequest("P2", "P3", RequestStatus.DECLINED),
    ]
    with transaction(empty_engine) as session:
        save_event(session, small_config())
        upsert_participants(session, "test-congress", [person("P1"), person("P2"), person("P3")])
        counts = upsert_requests(session, "test-congress", wanted)
    assert counts.inserted == 3
    with transaction(empty_engine) as session:
        assert load_congress(session, "test-congress").requests == tuple(wanted)


def test_each_schedule_run_is_a_new_version_with_its_report(empty_engine: Engine) -> None:
    generated = synthetic.congress(40, 8, seed=2)
    config = EventConfig("synthetic", "Synthetic", "Europe/Moscow", generated.event)
    with transaction(empty_engine) as session:
        save_event(session, config)
        upsert_participants(session, "synthetic", generated.participants)
        upsert_requests(session, "synthetic", generated.requests)
    first = schedule_event(generated.participants, generated.event, generated.requests, method="greedy")
    second = schedule_event(
        generated.participants, generated.event, generated.requests, method="lns", time_limit=2
    )
    with transaction(empty_engine) as session:
        assert save_schedule(session, "synthetic", first, {"method": "greedy"}).version == 1
        assert save_schedule(session, "synthetic", second, {"method": "lns"}).version == 2
    with transaction(empty_engine) as session:
        latest = latest_schedule(session, "synthetic")
        oldest = latest_schedule(session, "synthetic", version=1)
        summary = list_events(session)[0]
        assert default_event_id(session) == "synthetic"
    assert latest is not None and oldest is not None
    assert set(latest.schedule.meetings) == set(second.schedule.meetings)
    assert latest.report == second.report and oldest.report == first.report
    assert (summary.participants, summary.latest_version, summary.slot_count) == (40, 2, 8)


def test_two_runs_published_at_once_get_consecutive_versions(empty_engine: Engine) -> None:
    if empty_engine.dialect.name != "postgresql":
        pytest.skip("SQLite lets one writer at a time in; the race needs PostgreSQL")
    generated = synthetic.congress(20, 4, seed=3)
    config = EventConfig("synthetic", "Synthetic", "Europe/Moscow", generated.event)
    with transaction(empty_engine) as session:
        save_event(session, config)
        upsert_participants(session, "synthetic", generated.participants)
    result = schedule_event(generated.participants, generated.event, generated.requests, method="greedy")
    saved_first = threading.Event()
    versions: list[int] = []

    def slow_publisher() -> None:
        with transaction(empty_engine) as session:
            versions.append(save_schedule(session, "synthetic", result, {}).version)
            saved_first.set()
            time.sleep(0.5)  # still uncommitted while the second run reads the latest version

    thread = threading.Thread(target=slow_publisher)
    thread.start()
    saved_first.wait(10)
    with transaction(empty_engine) as session:
        versions.append(save_schedule(session, "synthetic", result, {}).version)
    thread.join()
    assert versions == [1, 2]


def test_sixteen_publications_at_once_all_succeed_with_versions_1_to_16(empty_engine: Engine) -> None:
    generated = synthetic.congress(20, 4, seed=3)
    config = EventConfig("synthetic", "Synthetic", "Europe/Moscow", generated.event)
    with transaction(empty_engine) as session:
        save_event(session, config)
        upsert_participants(session, "synthetic", generated.participants)
    result = schedule_event(generated.participants, generated.event, generated.requests, method="greedy")
    start = threading.Barrier(16)

    def publish(_number: int) -> int:
        start.wait(10)
        with transaction(empty_engine) as session:
            return save_schedule(session, "synthetic", result, {}).version

    with ThreadPoolExecutor(16) as pool:
        versions = list(pool.map(publish, range(16)))
    assert sorted(versions) == list(range(1, 17))


def test_earlier_meetings_are_each_partners_last_one(empty_engine: Engine) -> None:
    generated = synthetic.congress(30, 8, seed=4)
    config = EventConfig("synthetic", "Synthetic", "Europe/Moscow", generated.event)
    result = schedule_event(generated.participants, generated.event, generated.requests, method="greedy")
    someone = result.schedule.meetings[0].first
    with transaction(empty_engine) as session:
        save_event(session, config)
        save_schedule(session, "synthetic", result, {})
        save_schedule(session, "synthetic", result, {})
        earlier = earlier_meetings(session, "synthetic", someone, before_version=2)
    assert sorted(earlier, key=lambda m: m.slot) == result.schedule.of(someone)


def relay_config() -> EventConfig:
    """The small event with a trilingual pool, relay allowed, and a Portuguese–English pool."""
    trilingual = InterpreterPool("trilingual", frozenset({"en", "ru", "zh"}), (1, 1, 1, 1))
    event = replace(
        small_config().event,
        interpreters_per_slot={("en", "pt"): (1, 1, 1, 1)},
        interpreter_pools=(trilingual,),
        allows_relay=True,
    )
    return replace(small_config(), event=event)


def test_interpreter_pools_relay_and_a_relayed_meeting_come_back_as_published(empty_engine: Engine) -> None:
    config = relay_config()
    people = [person("PT", languages=("pt",)), person("ZH", languages=("zh",))]
    requests = [MeetingRequest("PT", "ZH", status=RequestStatus.ACCEPTED)]
    result = schedule_event(people, config.event, requests, method="exact", time_limit=5, deterministic=True)
    [meeting] = result.schedule.meetings
    assert meeting.interpreter_pools == ("en–pt", "trilingual")
    with transaction(empty_engine) as session:
        save_event(session, config)
        upsert_participants(session, config.event_id, people)
        save_schedule(session, config.event_id, result, {})
    with transaction(empty_engine) as session:
        assert load_congress(session, config.event_id).config == config
        published = latest_schedule(session, config.event_id)
    assert published is not None and published.schedule == result.schedule


def test_rows_published_before_interpreter_pools_read_as_their_language_pair(empty_engine: Engine) -> None:
    """Migration 0005 leaves old rows as they are: a meeting's pool is then its language pair's."""
    config = small_config()
    people = [person("EN", languages=("en",)), person("ZH", languages=("zh",))]
    requests = [MeetingRequest("EN", "ZH", status=RequestStatus.ACCEPTED)]
    result = schedule_event(people, config.event, requests, method="exact", time_limit=5, deterministic=True)
    with transaction(empty_engine) as session:
        save_event(session, config)
        upsert_participants(session, config.event_id, people)
        save_schedule(session, config.event_id, result, {})
    command.downgrade(alembic_config(empty_engine), "0004")  # drops the new columns, keeps the rows
    command.upgrade(alembic_config(empty_engine), "head")
    with transaction(empty_engine) as session:
        assert load_congress(session, config.event_id).config == config
        published = latest_schedule(session, config.event_id)
    assert published is not None and published.schedule == result.schedule
    assert [m.interpreter_pools for m in published.schedule.meetings] == [("en–zh",)]


def test_an_events_meeting_values_come_back_as_saved(empty_engine: Engine) -> None:
    values = MeetingValues(one_sided=1.0, mutual=5.0, must_meet=20.0, fairness_bonus=0.5, fairness_depth=4)
    config = replace(small_config(), event=replace(small_config().event, meeting_values=values))
    with transaction(empty_engine) as session:
        save_event(session, config)
    with transaction(empty_engine) as session:
        assert load_congress(session, config.event_id).config.event.meeting_values == values
