"""The organiser page and the API queue a scheduler run and answer at once; a worker publishes it; the page
shows the run's progress, then the new version. Only the event's organiser queues or watches a run."""

import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.roles import Grant, Role
from sezatlas.settings import get_settings
from sezatlas.web.app import create_app
from tests.accounts.people import log_in_as
from tests.jobs.running import published_fragment, run_queued_jobs
from tests.web.browser.congress_example import EVENT, EVENT_ID, import_example

HTMX = {"HX-Request": "true"}
ORGANISER = Grant(Role.ORGANISER, EVENT_ID)


@pytest.fixture
def no_workers(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The app starts no worker: what the request does on its own is all that happens."""
    monkeypatch.setenv("SEZATLAS_JOB_WORKERS", "0")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def organiser(empty_engine: Engine, no_workers: None) -> Iterator[TestClient]:
    import_example(empty_engine)
    with TestClient(create_app(empty_engine), follow_redirects=False) as client:
        yield log_in_as(client, empty_engine, ORGANISER)


def test_the_button_queues_a_run_and_answers_at_once_without_solving(
    organiser: TestClient, empty_engine: Engine
) -> None:
    started = time.perf_counter()
    response = organiser.post(f"{EVENT}/organiser/schedule", headers=HTMX)
    elapsed = time.perf_counter() - started

    assert response.status_code == 200 and elapsed < 2.0  # the solver alone runs for seconds
    assert response.text.startswith('<div id="schedule-job"') and 'data-state="queued"' in response.text
    assert 'hx-trigger="every 1s"' in response.text
    assert 'data-testid="no-schedule"' in organiser.get(f"{EVENT}/organiser").text  # nothing solved inline

    [job] = run_queued_jobs(empty_engine)
    done = organiser.get(f"{EVENT}/organiser/schedule-job?job={job.job_id}", headers=HTMX)
    assert done.headers["HX-Retarget"] == "#organiser-dashboard"
    assert (
        done.text.startswith('<div id="organiser-dashboard"')
        and "Version 1 published: 4 meetings" in done.text
    )
    assert "Certified upper bound" in done.text and 'data-testid="gap"' in done.text
    assert 'data-testid="schedule-job"' not in done.text.replace('<div id="schedule-job"></div>', "")


def test_without_javascript_the_button_returns_to_the_page_which_shows_the_queued_run(
    organiser: TestClient,
) -> None:
    response = organiser.post(f"{EVENT}/organiser/schedule")
    assert response.status_code == 303 and response.headers["location"] == f"{EVENT}/organiser"
    page = organiser.get(f"{EVENT}/organiser").text
    assert 'data-state="queued"' in page and "Look again" in page


def test_a_running_run_shows_its_step_and_a_second_press_gets_the_same_run(
    organiser: TestClient, empty_engine: Engine
) -> None:
    from sezatlas.jobs.queue import beat, claim_job
    from sezatlas.store.database import session_factory

    organiser.post(f"{EVENT}/organiser/schedule", headers=HTMX)
    with session_factory(empty_engine)() as session:
        job = claim_job(session, "worker")
        assert job is not None
        beat(session, job.job_id, "worker", progress=1 / 3, message="solving")
    panel = organiser.get(f"{EVENT}/organiser/schedule-job", headers=HTMX).text
    assert 'data-state="running"' in panel and "Step 2 of 3: Solving and seating" in panel
    assert '<progress max="3" value="1" aria-hidden="true">' in panel and "at most 15 s" in panel
    again = organiser.post(f"{EVENT}/organiser/schedule", headers=HTMX).text
    assert "already running; this is it" in again and f"job={job.job_id}" in again


def test_a_failed_run_says_why_on_the_page(organiser: TestClient, empty_engine: Engine) -> None:
    from sezatlas.jobs.model import JobState
    from sezatlas.jobs.queue import claim_job, finish_job
    from sezatlas.store.database import session_factory

    organiser.post(f"{EVENT}/organiser/schedule", headers=HTMX)
    with session_factory(empty_engine)() as session:
        job = claim_job(session, "worker")
        assert job is not None
        finish_job(
            session, job.job_id, "worker", state=JobState.FAILED, message="the solver ran out of memory"
        )
        session.commit()
    panel = organiser.get(f"{EVENT}/organiser/schedule-job", headers=HTMX).text
    assert 'data-state="failed"' in panel and "hx-trigger" not in panel
    assert "The last run of the scheduler failed: the solver ran out of memory" in panel
    assert "the solver ran out of memory" in organiser.get(f"{EVENT}/organiser").text


def test_the_api_queues_a_run_once_and_shows_it_to_the_organiser_only(
    organiser: TestClient, empty_engine: Engine
) -> None:
    queued = organiser.post(f"/api/v1/congress/events/{EVENT_ID}/schedule-jobs")
    assert queued.status_code == 202 and queued.json()["state"] == "queued"
    url = queued.json()["url"]
    assert queued.headers["location"] == url
    again = organiser.post(f"/api/v1/congress/events/{EVENT_ID}/schedule-jobs")
    assert again.status_code == 200 and again.json()["job_id"] == queued.json()["job_id"]
    run_queued_jobs(empty_engine)
    job = organiser.get(url).json()
    assert job["state"] == "done" and job["result"]["version"] == 1 and job["steps"] == 3
    assert job["message"] == "version 1 published: 4 meetings"

    assert TestClient(create_app(empty_engine)).get(url).status_code == 401
    other = log_in_as(TestClient(create_app(empty_engine)), empty_engine, Grant(Role.ORGANISER, "other"))
    assert other.get(url).status_code == 403
    assert other.post(f"/api/v1/congress/events/{EVENT_ID}/schedule-jobs").status_code == 403
    assert organiser.get("/api/v1/jobs/999").status_code == 404


def test_anonymous_and_other_organisers_cannot_watch_the_run_on_the_page(
    organiser: TestClient, empty_engine: Engine
) -> None:
    organiser.post(f"{EVENT}/organiser/schedule", headers=HTMX)
    anonymous = TestClient(create_app(empty_engine), follow_redirects=False)
    assert (
        anonymous.get(f"{EVENT}/organiser/schedule-job", headers=HTMX)
        .headers["HX-Redirect"]
        .startswith("/login?next=")
    )
    assert anonymous.get(f"{EVENT}/organiser").headers["location"].startswith("/login?next=")
    other = log_in_as(TestClient(create_app(empty_engine)), empty_engine, Grant(Role.ORGANISER, "other"))
    assert other.get(f"{EVENT}/organiser/schedule-job", headers=HTMX).status_code == 403


def test_the_apps_own_worker_publishes_the_run(empty_engine: Engine) -> None:
    """With the default settings the app (its lifespan) runs a worker: the run ends without help."""
    import_example(empty_engine)
    with TestClient(create_app(empty_engine)) as client:
        log_in_as(client, empty_engine, ORGANISER)
        fragment = published_fragment(client, EVENT)
        url = client.get(f"{EVENT}/organiser/schedule-job")  # without htmx: back to the page
        job = client.post(f"/api/v1/congress/events/{EVENT_ID}/schedule-jobs").json()
    assert "Version 1 published: 4 meetings" in fragment and url.status_code == 200
    assert job["state"] == "queued" and job["job_id"] == 2  # the first ended, so this is a new run
