"""The job queue's reads and writes on the store (`store/jobs_tables.py`), on SQLite and PostgreSQL.

Claiming is the one step two workers may race for. PostgreSQL: `SELECT … FOR UPDATE SKIP LOCKED` picks
the oldest queued row no other transaction holds, so workers never wait for each other. SQLite: one
`UPDATE … WHERE job_id = (oldest queued) AND state = 'queued'` — SQLite runs one writer at a time, so
the statement that comes second finds the row no longer queued and claims nothing.

Every change a worker makes after claiming names the worker (`… AND worker = :me AND state = 'running'`):
a worker whose job was requeued because its heartbeat stopped (it hung, or the machine slept) learns that
it lost the job, and its late result is rolled back instead of being written twice.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, Update, func, select, text, update
from sqlalchemy.orm import Session

from sezatlas.jobs.model import ACTIVE_STATES, Job, JobState
from sezatlas.store.jobs_tables import JobRow
from sezatlas.store.models import utc_now

MAX_ATTEMPTS = 3  # claims of one job; a job whose worker stops this often is given up


class JobNotFoundError(LookupError):
    """A job id the store does not hold (or one the person asking may not see)."""


class JobLostError(RuntimeError):
    """This worker no longer holds the job: it was requeued after its heartbeat stopped."""


def as_job(row: JobRow) -> Job:
    return Job(
        job_id=row.job_id,
        kind=row.kind,
        subject=row.subject,
        state=JobState(row.state),
        progress=row.progress,
        message=row.message,
        params=dict(row.params or {}),
        result=dict(row.result) if row.result is not None else None,
        requested_by=row.requested_by,
        requested_by_name=row.requested_by_name,
        created_at=row.created_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        heartbeat_at=row.heartbeat_at,
        worker=row.worker,
        attempts=row.attempts,
    )


def get_job(session: Session, job_id: int) -> Job:
    row = session.get(JobRow, job_id, populate_existing=True)
    if row is None:
        raise JobNotFoundError(f"job {job_id} not found")
    return as_job(row)


def _of_subject(kind: str, subject: str) -> Select[JobRow]:
    return select(JobRow).where(JobRow.kind == kind, JobRow.subject == subject)


def latest_job(session: Session, kind: str, subject: str) -> Job | None:
    row = session.scalars(_of_subject(kind, subject).order_by(JobRow.job_id.desc()).limit(1)).first()
    return as_job(row) if row is not None else None


def active_job(session: Session, kind: str, subject: str) -> Job | None:
    """The subject's queued or running job of this kind, if any (there is at most one, see `add_job`)."""
    query = _of_subject(kind, subject).where(JobRow.state.in_([s.value for s in ACTIVE_STATES]))
    row = session.scalars(query.order_by(JobRow.job_id).limit(1)).first()
    return as_job(row) if row is not None else None


def lock_subject(session: Session, kind: str, subject: str) -> None:
    """Make this transaction the only one adding a job of this kind and subject until it ends.

    Two requests at once would both find no active job and both add one. SQLite: take the write lock
    before the read (`BEGIN IMMEDIATE`; the session must not have written yet). PostgreSQL: a
    transaction-level advisory lock on the pair, which nothing else waits for.
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("BEGIN IMMEDIATE"))
    else:
        key = func.hashtextextended(f"{kind}\x1f{subject}", 0)
        session.execute(select(func.pg_advisory_xact_lock(key)))


def add_job(
    session: Session,
    kind: str,
    subject: str,
    params: Mapping[str, object],
    *,
    requested_by: int | None,
    requested_by_name: str,
) -> Job:
    """Queue a job (flushed, not committed: the caller commits it with its audit row)."""
    row = JobRow(
        kind=kind,
        subject=subject,
        state=JobState.QUEUED.value,
        progress=0.0,
        params=dict(params),
        requested_by=requested_by,
        requested_by_name=requested_by_name,
        created_at=utc_now(),
    )
    session.add(row)
    session.flush()
    return as_job(row)


def _oldest_queued() -> Select[int]:
    queued = JobRow.state == JobState.QUEUED.value
    return select(JobRow.job_id).where(queued).order_by(JobRow.created_at, JobRow.job_id).limit(1)


def has_queued_job(session: Session) -> bool:
    """A read only: workers poll with it and take a writer's lock only when there is work."""
    return session.execute(_oldest_queued()).first() is not None


def claim_job(session: Session, worker: str) -> Job | None:
    """Mark the oldest queued job as running by `worker` and return it (committed), or None."""
    now = utc_now()
    running = {"state": JobState.RUNNING.value, "worker": worker, "started_at": now, "heartbeat_at": now,
               "attempts": JobRow.attempts + 1}  # fmt: skip
    if session.get_bind().dialect.name == "postgresql":
        job_id = session.scalar(_oldest_queued().with_for_update(skip_locked=True))
        if job_id is None:
            session.rollback()
            return None
        session.execute(update(JobRow).where(JobRow.job_id == job_id).values(running))
    else:
        claim = (
            update(JobRow)
            .where(JobRow.job_id == _oldest_queued().scalar_subquery())
            .where(JobRow.state == JobState.QUEUED.value)
            .values(running)
            .returning(JobRow.job_id)
        )
        job_id = session.scalar(claim)
        if job_id is None:
            session.rollback()
            return None
    session.commit()
    return get_job(session, job_id)


def _held_by(job_id: int, worker: str) -> Update:
    return update(JobRow).where(
        JobRow.job_id == job_id, JobRow.worker == worker, JobRow.state == JobState.RUNNING.value
    )


def beat(session: Session, job_id: int, worker: str, *, progress: float | None = None,
         message: str | None = None) -> bool:  # fmt: skip
    """Write the heartbeat (and progress, when given) and commit; False: the worker lost the job."""
    values: dict[str, object] = {"heartbeat_at": utc_now()}
    if progress is not None:
        values["progress"] = progress
    if message is not None:
        values["message"] = message
    changed = session.execute(_held_by(job_id, worker).values(values).returning(JobRow.job_id)).first()
    session.commit()
    return changed is not None


def finish_job(
    session: Session,
    job_id: int,
    worker: str,
    *,
    state: JobState,
    message: str,
    result: Mapping[str, object] | None = None,
) -> None:
    """Record how the job ended, in the caller's transaction (so a result and its job commit together).

    Raises `JobLostError` when the worker no longer holds the job; the caller then rolls back.
    """
    values = {
        "state": state.value,
        "message": message,
        "result": dict(result) if result is not None else None,
        "finished_at": utc_now(),
        "progress": 1.0 if state is JobState.DONE else JobRow.progress,
    }
    changed = session.execute(_held_by(job_id, worker).values(values).returning(JobRow.job_id)).first()
    if changed is None:
        raise JobLostError(f"job {job_id} is no longer held by {worker}")


def stale_jobs(session: Session, older_than: datetime) -> list[int]:
    """Running jobs whose last heartbeat is older than `older_than` (a read, to poll cheaply)."""
    stale = (JobRow.state == JobState.RUNNING.value) & (JobRow.heartbeat_at < older_than)
    return list(session.scalars(select(JobRow.job_id).where(stale).order_by(JobRow.job_id)))


@dataclass(frozen=True, slots=True)
class StaleJobs:
    requeued: list[int]
    given_up: list[int]  # their worker stopped MAX_ATTEMPTS times: failed, not run again


def requeue_stale(session: Session, timeout: timedelta) -> StaleJobs:
    """Queue again the running jobs whose worker stopped beating for `timeout` (killed), or fail those
    that have had MAX_ATTEMPTS workers stop under them (a job that kills its worker would otherwise be
    queued again for ever); committed."""
    now = utc_now()
    stale = (JobRow.state == JobState.RUNNING.value) & (JobRow.heartbeat_at < now - timeout)
    given_up = {
        "state": JobState.FAILED.value,
        "finished_at": now,
        "message": f"given up: the worker running it stopped answering {MAX_ATTEMPTS} times",
    }
    failed = session.scalars(
        update(JobRow)
        .where(stale & (JobRow.attempts >= MAX_ATTEMPTS))
        .values(given_up)
        .returning(JobRow.job_id)
    )
    failed_ids = sorted(failed)
    requeued = {
        "state": JobState.QUEUED.value,
        "worker": None,
        "started_at": None,
        "heartbeat_at": None,
        "progress": 0.0,
        "message": "queued again: the worker that ran it stopped answering",
    }
    ids = list(session.scalars(update(JobRow).where(stale).values(requeued).returning(JobRow.job_id)))
    session.commit()
    return StaleJobs(sorted(ids), failed_ids)
