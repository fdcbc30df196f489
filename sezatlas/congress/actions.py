"""What people do with the Congress: import an event, request and answer meetings, schedule, reschedule.

One function per use case; the CLI (`congress/cli.py`), the API (`web/congress_api.py`) and the pages
(`web/pages/congress_page.py`, `organiser_page.py`) parse input, call one of these and render what it
returns. Each function holds its rule once (who may answer a request, what a schedule run publishes)
and commits its own unit of work; domain errors (`CongressNotFoundError`, `RequestConflictError`,
`NotAParticipantError`, …) say what is wrong, and each adapter renders them in its own way.

Import: every file is read and checked before the database is touched, and all their problems are reported
together (file, row, field, reason, as the registry import does), so one round of fixes suffices.
Then the event, the participants and the requests are written in one transaction: a rejected file, a
dry run or a crash half-way leave the store as it was. Re-importing updates by id; an answer given in
the app is never reset to "pending" by an older requests file, nor availability the organiser edited while
re-scheduling by the participants file (unless `replace_edits`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.roles import Actor, may_act_as_participant, may_organise, require
from sezatlas.congress.files.event_file import EventConfig, EventFileError, read_event_file
from sezatlas.congress.files.participants import read_participants, read_requests
from sezatlas.congress.model import MeetingRequest, Participant
from sezatlas.congress.scheduling.solve import Method, ScheduleResult, schedule_event
from sezatlas.congress.scheduling.solve import reschedule as repair_schedule
from sezatlas.congress.storage.events import (
    CongressNotFoundError,
    Counts,
    ParticipantCounts,
    default_event_id,
    get_participant,
    load_event,
    participant_ids,
    save_event,
    set_available_slots,
    upsert_participants,
)
from sezatlas.congress.storage.published import require_schedule
from sezatlas.congress.storage.requests import (
    StoredRequest,
    answer_request,
    create_request,
    find_request,
    get_request,
    mark_must_meet,
    upsert_requests,
)
from sezatlas.congress.storage.schedules import (
    PublishedSchedule,
    last_scheduled_slot,
    load_congress,
    save_schedule,
)
from sezatlas.jobs.kinds import CONGRESS_SCHEDULE
from sezatlas.jobs.model import Job
from sezatlas.jobs.queue import JobNotFoundError, active_job, add_job, get_job, latest_job, lock_subject
from sezatlas.jobs.worker import JobRun, requester
from sezatlas.standard.plurals import counted
from sezatlas.store.database import session_factory
from sezatlas.tabular.report import ImportRejected, Problem


class CongressImportRejected(Exception):  # noqa: N818 -- named like the registry's ImportRejected
    """At least one file has a bad value; nothing was written."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{counted(len(problems), 'problem')}, nothing was written\n{self.format()}")

    def format(self) -> str:
        return "\n".join(problem.format() for problem in self.problems)


@dataclass(frozen=True)
class CongressImportResult:
    event_id: str
    is_new_event: bool
    slot_count: int
    participants: ParticipantCounts
    requests: Counts | None
    dry_run: bool


@dataclass
class _Read:
    config: EventConfig | None = None
    participants: list[Participant] | None = None
    requests: list[MeetingRequest] | None = None


def import_congress(
    engine: Engine,
    event_path: Path,
    participants_path: Path,
    requests_path: Path | None = None,
    *,
    dry_run: bool = False,
    replace_edits: bool = False,
    actor: Actor | None = None,
) -> CongressImportResult:
    """Validate the files and write them; raises `CongressImportRejected` (nothing written) on any problem.

    Availability the organiser edited while re-scheduling is kept against the file's unless
    `replace_edits` (`result.participants.kept_edits` names whose was kept).
    Only the secretariat or the event's organiser imports (the command line acts as the secretariat)."""
    actor = actor or Actor.command_line()
    problems: list[Problem] = []
    read = _Read()
    try:
        read.config = read_event_file(event_path)
    except EventFileError as error:
        problems += [Problem(error.file, None, p.key, None, p.reason) for p in error.problems]
    slot_count = read.config.event.slot_count if read.config else None
    try:
        read.participants = read_participants(participants_path, slot_count)
    except ImportRejected as rejected:
        problems += rejected.report.problems
    with session_factory(engine)() as session:
        if requests_path is not None and read.participants is not None:
            known = {p.participant_id for p in read.participants}
            if read.config is not None:
                known |= participant_ids(session, read.config.event_id)
            try:
                read.requests = read_requests(requests_path, known)
            except ImportRejected as rejected:
                problems += rejected.report.problems
        if read.config is not None:
            problems += _slots_kept(session, read.config, event_path.name)
        if problems or read.config is None or read.participants is None:
            raise CongressImportRejected(problems)
        require(actor, may_organise(actor, read.config.event_id), f"import event {read.config.event_id}")
        result = _write(
            session, read.config, read.participants, read.requests, event_path.name, dry_run, replace_edits
        )
        counts = {"participants": asdict(result.participants), "is_new_event": result.is_new_event}
        record(session, actor, "import", "congress_event", result.event_id, after=counts)
        if dry_run:
            session.rollback()
        else:
            session.commit()
    return result


def _slots_kept(session: Session, config: EventConfig, file: str) -> list[Problem]:
    """Published agendas refer to slots by number, so an updated event must keep every slot they use."""
    last = last_scheduled_slot(session, config.event_id)
    if last is None or last < config.event.slot_count:
        return []
    reason = (
        f"{config.event.slot_count} slots, but a published schedule of {config.event_id} has meetings "
        f"in slot {last}; keep at least {last + 1} slots"
    )
    return [Problem(file, None, "sessions", None, reason)]


def _write(
    session: Session,
    config: EventConfig,
    participants: list[Participant],
    requests: list[MeetingRequest] | None,
    source: str,
    dry_run: bool,
    replace_edits: bool,
) -> CongressImportResult:
    is_new = save_event(session, config, source=source)
    people = upsert_participants(session, config.event_id, participants, replace_edits=replace_edits)
    asked = upsert_requests(session, config.event_id, requests) if requests is not None else None
    return CongressImportResult(config.event_id, is_new, config.event.slot_count, people, asked, dry_run)


class NotAParticipantError(ValueError):
    """An id that is not a participant of the event, given where a participant is expected."""


Progress = Callable[[str, float], None]


def event_or_latest(session: Session, event_id: str | None) -> str:
    """The event named, checked to exist; or, when none is named, the most recently imported one."""
    if event_id is None:
        return default_event_id(session)
    load_event(session, event_id)
    return event_id


def request_meeting(
    session: Session,
    actor: Actor,
    event_id: str,
    requester: str,
    target: str,
    *,
    is_must_meet: bool = False,
    organiser_priority: float = 0.0,
    context: RequestContext | None = None,
) -> StoredRequest:
    """`requester` asks `target` for a meeting; it is pending until `target` answers.

    Only the requester themself (or the organiser) asks; must-meet and priority are the organiser's.
    Refused when either is not a participant (`NotAParticipantError`), when it was asked before, is to
    oneself or the pair is blocked (`RequestConflictError`, without saying who blocked whom)."""
    load_event(session, event_id)  # an unknown event is a 404 for anyone: the list of events is public
    require(actor, may_act_as_participant(actor, event_id, requester), f"ask for a meeting as {requester}")
    if is_must_meet or organiser_priority:
        require(actor, may_organise(actor, event_id), "set is_must_meet or organiser_priority")
    known = participant_ids(session, event_id)
    for role, participant_id in (("requester", requester), ("target", target)):
        if participant_id not in known:
            raise NotAParticipantError(f"{role}: {participant_id} is not a participant of event {event_id}")
    stored = create_request(
        session, event_id, requester, target, is_must_meet=is_must_meet, organiser_priority=organiser_priority
    )
    record(session, actor, "create", "meeting_request", str(stored.request_id), after=_request_facts(stored),
           context=context)  # fmt: skip
    session.commit()
    return stored


def _request_facts(stored: StoredRequest) -> dict[str, object]:
    r = stored.request
    return {
        "event_id": stored.event_id,
        "requester": r.requester,
        "target": r.target,
        "status": r.status.value,
        "is_must_meet": r.is_must_meet,
        "organiser_priority": r.organiser_priority,
    }


def answer_meeting_request(
    session: Session,
    actor: Actor,
    event_id: str,
    request_id: int,
    *,
    accept: bool,
    answered_by: str | None = None,
    context: RequestContext | None = None,
) -> StoredRequest:
    """The target accepts or declines; a request is answered once (`RequestConflictError` after that).

    `answered_by`, when given, must be the request's target: a participant answers only what was asked
    of them, and any other request is, for them, not found."""
    load_event(session, event_id)
    if answered_by is not None:
        get_participant(session, event_id, answered_by)
    asked = get_request(session, event_id, request_id)
    if asked is None or answered_by not in (None, asked.request.target):
        whom = f" to {answered_by}" if answered_by is not None else ""
        raise CongressNotFoundError(f"request {request_id}{whom} of event {event_id} not found")
    target = asked.request.target
    require(actor, may_act_as_participant(actor, event_id, target), f"answer a request to {target}")
    stored = answer_request(session, event_id, request_id, accept=accept)
    record(session, actor, "answer", "meeting_request", str(request_id), before=_request_facts(asked),
           after=_request_facts(stored), context=context)  # fmt: skip
    session.commit()
    return stored


def answer_meeting_between(
    session: Session, actor: Actor, event_id: str, requester: str, target: str, *, accept: bool
) -> StoredRequest:
    """`target` answers the request `requester` made to them (the CLI names the pair, not the id)."""
    found = find_request(session, event_id, requester, target)
    if found is None:
        raise CongressNotFoundError(f"{requester} has not asked {target} (see `sezatlas congress request`)")
    return answer_meeting_request(session, actor, event_id, found.request_id, accept=accept)


def make_must_meet(
    session: Session,
    actor: Actor,
    event_id: str,
    first: str,
    second: str,
    organiser_priority: float | None = None,
) -> StoredRequest:
    """The organiser makes two participants' meeting a priority (consent collected out of band)."""
    require(actor, may_organise(actor, event_id), "make a must-meet")
    load_event(session, event_id)
    stored = mark_must_meet(session, event_id, first, second, organiser_priority)
    record(
        session, actor, "must-meet", "meeting_request", str(stored.request_id), after=_request_facts(stored)
    )
    session.commit()
    return stored


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
    parameters = _schedule_parameters(time_limit, method, seed, started_from)
    result = _solve(session, event_id, time_limit=time_limit, method=method, seed=seed, progress=progress)
    return _publish(session, actor, event_id, result, parameters)


def _schedule_parameters(
    time_limit: float, method: Method, seed: int, started_from: str | None
) -> dict[str, object]:
    parameters: dict[str, object] = {"time_limit": time_limit, "method": method, "seed": seed}
    if started_from is not None:
        parameters["started_from"] = started_from
    return parameters


def _solve(
    session: Session,
    event_id: str,
    *,
    time_limit: float,
    method: Method,
    seed: int,
    progress: Progress | None,
) -> ScheduleResult:
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


def _publish(
    session: Session,
    actor: Actor,
    event_id: str,
    result: ScheduleResult,
    parameters: dict[str, object],
    *,
    before_commit: Callable[[PublishedSchedule], None] | None = None,
) -> PublishedSchedule:
    published = save_schedule(session, event_id, result, parameters)
    facts = {"version": published.version, "method": published.method, "meetings": published.report.meetings}
    record(session, actor, "publish", "congress_schedule", f"{event_id}/{published.version}", after=facts)
    if before_commit is not None:
        before_commit(published)
    session.commit()
    return published


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
    parameters = _schedule_parameters(time_limit, method, seed, started_from)
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
    parameters = _schedule_parameters(time_limit, method, seed, str(started_from) if started_from else None)

    def report(stage: str, value: float) -> None:
        run.note(f"solving ({stage}): best value so far {value:,.1f}")

    with session_factory(engine)() as session:
        run.enter("reading")
        load_event(session, event_id)
        session.rollback()
        run.enter("solving")
        result = _solve(session, event_id, time_limit=time_limit, method=method, seed=seed, progress=report)
        run.enter("publishing")

        def finish(published: PublishedSchedule) -> None:
            figures = published.report
            message = f"version {published.version} published: {counted(figures.meetings, 'meeting')}"
            run.finish_in(session, message, {
                "version": published.version, "method": published.method, "meetings": figures.meetings,
                "objective": figures.objective, "upper_bound": figures.upper_bound, "gap": figures.gap,
                "seconds": figures.seconds,
            })  # fmt: skip

        _publish(session, requester(job), event_id, result, parameters, before_commit=finish)


def _method(name: str) -> Method:
    methods: tuple[Method, ...] = ("auto", "exact", "lns", "greedy", "fcfs")
    for method in methods:
        if method == name:
            return method
    raise ValueError(f"unknown scheduling method {name!r} (one of {', '.join(methods)})")


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
        _publish(session, actor, event_id, result, parameters), previous.version, result.report.moved or 0
    )
