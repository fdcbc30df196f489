"""Scheduler runs as background jobs: queue one for an event, look one up, and what the worker does with it.

Queuing is the organiser's (checked here, where the rule lives) and at most one run per event is queued or
running; the worker reads, solves and publishes with the functions of `schedule_publishing.py`, so a
queued run publishes exactly what `sezatlas congress schedule` would.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.roles import Actor, may_organise, require
from sezatlas.congress.schedule_publishing import publish_result, schedule_parameters, solve_accepted
from sezatlas.congress.scheduling.solve import Method
from sezatlas.congress.storage.events import load_event
from sezatlas.congress.storage.schedules import PublishedSchedule
from sezatlas.jobs.kinds import CONGRESS_SCHEDULE
from sezatlas.jobs.model import Job
from sezatlas.jobs.queue import JobNotFoundError, active_job, add_job, get_job, latest_job, lock_subject
from sezatlas.jobs.worker import JobRun, requester
from sezatlas.standard.plurals import counted
from sezatlas.store.database import session_factory


@dataclass(frozen=True)
class ScheduleJobRequest:
    job: Job
    is_new: bool  # False: a run of this event was already queued or running, and this is it


def request_schedule_job(
    session: Session,
    actor: Actor,
    event_id: str,
    *,
    time_limit: float,
    method: Method = "auto",
    seed: int = 1,
    started_from: str | None = None,
    context: RequestContext | None = None,
) -> ScheduleJobRequest:
    """Queue a scheduler run of the event and return at once; a worker solves and publishes it.

    At most one run per event is queued or running: asking again answers with that job (two organisers
    pressing the button get one new version, not two). The organiser's, checked here, when asked."""
    load_event(session, event_id)
    require(actor, may_organise(actor, event_id), f"schedule event {event_id}")
    session.rollback()  # the read is over: the lock below begins the writing transaction
    lock_subject(session, CONGRESS_SCHEDULE.name, event_id)
    running = active_job(session, CONGRESS_SCHEDULE.name, event_id)
    if running is not None:
        session.rollback()
        return ScheduleJobRequest(running, is_new=False)
    parameters = schedule_parameters(time_limit, method, seed, started_from)
    job = add_job(session, CONGRESS_SCHEDULE.name, event_id, parameters, requested_by=actor.person_id,
                  requested_by_name=actor.name)  # fmt: skip
    record(session, actor, "enqueue", "job", str(job.job_id),
           after={"kind": job.kind, "subject": event_id, "params": parameters}, context=context)  # fmt: skip
    session.commit()
    return ScheduleJobRequest(job, is_new=True)


def schedule_job(session: Session, actor: Actor, event_id: str, job_id: int | None = None) -> Job | None:
    """The event's scheduler run `job_id`, or its latest (None: never run); the organiser's to see."""
    load_event(session, event_id)
    require(actor, may_organise(actor, event_id), f"see the scheduler runs of event {event_id}")
    if job_id is None:
        return latest_job(session, CONGRESS_SCHEDULE.name, event_id)
    job = get_job(session, job_id)
    if job.kind != CONGRESS_SCHEDULE.name or job.subject != event_id:
        raise JobNotFoundError(f"job {job_id} of event {event_id} not found")
    return job


def run_schedule_job(engine: Engine, job: Job, run: JobRun) -> None:
    """What a worker does with a queued scheduler run: read, solve, publish (`CONGRESS_SCHEDULE.stages`).

    The new version and the job's end commit together, and only while this worker holds the job
    (`JobRun.finish_in`), so a run requeued after its worker died publishes once, not twice."""
    event_id, params = job.subject, job.params
    time_limit = float(str(params.get("time_limit", 15)))
    method = _method(str(params.get("method", "auto")))
    seed = int(str(params.get("seed", 1)))
    started_from = params.get("started_from")
    parameters = schedule_parameters(time_limit, method, seed, str(started_from) if started_from else None)

    def report(stage: str, value: float) -> None:
        run.note(f"solving ({stage}): best value so far {value:,.1f}")

    with session_factory(engine)() as session:
        run.enter("reading")
        load_event(session, event_id)
        session.rollback()
        run.enter("solving")
        result = solve_accepted(
            session, event_id, time_limit=time_limit, method=method, seed=seed, progress=report
        )
        run.enter("publishing")

        def finish(published: PublishedSchedule) -> None:
            figures = published.report
            message = f"version {published.version} published: {counted(figures.meetings, 'meeting')}"
            run.finish_in(session, message, {
                "version": published.version, "method": published.method, "meetings": figures.meetings,
                "objective": figures.objective, "upper_bound": figures.upper_bound, "gap": figures.gap,
                "seconds": figures.seconds,
            })  # fmt: skip

        publish_result(session, requester(job), event_id, result, parameters, before_commit=finish)


def _method(name: str) -> Method:
    methods: tuple[Method, ...] = ("auto", "exact", "lns", "greedy", "fcfs")
    for method in methods:
        if method == name:
            return method
    raise ValueError(f"unknown scheduling method {name!r} (one of {', '.join(methods)})")
