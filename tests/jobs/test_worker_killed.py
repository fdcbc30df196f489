"""Fault drill: the worker running a scheduler run is killed (`kill -9`) mid-solve. Nothing is published;
its heartbeat stops, another worker queues the run again after the timeout and runs it to one published
version (both back-ends)."""

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.congress.schedule_jobs import request_schedule_job
from sezatlas.jobs.model import JobState
from sezatlas.jobs.queue import get_job
from sezatlas.jobs.runners import RUNNERS
from sezatlas.jobs.worker import JobWorker
from sezatlas.store.congress_tables import CongressScheduleRow
from sezatlas.store.database import session_factory
from tests.process_faults import assert_database_intact, wait_for_no_other_session
from tests.web.browser.congress_example import EVENT_ID, import_example

ORGANISER = Actor(person_id=1, name="organiser", grants=frozenset({Grant(Role.ORGANISER, EVENT_ID)}))
WORKER = (
    "import sys\n"
    "from sezatlas.jobs.runners import RUNNERS\n"
    "from sezatlas.jobs.worker import JobWorker\n"
    "from sezatlas.store.database import make_engine\n"
    "JobWorker(make_engine(sys.argv[1]), RUNNERS, name='doomed', heartbeat_s=0.2).run_next()\n"
)


def wait_for(
    condition: Callable[[], bool], what: str, process: subprocess.Popen[bytes], timeout_s: float = 120
) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert process.poll() is None, f"the worker ended before {what}"
        assert time.monotonic() < deadline, f"no sign of {what} within {timeout_s} s"
        time.sleep(0.05)


@pytest.mark.slow
def test_a_run_whose_worker_is_killed_mid_solve_is_run_again_to_one_published_version(
    empty_engine: Engine, tmp_path: Path
) -> None:
    import_example(empty_engine)
    with session_factory(empty_engine)() as session:
        job_id = request_schedule_job(session, ORGANISER, EVENT_ID, time_limit=3).job.job_id
    url = empty_engine.url.render_as_string(hide_password=False)
    with (tmp_path / "worker.log").open("wb") as log:
        worker = subprocess.Popen([sys.executable, "-c", WORKER, url], stdout=log, stderr=log)

    def is_solving() -> bool:
        with session_factory(empty_engine)() as session:
            job = get_job(session, job_id)
        return job.state is JobState.RUNNING and (job.message or "").startswith("solving (")

    wait_for(is_solving, "the solver working", worker)
    os.kill(worker.pid, signal.SIGKILL)
    worker.wait(timeout=30)

    assert_database_intact(empty_engine)
    wait_for_no_other_session(empty_engine)
    with session_factory(empty_engine)() as session:
        assert get_job(session, job_id).worker == "doomed"  # left running, by nobody
        assert list(session.scalars(select(CongressScheduleRow.version))) == []
    time.sleep(1.2)
    finished = JobWorker(empty_engine, RUNNERS, name="survivor", stale_after_s=1).run_next()

    assert finished is not None and finished.job_id == job_id
    assert finished.state is JobState.DONE and finished.worker == "survivor"
    with session_factory(empty_engine)() as session:
        assert list(session.scalars(select(CongressScheduleRow.version))) == [1]
