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
from dataclasses import dataclass
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
        now = status.value if status is not None else "not sent"
        raise StepNotAllowedError(f"cannot {step.value.replace('_', ' ')} an inquiry that is {now}") from None


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


def read_clock(events: Sequence[Event], now: datetime) -> Reading:
    """Replay the steps (in time order; each checked against the pipeline) into the clock at `now`."""
    status: Status | None = None
    running = paused = timedelta()
    mark: datetime | None = None  # since when the current stretch (running or paused) lasts
    answered_at: datetime | None = None
    stopped = False
    for event in sorted(events, key=lambda e: e.at):
        before, status = status, next_status(status, event.step)
        if before is None:
            mark = event.at
            continue
        if stopped or mark is None:
            continue
        stretch = max(event.at - mark, timedelta())
        if before is Status.CLARIFICATION_REQUESTED:
            paused += stretch
        else:
            running += stretch
        mark = event.at
        if event.step is Step.ANSWER:
            answered_at, stopped = event.at, True
        elif event.step is Step.CLOSE:
            stopped = True
    if status is None:
        raise StepNotAllowedError("an inquiry's clock starts when it is sent: no send step")
    if not stopped and mark is not None:
        stretch = max(now - mark, timedelta())
        if status is Status.CLARIFICATION_REQUESTED:
            paused += stretch
        else:
            running += stretch
    return Reading(running, paused, answered_at, status, stopped)
