"""The response clock, read the way the dashboard publishes it (sezatlas/inquiries/clock.py)."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sezatlas.inquiries.clock import (
    DEFAULT_TARGET,
    Event,
    Status,
    Step,
    StepNotAllowedError,
    allowed_steps,
    next_status,
    read_clock,
)
from sezatlas.inquiries.response_stats import percentile, summarise

MONDAY = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def at(days: float) -> datetime:
    return MONDAY + timedelta(days=days)


def test_a_clarification_pauses_the_clock_until_the_investor_answers_it() -> None:
    events = [
        Event(Step.SEND, at(0)),  # Monday 09:00
        Event(Step.ACKNOWLEDGE, at(0.25)),
        Event(Step.REQUEST_CLARIFICATION, at(1.125)),  # Tuesday 12:00: 27 h on the zone's clock
        Event(Step.CLARIFY, at(3.125)),  # Thursday 12:00: 48 h waiting for the investor
        Event(Step.ANSWER, at(4)),  # Friday 09:00: 21 h more
    ]
    reading = read_clock(events, now=at(30))
    assert reading.running == timedelta(hours=48) and reading.paused == timedelta(hours=48)
    assert (reading.days, reading.status, reading.is_stopped) == (2.0, Status.ANSWERED, True)
    assert reading.within(DEFAULT_TARGET) is True


def test_an_unanswered_inquiry_runs_until_now_and_is_overdue_past_its_target() -> None:
    events = [Event(Step.SEND, at(0))]
    assert read_clock(events, now=at(6)).within(DEFAULT_TARGET) is None  # not known yet
    late = read_clock(events, now=at(8))
    assert late.is_overdue(DEFAULT_TARGET) and late.within(DEFAULT_TARGET) is False


def test_a_paused_clock_stands_still() -> None:
    events = [Event(Step.SEND, at(0)), Event(Step.REQUEST_CLARIFICATION, at(1))]
    assert read_clock(events, now=at(40)).running == timedelta(days=1)


def test_an_inquiry_withdrawn_inside_its_target_stops_its_clock_neither_met_nor_missed() -> None:
    events = [Event(Step.SEND, at(0)), Event(Step.CLOSE, at(2))]
    reading = read_clock(events, now=at(50))
    assert (reading.days, reading.is_answered, reading.within(DEFAULT_TARGET)) == (2.0, False, None)


def test_the_pipeline_refuses_steps_out_of_order() -> None:
    with pytest.raises(StepNotAllowedError, match="step answer: not possible while the inquiry is closed"):
        next_status(Status.CLOSED, Step.ANSWER)
    with pytest.raises(StepNotAllowedError, match="step clarify: not possible while the inquiry is new"):
        read_clock([Event(Step.SEND, at(0)), Event(Step.CLARIFY, at(1))], now=at(2))
    assert allowed_steps(Status.CLARIFICATION_REQUESTED) == [Step.CLARIFY, Step.CLOSE]
    assert allowed_steps(None) == [Step.SEND]


@st.composite
def timelines(draw: st.DrawFn) -> list[Event]:
    """A valid random timeline: steps drawn from those allowed, at increasing times."""
    events, status, now = [Event(Step.SEND, at(0))], Status.NEW, 0.0
    for _ in range(draw(st.integers(0, 8))):
        choices = allowed_steps(status)
        if not choices:
            break
        step = draw(st.sampled_from(choices))
        now += draw(st.floats(0, 10, allow_nan=False))
        events.append(Event(step, at(now)))
        status = next_status(status, step)
    return events


@given(timelines(), st.floats(0, 20, allow_nan=False))
def test_running_and_paused_time_add_up_to_the_time_from_sending_to_the_stop(
    events: list[Event], extra: float
) -> None:
    now = events[-1].at + timedelta(days=extra)
    reading = read_clock(events, now=now)
    stop = reading.first_answer_at or next((e.at for e in events if e.step is Step.CLOSE), now)
    assert abs((reading.running + reading.paused) - (stop - events[0].at)) < timedelta(microseconds=10)
    assert reading.status == next_status_after(events)


def next_status_after(events: list[Event]) -> Status:
    status: Status | None = None
    for event in events:
        status = next_status(status, event.step)
    assert status is not None
    return status


def test_the_dashboard_figures_are_the_textbook_quantiles_over_answered_inquiries() -> None:
    assert percentile([1.0, 2.0, 3.0, 4.0], 0.5) == 2.5
    assert percentile([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0], 0.9) == pytest.approx(9.1)
    assert percentile([], 0.5) is None
    answered = [
        read_clock([Event(Step.SEND, at(0)), Event(Step.ANSWER, at(d))], now=at(60)) for d in (1, 3, 9)
    ]
    waiting = read_clock([Event(Step.SEND, at(59))], now=at(60))  # inside its target: not settled yet
    stats = summarise([(r, DEFAULT_TARGET) for r in [*answered, waiting]])
    assert (stats.received, stats.answered, stats.settled, stats.within_target) == (4, 3, 3, 2)
    assert (stats.median_days, stats.share_within_target) == (3.0, 2 / 3)
