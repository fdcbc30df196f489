"""The organiser runs the scheduler in a real browser (Debian chromium): the button answers at once, the
page shows the run queued, then its step while a worker runs it, then the published version's figures —
with no reload, nothing fetched from outside 127.0.0.1 and no console error.

The first test drives the worker itself (the server starts none), so each state is seen for certain;
the second leaves the run to the server's own worker, as `sezatlas serve` does.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import Engine

from sezatlas.accounts.actions import create_person
from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.jobs.queue import beat, claim_job
from sezatlas.jobs.runners import RUNNERS
from sezatlas.jobs.worker import JobWorker
from sezatlas.settings import get_settings
from sezatlas.store.database import make_engine, session_factory, upgrade
from tests.accounts.people import PASSWORD
from tests.web.browser.conftest import DESKTOP
from tests.web.browser.congress_example import EVENT, EVENT_ID, import_example
from tests.web.browser.watched_page import WatchedPage, watching
from tests.web.conftest import serving

ORGANISER_EMAIL = "organiser@example.org"
PUBLISHED_WAIT_MS = 60_000  # the run's solver stops after at most 15 s; the machine may be busy


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """The example event and its organiser's account, in a database of the test's own."""
    engine = make_engine(f"sqlite:///{tmp_path / 'congress.sqlite3'}")
    upgrade(engine)
    import_example(engine)
    with session_factory(engine)() as session:
        create_person(session, Actor.command_line(), ORGANISER_EMAIL, "Organiser", PASSWORD,
                      (Grant(Role.ORGANISER, EVENT_ID),))  # fmt: skip
    yield engine
    engine.dispose()


def organiser_page(browser: Browser, engine: Engine, *, job_workers: int) -> Iterator[WatchedPage]:
    """The organiser logged in through the form, on the event's organiser page, served by uvicorn."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SEZATLAS_JOB_WORKERS", str(job_workers))
        get_settings.cache_clear()
        try:
            with serving(engine) as url, watching(browser, url, DESKTOP) as page:
                page.goto(f"/login?next={EVENT}/organiser")
                page.page.get_by_label("E-mail").fill(ORGANISER_EMAIL)
                page.page.get_by_label("Password").fill(PASSWORD)
                page.page.get_by_role("button", name="Log in").click()
                page.page.wait_for_url(f"**{EVENT}/organiser")
                yield page
        finally:
            get_settings.cache_clear()


@pytest.fixture
def driven(browser: Browser, engine: Engine) -> Iterator[WatchedPage]:
    yield from organiser_page(browser, engine, job_workers=0)


@pytest.fixture
def served(browser: Browser, engine: Engine) -> Iterator[WatchedPage]:
    yield from organiser_page(browser, engine, job_workers=1)


def test_the_page_shows_the_run_queued_then_its_step_then_the_published_version(
    driven: WatchedPage, engine: Engine
) -> None:
    page = driven.page
    page.get_by_test_id("run-scheduler").click()
    panel = page.get_by_test_id("schedule-job")
    expect(panel).to_have_attribute("data-state", "queued")
    expect(panel).to_contain_text("Queued: the scheduler starts as soon as a worker of the server is free.")

    with session_factory(engine)() as session:  # a worker takes it and reports its step
        job = claim_job(session, "test-worker")
        assert job is not None
        beat(session, job.job_id, "test-worker", progress=1 / 3, message="solving")
    expect(panel).to_have_attribute("data-state", "running")  # htmx asked again, unprompted
    expect(panel).to_contain_text("Step 2 of 3: Solving and seating")
    driven.screenshot("congress-organiser-job-running-1280")

    finished = JobWorker(engine, RUNNERS, name="test-worker").run(job)
    assert finished is not None and finished.state.value == "done"
    expect(page.get_by_test_id("schedule-message")).to_contain_text(
        "Version 1 published: 4 meetings", timeout=10_000
    )
    expect(page.get_by_test_id("schedule-job")).to_have_count(0)
    expect(page.get_by_test_id("gap")).to_be_visible()
    page.wait_for_selector("#distribution-chart[data-state=ready]")
    expect(page.get_by_test_id("run-scheduler")).to_have_text("Re-run the scheduler")
    driven.screenshot("congress-organiser-job-published-1280")
    driven.assert_clean()


def test_the_servers_own_worker_runs_the_scheduler_while_the_page_waits(served: WatchedPage) -> None:
    page = served.page
    with page.expect_response(lambda r: r.url.endswith("/organiser/schedule")) as answer:
        page.get_by_test_id("run-scheduler").click()
    assert answer.value.status == 200 and 'id="schedule-job"' in answer.value.text()
    expect(page.get_by_test_id("schedule-message")).to_contain_text(
        "Version 1 published", timeout=PUBLISHED_WAIT_MS
    )
    expect(page.get_by_test_id("schedule-figures")).to_contain_text("Certified upper bound")
    served.assert_clean()
