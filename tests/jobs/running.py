"""Test helpers: run queued jobs now, in the test's thread, as a worker of the server would."""

import time

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.jobs.model import Job
from sezatlas.jobs.runners import RUNNERS
from sezatlas.jobs.worker import JobWorker

HTMX = {"HX-Request": "true"}


def run_queued_jobs(engine: Engine, worker: str = "test-worker") -> list[Job]:
    """Run every queued job to its end; returns them as they ended."""
    runner = JobWorker(engine, RUNNERS, name=worker)
    finished = []
    while (job := runner.run_next()) is not None:
        finished.append(job)
    return finished


def published_fragment(client: TestClient, event_page: str, timeout_s: float = 60) -> str:
    """Press the organiser page's button as htmx does and wait, as its polling does, for the app's own
    worker to publish; returns the dashboard fragment that then replaces the page's dashboard."""
    pressed = client.post(f"{event_page}/organiser/schedule", headers=HTMX)
    assert pressed.status_code == 200, pressed.text
    deadline = time.monotonic() + timeout_s
    while (
        "HX-Retarget"
        not in (answer := client.get(f"{event_page}/organiser/schedule-job", headers=HTMX)).headers
    ):
        assert 'data-state="failed"' not in answer.text, answer.text
        assert time.monotonic() < deadline, f"no version published within {timeout_s} s"
        time.sleep(0.1)
    return answer.text
