"""Who may change what, in a real browser (Debian chromium): a participant answers only the requests made
to them, and a form another site posts to the app is refused however the browser sends it.

The example event of docs/examples/congress is imported into a copy of the bundled registry, served by its
own uvicorn (`serving_congress_copy`); the other site is a plain `http.server` on another port of
127.0.0.1 — a real second origin, as a browser sees it.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from playwright.sync_api import Browser, Response, expect
from sqlalchemy import Engine, func, select

from sezatlas.accounts.roles import Grant, Role
from sezatlas.store.database import session_factory
from sezatlas.store.jobs_tables import JobRow
from sezatlas.web.deps import SESSION_COOKIE
from tests.accounts.people import PASSWORD
from tests.web.browser.conftest import DESKTOP, log_in, serving_congress_copy
from tests.web.browser.congress_example import EVENT, EVENT_ID, participant_page
from tests.web.browser.watched_page import WatchedPage, watching

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)

ASKER, ASKED, OTHER = "P01", "P04", "P05"  # A asks B for a meeting; C is a third participant
ORGANISER_EMAIL, ASKER_EMAIL, ASKED_EMAIL, OTHER_EMAIL = (
    "organiser@example.org",
    "p01@example.org",
    "p04@example.org",
    "p05@example.org",
)
ACCOUNTS = {
    ORGANISER_EMAIL: Grant(Role.ORGANISER, EVENT_ID),
    ASKER_EMAIL: Grant(Role.PARTICIPANT, f"{EVENT_ID}/{ASKER}"),
    ASKED_EMAIL: Grant(Role.PARTICIPANT, f"{EVENT_ID}/{ASKED}"),
    OTHER_EMAIL: Grant(Role.PARTICIPANT, f"{EVENT_ID}/{OTHER}"),
}
API_EVENT = f"/api/v1/congress/events/{EVENT_ID}"


@dataclass(frozen=True)
class Served:
    url: str
    engine: Engine


@pytest.fixture(scope="module")
def congress(bundled_engine: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The example event and the four accounts above, in a registry copy of this module's own."""
    directory = tmp_path_factory.mktemp("permissions")
    with serving_congress_copy(bundled_engine, directory, ACCOUNTS) as (url, engine):
        yield Served(url, engine)


@pytest.fixture
def page(browser: Browser, congress: Served) -> Iterator[WatchedPage]:
    with watching(browser, congress.url, DESKTOP) as watched:
        yield watched


def _pending_request(base_url: str, requester: str, target: str) -> dict[str, object]:
    """The request as the organiser reads it (requests are private to the pair and the organiser)."""
    with httpx.Client(base_url=base_url) as organiser:
        organiser.post(
            "/api/v1/session", json={"email": ORGANISER_EMAIL, "password": PASSWORD}
        ).raise_for_status()
        found = organiser.get(f"{API_EVENT}/requests", params={"participant": target})
    found.raise_for_status()
    return next(r for r in found.json() if (r["requester"], r["target"]) == (requester, target))


def _is_answer_post(response: Response) -> bool:
    return response.request.method == "POST" and response.url.endswith("/answer")


def _forget_logged_refusal(page: WatchedPage) -> None:
    """Chromium logs a refused request as a console error ("status of 403"), and htmx too
    (htmx:responseError): expected where a test provokes the refusal; any other error still fails it."""
    refusals = [error for error in page.console_errors if "403" in error]
    assert refusals, "the refusal left no trace in the console"
    page.console_errors[:] = [error for error in page.console_errors if error not in refusals]


def test_a_participant_answers_only_the_requests_made_to_them(page: WatchedPage, congress: Served) -> None:
    """C opens B's page (public) and sees neither B's requests nor their buttons (they are B's and the
    organiser's: `requests_shown_with_profile`); the answer POSTed from C's browser anyway is refused
    with 403 by the permission check (`may_act_as_participant`), and the request stays pending; B accepts.
    """
    with httpx.Client(base_url=congress.url) as asker:  # A asks through the API, as a client would
        asker.post("/api/v1/session", json={"email": ASKER_EMAIL, "password": PASSWORD}).raise_for_status()
        asker.post(f"{API_EVENT}/requests", json={"requester": ASKER, "target": ASKED}).raise_for_status()
    pending = _pending_request(congress.url, ASKER, ASKED)
    assert pending["status"] == "pending"

    log_in(page, OTHER_EMAIL, participant_page(OTHER))
    page.goto(participant_page(ASKED))
    expect(page.page.get_by_test_id("requests-private")).to_be_visible()
    expect(page.page.get_by_test_id(f"accept-{ASKER}")).to_have_count(0)
    expect(page.page.get_by_test_id(f"state-{ASKER}")).to_have_count(0)
    answer = f"{participant_page(ASKED)}/requests/{pending['request_id']}/answer"
    with page.page.expect_response(_is_answer_post) as refused:  # the form's POST, sent by htmx anyway
        page.page.evaluate(
            "url => htmx.ajax('POST', url, {target: '#matchmaking', values: {answer: 'accept'}})", answer
        )
    assert refused.value.status == 403, f"C's answer was not refused: {refused.value.status}"
    expect(page.page.get_by_role("alert")).to_have_text("Your account may not do this.")  # said, not silent
    assert _pending_request(congress.url, ASKER, ASKED)["status"] == "pending"
    _forget_logged_refusal(page)

    log_in(page, ASKED_EMAIL, participant_page(ASKED))
    with page.page.expect_response(_is_answer_post) as accepted:
        page.page.get_by_test_id(f"accept-{ASKER}").click()
    assert accepted.value.status == 200
    expect(page.page.get_by_test_id(f"answered-{ASKER}")).to_have_text("Accepted")
    assert _pending_request(congress.url, ASKER, ASKED)["status"] == "accepted"


class _OtherSite(BaseHTTPRequestHandler):
    body = b""

    def do_GET(self) -> None:  # the name http.server calls
        if self.path != "/":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def other_site(page_html: str) -> Iterator[str]:
    """Base URL of another origin (127.0.0.1, another port) serving `page_html` at `/`."""
    handler = type("Handler", (_OtherSite,), {"body": page_html.encode()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def _schedule_jobs(engine: Engine) -> int:
    with session_factory(engine)() as session:
        return session.scalar(select(func.count()).select_from(JobRow).where(JobRow.subject == EVENT_ID)) or 0


def test_a_form_another_site_posts_is_refused(page: WatchedPage, congress: Served) -> None:
    """The organiser, logged in, opens a page of another origin whose form posts itself to "run the
    scheduler". The other site is 127.0.0.1 on another port: another origin but the *same site*, so the
    SameSite=Strict session cookie IS attached; the defence that answers is the Origin check
    (`same_origin.SameOriginWrites`): 403, before any permission check, and no run is queued.
    """
    target = f"{congress.url}{EVENT}/organiser/schedule"
    log_in(page, ORGANISER_EMAIL, f"{EVENT}/organiser")
    expect(page.page.get_by_test_id("run-scheduler")).to_have_text("Run the scheduler")
    assert _schedule_jobs(congress.engine) == 0

    forged = f"""<!doctype html><html lang="en"><title>Win a prize</title>
<form id="forged" method="post" action="{target}"><input type="hidden" name="x" value="1"></form>
<script>document.getElementById("forged").submit();</script></html>"""
    with other_site(forged) as elsewhere:
        assert elsewhere != congress.url
        with page.page.expect_response(lambda r: r.url == target and r.request.method == "POST") as sent:
            page.page.goto(elsewhere + "/")
        answer = sent.value
        headers = answer.request.all_headers()
        assert headers.get("origin") == elsewhere  # the browser names the other site
        assert f"{SESSION_COOKIE}=" in headers.get("cookie", ""), "SameSite did not stop the cookie here"
        assert answer.status == 403, f"the forged post was not refused: {answer.status}"
        assert "cross-site request refused" in answer.json()["detail"]
    _forget_logged_refusal(page)

    assert _schedule_jobs(congress.engine) == 0
    assert httpx.get(f"{congress.url}{API_EVENT}/schedule").status_code == 404  # nothing published
    page.goto(f"{EVENT}/organiser")
    expect(page.page.get_by_test_id("run-scheduler")).to_have_text("Run the scheduler")
    expect(page.page.get_by_test_id("no-schedule")).to_be_visible()
