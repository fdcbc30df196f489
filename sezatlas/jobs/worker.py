"""The worker: threads that claim queued jobs, run them, beat while they run, and record how they ended.

`sezatlas serve` starts them with the app (`web/app.py`'s lifespan; `SEZATLAS_JOB_WORKERS`, 0 for
none) and stops them with it. Each worker polls the store every `poll_s` with a read (a writer's lock
is taken only when there is work) and is woken at once when its own process queues a job. Several
processes may run workers on one database: claiming is atomic (`queue.claim_job`).

While a job runs, a second thread writes its heartbeat every `heartbeat_s`, whatever the job is doing
(a solver holds the runner's thread for up to its time limit). A job whose heartbeat is older than
`stale_after_s` was left by a worker that died (`kill -9`, a crash of the machine): any worker queues it
again, and it runs from the start. Runners make that safe by recording their result and the job's end in
one transaction (`JobRun.finish_in`), which only the worker holding the job can commit.
"""

import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from sezatlas.accounts.audit import record
from sezatlas.accounts.roles import Actor
from sezatlas.jobs.kinds import KINDS, JobKind
from sezatlas.jobs.model import Job, JobState
from sezatlas.jobs.queue import (
    MAX_ATTEMPTS,
    JobLostError,
    beat,
    claim_job,
    finish_job,
    get_job,
    has_queued_job,
    requeue_stale,
    stale_jobs,
)
from sezatlas.store.database import session_factory
from sezatlas.store.models import utc_now

logger = logging.getLogger(__name__)
NOTE_EVERY_S = 0.5  # a solver reports many improvements a second; the store gets at most two of them
INTERNAL_ERROR = "internal error; the server log has the details"


def requester(job: Job) -> Actor:
    """Who the job acts for in the audit trail: the person who asked for it (checked when it was queued)."""
    return Actor(person_id=job.requested_by, name=job.requested_by_name)


@dataclass
class JobRun:
    """What a runner does with the job it runs: say which stage it is in, and record its end."""

    sessions: sessionmaker[Session]
    job: Job
    worker: str
    kind: JobKind
    is_finished: bool = False
    is_lost: bool = False
    _last_note: float = field(default=0.0, repr=False)

    def enter(self, stage: str, message: str | None = None) -> None:
        """The runner starts `stage` (one of its kind's stages); raises `JobLostError` if it lost the job."""
        progress = self.kind.stages.index(stage) / len(self.kind.stages)
        self._write(progress=progress, message=message or stage)

    def note(self, message: str) -> None:
        """A line about the current stage (e.g. the best value found so far), at most every 0.5 s."""
        now = time.monotonic()
        if now - self._last_note >= NOTE_EVERY_S:
            self._last_note = now
            self._write(message=message)

    def _write(self, *, progress: float | None = None, message: str | None = None) -> None:
        with self.sessions() as session:
            if not beat(session, self.job.job_id, self.worker, progress=progress, message=message):
                self.is_lost = True
        if self.is_lost:
            raise JobLostError(f"job {self.job.job_id} is no longer held by {self.worker}")

    def finish_in(
        self,
        session: Session,
        message: str,
        result: Mapping[str, object],
        *,
        state: JobState = JobState.DONE,
    ) -> None:
        """Record the job's end in `session`'s transaction, with its audit row; the runner then commits.

        `state` FAILED is for work that ended as a failure it records itself (a harvest run that failed
        keeps its report), so the job's list does not say "done" over a failed run."""
        finish_job(session, self.job.job_id, self.worker, state=state, message=message, result=result)
        _audit_end(session, self.job, state, message)
        self.is_finished = True


Runner = Callable[[Engine, Job, JobRun], None]
Periodic = Callable[[Engine], object]
"""Work a worker does every `periodic_s` before looking for jobs: queue the scheduled ones (harvests)."""


def _audit_end(session: Session, job: Job, state: JobState, message: str) -> None:
    facts = {"kind": job.kind, "subject": job.subject, "state": state.value, "message": message}
    record(session, requester(job), "finish", "job", str(job.job_id), after=facts)


def failure_message(error: Exception) -> str:
    """A refusal a person can act on (an event deleted meanwhile) is shown; a bug is logged, not shown."""
    if isinstance(error, LookupError | ValueError | PermissionError):
        return str(error)
    return INTERNAL_ERROR


def worker_name(number: int) -> str:
    return f"{socket.gethostname()[:40]}:{os.getpid()}:{number}"


class JobWorker:
    """One thread that runs jobs, one at a time."""

    def __init__(
        self,
        engine: Engine,
        runners: Mapping[str, Runner],
        *,
        name: str | None = None,
        poll_s: float = 1.0,
        heartbeat_s: float = 5.0,
        stale_after_s: float = 60.0,
        periodic: Sequence[Periodic] = (),
        periodic_s: float = 60.0,
    ) -> None:
        self.engine = engine
        self.runners = dict(runners)
        self.periodic = tuple(periodic)
        self.periodic_s = periodic_s
        self._periodic_at = -periodic_s  # monotonic time of the last periodic round: the first is at once
        self.name = name or worker_name(1)
        self.poll_s = poll_s
        self.heartbeat_s = heartbeat_s
        self.stale_after = timedelta(seconds=stale_after_s)
        self.sessions = session_factory(engine)
        self._stopping = threading.Event()
        self._woken = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name=f"job-worker {self.name}", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Look for work now (a job was just queued by this process)."""
        self._woken.set()

    def stop(self, timeout_s: float = 5.0) -> None:
        """Stop after the current job; a job still running at `timeout_s` is requeued by its heartbeat."""
        self._stopping.set()
        self._woken.set()
        if self._thread is not None:
            self._thread.join(timeout_s)

    def _loop(self) -> None:
        failures = 0
        while not self._stopping.is_set():
            try:
                job = self.run_next()
                failures = 0
            except SQLAlchemyError as error:  # the database away, or not migrated yet: try again later
                failures += 1
                if failures == 1:
                    logger.warning("job worker %s: the store cannot answer: %s", self.name, error)
                job = None
            if job is None:
                self._woken.wait(self.poll_s * min(30, 2 ** min(failures, 5)))
                self._woken.clear()

    def run_periodic(self) -> None:
        """Queue scheduled work, at most every `periodic_s` (a failing task is logged, the rest still run)."""
        if not self.periodic or time.monotonic() - self._periodic_at < self.periodic_s:
            return
        self._periodic_at = time.monotonic()
        for task in self.periodic:
            try:
                task(self.engine)
            except SQLAlchemyError:
                raise  # the store is away: the loop backs off
            except Exception:
                logger.exception("job worker %s: periodic task %s failed", self.name, task)

    def run_next(self) -> Job | None:
        """Requeue jobs left by dead workers, queue scheduled work, then run the oldest queued job;
        returns it as it ended."""
        self.run_periodic()
        with self.sessions() as session:
            if stale_jobs(session, utc_now() - self.stale_after):
                stale = requeue_stale(session, self.stale_after)
                for job_id in stale.requeued:
                    logger.warning("job %s queued again: its worker stopped beating", job_id)
                for job_id in stale.given_up:
                    logger.error("job %s given up: its worker stopped %s times", job_id, MAX_ATTEMPTS)
                    given_up = get_job(session, job_id)
                    _audit_end(session, given_up, JobState.FAILED, given_up.message or "given up")
                session.commit()
            is_waiting = has_queued_job(session)
            session.rollback()
            job = claim_job(session, self.name) if is_waiting else None
        return self.run(job) if job is not None else None

    def run(self, job: Job) -> Job | None:
        """Run a claimed job; None when the job was lost to another worker meanwhile."""
        kind, runner = KINDS.get(job.kind), self.runners.get(job.kind)
        if kind is None or runner is None:
            return self._fail(job, f"no runner for jobs of kind {job.kind}")
        run = JobRun(self.sessions, job, self.name, kind)
        with self._beating(run):
            try:
                runner(self.engine, job, run)
            except JobLostError:
                logger.warning("job %s: lost to another worker; its result was not written", job.job_id)
                return None
            except Exception as error:
                if failure_message(error) == INTERNAL_ERROR:
                    logger.exception("job %s (%s %s) failed", job.job_id, job.kind, job.subject)
                return self._fail(job, failure_message(error))
        if not run.is_finished:
            return self._fail(job, "the job ended without recording a result")
        with self.sessions() as session:
            return get_job(session, job.job_id)

    def _fail(self, job: Job, message: str) -> Job | None:
        with self.sessions() as session:
            try:
                finish_job(session, job.job_id, self.name, state=JobState.FAILED, message=message)
            except JobLostError:
                session.rollback()
                return None
            _audit_end(session, job, JobState.FAILED, message)
            session.commit()
            return get_job(session, job.job_id)

    @contextmanager
    def _beating(self, run: JobRun) -> Iterator[None]:
        done = threading.Event()

        def keep_beating() -> None:
            while not done.wait(self.heartbeat_s):
                try:
                    with self.sessions() as session:
                        if not beat(session, run.job.job_id, self.name):
                            run.is_lost = True
                            return
                except SQLAlchemyError as error:
                    logger.warning("job %s: heartbeat not written: %s", run.job.job_id, error)

        thread = threading.Thread(target=keep_beating, name=f"heartbeat {run.job.job_id}", daemon=True)
        thread.start()
        try:
            yield
        finally:
            done.set()
            thread.join()


@dataclass
class WorkerPool:
    """The workers of one server process, started and stopped with the app."""

    workers: list[JobWorker]

    @classmethod
    def of(
        cls,
        engine: Engine,
        runners: Mapping[str, Runner],
        count: int,
        *,
        poll_s: float = 1.0,
        periodic: Sequence[Periodic] = (),
    ) -> "WorkerPool":
        """`count` workers; the first also does the periodic work (one is enough: queuing is locked)."""
        names = [worker_name(number) for number in range(1, count + 1)]
        return cls([JobWorker(engine, runners, name=name, poll_s=poll_s,
                              periodic=periodic if number == 0 else ())
                    for number, name in enumerate(names)])  # fmt: skip

    def start(self) -> None:
        for worker in self.workers:
            worker.start()

    def wake(self) -> None:
        for worker in self.workers:
            worker.wake()

    def stop(self, timeout_s: float = 5.0) -> None:
        for worker in self.workers:
            worker.stop(timeout_s)
