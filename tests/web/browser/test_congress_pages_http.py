"""The Congress pages over HTTP (no browser): events, a participant's page and its actions, the organiser's
dashboard and scheduler button, on the example event of docs/examples/congress (SQLite and PostgreSQL).
"""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlalchemy import Engine

from sezatlas.accounts.roles import Grant, Role
from sezatlas.congress.matching.reasons import Reason, ReasonKind
from sezatlas.congress.scheduling.report import UnmetRequest
from sezatlas.web.app import create_app
from sezatlas.web.pages.congress_labels import (
    REASON_TEMPLATES,
    reason_html,
    unmet_kind_text,
    unmet_reason_text,
    unmet_text,
)
from sezatlas.web.pages.rendering import PageContext, PageRenderer
from tests.accounts.people import log_in_as
from tests.congress.congress_data import publish, store_congress
from tests.jobs.running import published_fragment
from tests.web.browser.congress_example import EVENT, EVENT_ID, import_example, participant_page

HTMX = {"HX-Request": "true"}


@pytest.fixture
def pages(empty_engine: Engine) -> Iterator[TestClient]:
    """The organiser's browser: may act on every participant's page and run the scheduler."""
    import_example(empty_engine)
    with TestClient(create_app(empty_engine), follow_redirects=False) as client:
        yield log_in_as(client, empty_engine, Grant(Role.ORGANISER, EVENT_ID))


def test_an_anonymous_visitor_is_sent_to_log_in_and_a_participant_acts_only_as_themself(
    empty_engine: Engine,
) -> None:
    import_example(empty_engine)
    visitor = TestClient(create_app(empty_engine), follow_redirects=False)
    sent = visitor.post(participant_page("P01") + "/requests", data={"target": "P04"})
    assert sent.status_code == 303 and sent.headers["location"].startswith("/login?next=%2Fcongress%2F")
    assert visitor.post(f"{EVENT}/organiser/schedule").status_code == 303
    p05 = log_in_as(
        TestClient(create_app(empty_engine)), empty_engine, Grant(Role.PARTICIPANT, f"{EVENT_ID}/P05")
    )
    assert p05.post(participant_page("P01") + "/requests", data={"target": "P04"}).status_code == 403
    assert p05.post(f"{EVENT}/organiser/schedule").status_code == 403
    assert (
        p05.post(participant_page("P05") + "/requests", data={"target": "P04"}, headers=HTMX).status_code
        == 200
    )
    forged = {"Origin": "https://evil.example", **HTMX}
    assert (
        p05.post(participant_page("P05") + "/requests", data={"target": "P06"}, headers=forged).status_code
        == 403
    )


def test_the_organiser_page_sends_an_anonymous_visitor_to_log_in_and_refuses_anyone_else(
    empty_engine: Engine,
) -> None:
    import_example(empty_engine)
    visitor = TestClient(create_app(empty_engine), follow_redirects=False)
    for path in (f"{EVENT}/organiser", f"{EVENT}/organiser?slot=3"):
        response = visitor.get(path)
        assert response.status_code == 303 and response.headers["location"].startswith(
            "/login?next=%2Fcongress%2Fitc-2027%2Forganiser"
        ), path
    plan = visitor.get(f"{EVENT}/organiser?slot=0", headers={**HTMX, "HX-Target": "table-plan"})
    assert plan.status_code == 204 and plan.headers["HX-Redirect"].startswith("/login?next=")
    for grant in (
        Grant(Role.INVESTOR),
        Grant(Role.PARTICIPANT, f"{EVENT_ID}/P04"),
        Grant(Role.ORGANISER, "other"),
    ):
        someone = log_in_as(TestClient(create_app(empty_engine)), empty_engine, grant)
        refused = someone.get(f"{EVENT}/organiser")
        assert refused.status_code == 403, grant
        assert "Falcon Extrusions" not in refused.text and "declined" not in refused.text, grant


PRIVATE_ON_P04 = (  # what P04's requests would show: the declined asker P12, the pairs' states, the forms
    'data-testid="incoming"', 'data-testid="outgoing"', "answered-P12", 'id="request-6"',
    'data-testid="state-', 'data-testid="request-P', "Declined", "Accepted", "asked you for a meeting",
)  # P12's name stays: P12 is among P04's public recommendations  # fmt: skip


def test_a_participants_requests_are_shown_only_to_them_and_the_organiser(
    empty_engine: Engine,
) -> None:
    """P12 asked P04 and P04 declined (docs/examples/congress/requests.csv); P04 asked P05, who accepted."""
    import_example(empty_engine)
    page = participant_page("P04")
    anonymous = TestClient(create_app(empty_engine)).get(page).text
    other = log_in_as(
        TestClient(create_app(empty_engine)), empty_engine, Grant(Role.PARTICIPANT, f"{EVENT_ID}/P05")
    )
    investor = log_in_as(TestClient(create_app(empty_engine)), empty_engine, Grant(Role.INVESTOR))
    for shown in (anonymous, other.get(page).text, investor.get(page).text):
        assert "Autopeças Horizonte (fictional)" in shown and 'data-testid="recommendations"' in shown
        assert 'data-testid="requests-private"' in shown
        for private in PRIVATE_ON_P04:
            assert private not in shown, private
    assert '<a href="/login?next=%2Fcongress%2Fitc-2027%2Fparticipants%2FP04">' in anonymous
    assert "Log in to see and answer meeting requests." in anonymous
    for grant in (Grant(Role.PARTICIPANT, f"{EVENT_ID}/P04"), Grant(Role.ORGANISER, EVENT_ID)):
        own = log_in_as(TestClient(create_app(empty_engine)), empty_engine, grant).get(page).text
        assert 'data-testid="answered-P12"' in own and 'id="request-6"' in own and "Declined" in own
        assert 'data-testid="outgoing"' in own and 'data-testid="state-P05"' in own
        assert 'data-testid="requests-private"' not in own


def test_a_pending_request_and_its_answer_buttons_are_only_on_the_targets_own_view(
    empty_engine: Engine,
) -> None:
    """P07 asked P06, who has not answered yet."""
    import_example(empty_engine)
    anonymous = TestClient(create_app(empty_engine)).get(participant_page("P06")).text
    assert 'data-testid="summary-P07"' in anonymous  # P07 is recommended to P06: that much is public
    assert "accept-P07" not in anonymous and "They asked you for a meeting" not in anonymous
    p06 = log_in_as(
        TestClient(create_app(empty_engine)), empty_engine, Grant(Role.PARTICIPANT, f"{EVENT_ID}/P06")
    )
    assert 'data-testid="accept-P07"' in p06.get(participant_page("P06")).text


def reader(lang: str) -> PageContext:
    return PageContext(lang=lang, is_explicit_choice=False, renderer=PageRenderer({}))


def ask(pages: TestClient, requester: str, target: str, headers: dict[str, str] = HTMX) -> str:
    response = pages.post(participant_page(requester) + "/requests", data={"target": target}, headers=headers)
    assert response.status_code == 200, response.text
    return response.text


def request_id(pages: TestClient, requester: str, target: str) -> int:
    found = pages.get(f"/api/v1/congress/events/itc-2027/requests?participant={target}").json()
    return next(r["request_id"] for r in found if (r["requester"], r["target"]) == (requester, target))


def schedule(pages: TestClient) -> str:
    """The dashboard once the app's own worker has published the schedule the button asked for."""
    return published_fragment(pages, EVENT)


def test_without_events_the_page_says_how_to_import_one(empty_engine: Engine) -> None:
    page = TestClient(create_app(empty_engine)).get("/congress").text
    assert 'data-testid="congress-empty"' in page and "sezatlas congress import" in page


def test_the_events_page_lists_the_event_with_its_days_participants_and_schedule(pages: TestClient) -> None:
    page = pages.get("/congress").text
    assert (
        "International Technological Congress 2027 (example)" in page and f'href="{EVENT}/organiser"' in page
    )
    assert "Jun 8\u2009–\u20099, 2027" in page and ">12<" in page and "none yet" in page
    schedule(pages)
    assert "version 1" in pages.get("/congress").text
    assert 'href="/congress"' in page  # the site navigation links here


def test_the_participant_page_shows_the_profile_with_code_titles_and_zone_links(pages: TestClient) -> None:
    response = pages.get(participant_page("P01"))
    page = response.text
    assert response.status_code == 200 and response.headers["Content-Security-Policy"]
    assert "Sinoauto Capital Partners (fictional)" in page and "Investor · China" in page
    assert "Chinese, English" in page and "寻找汽车零部件工厂用地和当地合作伙伴" in page
    assert (
        '<bdi class="code">ISIC 2930</bdi> <bdi>Manufacture of parts and accessories for motor vehicles</bdi>'
        in page
    )
    assert '<a href="/zones/RUS-001" dir="ltr">RUS-001</a>' in page
    assert "8 of 8 slots; at most 6 meetings" in page


def test_recommendations_are_ranked_with_reasons_and_the_state_of_each_request(pages: TestClient) -> None:
    page = pages.get(participant_page("P01")).text
    first = page.index('data-participant-id="P02"')
    assert first < page.index('data-participant-id="P04"')  # the operator of the zone P01 listed comes first
    assert 'They operate <a href="/zones/RUS-001" dir="ltr">RUS-001</a>, which you listed' in page
    assert "Investor ↔ zone operator" in page
    assert 'data-testid="state-P02"' in page and "You asked for a meeting: Accepted" in page
    assert 'data-testid="request-P04"' in page  # no request yet: a button
    assert "No schedule has been published yet" in page


def test_reasons_roles_and_states_read_in_the_page_language(pages: TestClient) -> None:
    page = pages.get(participant_page("P01") + "?lang=ru").text
    assert "Инвестор ↔ оператор зоны" in page and "Управляют зоной" in page
    assert "Запросить встречу" in page and "Вы просили о встрече: Принят" in page
    arabic = pages.get(participant_page("P01") + "?lang=ar").text
    assert '<html lang="ar" dir="rtl">' in arabic and "طلب اجتماع" in arabic


def test_a_request_made_on_the_page_is_pending_until_the_other_participant_accepts_it(
    pages: TestClient,
) -> None:
    fragment = ask(pages, "P01", "P04")
    assert (
        fragment.startswith('<div id="matchmaking"')
        and "Request sent to Autopeças Horizonte (fictional)." in fragment
    )
    assert "You asked for a meeting: Pending" in fragment and 'data-testid="request-P04"' not in fragment
    target_page = pages.get(participant_page("P04")).text
    assert 'data-testid="accept-P01"' in target_page and 'data-testid="decline-P01"' in target_page
    answered = pages.post(f"{participant_page('P04')}/requests/{request_id(pages, 'P01', 'P04')}/answer",
                          data={"answer": "accept"}, headers=HTMX)  # fmt: skip
    assert answered.status_code == 200
    assert "You accepted the request of Sinoauto Capital Partners (fictional)." in answered.text
    assert 'data-testid="answered-P01"' in answered.text and 'data-testid="accept-P01"' not in answered.text
    assert (
        "You asked for a meeting: Accepted"
        in pages.get(participant_page("P01")).text.split('data-testid="state-P04"')[1][:80]
    )


def test_without_javascript_a_form_post_returns_to_the_page(pages: TestClient) -> None:
    response = pages.post(participant_page("P01") + "/requests", data={"target": "P05"})
    assert response.status_code == 303 and response.headers["location"] == participant_page("P01")
    declined = pages.post(f"{participant_page('P05')}/requests/{request_id(pages, 'P01', 'P05')}/answer",
                          data={"answer": "decline"})  # fmt: skip
    assert declined.status_code == 303
    assert "You asked for a meeting: Declined" in pages.get(participant_page("P01")).text


def test_a_repeated_request_or_answer_is_refused_with_the_reason(pages: TestClient) -> None:
    ask(pages, "P01", "P04")
    again = pages.post(participant_page("P01") + "/requests", data={"target": "P04"}, headers=HTMX)
    assert (
        again.status_code == 400 and "You have already asked Autopeças Horizonte (fictional)." in again.text
    )
    blocked = pages.post(participant_page("P05") + "/requests", data={"target": "P12"}, headers=HTMX)
    assert blocked.status_code == 400 and "This meeting cannot be requested." in blocked.text
    assert "blocked" not in blocked.text  # who blocked whom stays with the organiser
    unknown = pages.post(participant_page("P01") + "/requests", data={"target": "P99"}, headers=HTMX)
    assert unknown.status_code == 400 and "P99 is not a participant of this event." in unknown.text
    answer = f"{participant_page('P04')}/requests/{request_id(pages, 'P01', 'P04')}/answer"
    assert pages.post(answer, data={"answer": "accept"}, headers=HTMX).status_code == 200
    twice = pages.post(answer, data={"answer": "decline"}, headers=HTMX)
    assert twice.status_code == 400 and "This request was already answered." in twice.text


def test_only_the_asked_participant_can_answer_a_request(pages: TestClient) -> None:
    ask(pages, "P01", "P04")
    answer = f"/requests/{request_id(pages, 'P01', 'P04')}/answer"
    assert pages.post(participant_page("P05") + answer, data={"answer": "accept"}).status_code == 404
    assert pages.post(participant_page("P01") + answer, data={"answer": "accept"}).status_code == 404


def test_unknown_events_and_participants_are_404_pages(pages: TestClient) -> None:
    for path in ("/congress/nope/participants/P01", participant_page("P99"), "/congress/nope/organiser"):
        response = pages.get(path)
        assert response.status_code == 404 and "Not found" in response.text, path
    assert pages.post("/congress/nope/participants/P01/requests", data={"target": "P02"}).status_code == 404
    assert pages.post(participant_page("P99") + "/requests", data={"target": "P02"}).status_code == 404
    assert pages.post("/congress/nope/organiser/schedule").status_code == 404


def test_the_organiser_page_before_any_schedule_offers_to_run_the_scheduler(pages: TestClient) -> None:
    page = pages.get(f"{EVENT}/organiser").text
    assert 'data-testid="no-schedule"' in page
    assert "Run the scheduler" in page and "at most 15 seconds" in page
    assert "12 participants; requests: 5 accepted, 1 pending, 1 declined." in page
    assert 'data-testid="participants"' in page and f'href="{participant_page("P12")}"' in page


def test_running_the_scheduler_publishes_a_version_the_dashboard_and_the_agendas_show(
    pages: TestClient,
) -> None:
    fragment = schedule(pages)
    assert (
        fragment.startswith('<div id="organiser-dashboard"') and "Version 1 published: 4 meetings" in fragment
    )
    page = pages.get(f"{EVENT}/organiser").text
    assert "Re-run the scheduler" in page and 'data-testid="gap"' in page and "Certified upper bound" in page
    assert 'id="distribution-chart"' in page and 'data-testid="distribution"' in page
    assert "Request declined" in page and "Request awaiting an answer" in page  # unmet, and why
    assert "Interpreters English–Chinese" in page and 'data-testid="tables-row"' in page
    assert 'data-testid="table-plan"' in page and "Hall A, table" in page
    agenda = pages.get(participant_page("P01")).text.split('id="agenda"', 1)[1]
    assert "Times are the venue's (<bdi>GMT+03:00</bdi>, <bdi>Europe/Moscow</bdi>)." in agenda
    assert "Wednesday, June 9, 2027" in agenda and "Alabuga investor desk (fictional delegation)" in agenda
    calendar = Calendar.from_ical(
        pages.get("/api/v1/congress/events/itc-2027/participants/P01/agenda.ics").content
    )
    assert any("Alabuga" in str(event["SUMMARY"]) for event in calendar.walk("VEVENT"))


def test_full_interpreter_slots_are_marked_in_words_and_the_agenda_names_the_interpreter(
    empty_engine: Engine,
) -> None:
    store_congress(
        empty_engine
    )  # one en–zh interpreter per slot; a Brazilian investor meets a Chinese operator
    publish(empty_engine)
    client = log_in_as(TestClient(create_app(empty_engine)), empty_engine, Grant(Role.ORGANISER, "itc-test"))
    page = client.get("/congress/itc-test/organiser").text
    full_row = page.split('data-pair="en–zh"', 1)[1].split("</tr>", 1)[0]
    assert 'class="number is-full"' in full_row
    assert '1 / 1 <strong class="full-mark">full</strong>' in full_row
    agenda = client.get("/congress/itc-test/participants/INV1").text.split('id="agenda"', 1)[1]
    assert "English–Chinese" in agenda and "上海汽车零部件产业园" in agenda


def test_a_scheduler_run_without_javascript_returns_to_the_dashboard(pages: TestClient) -> None:
    response = pages.post(f"{EVENT}/organiser/schedule")
    assert response.status_code == 303 and response.headers["location"] == f"{EVENT}/organiser"


def test_the_table_plan_of_another_slot_comes_as_a_fragment_with_its_address(pages: TestClient) -> None:
    schedule(pages)
    response = pages.get(f"{EVENT}/organiser?slot=0", headers={**HTMX, "HX-Target": "table-plan"})
    assert (
        response.text.startswith('<section id="table-plan"') and 'data-testid="plan-empty"' in response.text
    )
    assert response.headers["HX-Push-Url"] == f"{EVENT}/organiser?slot=0"
    assert 'hx-swap-oob="true"' in response.text  # the language links keep the chosen slot
    page = pages.get(f"{EVENT}/organiser?slot=7&lang=pt").text
    assert 'data-testid="table-plan"' in page and "Plano das mesas" in page


def test_every_reason_kind_has_a_template_with_the_core_parameters() -> None:
    assert set(REASON_TEMPLATES) == set(ReasonKind)
    params = {"zone": "RUS-001", "code": "ISIC 2930", "code_key": "ISIC:2930", "title": "Parts & accessories"}
    html = str(reason_html(Reason(ReasonKind.ZONE_FITS_YOU, params), reader("en")))
    assert html == (
        'They operate <a href="/zones/RUS-001" dir="ltr">RUS-001</a>, specialised in <bdi>ISIC 2930</bdi> '
        "(<bdi>Parts &amp; accessories</bdi>), which fits what you do"
    )


def test_unmet_reasons_are_translated_from_their_kind_and_parameters_not_their_wording() -> None:
    ru = reader("ru")
    reworded = UnmetRequest(
        "P1", "P7", "P7 has no room left (4 at most)", "cap", {"participant": "P7", "maximum": "4"}
    )
    assert unmet_text(reworded, ru) == "У P7 уже максимум встреч (4)"
    blocked = UnmetRequest("P1", "P2", "the organiser keeps these two apart", "blocked")
    assert unmet_text(blocked, ru) == unmet_kind_text("blocked", ru) != "blocked"
    taken = UnmetRequest("P1", "P2", "two slots, both gone", "taken", {"count": "2"})
    assert unmet_text(taken, reader("en")) == "Their 2 common free slots are taken by more valuable meetings"
    stored_before_kinds = UnmetRequest("P1", "P7", "P7 reached their maximum of 4 meetings")
    assert unmet_text(stored_before_kinds, ru) == "У P7 уже максимум встреч (4)"
    assert unmet_kind_text("taken", ru) != "Common free slots taken by more valuable meetings"


def test_unmet_reasons_of_the_report_are_translated_and_unknown_ones_kept() -> None:
    ru = reader("ru")
    assert unmet_reason_text("request declined", ru) == "Запрос отклонён"
    assert unmet_reason_text("P7 reached their maximum of 4 meetings", ru) == "У P7 уже максимум встреч (4)"
    assert "en–zh" in unmet_reason_text("no en–zh interpreter free in any common slot", ru)
    assert unmet_reason_text(
        "their 3 common free slot(s) are taken by more valuable meetings", reader("en")
    ) == ("Their 3 common free slots are taken by more valuable meetings")
    assert unmet_reason_text("a reason added later", ru) == "a reason added later"
