"""The job queue on the store (SQLite and PostgreSQL): a job is claimed once however many workers race
for it, a job whose worker died is queued again and runs to its end, and only once per event is a
scheduler run queued or running."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from sqlalchemy import Engine, func, select, update

from sezatlas.accounts.roles import Actor, Grant, NotAuthenticatedError, PermissionDeniedError, Role
from sezatlas.congress.schedule_jobs import request_schedule_job, run_schedule_job, schedule_job
from sezatlas.jobs.kinds import CONGRESS_SCHEDULE
from sezatlas.jobs.model import JobState
from sezatlas.jobs.queue import MAX_ATTEMPTS, JobLostError, add_job, claim_job, get_job, requeue_stale
from sezatlas.jobs.runners import RUNNERS
from sezatlas.jobs.worker import JobRun, JobWorker
from sezatlas.store.accounts_tables import AuditRow
from sezatlas.store.congress_tables import CongressScheduleRow
from sezatlas.store.database import session_factory
from sezatlas.store.jobs_tables import JobRow
from sezatlas.store.models import utc_now
from tests.jobs.running import run_queued_jobs
from tests.web.browser.congress_example import EVENT_ID, import_example

ORGANISER = Actor(person_id=1, name="organiser", grants=frozenset({Grant(Role.ORGANISER, EVENT_ID)}))
JOBS = 40


def queue_jobs(engine: Engine, count: int) -> list[int]:
    with session_factory(engine)() as session:
        ids = [add_job(session, CONGRESS_SCHEDULE.name, f"event-{n}", {}, requested_by=None,
                       requested_by_name="test").job_id for n in range(count)]  # fmt: skip
        session.commit()
    return ids


def versions(engine: Engine) -> list[int]:
    with session_factory(engine)() as session:
        query = select(CongressScheduleRow.version).where(CongressScheduleRow.event_id == EVENT_ID)
        return sorted(session.scalars(query))


def test_each_queued_job_is_claimed_by_exactly_one_of_two_racing_workers(empty_engine: Engine) -> None:
    queued = queue_jobs(empty_engine, JOBS)
    start = threading.Barrier(2)

    def claim_all(worker: str) -> list[int]:
        start.wait()
        claimed = []
        with session_factory(empty_engine)() as session:
            while (job := claim_job(session, worker)) is not None:
                assert job.state is JobState.RUNNING and job.worker == worker
                claimed.append(job.job_id)
        return claimed

    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(claim_all, ["worker-a", "worker-b"])
    assert sorted(first + second) == queued  # every job claimed, none twice
    assert not set(first) & set(second)


def test_two_workers_run_every_job_once_and_oldest_first(empty_engine: Engine) -> None:
    queued = queue_jobs(empty_engine, 12)
    ran: list[tuple[str, int]] = []

    def record_run(engine: Engine, job: object, run: JobRun) -> None:
        ran.append((run.worker, run.job.job_id))
        with session_factory(engine)() as session:
            run.finish_in(session, "ok", {})
            session.commit()

    workers = [JobWorker(empty_engine, {CONGRESS_SCHEDULE.name: record_run}, name=f"w{n}") for n in (1, 2)]
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda w: [None for _ in iter(w.run_next, None)], workers))
    assert sorted(job_id for _, job_id in ran) == queued
    with session_factory(empty_engine)() as session:
        states = set(session.scalars(select(JobRow.state)))
    assert states == {"done"}


def test_a_job_left_by_a_killed_worker_is_queued_again_and_runs_to_a_published_version(
    empty_engine: Engine,
) -> None:
    import_example(empty_engine)
    with session_factory(empty_engine)() as session:
        job = request_schedule_job(session, ORGANISER, EVENT_ID, time_limit=5).job
        claimed = claim_job(session, "killed-worker")  # claimed, then killed: no heartbeat ever again
    assert claimed is not None and claimed.job_id == job.job_id
    worker = JobWorker(empty_engine, RUNNERS, name="survivor", stale_after_s=0.5)
    assert worker.run_next() is None  # its heartbeat is fresh: the job is left alone
    time.sleep(0.6)

    finished = worker.run_next()

    assert finished is not None and finished.job_id == job.job_id and finished.state is JobState.DONE
    assert finished.worker == "survivor" and finished.result is not None and finished.result["version"] == 1
    assert finished.result["meetings"] == 4 and 0 <= float(str(finished.result["gap"])) <= 1
    assert versions(empty_engine) == [1]


def test_a_worker_that_lost_its_job_publishes_nothing(empty_engine: Engine) -> None:
    """A hung worker whose job was requeued and run by another must not publish a second version."""
    import_example(empty_engine)
    with session_factory(empty_engine)() as session:
        request_schedule_job(session, ORGANISER, EVENT_ID, time_limit=5)
        job = claim_job(session, "hung-worker")
        assert job is not None
        session.execute(update(JobRow).values(heartbeat_at=utc_now() - timedelta(minutes=5)))
        session.commit()
        assert requeue_stale(session, timedelta(minutes=1)).requeued == [job.job_id]
    assert [j.state for j in run_queued_jobs(empty_engine)] == [JobState.DONE]

    late = JobRun(session_factory(empty_engine), job, "hung-worker", CONGRESS_SCHEDULE)
    with pytest.raises(JobLostError):
        run_schedule_job(empty_engine, job, late)
    assert versions(empty_engine) == [1]


def test_a_second_request_answers_with_the_run_already_queued(empty_engine: Engine) -> None:
    import_example(empty_engine)
    with session_factory(empty_engine)() as session:
        first = request_schedule_job(session, ORGANISER, EVENT_ID, time_limit=5)
        again = request_schedule_job(session, ORGANISER, EVENT_ID, time_limit=5)
    assert first.is_new and not again.is_new and again.job.job_id == first.job.job_id
    run_queued_jobs(empty_engine)
    with session_factory(empty_engine)() as session:
        after = request_schedule_job(session, ORGANISER, EVENT_ID, time_limit=5)
    assert after.is_new and after.job.job_id != first.job.job_id  # the first ended: a new run may start


def test_simultaneous_requests_queue_one_run(empty_engine: Engine) -> None:
    import_example(empty_engine)
    start = threading.Barrier(6)

    def ask(_: int) -> int:
        start.wait()
        with session_factory(empty_engine)() as session:
            return request_schedule_job(session, ORGANISER, EVENT_ID, time_limit=5).job.job_id

    with ThreadPoolExecutor(6) as pool:
        ids = set(pool.map(ask, range(6)))
    with session_factory(empty_engine)() as session:
        assert len(ids) == 1 and session.scalar(select(func.count()).select_from(JobRow)) == 1


def test_only_the_events_organiser_queues_or_sees_its_runs(empty_engine: Engine) -> None:
    import_example(empty_engine)
    other = Actor(person_id=2, name="other", grants=frozenset({Grant(Role.ORGANISER, "another-event")}))
    with session_factory(empty_engine)() as session:
        with pytest.raises(NotAuthenticatedError):
            request_schedule_job(session, Actor.anonymous(), EVENT_ID, time_limit=5)
        with pytest.raises(PermissionDeniedError):
            request_schedule_job(session, other, EVENT_ID, time_limit=5)
        with pytest.raises(PermissionDeniedError):
            schedule_job(session, other, EVENT_ID)
        assert session.scalar(select(func.count()).select_from(JobRow)) == 0


def test_queuing_and_ending_a_run_are_audited(empty_engine: Engine) -> None:
    import_example(empty_engine)
    with session_factory(empty_engine)() as session:
        job = request_schedule_job(session, ORGANISER, EVENT_ID, time_limit=5).job
    run_queued_jobs(empty_engine)
    with session_factory(empty_engine)() as session:
        trail = session.execute(
            select(AuditRow.action, AuditRow.entity, AuditRow.actor_name, AuditRow.after)
            .where(AuditRow.actor_name == "organiser")
            .order_by(AuditRow.audit_id)
        ).all()
        assert get_job(session, job.job_id).state is JobState.DONE
    assert [(action, entity) for action, entity, _, _ in trail] == [
        ("enqueue", "job"), ("publish", "congress_schedule"), ("finish", "job"),
    ]  # fmt: skip
    assert trail[-1].after["state"] == "done" and trail[-1].after["message"].startswith("version 1 published")


def test_a_run_of_an_event_deleted_meanwhile_fails_with_the_reason(empty_engine: Engine) -> None:
    with session_factory(empty_engine)() as session:
        add_job(session, CONGRESS_SCHEDULE.name, "gone", {"time_limit": 5}, requested_by=None,
                requested_by_name="test")  # fmt: skip
        session.commit()
    [failed] = run_queued_jobs(empty_engine)
    assert failed.state is JobState.FAILED and failed.message is not None and "gone" in failed.message


def test_a_job_whose_worker_stops_every_time_is_given_up(empty_engine: Engine) -> None:
    """Three workers killed under one job: it fails with the reason instead of being queued for ever."""
    import_example(empty_engine)
    with session_factory(empty_engine)() as session:
        request_schedule_job(session, ORGANISER, EVENT_ID, time_limit=5)
        for attempt in range(1, MAX_ATTEMPTS + 1):
            job = claim_job(session, f"killed-{attempt}")
            assert job is not None and job.attempts == attempt
            session.execute(update(JobRow).values(heartbeat_at=utc_now() - timedelta(minutes=5)))
            session.commit()
            stale = requeue_stale(session, timedelta(minutes=1))
            assert (stale.requeued, stale.given_up) == (([job.job_id], []) if attempt < MAX_ATTEMPTS
                                                          else ([], [job.job_id]))  # fmt: skip
        ended = get_job(session, job.job_id)
    assert ended.state is JobState.FAILED and ended.message is not None and "3 times" in ended.message
    assert run_queued_jobs(empty_engine) == []  # nothing left to run
