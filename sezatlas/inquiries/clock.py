"""The status pipeline of an inquiry and its response clock, as pure functions over time-stamped steps.

The clock is what the public dashboard publishes, so its rule is written out once, here:

* it starts when the investor sends the inquiry and stops at the zone's first answer;
* it is paused from the moment the zone asks for a clarification until the investor gives it — the wait
  is the investor's, not the zone's (India's State Reform Action Plan lets a query be clarified once,
  then counts the days to the answer: docs of `../shared/research/anchors-registries.md` §2.2);
* it counts calendar days, in fractions (hours matter when a target is 7 days), not business days: the
  members span five working weeks (Friday–Saturday, Saturday–Sunday weekends) and a dozen holiday
  calendars, and a business-day rule that suits one would mislead about the others;
* an inquiry closed before any answer (withdrawn, or closed by the secretariat) stops its clock unanswered:
  past its target it counts as missed, inside it as neither met nor missed.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

DAY = timedelta(days=1)
DEFAULT_TARGET = timedelta(days=7)  # to the first answer, unless the secretariat sets a zone's or country's


class Status(StrEnum):
    NEW = "new"
    ACKNOWLEDGED = "acknowledged"
    CLARIFICATION_REQUESTED = "clarification_requested"  # the clock is paused
    ANSWERED = "answered"
    CLOSED = "closed"


class Step(StrEnum):
    SEND = "send"  # the investor
    ACKNOWLEDGE = "acknowledge"  # the zone: received, being looked at (the clock runs on)
    REQUEST_CLARIFICATION = "request_clarification"  # the zone: a question back (pauses the clock)
    CLARIFY = "clarify"  # the investor answers the question (the clock runs again)
    ANSWER = "answer"  # the zone's answer (stops the clock, once)
    CLOSE = "close"  # either side, with an outcome


class Outcome(StrEnum):
    SITE_VISIT = "site_visit"
    PROPOSAL_SENT = "proposal_sent"
    NOT_A_FIT = "not_a_fit"
    WITHDRAWN = "withdrawn"


class StepNotAllowedError(ValueError):
    """A step the inquiry's status does not allow (answering a closed inquiry, clarifying unasked)."""


_NEXT: dict[tuple[Status | None, Step], Status] = {
    (None, Step.SEND): Status.NEW,
    (Status.NEW, Step.ACKNOWLEDGE): Status.ACKNOWLEDGED,
    (Status.NEW, Step.REQUEST_CLARIFICATION): Status.CLARIFICATION_REQUESTED,
    (Status.ACKNOWLEDGED, Step.REQUEST_CLARIFICATION): Status.CLARIFICATION_REQUESTED,
    (Status.CLARIFICATION_REQUESTED, Step.CLARIFY): Status.ACKNOWLEDGED,
    (Status.NEW, Step.ANSWER): Status.ANSWERED,
    (Status.ACKNOWLEDGED, Step.ANSWER): Status.ANSWERED,
    **{(status, Step.CLOSE): Status.CLOSED for status in Status if status is not Status.CLOSED},
}


def next_status(status: Status | None, step: Step) -> Status:
    """The status after `step`, or `StepNotAllowedError` (None: the inquiry is not sent yet)."""
    try:
        return _NEXT[(status, step)]
    except KeyError:
        now = status.value.replace("_", " ") if status is not None else "not sent"
        raise StepNotAllowedError(f"step {step.value}: not possible while the inquiry is {now}") from None


def allowed_steps(status: Status | None) -> list[Step]:
    """What can be done next, in the pipeline's order (for the buttons a page shows)."""
    return [step for step in Step if (status, step) in _NEXT]


@dataclass(frozen=True, slots=True)
class Event:
    step: Step
    at: datetime


@dataclass(frozen=True, slots=True)
class Reading:
    """The clock of one inquiry at a moment."""

    running: timedelta  # the zone's time so far (to the first answer, or to `now`), pauses excluded
    paused: timedelta  # time waiting for the investor's clarifications
    first_answer_at: datetime | None
    status: Status
    is_stopped: bool  # answered, or closed unanswered: the reading no longer changes

    @property
    def days(self) -> float:
        return self.running / DAY

    @property
    def is_answered(self) -> bool:
        return self.first_answer_at is not None

    def is_overdue(self, target: timedelta) -> bool:
        """Past the target without an answer (a paused clock past it is overdue too: it ran out first)."""
        return not self.is_answered and self.running > target

    def within(self, target: timedelta) -> bool | None:
        """Whether the zone answered within `target`; None while that is not known, and for good when the
        inquiry was closed unanswered inside its target (withdrawn early: neither to the zone's credit
        nor against it)."""
        if self.is_answered:
            return self.running <= target
        return False if self.running > target else None


@dataclass(frozen=True, slots=True)
class ClockState:
    """The clock as of its last step: what the store keeps per inquiry and zone, so that a reading at any
    moment is arithmetic on one row (the dashboard reads 100,000 of them) rather than a replay."""

    status: Status
    running: timedelta  # up to `mark`
    paused: timedelta  # up to `mark`
    mark: datetime  # the last step
    first_answer_at: datetime | None
    is_stopped: bool


def started(at: datetime) -> ClockState:
    """The clock of an inquiry sent at `at`."""
    return ClockState(Status.NEW, timedelta(), timedelta(), at, None, False)


def advance(state: ClockState, step: Step, at: datetime) -> ClockState:
    """The clock after `step` at `at` (checked against the pipeline; a stopped clock keeps its time)."""
    status = next_status(state.status, step)
    if state.is_stopped:
        return replace(state, status=status)
    stretch = max(at - state.mark, timedelta())
    waiting = state.status is Status.CLARIFICATION_REQUESTED
    running = state.running if waiting else state.running + stretch
    paused = state.paused + stretch if waiting else state.paused
    answered = at if step is Step.ANSWER else None
    return ClockState(status, running, paused, at, answered, step in (Step.ANSWER, Step.CLOSE))


def due_at(state: ClockState, target: timedelta) -> datetime | None:
    """When the clock, running on from its last step, passes `target`; None while it is paused or stopped
    (then whether it is past its target is in its stored time alone)."""
    if state.is_stopped or state.status is Status.CLARIFICATION_REQUESTED:
        return None
    return state.mark + (target - state.running)


def reading_at(state: ClockState, now: datetime) -> Reading:
    """The clock at `now`: a running clock has run on since its last step, a paused one has waited."""
    running, paused = state.running, state.paused
    if not state.is_stopped:
        stretch = max(now - state.mark, timedelta())
        if state.status is Status.CLARIFICATION_REQUESTED:
            paused += stretch
        else:
            running += stretch
    return Reading(running, paused, state.first_answer_at, state.status, state.is_stopped)


def read_clock(events: Sequence[Event], now: datetime) -> Reading:
    """Replay the steps (in time order; each checked against the pipeline) into the clock at `now`."""
    ordered = sorted(events, key=lambda e: e.at)
    if not ordered or ordered[0].step is not Step.SEND:
        raise StepNotAllowedError("an inquiry's clock starts when it is sent: no send step")
    state = started(ordered[0].at)
    for event in ordered[1:]:
        state = advance(state, event.step, event.at)
    return reading_at(state, now)
