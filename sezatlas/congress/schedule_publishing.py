"""Scheduling an event while the caller waits, and re-scheduling it: each run published as a new version.

The read ends before solving (the solver may take minutes and needs no database state), and the result is
written in its own transaction, so an interrupted run publishes nothing. Only the event's organiser (or
the secretariat) schedules; the organiser page queues a run instead (`schedule_jobs.py`), which a worker
solves and publishes with the same functions. Only they read the dashboard (`organiser_dashboard`) and the
organiser's page (`organiser_overview`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

from sqlalchemy.orm import Session

from sezatlas.accounts.audit import record
from sezatlas.accounts.roles import Actor, may_organise, require
from sezatlas.congress.dashboard import Dashboard, build_dashboard
from sezatlas.congress.events import NotAParticipantError
from sezatlas.congress.files.event_file import EventConfig
from sezatlas.congress.meeting_requests import requests_seen_by
from sezatlas.congress.model import Participant
from sezatlas.congress.scheduling.solve import Method, ScheduleResult, schedule_event
from sezatlas.congress.scheduling.solve import reschedule as repair_schedule
from sezatlas.congress.storage.events import list_participants, load_event, set_available_slots
from sezatlas.congress.storage.published import dashboard_for, require_schedule
from sezatlas.congress.storage.requests import StoredRequest
from sezatlas.congress.storage.schedules import (
    PublishedSchedule,
    latest_schedule,
    load_congress,
    save_schedule,
)

Progress = Callable[[str, float], None]


def publish_schedule(
    session: Session,
    actor: Actor,
    event_id: str,
    *,
    time_limit: float,
    method: Method = "auto",
    seed: int = 1,
    started_from: str | None = None,
    progress: Progress | None = None,
) -> PublishedSchedule:
    """Schedule the accepted meetings and publish the result as the event's next version, while the caller
    waits (the CLI; the organiser page queues a job instead, `request_schedule_job`).

    The read ends before solving (the solver may take minutes and needs no database state), and the
    result is written in its own transaction, so an interrupted run publishes nothing. The organiser's."""
    load_event(session, event_id)
    require(actor, may_organise(actor, event_id), f"schedule event {event_id}")
    parameters = schedule_parameters(time_limit, method, seed, started_from)
    result = solve_accepted(
        session, event_id, time_limit=time_limit, method=method, seed=seed, progress=progress
    )
    return publish_result(session, actor, event_id, result, parameters)


def schedule_parameters(
    time_limit: float, method: Method, seed: int, started_from: str | None
) -> dict[str, object]:
    """The run's parameters as the published version (and a queued job) records them."""
    parameters: dict[str, object] = {"time_limit": time_limit, "method": method, "seed": seed}
    if started_from is not None:
        parameters["started_from"] = started_from
    return parameters


def solve_accepted(
    session: Session,
    event_id: str,
    *,
    time_limit: float,
    method: Method,
    seed: int,
    progress: Progress | None,
) -> ScheduleResult:
    """Read the event, end the read, then solve: no transaction stays open while the solver runs.
    Checks no permission: its callers (`publish_schedule`, a queued job) did."""
    congress = load_congress(session, event_id)
    session.rollback()
    return schedule_event(
        congress.participants,
        congress.config.event,
        congress.requests,
        time_limit=time_limit,
        method=method,
        seed=seed,
        progress=progress,
    )


def publish_result(
    session: Session,
    actor: Actor,
    event_id: str,
    result: ScheduleResult,
    parameters: dict[str, object],
    *,
    before_commit: Callable[[PublishedSchedule], None] | None = None,
) -> PublishedSchedule:
    """Save the result as the event's next version and audit it, in one transaction (`before_commit` adds
    to it: a job's end). Checks no permission: its callers did."""
    published = save_schedule(session, event_id, result, parameters)
    facts = {"version": published.version, "method": published.method, "meetings": published.report.meetings}
    record(session, actor, "publish", "congress_schedule", f"{event_id}/{published.version}", after=facts)
    if before_commit is not None:
        before_commit(published)
    session.commit()
    return published


@dataclass(frozen=True)
class Rescheduled:
    published: PublishedSchedule
    based_on: int
    moved: int


def reschedule(
    session: Session,
    actor: Actor,
    event_id: str,
    *,
    cancelled: Sequence[str] = (),
    late: Mapping[str, int] | None = None,
    from_slot: int = 0,
    time_limit: float = 30.0,
    seed: int = 1,
) -> Rescheduled:
    """Repair the latest schedule after cancellations (no slot left) and late arrivals (slots from their
    arrival on), moving as few meetings as possible; the changed availability is stored with it."""
    load_event(session, event_id)
    require(actor, may_organise(actor, event_id), f"re-schedule event {event_id}")
    arrivals = dict(late or {})
    congress = load_congress(session, event_id)
    previous = require_schedule(session, event_id)
    session.rollback()
    people = {p.participant_id: p for p in congress.participants}
    unknown = [pid for pid in [*cancelled, *arrivals] if pid not in people]
    if unknown:
        raise NotAParticipantError(f"not participants of {event_id}: {', '.join(unknown)}")
    for pid in cancelled:
        people[pid] = replace(people[pid], available_slots=frozenset())
    for pid, slot in arrivals.items():
        people[pid] = replace(
            people[pid], available_slots=frozenset(t for t in people[pid].available_slots if t >= slot)
        )
    participants = [people[p.participant_id] for p in congress.participants]
    result = repair_schedule(
        previous.schedule,
        participants,
        congress.config.event,
        congress.requests,
        from_slot=from_slot,
        time_limit=time_limit,
        seed=seed,
    )
    parameters: dict[str, object] = {
        "based_on": previous.version,
        "cancelled": sorted(cancelled),
        "late": arrivals,
        "from_slot": from_slot,
        "time_limit": time_limit,
    }
    for pid in [*cancelled, *arrivals]:
        set_available_slots(session, event_id, pid, people[pid].available_slots)
    return Rescheduled(
        publish_result(session, actor, event_id, result, parameters),
        previous.version,
        result.report.moved or 0,
    )


def organiser_dashboard(session: Session, actor: Actor, event_id: str) -> Dashboard:
    """The figures of the latest schedule (`NoScheduleError` before one is published): the organiser's,
    since its unmet requests say who asked whom and who declined."""
    load_event(session, event_id)
    require(actor, may_organise(actor, event_id), f"see the dashboard of event {event_id}")
    return dashboard_for(session, event_id)


@dataclass(frozen=True)
class OrganiserOverview:
    """What the organiser's page shows: the event, its participants, every request, and the latest schedule
    with its dashboard (both None before the first is published)."""

    config: EventConfig
    participants: list[Participant]
    requests: list[StoredRequest]
    published: PublishedSchedule | None
    dashboard: Dashboard | None


def organiser_overview(session: Session, actor: Actor, event_id: str) -> OrganiserOverview:
    """The organiser's page, whole: the organiser's (and the secretariat's) only, like the dashboard, since
    its requests and unmet requests say who asked whom and who declined (401 anonymous, 403 anyone else)."""
    config = load_event(session, event_id)
    require(actor, may_organise(actor, event_id), f"see the organiser's page of event {event_id}")
    participants = list_participants(session, event_id)
    published = latest_schedule(session, event_id)
    requests = requests_seen_by(session, actor, event_id)
    board = None
    if published is not None:
        board = build_dashboard(config, participants, published.schedule.meetings, published.report,
                                version=published.version)  # fmt: skip
    return OrganiserOverview(config, participants, requests, published, board)
