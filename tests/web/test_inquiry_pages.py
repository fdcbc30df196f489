"""The inquiry pages (issue 17): the send form (prefilled from a ranking, refused with what was typed kept),
the inbox of each side, a thread with its files and step forms, and the public figures on the dashboard,
zone and country pages — never an inquiry's content or sender; on SQLite and PostgreSQL.
"""

import html
import re
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from sqlalchemy import Engine

from sezatlas.accounts.organisations import NewOrganisation, OrganisationKind, add_organisation, link_zone
from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.inquiries.clock import Outcome, Step
from sezatlas.inquiries.dashboard import GroupBy, response_dashboard
from sezatlas.inquiries.response_stats import ResponseStats
from sezatlas.inquiries.sending import ProjectSummary, send_inquiry
from sezatlas.inquiries.steps import take_step
from sezatlas.store.database import session_factory
from sezatlas.web.app import create_app
from sezatlas.web.i18n import LANGUAGES
from tests.accounts.mailbox import catching_mail
from tests.accounts.people import log_in_as
from tests.inquiries.test_inquiries import person

INVESTOR = Grant(Role.INVESTOR)
OPERATOR = Grant(Role.ZONE_OPERATOR, "RUS-001")  # RUS-002 has no operator: the secretariat answers for it
SECRETARIAT = Grant(Role.SECRETARIAT)
SAME_SITE = {"Origin": "http://testserver"}
PLAN = ("site plan.pdf", b"%PDF-1.7\n% a site plan\n", "application/pdf")
# Not English, so that the language test below finds no English in what the investor wrote.
MESSAGE = "Нужна площадка 40 га и 120 МВт с 2027 года: есть ли свободная земля с подключением?"
QUESTION, ANSWER = "Which cell chemistry, and how much water?", "Serviced plots of 40 ha are free"
RANKED = ("isic=2720&land_ha=40&power_mw=120&capex_buildings_m=100&capex_machinery_m=250.5"
          "&capex_intangibles_m=20")  # fmt: skip


def _client(engine: Engine, *grants: Grant) -> TestClient:
    made = TestClient(create_app(engine), follow_redirects=False)
    return log_in_as(made, engine, *grants) if grants else made


def _send(client: TestClient, zones: list[str], **fields: str) -> Response:
    form = {
        "zone": zones,
        "offered": zones,
        "isic_codes": "2720",
        "land_ha": "40",
        "message": MESSAGE,
        **fields,
    }
    return client.post("/inquiries/new", data=form, files=[("attachments", PLAN)], headers=SAME_SITE)


def _threads(client: TestClient) -> dict[str, int]:
    """The reader's threads by zone, from the inbox's JSON twin."""
    return {
        line["zone_id"]: line["thread_id"] for line in client.get("/inquiries?f=json").json()["inquiries"]
    }


def _step(client: TestClient, thread_id: int, step: str, **fields: str) -> Response:
    return client.post(f"/inquiries/{thread_id}/steps", data={"step": step, **fields}, headers=SAME_SITE)


def test_an_inquiry_with_a_file_reaches_the_zone_which_alone_may_download_it(registry_engine: Engine) -> None:
    investor = _client(registry_engine, INVESTOR)
    operator = _client(registry_engine, OPERATOR)
    with catching_mail() as mailbox:
        sent = _send(investor, ["RUS-001", "RUS-002"], investment_usd_m="370.5", jobs="900")
        assert sent.status_code == 303 and sent.headers["location"] == "/inquiries?sent=2"
    assert any(letter["Subject"] == "A new inquiry for RUS-001" for letter in mailbox.letters)
    inbox = investor.get(sent.headers["location"]).text
    assert 'data-testid="inquiry-sent"' in inbox and "sent to 2 zones" in inbox
    threads = _threads(investor)
    assert set(threads) == {"RUS-001", "RUS-002"}
    assert f'<a href="/inquiries/{threads["RUS-001"]}">' in inbox and 'href="/zones/RUS-002"' in inbox
    page = operator.get(f"/inquiries/{threads['RUS-001']}").text
    assert html.escape(MESSAGE, quote=False) in page and "370.5 million US dollars" in page
    [link] = re.findall(r'href="(/inquiries/\d+/attachments/\d+)"', page)
    download = operator.get(link)
    assert download.status_code == 200 and download.content == PLAN[1]
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["x-content-type-options"] == "nosniff"
    assert download.headers["content-disposition"].startswith("attachment;")
    assert quote(PLAN[0], safe="") in download.headers["content-disposition"]
    stranger = _client(registry_engine, INVESTOR)
    assert stranger.get(link).status_code == 404
    assert stranger.get(f"/inquiries/{threads['RUS-001']}").status_code == 404
    assert operator.get(f"/inquiries/{threads['RUS-002']}").status_code == 404  # not the operator's zone


def test_the_send_form_takes_files_over_the_pages_body_ceiling(registry_engine: Engine) -> None:
    investor = _client(registry_engine, INVESTOR)
    drawing = (
        "site drawing.pdf",
        b"%PDF-1.7\n" + b"0" * (3 * 1024 * 1024),
        "application/pdf",
    )  # 3 MiB > 1 MiB
    form = {"zone": ["RUS-001"], "message": MESSAGE}
    sent = investor.post("/inquiries/new", data=form, files=[("attachments", drawing)], headers=SAME_SITE)
    assert sent.status_code == 303, sent.text[:300]


def test_the_form_is_prefilled_from_the_ranking_that_opened_it(registry_engine: Engine) -> None:
    investor = _client(registry_engine, INVESTOR)
    form = investor.get(f"/inquiries/new?zone=RUS-001&zone=rus-002&{RANKED}&headcount=900").text
    assert re.search(r'name="zone" value="RUS-001" checked', form)
    assert re.search(r'name="zone" value="RUS-002" checked', form)
    assert 'name="isic_codes" value="2720"' in form and 'name="land_ha" type="number" value="40"' in form
    assert 'name="investment_usd_m" type="number" value="370.5"' in form  # capex summed, in USD
    assert 'name="jobs" type="number" value="900"' in form and '<button type="submit" name="send"' in form
    in_reais = investor.get(f"/inquiries/new?zone=RUS-001&{RANKED}&currency=BRL").text
    assert 'name="investment_usd_m" type="number" value=""' in in_reais  # no rate given: no conversion


def test_the_rank_shortlist_and_the_comparison_lead_to_the_form(client: TestClient) -> None:
    client.cookies.clear()
    ranked = client.get(f"/rank?{RANKED}&currency=USD&headcount=900").text
    [form] = re.findall(r'<form method="get" action="/inquiries/new".*?</form>', ranked, re.DOTALL)
    boxes = re.findall(r'<input type="checkbox" name="zone" value="([^"]+)"( checked)?>', form)
    assert len(boxes) >= 2 and not any(checked for _, checked in boxes)  # none ticked until the reader does
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form))
    assert hidden == {"isic": "2720", "land_ha": "40", "power_mw": "120", "headcount": "900",
                      "capex_buildings_m": "100", "capex_machinery_m": "250.5", "capex_intangibles_m": "20",
                      "currency": "USD"}  # fmt: skip
    assert "Send an inquiry to the chosen zones" in form
    compared = client.get("/compare?zones=RUS-001,RUS-002").text
    assert 'href="/inquiries/new?zone=RUS-001&amp;zone=RUS-002"' in compared
    assert 'href="/inquiries/new?zone=RUS-001"' in client.get("/zones/RUS-001").text


def test_a_refused_inquiry_comes_back_with_each_problem_and_what_was_typed(registry_engine: Engine) -> None:
    investor = _client(registry_engine, INVESTOR)
    refused = _send(investor, ["RUS-001"], jobs="many", timeline="from mid-2027")
    assert refused.status_code == 422
    assert 'data-testid="problem-jobs"' in refused.text and 'value="many"' in refused.text
    assert 'value="from mid-2027"' in refused.text and html.escape(MESSAGE, quote=False) in refused.text
    assert "choose them again" in refused.text  # files cannot come back with the form
    unticked = investor.post("/inquiries/new", headers=SAME_SITE, data={
        "offered": ["RUS-001", "RUS-002"], "zone": [], "message": "Too short"})  # fmt: skip
    assert unticked.status_code == 422
    assert (
        'data-testid="problem-zone"' in unticked.text and 'data-testid="problem-message"' not in unticked.text
    )
    assert re.search(r'name="zone" value="RUS-002">', unticked.text)  # still offered, not ticked
    short = _send(investor, ["RUS-001"], message="Too short")
    assert short.status_code == 422 and 'data-testid="problem-message"' in short.text
    assert "not 9" in short.text and ">Too short</textarea>" in short.text
    assert _threads(investor) == {}


def test_the_anonymous_are_sent_to_log_in_and_others_refused(registry_engine: Engine) -> None:
    anonymous = _client(registry_engine)
    for path in ("/inquiries/new?zone=RUS-001", "/inquiries", "/inquiries/1"):
        answer = anonymous.get(path)
        assert answer.status_code == 303 and answer.headers["location"] == "/login?next=" + quote(
            path, safe=""
        )
    assert _send(anonymous, ["RUS-001"]).headers["location"].startswith("/login")
    assert _client(registry_engine, OPERATOR).get("/inquiries/new?zone=RUS-001").status_code == 403
    assert _send(_client(registry_engine, OPERATOR), ["RUS-001"]).status_code == 403


def test_each_side_has_its_inbox_and_the_secretariat_the_zones_without_an_operator(
    registry_engine: Engine,
) -> None:
    with session_factory(registry_engine)() as session:
        sender = person(session, "sender@example.org", INVESTOR)
        nine_days_ago = datetime.now(UTC) - timedelta(days=9)
        send_inquiry(session, sender, ["RUS-001", "RUS-002"], ProjectSummary(), MESSAGE, now=nine_days_ago)
    operator, secretariat = _client(registry_engine, OPERATOR), _client(registry_engine, SECRETARIAT)
    assert set(_threads(operator)) == {"RUS-001"} and set(_threads(secretariat)) == {"RUS-002"}
    page = operator.get("/inquiries").text
    assert 'href="/zones/RUS-001"' in page and "RUS-002" not in page
    assert ">9.0</td>" in page and ">7.0</td>" in page and 'data-testid="overdue"' in page
    assert "To your zone" in page and 'href="/inquiries"' in page  # the account menu's entry
    assert "For the secretariat" in secretariat.get("/inquiries").text
    assert 'data-testid="inquiries-empty"' in operator.get("/inquiries?status=answered").text
    assert 'data-testid="inquiries-empty"' in _client(registry_engine, INVESTOR).get("/inquiries").text


def test_steps_taken_through_the_forms_move_the_status_and_pause_the_clock(registry_engine: Engine) -> None:
    investor, operator = _client(registry_engine, INVESTOR), _client(registry_engine, OPERATOR)
    assert _send(investor, ["RUS-001", "RUS-002"]).status_code == 303
    thread = _threads(investor)["RUS-001"]
    page = operator.get(f"/inquiries/{thread}").text
    for step, button in (("acknowledge", "Acknowledge"), ("request_clarification", "Ask for a clarification"),
                         ("answer", "Send the answer"), ("close", "Close")):  # fmt: skip
        assert f'<input type="hidden" name="step" value="{step}">' in page and f">{button}</button>" in page
    assert '<select id="outcome-close" name="outcome">' in page and 'value="site_visit"' in page
    empty = _step(operator, thread, "request_clarification", text="  ")
    assert empty.status_code == 422 and 'data-testid="step-problem"' in empty.text
    asked = _step(operator, thread, "request_clarification", text="Which cell chemistry?")
    assert asked.status_code == 303 and asked.headers["location"] == f"/inquiries/{thread}"
    assert _step(operator, thread, "answer", text="Yes").status_code == 409  # the investor's turn
    assert _step(investor, thread, "acknowledge").status_code == 403
    seen = investor.get(f"/inquiries/{thread}").text
    assert 'data-status="clarification_requested"' in seen and ">Send the clarification</button>" in seen
    assert (
        "Which cell chemistry?" in seen and 'href="/inquiries/' in seen.split('data-testid="other-zones"')[1]
    )
    assert '<option value="withdrawn">' in seen and 'value="site_visit"' not in seen  # investors withdraw
    assert _step(investor, thread, "clarify", text="Lithium iron phosphate.").status_code == 303
    assert 'data-testid="paused-days"' in operator.get(f"/inquiries/{thread}").text
    assert _step(operator, thread, "answer", text="Serviced land is free.").status_code == 303
    assert _step(operator, thread, "close", outcome=Outcome.SITE_VISIT.value).status_code == 303
    closed = investor.get(f"/inquiries/{thread}").text
    assert 'data-status="closed"' in closed and "(Site visit)" in closed
    assert [step["step"] for step in investor.get(f"/inquiries/{thread}?f=json").json()["steps"]] == [
        "send", "request_clarification", "clarify", "answer", "close"]  # fmt: skip


def _answered_threads(engine: Engine) -> None:
    """Two inquiries to three zones, one zone operated by an organisation: answered after 2 and 5 days,
    paused 3 days for a clarification in between, and one left unanswered."""
    start = datetime.now(UTC) - timedelta(days=20)
    with session_factory(engine)() as session:
        secretariat = Actor.command_line()
        add_organisation(
            session, secretariat, NewOrganisation("Alabuga Management", OrganisationKind.ZONE_OPERATOR)
        )
        link_zone(session, secretariat, "Alabuga Management", "RUS-001")
        sender = person(session, "investor@example.org", INVESTOR)
        keeper = person(session, "keeper@example.org", OPERATOR)
        first = send_inquiry(session, sender, ["RUS-001", "RUS-002"], ProjectSummary(), MESSAGE, now=start)
        second = send_inquiry(session, sender, ["RUS-001", "CHN-001"], ProjectSummary(), MESSAGE, now=start)
        day = [start + timedelta(days=n) for n in range(10)]
        take_step(session, keeper, first[0], Step.ANSWER, text=ANSWER, now=day[2])
        take_step(session, keeper, second[0], Step.REQUEST_CLARIFICATION, text=QUESTION, now=day[1])
        take_step(session, sender, second[0], Step.CLARIFY, text="Lithium iron phosphate", now=day[4])
        take_step(session, keeper, second[0], Step.ANSWER, text=ANSWER, now=day[8])
        take_step(session, secretariat, first[1], Step.ANSWER, text=ANSWER, now=day[9])


def _dashboard(engine: Engine, by: GroupBy) -> dict[str, ResponseStats]:
    with session_factory(engine)() as session:
        return response_dashboard(session, by)


def _cells(stats: ResponseStats) -> dict[str, str]:
    """The dashboard's cells as an English reader reads them, formatted here independently of the page."""
    share = stats.share_within_target
    return {
        "received": str(stats.received),
        "answered": str(stats.answered),
        "within_target": f"{round(100 * share)}%" if share is not None else "—",
        "median_days": f"{stats.median_days:.1f}" if stats.median_days is not None else "—",
        "p90_days": f"{stats.p90_days:.1f}" if stats.p90_days is not None else "—",
    }


def _shown(page: str, key: str) -> dict[str, str]:
    row = re.search(rf'<tr data-key="{re.escape(key)}">(.*?)</tr>', page, re.DOTALL)
    assert row, key
    return dict(re.findall(r'data-figure="(\w+)">([^<]*)</', row.group(1)))


def test_the_dashboard_shows_what_the_use_case_counts_and_nothing_of_the_inquiries(
    registry_engine: Engine,
) -> None:
    _answered_threads(registry_engine)
    client = _client(registry_engine)
    for by in GroupBy:
        expected = _dashboard(registry_engine, by)
        page = client.get(f"/responses?by={by.value}").text
        assert expected and all(_shown(page, key) == _cells(stats) for key, stats in expected.items())
        twin = {
            group["key"]: group for group in client.get(f"/responses?by={by.value}&f=json").json()["groups"]
        }
        assert {key: (group["received"], group["median_days"]) for key, group in twin.items()} == {
            key: (stats.received, stats.median_days) for key, stats in expected.items()}  # fmt: skip
        for private in (MESSAGE[:20], QUESTION, ANSWER, "investor@example.org", ">investor<"):
            assert private not in page
    assert _cells(_dashboard(registry_engine, GroupBy.ZONE)["RUS-001"])["median_days"] == "3.5"  # (2 + 5) / 2
    organisations = client.get("/responses?by=organisation").text
    assert "Alabuga Management" in organisations
    countries = client.get("/responses").text  # by country unless asked otherwise
    assert 'href="/countries/RUS"' in countries and 'href="/countries/CHN"' in countries
    assert "calendar days" in countries and 'href="/api/v1/responses?by=country"' in countries
    assert 'href="/responses"' in countries  # the site navigation's entry


def test_zone_and_country_pages_show_their_figures(registry_engine: Engine) -> None:
    _answered_threads(registry_engine)
    client = _client(registry_engine)
    zone = client.get("/zones/RUS-001").text
    figures = re.search(r'data-testid="response-figures">(.*?)</section>', zone, re.DOTALL)
    assert figures and dict(re.findall(r'data-figure="(\w+)">([^<]*)</', figures.group(1))) == _cells(
        _dashboard(registry_engine, GroupBy.ZONE)["RUS-001"])  # fmt: skip
    assert MESSAGE[:20] not in zone
    assert 'data-testid="no-inquiries"' in client.get("/zones/RUS-003").text
    country = client.get("/countries/RUS").text
    shown = re.search(r'data-testid="response-figures">(.*?)</section>', country, re.DOTALL)
    assert shown and dict(re.findall(r'data-figure="(\w+)">([^<]*)</', shown.group(1))) == _cells(
        _dashboard(registry_engine, GroupBy.COUNTRY)["RUS"])  # fmt: skip


# Words of an English sentence the other four languages do not use; the pages' own words must be
# translated (zone names, marked lang="en", are data and removed first).
ENGLISH_WORDS = re.compile(
    r"\b(the|and|of|is|are|with|your|you|send|sent|inquiry|inquiries|zones?|answer(ed)?|days?|status|target|"
    r"message|project|files?|clarification|step|close|received|median|percentile|given|investment|land|power)\b",
    re.IGNORECASE,
)
TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.DOTALL)
INQUIRY_PARTS = re.compile(
    r'data-testid="send-inquiry-link">(.*?)</a>|data-testid="response-figures">(.*?)</section>', re.DOTALL
)
IN_ENGLISH = re.compile(
    r'<(?!html)(\w+)[^>]*\blang="en"[^>]*>.*?</\1>', re.DOTALL
)  # data, not the page's words


def _words(page: str) -> str:
    return html.unescape(TAGS.sub(" ", IN_ENGLISH.sub(" ", page)))


@pytest.mark.parametrize("registry_engine", ["sqlite"], indirect=True)  # the words, not the store
def test_the_inquiry_pages_speak_each_language(registry_engine: Engine) -> None:
    investor, operator = _client(registry_engine, INVESTOR), _client(registry_engine, OPERATOR)
    assert _send(investor, ["RUS-001"], timeline="2027").status_code == 303
    thread = _threads(investor)["RUS-001"]
    _step(operator, thread, "request_clarification", text="Какая химия элементов?")
    pages = [(investor, "/inquiries/new?zone=RUS-001&isic=2720"), (investor, "/inquiries?sent=1"),
             (investor, f"/inquiries/{thread}"), (operator, f"/inquiries/{thread}"),
             (operator, "/responses"), (operator, "/responses?by=zone"), (operator, "/zones/RUS-001"),
             (operator, "/countries/RUS")]  # fmt: skip
    for lang in LANGUAGES:
        for reader, path in pages:
            joiner = "&" if "?" in path else "?"
            page = reader.get(f"{path}{joiner}lang={lang}")
            assert page.status_code == 200, (lang, path)
            found = {match.group(0) for match in ENGLISH_WORDS.finditer(_words(_ours(path, page.text)))}
            assert bool(found) == (lang == "en"), f"{lang} {path}: English words {sorted(found)}"


def _ours(path: str, page: str) -> str:
    """The inquiry pages whole; of a zone or country page, the inquiry parts (its facts are data)."""
    if not path.startswith(("/zones/", "/countries/")):
        return page
    return " ".join(" ".join(parts) for parts in INQUIRY_PARTS.findall(page))
