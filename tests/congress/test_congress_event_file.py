"""The event file: sessions become slots, and every mistake is named by file and key."""

from __future__ import annotations

import tomllib
from datetime import datetime
from pathlib import Path

import pytest

from sezatlas.congress.files.event_file import EventFileError, event_from_dict, read_event_file
from sezatlas.congress.model import MeetingValues

EXAMPLE = Path(__file__).parents[2] / "docs" / "examples" / "congress" / "event.toml"


def minimal(**changes: object) -> dict[str, object]:
    base: dict[str, object] = {
        "name": "Test Congress",
        "timezone": "Asia/Kolkata",
        "slot_minutes": 20,
        "tables_per_slot": 5,
        "sessions": [{"day": "2027-06-08", "start": "09:00", "end": "10:00"}],
    }
    return {**base, **changes}


def problems_of(raw: dict[str, object]) -> str:
    with pytest.raises(EventFileError) as caught:
        event_from_dict(raw, "event.toml")
    return str(caught.value)


def test_the_example_is_a_two_day_congress_of_eight_slots_in_two_halls() -> None:
    config = read_event_file(EXAMPLE)
    event = config.event
    assert config.event_id == "itc-2027" and config.timezone == "Europe/Moscow"
    assert event.slot_count == 8 and event.tables_per_slot == 24
    assert event.slot_starts[0] == datetime(2027, 6, 8, 14, 0)
    assert event.slot_starts[4] == datetime(2027, 6, 9, 10, 0)
    assert event.slot_starts[7] == datetime(2027, 6, 9, 11, 30)
    assert event.table_halls.count("Hall B") == 8
    assert event.interpreters_per_slot[("ru", "zh")] == (0, 0, 0, 0, 1, 1, 1, 1)
    assert {a for pair in event.interpreters_per_slot for a in pair} == {"en", "ru", "zh", "pt", "ar", "hi"}
    assert config.starts_at(0).isoformat() == "2027-06-08T14:00:00+03:00"


def test_sessions_are_cut_into_whole_slots_and_the_id_comes_from_the_name() -> None:
    config = event_from_dict(minimal(sessions=[{"day": "2027-06-08", "start": "09:00", "end": "10:10"}]))
    assert [f"{s:%H:%M}" for s in config.event.slot_starts] == ["09:00", "09:20", "09:40"]
    assert config.event_id == "test-congress"


def test_an_explicit_slot_list_with_an_offset_becomes_venue_time() -> None:
    config = event_from_dict(minimal(sessions=[], slots=["2027-06-08T10:00", "2027-06-08T05:00:00Z"]))
    assert [f"{s:%H:%M}" for s in config.event.slot_starts] == ["10:00", "10:30"]  # UTC+5:30


def test_every_problem_is_named_by_file_and_key() -> None:
    message = problems_of(
        minimal(
            timezone="Mars/Olympus",
            interpreters={"en-ru": [1, 2], "en-xx": 1, "en": 2},
            colour="blue",
            sessions=[{"day": "2027-06-08", "start": "09:00", "end": "09:10"}],
        )
    )
    assert "event.toml, key timezone: 'Mars/Olympus' is not an IANA time zone" in message
    assert 'event.toml, key interpreters."en-xx": xx is not an ISO 639 language code' in message
    assert 'event.toml, key interpreters."en": name two different languages' in message
    assert "event.toml, key colour: unknown key" in message
    assert "event.toml, key sessions[0].end: 09:10 leaves no room for one 20-minute slot" in message


def test_a_per_slot_interpreter_list_must_have_one_number_per_slot() -> None:
    message = problems_of(minimal(interpreters={"en-ru": [1, 2]}))
    assert message == 'event.toml, key interpreters."en-ru": 2 numbers for 3 slots'


def test_overlapping_slots_and_both_kinds_of_slot_are_refused() -> None:
    assert "overlap" in problems_of(minimal(sessions=[], slots=["2027-06-08T10:00", "2027-06-08T10:10"]))
    assert "either sessions or slots" in problems_of(minimal(slots=["2027-06-08T10:00"]))
    assert "key sessions: give sessions" in problems_of(minimal(sessions=[]))


def test_halls_give_the_tables_and_must_agree_with_tables_per_slot() -> None:
    halls = [{"name": "Hall A", "tables": 3}, {"name": "Hall B", "tables": 2}]
    config = event_from_dict(minimal(tables_per_slot=None, halls=halls))
    assert config.event.table_halls == ("Hall A",) * 3 + ("Hall B",) * 2
    assert "6 differs from the 5 tables of the halls" in problems_of(minimal(halls=halls, tables_per_slot=6))
    unknown = minimal(
        halls=halls, tables_per_slot=None, travel_buffers=[{"between": ["Hall A", "Hall C"], "slots": 1}]
    )
    assert "key travel_buffers[0].between: 'Hall C' is not one of the halls" in problems_of(unknown)


def test_a_file_that_is_not_toml_names_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("name = 'unterminated\n", encoding="utf-8")
    with pytest.raises(EventFileError, match=r"^broken\.toml: not valid TOML"):
        read_event_file(broken)


def test_interpreter_pools_of_any_languages_sit_beside_the_language_pairs() -> None:
    config = event_from_dict(
        minimal(
            interpreters={"en-pt": 1},
            interpreter_pools={"trilingual": {"languages": ["en", "RU", "zh"], "per_slot": [2, 1, 0]}},
            relay=True,
        )
    )
    event = config.event
    assert event.allows_relay
    assert [(p.name, sorted(p.languages), p.per_slot) for p in event.pools()] == [
        ("en–pt", ["en", "pt"], (1, 1, 1)),
        ("trilingual", ["en", "ru", "zh"], (2, 1, 0)),
    ]


def test_relay_is_off_unless_the_file_says_so() -> None:
    assert not event_from_dict(minimal(interpreters={"en-ru": 1})).event.allows_relay


def test_a_bad_pool_is_named_by_its_key() -> None:
    message = problems_of(
        minimal(
            interpreter_pools={
                "Big Team": {"languages": ["en", "ru"], "per_slot": 1},
                "mono": {"languages": ["en", "EN"], "per_slot": 1},
                "odd": {"languages": ["en", "xx"], "per_slot": 1},
                "short": {"languages": ["en", "ru"], "per_slot": [1]},
            }
        )
    )
    assert "key interpreter_pools.Big Team: a pool name is lower-case letters" in message
    assert "key interpreter_pools.mono.languages: name at least two different languages" in message
    assert "key interpreter_pools.odd.languages: xx is not an ISO 639 language code" in message
    assert "key interpreter_pools.short.per_slot: 1 numbers for 3 slots" in message
    loose = {"loose": {"languages": ["en", "ru"], "per_slot": 1, "colour": "red"}}
    assert "key interpreter_pools.loose.colour: unknown key" in problems_of(minimal(interpreter_pools=loose))


def test_the_pool_example_of_the_docs_reads() -> None:
    docs = (Path(__file__).parents[2] / "docs" / "congress.md").read_text(encoding="utf-8")
    example = docs.split("```toml\n", 1)[1].split("```", 1)[0]
    event = event_from_dict({**minimal(), **tomllib.loads(example)}).event
    assert event.allows_relay
    assert {p.name: sorted(p.languages) for p in event.pools()} == {
        "en–pt": ["en", "pt"],
        "en–zh": ["en", "zh"],
        "trilingual": ["en", "ru", "zh"],
    }


def test_meeting_values_are_per_event_and_default_to_the_old_constants() -> None:
    assert event_from_dict(minimal()).event.meeting_values == MeetingValues(2.0, 3.0, 10.0, 1.5, 2)
    values = {"one_sided": 1, "mutual": 4.5, "fairness_bonus": 0, "fairness_depth": 3}
    event = event_from_dict(minimal(meeting_values=values)).event
    assert event.meeting_values == MeetingValues(
        one_sided=1.0, mutual=4.5, must_meet=10.0, fairness_bonus=0.0, fairness_depth=3
    )


def test_a_bad_meeting_value_is_named_by_its_key() -> None:
    message = problems_of(minimal(meeting_values={"mutual": -1, "fairness_depth": 2.5, "vip": 3}))
    assert "key meeting_values.mutual: -1: Input should be greater than or equal to 0" in message
    assert "key meeting_values.fairness_depth: 2.5" in message
    assert "key meeting_values.vip: unknown key" in message
