"""Interpreter options: any fitting pool, relay through a pivot where allowed, checked independently."""

from __future__ import annotations

from sezatlas.congress.model import InterpreterPool, Meeting, MeetingRequest
from sezatlas.congress.scheduling.interpreting import interpreter_options
from sezatlas.congress.scheduling.solve import schedule_event
from sezatlas.congress.scheduling.validate import validate_schedule
from tests.congress.test_scheduling import person, small_event

EN_PT = InterpreterPool("en–pt", frozenset({"en", "pt"}), (1, 1))
EN_ZH = InterpreterPool("en–zh", frozenset({"en", "zh"}), (1, 1))
TRILINGUAL = InterpreterPool("trilingual", frozenset({"en", "ru", "zh"}), (2, 2))


def test_every_pool_covering_both_sides_is_an_option_the_best_staffed_first() -> None:
    options = interpreter_options(("ru", "en"), ("zh",), [EN_PT, EN_ZH, TRILINGUAL], allows_relay=False)
    assert [(o.legs, o.languages) for o in options] == [((2,), ("en", "zh")), ((1,), ("en", "zh"))]


def test_relay_goes_through_a_pivot_only_when_allowed_and_never_beside_a_direct_pool() -> None:
    pools = [EN_PT, EN_ZH, TRILINGUAL]
    assert interpreter_options(("pt",), ("zh",), pools, allows_relay=False) == []
    relays = interpreter_options(("pt",), ("zh",), pools, allows_relay=True)
    assert [(o.legs, o.languages) for o in relays] == [
        ((0, 2), ("pt", "en", "zh")),
        ((0, 1), ("pt", "en", "zh")),
    ]
    assert all(not o.is_relay for o in interpreter_options(("ru",), ("zh",), pools, allows_relay=True))


def test_a_pool_without_interpreters_is_no_option() -> None:
    idle = InterpreterPool("idle", frozenset({"pt", "zh"}), (0, 0))
    assert interpreter_options(("pt",), ("zh",), [idle], allows_relay=True) == []


def test_a_portuguese_and_a_chinese_speaker_meet_by_relay_through_english() -> None:
    people = [
        person("PT", languages=("pt",), slots=range(2)),
        person("ZH", languages=("zh",), slots=range(2)),
    ]
    requests = [MeetingRequest("PT", "ZH"), MeetingRequest("ZH", "PT")]
    closed = small_event(slots=2, interpreter_pools=(EN_PT, EN_ZH))
    assert (
        schedule_event(people, closed, requests, method="exact", deterministic=True).schedule.meetings == ()
    )
    event = small_event(slots=2, interpreter_pools=(EN_PT, EN_ZH), allows_relay=True)
    result = schedule_event(people, event, requests, method="exact", time_limit=5, deterministic=True)
    [meeting] = result.schedule.meetings
    assert meeting.interpreter == ("pt", "en", "zh") and meeting.interpreter_pools == ("en–pt", "en–zh")
    assert result.report.interpreter_load["en–pt"] == result.report.interpreter_load["en–zh"]
    assert validate_schedule(result.schedule.meetings, people, event, requests) == []
    assert [v.rule for v in validate_schedule(result.schedule.meetings, people, closed, requests)] == [
        "relay"
    ]


def test_the_validator_checks_pools_cover_the_meeting_and_count_a_relay_twice() -> None:
    people = [
        person("RU", languages=("ru",), slots=range(2)),
        person("ZH", languages=("zh",), slots=range(2)),
    ]
    people += [
        person("RU2", languages=("ru",), slots=range(2)),
        person("ZH2", languages=("zh",), slots=range(2)),
    ]
    event = small_event(slots=2, interpreter_pools=(EN_ZH, TRILINGUAL), allows_relay=True)

    def rules(*meetings: Meeting) -> list[str]:
        return sorted(v.rule for v in validate_schedule(meetings, people, event))

    direct = Meeting("RU", "ZH", 0, 0, ("ru", "zh"), ("trilingual",))
    assert rules(direct) == []
    assert rules(Meeting("RU", "ZH", 0, 0, ("ru", "zh"), ("en–zh",))) == ["interpreter"]  # en–zh lacks ru
    assert rules(Meeting("RU", "ZH", 0, 0, ("ru", "zh"))) == ["interpreter"]  # no pool recorded
    assert rules(Meeting("RU", "ZH", 0, 0)) == ["interpreter"]
    assert rules(Meeting("RU", "ZH", 0, 0, ("ru", "zh"), ("nowhere",))) == ["interpreter", "interpreters"]
    by_one_pool = Meeting("RU2", "ZH2", 0, 1, ("ru", "en", "zh"), ("trilingual", "trilingual"))
    assert rules(by_one_pool) == []  # a relay within one pool takes two of its interpreters …
    assert rules(direct, by_one_pool) == ["interpreters"]  # … so with another meeting there are three
