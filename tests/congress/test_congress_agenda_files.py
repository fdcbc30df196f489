"""Agendas people take away: calendar files that update instead of duplicating, and a readable PDF."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar

from sezatlas.congress.agenda import Agenda, personal_agenda, table_plan
from sezatlas.congress.dashboard import build_dashboard
from sezatlas.congress.files.agenda_files import agenda_html, agenda_ics, agenda_pdf
from sezatlas.congress.model import Meeting, Schedule
from sezatlas.congress.scheduling.solve import ScheduleResult, schedule_event
from tests.congress.congress_data import PEOPLE, REQUESTS, venue
from tests.web.browser.documents import pdf_text

PUBLISHED = datetime(2027, 6, 1, 12, 0, tzinfo=UTC)


def scheduled() -> ScheduleResult:
    config = venue()
    return schedule_event(list(PEOPLE.values()), config.event, REQUESTS, method="greedy", time_limit=5)


def agenda_of(
    pid: str, meetings: tuple[Meeting, ...], version: int = 1, earlier: tuple[Meeting, ...] = ()
) -> Agenda:
    return personal_agenda(
        venue(), PEOPLE[pid], PEOPLE, meetings, version=version, published_at=PUBLISHED, earlier=earlier
    )


def events_of(ics: bytes) -> list[Calendar]:
    return list(Calendar.from_ical(ics).walk("VEVENT"))


def test_the_calendar_has_one_event_per_meeting_at_the_venues_local_time() -> None:
    meetings = scheduled().schedule.meetings
    agenda = agenda_of("INV1", meetings)
    entries = events_of(agenda_ics(agenda))
    assert len(entries) == len(agenda.items) == 3
    config = venue()
    for entry, item in zip(entries, agenda.items, strict=True):
        start = entry.decoded("dtstart")
        assert start == config.starts_at(item.slot) and str(start.tzinfo) == "Asia/Shanghai"
        assert start.utcoffset() == timedelta(hours=8)
        assert entry.decoded("dtend") - start == timedelta(minutes=30)
        assert item.partner_organisation in str(entry["summary"])
        assert str(entry["location"]) == item.place.label
    assert "BEGIN:VTIMEZONE" in agenda_ics(agenda).decode()
    zo1 = next(str(e["description"]) for e in entries if "ZO1" in str(e["description"]))
    assert "Interpreter: en–zh" in zo1  # INV1 speaks pt/en, ZO1 only zh


def test_a_moved_meeting_keeps_its_uid_and_a_dropped_one_is_cancelled() -> None:
    first = scheduled().schedule.meetings
    with_zo1 = next(m for m in first if "ZO1" in (m.first, m.second))
    moved = tuple(
        replace(m, slot=3) if m == with_zo1 else m for m in first if "MF1" not in (m.first, m.second)
    )
    before = {str(e["uid"]): e for e in events_of(agenda_ics(agenda_of("INV1", first)))}
    after = {
        str(e["uid"]): e for e in events_of(agenda_ics(agenda_of("INV1", moved, version=2, earlier=first)))
    }
    assert set(before) == set(after)
    moved_uid = next(uid for uid in after if "ZO1" in uid)
    assert after[moved_uid].decoded("dtstart") == venue().starts_at(3)
    assert int(after[moved_uid]["sequence"]) > int(before[moved_uid]["sequence"])
    dropped = next(e for uid, e in after.items() if "MF1" in uid)
    assert str(dropped["status"]) == "CANCELLED"


def test_both_sides_of_a_meeting_get_the_same_uid() -> None:
    meetings = scheduled().schedule.meetings
    investor = {str(e["uid"]) for e in events_of(agenda_ics(agenda_of("INV1", meetings)))}
    operator = {str(e["uid"]) for e in events_of(agenda_ics(agenda_of("ZO1", meetings)))}
    assert operator <= investor and len(operator) == 1


def test_the_pdf_names_the_participant_and_every_partner(tmp_path: Path) -> None:
    agenda = agenda_of("INV1", scheduled().schedule.meetings)
    text = pdf_text(agenda_pdf(agenda), tmp_path)
    for name in (
        "Águia Investimentos",
        "上海汽车零部件产业园",
        "ОЭЗ «Алабуга»",
        "Cairo Components",
        "Hall A",
    ):
        assert name in text, name


def test_names_are_escaped_in_the_printed_page() -> None:
    people = dict(PEOPLE)
    people["ZO2"] = replace(PEOPLE["ZO2"], organisation="<script>alert(1)</script>")
    agenda = personal_agenda(
        venue(), PEOPLE["INV1"], people, scheduled().schedule.meetings, version=1, published_at=PUBLISHED
    )
    assert "<script>" not in agenda_html(agenda)


def test_the_table_plan_lists_every_meeting_once_by_slot_and_hall_table() -> None:
    result = scheduled()
    plan = table_plan(venue(), PEOPLE, result.schedule.meetings)
    assert len(plan) == len(result.schedule.meetings)
    assert [row.slot for row in plan] == sorted(row.slot for row in plan)
    assert all(row.place.label.startswith(("Hall A, table ", "Hall B, table ")) for row in plan)
    one_slot = table_plan(venue(), PEOPLE, result.schedule.meetings, slot=plan[0].slot)
    assert {row.slot for row in one_slot} == {plan[0].slot}


@pytest.mark.parametrize("cap", [1, 3])
def test_the_dashboard_counts_every_participant_and_explains_unmet_requests(cap: int) -> None:
    people = {pid: replace(p, max_meetings=cap) if pid == "INV1" else p for pid, p in PEOPLE.items()}
    config = venue()
    result = schedule_event(list(people.values()), config.event, REQUESTS, method="greedy", time_limit=5)
    board = build_dashboard(config, list(people.values()), result.schedule.meetings, result.report, version=1)
    assert sum(board.meetings_per_participant.values()) == len(people)
    assert board.meetings == cap
    assert len(board.unmet) == 3 - cap
    if cap == 1:
        assert board.unmet_by_reason == {"cap": 2}
    assert [load.capacity for load in board.tables] == [4, 4, 4, 4]
    assert sum(load.used for load in board.tables) == cap
    assert set(board.interpreters) == {"en–zh"}


def test_an_empty_schedule_still_makes_a_valid_calendar() -> None:
    agenda = agenda_of("MF1", Schedule(()).meetings)
    calendar = Calendar.from_ical(agenda_ics(agenda))
    assert list(calendar.walk("VEVENT")) == [] and "No meetings" in agenda_html(agenda)
