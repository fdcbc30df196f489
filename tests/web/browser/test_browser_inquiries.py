"""Issue 17's acceptance in a real browser (Debian chromium): an investor ranks zones and sends one inquiry
to three of them; one zone's operator asks for a clarification (its clock pauses), the investor gives it,
the operator answers; the public dashboard shows that zone's days to a first answer, pauses excluded, as
computed here from the time-stamps the server stored; every letter reaches the local SMTP server. And the
public figures never carry what an inquiry said or who sent it.

The steps are taken at real moments seconds apart (days cannot be waited for): the expected figure is
recomputed from the steps' stored time-stamps with the rule stated in `inquiries/clock.py` — the zone's
time is from sending to the clarification request plus from the clarification to the answer — without
calling the clock's code, and compared with the API's unrounded figure to a tolerance far below the pause.

Screenshots: `inquiry-new-1280`, `inquiry-thread-1280`, `responses-1280` in `test-artifacts/screenshots/`.
"""

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Locator, Page, expect
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sezatlas.accounts.actions import actor_of, create_person
from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.inquiries.clock import Step
from sezatlas.inquiries.sending import ProjectSummary, send_inquiry
from sezatlas.inquiries.steps import take_step
from sezatlas.store.accounts_tables import PersonRow
from sezatlas.store.database import session_factory
from sezatlas.store.inquiries_tables import InquiryAttachmentRow, InquiryEventRow, InquiryThreadRow
from tests.accounts.mailbox import LINK, Mailbox, catching_mail
from tests.accounts.people import PASSWORD
from tests.web.browser.conftest import DESKTOP, copied_registry, log_in
from tests.web.browser.watched_page import WatchedPage, watching
from tests.web.conftest import serving

pytestmark = pytest.mark.parametrize("bundled_engine", ["sqlite"], indirect=True)

# Three zones of the shortlist of a car-parts plant needing 20 ha and 10 MW: the first two have an operator
# account, the third has none, so its inquiry goes to the secretariat.
ASKING_ZONE, OTHER_ZONE, UNOPERATED_ZONE = "ZAF-001", "UZB-008", "SAU-001"
ASKING_COUNTRY = "ZAF"
ZONES = (ASKING_ZONE, OTHER_ZONE, UNOPERATED_ZONE)
INVESTOR_EMAIL, INVESTOR_NAME = "ingrid.quillfeather@investor.example", "Ingrid Quillfeather"
OPERATOR_EMAIL, OTHER_OPERATOR_EMAIL = "operator@zaf-001.example", "operator@uzb-008.example"
SECRETARIAT_EMAIL = "secretariat@example.org"
ACCOUNTS = {
    INVESTOR_EMAIL: (INVESTOR_NAME, Grant(Role.INVESTOR)),
    OPERATOR_EMAIL: ("Zone operator", Grant(Role.ZONE_OPERATOR, ASKING_ZONE)),
    OTHER_OPERATOR_EMAIL: ("Other zone operator", Grant(Role.ZONE_OPERATOR, OTHER_ZONE)),
    SECRETARIAT_EMAIL: ("Secretariat", Grant(Role.SECRETARIAT)),
}

# Words found nowhere else on the site, so that finding one on a page can only mean the inquiry leaked.
MESSAGE = "Gearwhistle Automotive plans a brake-calliper plant; we need a site by the third quarter."
QUESTION = "Does the Plumtree substation deliver 33 kV to the plot, or only 11 kV?"
CLARIFICATION = "We can take 11 kV if a Marrowby transformer bay is allowed on the plot."
ANSWER = "Yes: a Kestrelford transformer bay is allowed; plot B7 has 11 kV and 14 ha free."
PLAN = b"%PDF-1.4\n% Gearwhistle site plan\n%%EOF\n"
SECRETS = (MESSAGE, QUESTION, CLARIFICATION, ANSWER, INVESTOR_NAME, INVESTOR_EMAIL,
           "Gearwhistle", "Plumtree", "Marrowby", "Kestrelford", "Quillfeather")  # fmt: skip

DAY = timedelta(days=1)
# The API's days are the server's float seconds over 86,400: equal to the stamps' arithmetic to well under
# a millisecond; the pause the test takes is over a second, so counting it would be seen.
TOLERANCE_DAYS = timedelta(milliseconds=5) / DAY


@dataclass(frozen=True)
class Atlas:
    url: str
    engine: Engine
    mailbox: Mailbox


@pytest.fixture
def atlas(bundled_engine: Engine, tmp_path: Path) -> Iterator[Atlas]:
    """A copy of the registry with the investor, two operators and the secretariat, served by its own
    uvicorn, its letters caught by a local SMTP server."""
    engine = copied_registry(bundled_engine, tmp_path / "inquiries.sqlite3")
    with session_factory(engine)() as session:
        for email, (name, grant) in ACCOUNTS.items():
            create_person(session, Actor.command_line(), email, name, PASSWORD, (grant,))
    with catching_mail() as mailbox, serving(engine) as url:
        yield Atlas(url, engine, mailbox)
    engine.dispose()


@pytest.fixture
def watched(browser: Browser, atlas: Atlas) -> Iterator[WatchedPage]:
    with watching(browser, atlas.url, DESKTOP) as page:
        yield page


def threads_by_zone(engine: Engine) -> dict[str, int]:
    with session_factory(engine)() as session:
        rows = session.execute(select(InquiryThreadRow.zone_id, InquiryThreadRow.thread_id))
        return {str(zone_id): int(thread_id) for zone_id, thread_id in rows}


def statuses(engine: Engine) -> dict[str, str]:
    with session_factory(engine)() as session:
        rows = session.execute(select(InquiryThreadRow.zone_id, InquiryThreadRow.status))
        return {str(zone_id): str(status) for zone_id, status in rows}


def stamps(engine: Engine, thread_id: int) -> dict[str, datetime]:
    """When each step of the thread was taken, as the server stored it (each step once in this test)."""
    with session_factory(engine)() as session:
        rows = session.execute(
            select(InquiryEventRow.step, InquiryEventRow.at).where(InquiryEventRow.thread_id == thread_id)
        ).all()
    steps = [step for step, _ in rows]
    assert len(steps) == len(set(steps)), steps
    return {str(step): at for step, at in rows}


def days_to_answer_with_pause_excluded(at: dict[str, datetime]) -> float:
    """The zone's time: from sending to its question, then from the investor's clarification to its
    answer (the wait for the investor in between is not the zone's)."""
    zone_time = (at["request_clarification"] - at["send"]) + (at["answer"] - at["clarify"])
    return zone_time / DAY


def step_form(page: Page, thread_id: int, step: str) -> Locator:
    return page.locator(f'form[action="/inquiries/{thread_id}/steps"]').filter(
        has=page.locator(f'input[name="step"][value="{step}"]')
    )


def take_step_on_page(page: Page, thread_id: int, step: str, text: str | None = None) -> None:
    """Fill and send the thread page's form of `step`; the page comes back to the thread."""
    form = step_form(page, thread_id, step)
    expect(form).to_have_count(1)
    if text is not None:
        form.locator('textarea[name="text"]').fill(text)
    with page.expect_navigation(url=re.compile(rf"/inquiries/{thread_id}(\?.*)?$")):
        form.locator('button[type="submit"], button:not([type])').click()


def letters(mailbox: Mailbox) -> Counter[tuple[str, str]]:
    """Each letter as (to, the path of its link)."""
    found: Counter[tuple[str, str]] = Counter()
    for letter in mailbox.letters:
        body = letter.get_body(("plain",))
        assert body is not None
        link = LINK.search(body.get_content())
        assert link is not None, body.get_content()
        found[(str(letter["To"]), urlsplit(link.group(0)).path)] += 1
    return found


def api_json(watched: WatchedPage, path: str) -> Any:
    """A JSON resource read with the page's cookies (anonymous when logged out)."""
    response = watched.context.request.get(watched.base_url + path)
    assert response.ok, f"{path}: {response.status} {response.text()}"
    return response.json()


def zone_figures(watched: WatchedPage, zone_id: str) -> dict[str, Any]:
    """The public API's response figures of one zone."""
    body = api_json(watched, f"/api/v1/responses?by=zone&only={zone_id}")
    [figures] = [group for group in body["groups"] if group["group"] == zone_id]
    return dict(figures)


def shown_days(days: float) -> str:
    """Days as the dashboard shows them: one decimal."""
    return f"{days:.1f}"


def rank_and_choose(watched: WatchedPage) -> None:
    """The investor's project on /rank, then three zones of its shortlist ticked for an inquiry."""
    page = watched.page
    form = page.locator("#rank-form")
    form.get_by_label("Project name").fill("Brake callipers")
    form.get_by_label("Sector (ISIC Rev.4 code)").fill("2930")
    form.get_by_label("Free land (ha)").fill("20")
    form.get_by_label("Free power (MW)").fill("10")
    page.get_by_test_id("rank-submit").click()
    expect(page.get_by_test_id("ranked")).to_be_visible()
    for zone_id in ZONES:
        page.locator(f'input[name="zone"][value="{zone_id}"]').check()
    page.get_by_role("button", name="Send an inquiry to the chosen zones").click()
    page.wait_for_url("**/inquiries/new?*")


def send_the_inquiry(watched: WatchedPage, tmp_path: Path) -> None:
    """The send form, prefilled from the rank form, completed and sent."""
    page = watched.page
    for zone_id in ZONES:
        expect(page.locator(f'input[name="zone"][value="{zone_id}"]')).to_be_checked()
    expect(page.locator('input[name="isic_codes"]')).to_have_value("2930")
    expect(page.locator('input[name="land_ha"]')).to_have_value("20")
    expect(page.locator('input[name="power_mw"]')).to_have_value("10")
    page.locator('input[name="investment_usd_m"]').fill("75")
    page.locator('input[name="jobs"]').fill("450")
    page.locator('input[name="timeline"]').fill("Production from 2028")
    page.locator('textarea[name="message"]').fill(MESSAGE)
    plan = tmp_path / "site-plan.pdf"
    plan.write_bytes(PLAN)
    page.locator('input[type="file"][name="attachments"]').set_input_files(plan)
    watched.screenshot("inquiry-new-1280")
    page.locator('button[name="send"]').click()
    page.wait_for_url("**/inquiries?sent=3")


def ask_and_watch_the_clock_stand_still(watched: WatchedPage, thread_id: int) -> float:
    """The zone's operator asks the investor a question: the thread waits for the investor, and two readings
    of its clock 1.5 s apart are equal. Returns the zone's days so far as the API reads them."""
    page = watched.page
    log_in(watched, OPERATOR_EMAIL, f"/inquiries/{thread_id}")
    expect(page.get_by_test_id("message")).to_have_text(MESSAGE)
    expect(step_form(page, thread_id, "clarify")).to_have_count(0)  # the investor's step, not the zone's
    take_step_on_page(page, thread_id, "request_clarification", QUESTION)
    expect(page.get_by_test_id("status")).to_have_attribute("data-status", "clarification_requested")
    expect(page.get_by_test_id("steps")).to_contain_text(QUESTION)
    expect(step_form(page, thread_id, "answer")).to_have_count(0)  # not while the investor is asked
    before = api_json(watched, f"/api/v1/inquiries/{thread_id}")["summary"]
    page.wait_for_timeout(1500)
    after = api_json(watched, f"/api/v1/inquiries/{thread_id}")["summary"]
    assert before["status"] == after["status"] == "clarification_requested"
    assert after["days"] == before["days"] > 0  # it ran until the question, then stood still
    return float(before["days"])


def clarify_then_answer(watched: WatchedPage, thread_id: int) -> None:
    log_in(watched, INVESTOR_EMAIL, f"/inquiries/{thread_id}")
    take_step_on_page(watched.page, thread_id, "clarify", CLARIFICATION)
    log_in(watched, OPERATOR_EMAIL, f"/inquiries/{thread_id}")
    take_step_on_page(watched.page, thread_id, "answer", ANSWER)
    expect(watched.page.get_by_test_id("status")).to_have_attribute("data-status", "answered")
    expect(watched.page.get_by_test_id("steps")).to_contain_text(ANSWER)
    watched.screenshot("inquiry-thread-1280")


def dashboard_shows(watched: WatchedPage, expected_days: float) -> None:
    """Anyone's dashboard: the asking zone answered in `expected_days`, the other two received and running;
    the page rounds as it says, the API gives the days unrounded."""
    page = watched.page
    page.context.clear_cookies()
    watched.goto("/responses?by=zone")
    row = page.locator(f'tr[data-key="{ASKING_ZONE}"]')
    expect(row.locator('[data-figure="received"]')).to_have_text("1")
    expect(row.locator('[data-figure="answered"]')).to_have_text("1")
    expect(row.locator('[data-figure="median_days"]')).to_have_text(shown_days(expected_days))
    for zone_id in (OTHER_ZONE, UNOPERATED_ZONE):
        other = page.locator(f'tr[data-key="{zone_id}"]')
        expect(other.locator('[data-figure="received"]')).to_have_text("1")
        expect(other.locator('[data-figure="median_days"]')).to_have_text("—")
    watched.screenshot("responses-1280")
    figures = zone_figures(watched, ASKING_ZONE)
    assert (figures["received"], figures["answered"]) == (1, 1)
    # One answer: the median and the 90th percentile are both its days.
    assert figures["median_days"] == pytest.approx(expected_days, abs=TOLERANCE_DAYS)
    assert figures["p90_days"] == pytest.approx(expected_days, abs=TOLERANCE_DAYS)
    for zone_id in (OTHER_ZONE, UNOPERATED_ZONE):
        others = zone_figures(watched, zone_id)
        assert (others["received"], others["answered"], others["median_days"]) == (1, 0, None)


def test_an_inquiry_to_three_zones_is_answered_by_one_and_its_days_exclude_the_clarification_wait(
    watched: WatchedPage, atlas: Atlas, tmp_path: Path
) -> None:
    log_in(watched, INVESTOR_EMAIL, "/rank")
    rank_and_choose(watched)
    send_the_inquiry(watched, tmp_path)
    threads = threads_by_zone(atlas.engine)
    assert sorted(threads) == sorted(ZONES)
    for thread_id in threads.values():  # the investor's inbox lists the three
        expect(watched.page.locator(f'a[href="/inquiries/{thread_id}"]')).to_have_count(1)
    with session_factory(atlas.engine)() as session:
        [plan] = session.scalars(select(InquiryAttachmentRow)).all()
    assert (plan.file_name, plan.media_type, plan.content) == ("site-plan.pdf", "application/pdf", PLAN)

    asking = threads[ASKING_ZONE]
    days_when_asked = ask_and_watch_the_clock_stand_still(watched, asking)
    clarify_then_answer(watched, asking)

    at = stamps(atlas.engine, asking)
    until_asked = (at["request_clarification"] - at["send"]) / DAY
    assert days_when_asked == pytest.approx(until_asked, abs=TOLERANCE_DAYS)
    assert at["clarify"] - at["request_clarification"] > timedelta(seconds=1.5)  # a pause worth seeing
    dashboard_shows(watched, days_to_answer_with_pause_excluded(at))
    assert statuses(atlas.engine) == {ASKING_ZONE: "answered", OTHER_ZONE: "new", UNOPERATED_ZONE: "new"}

    link = {zone_id: f"/inquiries/{thread_id}" for zone_id, thread_id in threads.items()}
    assert letters(atlas.mailbox) == Counter({
        (OPERATOR_EMAIL, link[ASKING_ZONE]): 2,  # the inquiry, then the investor's clarification
        (OTHER_OPERATOR_EMAIL, link[OTHER_ZONE]): 1,
        (SECRETARIAT_EMAIL, link[UNOPERATED_ZONE]): 1,  # no operator account for that zone
        (INVESTOR_EMAIL, link[ASKING_ZONE]): 2,  # the question, then the answer
    })  # fmt: skip


def secrets_in(text: str) -> list[str]:
    return [secret for secret in SECRETS if secret.lower() in text.lower()]


def actor_named(session: Session, email: str) -> Actor:
    return actor_of(session, session.scalars(select(PersonRow).where(PersonRow.email == email)).one())


def answered_after_a_clarification(engine: Engine, zone_id: str) -> int:
    """An inquiry to the zone, sent ten days ago, asked about, clarified and answered (by the domain's own
    functions, at given moments); returns its thread's id."""
    sent = datetime.now(UTC) - timedelta(days=10)
    with session_factory(engine)() as session:
        investor, operator = (actor_named(session, email) for email in (INVESTOR_EMAIL, OPERATOR_EMAIL))
        project = ProjectSummary(isic_codes=["2930"], land_ha=20, timeline="Production from 2028")
        [thread_id] = send_inquiry(session, investor, [zone_id], project, MESSAGE, now=sent)
        for actor, step, text, days in (
            (operator, Step.REQUEST_CLARIFICATION, QUESTION, 2),
            (investor, Step.CLARIFY, CLARIFICATION, 5),
            (operator, Step.ANSWER, ANSWER, 6),
        ):
            take_step(session, actor, thread_id, step, text=text, now=sent + days * DAY)
    return thread_id


def test_public_figures_never_show_what_an_inquiry_said_nor_who_sent_it(
    watched: WatchedPage, atlas: Atlas
) -> None:
    thread_id = answered_after_a_clarification(atlas.engine, ASKING_ZONE)
    page = watched.page
    # Each public place that counts the inquiry, and where its figure (2 + 1 days, three waited) is shown.
    showing_the_figure = {
        "/responses?by=zone": f'tr[data-key="{ASKING_ZONE}"] [data-figure="median_days"]',
        "/responses?by=country": f'tr[data-key="{ASKING_COUNTRY}"] [data-figure="median_days"]',
        f"/zones/{ASKING_ZONE}": '[data-testid="response-figures"] [data-figure="median_days"]',
        f"/countries/{ASKING_COUNTRY}": '[data-testid="response-figures"] [data-figure="median_days"]',
    }
    for path, figure in showing_the_figure.items():
        watched.goto(path)
        expect(page.locator(figure)).to_have_text("3.0")
        assert not secrets_in(page.content()), f"{path} shows {secrets_in(page.content())}"
    watched.goto("/responses?by=organisation")  # the zone has no operating organisation: nothing to show
    assert not secrets_in(page.content()), f"/responses?by=organisation shows {secrets_in(page.content())}"
    for by in ("zone", "country", "organisation"):
        body = watched.context.request.get(f"{watched.base_url}/api/v1/responses?by={by}").text()
        assert not secrets_in(body), f"/api/v1/responses?by={by} shows {secrets_in(body)}"
    assert zone_figures(watched, ASKING_ZONE)["median_days"] == pytest.approx(3.0)

    log_in(watched, INVESTOR_EMAIL, f"/inquiries/{thread_id}")  # where the inquiry is its sender's to read
    assert set(secrets_in(page.content())) >= {MESSAGE, QUESTION, CLARIFICATION, ANSWER}
