"""Investor inquiries over HTTP (issue 17): an investor sends one inquiry with a file to several zones, each
side reads its inbox and the thread, the zone answers on a clock, the secretariat sets targets and
escalates, and the public dashboard publishes aggregates only. On SQLite and PostgreSQL, with the bundled
registry and a real local SMTP server.

Which role may make each write (401 anonymous, 403 without the role) is held for every write route by
`test_write_protection.py`.
"""

import base64
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.actions import create_person
from sezatlas.accounts.organisations import NewOrganisation, OrganisationKind, add_organisation, link_zone
from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.inquiries.sending import ProjectSummary, send_inquiry
from sezatlas.settings import get_settings
from sezatlas.store.database import session_factory
from sezatlas.web.app import create_app
from sezatlas.web.body_limit import BodyLimitMiddleware
from tests.accounts.mailbox import catching_mail
from tests.accounts.people import PASSWORD
from tests.web.test_stewardship_api import logged_in

API = "/api/v1/inquiries"
MESSAGE = "We plan a battery-cell plant of 40 ha and 120 MW; is serviced land available next year?"
PROJECT = {"isic_codes": ["2720"], "investment_usd_m": 450, "jobs": 900, "land_ha": 40, "power_mw": 120}
# Over the 1 MiB ceiling of ordinary routes: the inquiry route takes files (its own ceiling).
PLAN = b"%PDF-1.7\n% a site plan\n" + b"0" * 1_500_000
PLAN_NAME = "план участка «A».pdf"


def inquiry(
    *zone_ids: str, message: str = MESSAGE, files: list[dict[str, str]] | None = None
) -> dict[str, object]:
    plan = {"file_name": PLAN_NAME, "content_base64": base64.b64encode(PLAN).decode()}
    return {"zone_ids": list(zone_ids), "project": PROJECT, "message": message,
            "attachments": [plan] if files is None else files}  # fmt: skip


def test_an_investor_sends_with_a_file_and_each_side_reads_its_inbox_and_the_thread(
    registry_engine: Engine,
) -> None:
    investor, _ = logged_in(registry_engine, Grant(Role.INVESTOR))
    operator, operator_email = logged_in(registry_engine, Grant(Role.ZONE_OPERATOR, "RUS-001"))
    outsider, _ = logged_in(registry_engine, Grant(Role.ZONE_OPERATOR, "CHN-001"))
    with catching_mail() as mailbox:
        sent = investor.post(API, json=inquiry("RUS-001", "RUS-002"))
    assert sent.status_code == 201, sent.text
    first, second = sent.json()["thread_ids"]
    assert sent.json()["links"] == [f"{API}/{first}", f"{API}/{second}"]
    assert mailbox.last_link(operator_email) == f"/inquiries/{first}"  # the operator is told

    mine = investor.get(API).json()["items"]
    assert sorted((t["zone_id"], t["side"], t["status"]) for t in mine) == [
        ("RUS-001", "investor", "new"), ("RUS-002", "investor", "new")
    ]  # fmt: skip
    [theirs] = operator.get(API).json()["items"]
    assert (theirs["thread_id"], theirs["side"], theirs["target_days"], theirs["href"]) == (
        first, "zone", 7, f"{API}/{first}"
    )  # fmt: skip
    assert operator.get(API, params={"status": "answered"}).json()["items"] == []
    assert operator.get(API, params={"status": "lost"}).status_code == 400
    assert outsider.get(API).json()["items"] == []

    thread = operator.get(f"{API}/{first}").json()
    assert (thread["message"], thread["project"]["land_ha"], thread["other_threads"]) == (MESSAGE, 40, [])
    assert [step["step"] for step in thread["steps"]] == ["send"]
    assert thread["may_take"] == ["acknowledge", "request_clarification", "answer", "close"]
    [plan] = thread["attachments"]
    assert (plan["file_name"], plan["media_type"], plan["size"]) == (PLAN_NAME, "application/pdf", len(PLAN))
    seen_by_investor = investor.get(f"{API}/{first}").json()
    assert [other["zone_id"] for other in seen_by_investor["other_threads"]] == ["RUS-002"]
    assert seen_by_investor["may_take"] == ["close"]

    download = operator.get(plan["href"])
    assert download.status_code == 200 and download.content == PLAN
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["content-disposition"].startswith('attachment; filename="')
    assert "filename*=UTF-8''%D0%BF%D0%BB%D0%B0%D0%BD" in download.headers["content-disposition"]
    assert download.headers["x-content-type-options"] == "nosniff"
    assert "no-store" in download.headers["cache-control"]

    # Not a party: told there is no such inquiry (its existence is not given away); nobody logged in: 401.
    for path in (f"{API}/{first}", plan["href"]):
        assert outsider.get(path).status_code == 404, path
        assert TestClient(create_app(registry_engine)).get(path).status_code == 401, path
    assert operator.get(f"{API}/{second}").status_code == 404  # RUS-002's thread is not RUS-001's
    assert operator.get(f"{API}/{first}/attachments/999999").status_code == 404
    assert operator.get(f"{API}/999999").status_code == 404


def test_a_bad_inquiry_is_a_422_naming_the_field(registry_engine: Engine) -> None:
    investor, _ = logged_in(registry_engine, Grant(Role.INVESTOR))
    bad_file = investor.post(
        API, json=inquiry("RUS-001", files=[{"file_name": "a.pdf", "content_base64": "%%"}])
    )
    assert bad_file.status_code == 422
    assert bad_file.json()["errors"][0]["field"] == "attachments.0.content_base64"
    exe = {"file_name": "plan.pdf", "content_base64": base64.b64encode(b"MZ\x90\x00").decode()}
    refused = investor.post(API, json=inquiry("RUS-001", files=[exe]))
    assert refused.status_code == 422 and "attachments" in refused.json()["detail"]
    unknown = investor.post(API, json=inquiry("RUS-001", "XXX-999", files=[]))
    assert unknown.status_code == 422 and "XXX-999" in unknown.json()["detail"]
    short = investor.post(API, json=inquiry("RUS-001", message="Hello?", files=[]))
    assert short.status_code == 422 and "message" in short.json()["detail"]
    operator, _ = logged_in(registry_engine, Grant(Role.ZONE_OPERATOR, "RUS-001"))
    assert operator.post(API, json=inquiry("RUS-002", files=[])).status_code == 403  # investors send
    assert TestClient(create_app(registry_engine)).post(API, json=inquiry("RUS-001")).status_code == 401


def test_steps_follow_the_pipeline_and_move_the_clock(registry_engine: Engine) -> None:
    investor, investor_email = logged_in(registry_engine, Grant(Role.INVESTOR))
    operator, _ = logged_in(registry_engine, Grant(Role.ZONE_OPERATOR, "RUS-001"))
    [thread] = investor.post(API, json=inquiry("RUS-001", files=[])).json()["thread_ids"]
    steps = f"{API}/{thread}/steps"

    missing_text = operator.post(steps, json={"step": "answer"})
    assert missing_text.status_code == 422 and "text" in missing_text.json()["detail"]
    assert operator.post(steps, json={"step": "send"}).status_code == 422
    assert operator.post(steps, json={"step": "wave"}).json()["errors"][0]["field"] == "step"
    with catching_mail() as mailbox:
        asked = operator.post(steps, json={"step": "request_clarification", "text": "Which chemistry?"})
    assert asked.json() == {
        "thread_id": thread,
        "status": "clarification_requested",
        "href": f"{API}/{thread}",
    }
    assert mailbox.last_link(investor_email) == f"/inquiries/{thread}"  # the investor is told
    again = operator.post(steps, json={"step": "request_clarification", "text": "And the power?"})
    assert (
        again.status_code == 409
        and "not possible while the inquiry is clarification requested" in again.json()["detail"]
    )
    assert operator.post(steps, json={"step": "answer", "text": "Yes."}).status_code == 409  # clock paused
    assert investor.post(steps, json={"step": "answer", "text": "I answer myself."}).status_code == 403
    clarified = investor.post(steps, json={"step": "clarify", "text": "LFP, 20 GWh a year."})
    assert clarified.json()["status"] == "acknowledged"
    answered = operator.post(steps, json={"step": "answer", "text": "Yes: plots 7 and 9.\nSee the plan."})
    assert answered.json()["status"] == "answered"
    assert investor.post(steps, json={"step": "close", "outcome": "site_visit"}).status_code == 422
    assert operator.post(steps, json={"step": "close"}).status_code == 422  # closing says how it ended
    closed = operator.post(steps, json={"step": "close", "outcome": "site_visit"})
    assert closed.json()["status"] == "closed"

    seen = investor.get(f"{API}/{thread}").json()
    assert [(s["step"], s["is_investor"]) for s in seen["steps"]] == [
        ("send", True), ("request_clarification", False), ("clarify", True), ("answer", False),
        ("close", False),
    ]  # fmt: skip
    assert seen["steps"][3]["text"] == "Yes: plots 7 and 9.\nSee the plan."
    assert (seen["summary"]["outcome"], seen["may_take"]) == ("site_visit", [])
    assert TestClient(create_app(registry_engine)).post(steps, json={"step": "close"}).status_code == 401


def test_the_secretariat_sets_targets_and_escalates_overdue_inquiries(registry_engine: Engine) -> None:
    secretariat, secretariat_email = logged_in(registry_engine, Grant(Role.SECRETARIAT))
    investor, _ = logged_in(registry_engine, Grant(Role.INVESTOR))
    target = "/api/v1/response-targets/country/rus"
    assert investor.put(target, json={"days": 3}).status_code == 403
    assert TestClient(create_app(registry_engine)).put(target, json={"days": 3}).status_code == 401
    assert secretariat.put(target, json={"days": 400}).status_code == 422
    assert secretariat.put("/api/v1/response-targets/city/RUS", json={"days": 3}).status_code == 400
    assert secretariat.put(target, json={"days": 3}).json() == {"kind": "country", "value": "RUS", "days": 3}
    [thread] = investor.post(API, json=inquiry("RUS-001", files=[])).json()["thread_ids"]
    assert investor.get(f"{API}/{thread}").json()["summary"]["target_days"] == 3

    late = _sent_days_ago(registry_engine, 4, "RUS-002")  # past the 3 days the country's zones have
    assert investor.post(f"{API}/escalations").status_code == 403
    with catching_mail() as mailbox:
        escalated = secretariat.post(f"{API}/escalations")
    assert escalated.status_code == 200, escalated.text
    assert escalated.json()["thread_ids"] == [late]
    assert escalated.json()["escalated"][0]["zone_id"] == "RUS-002"
    assert escalated.json()["escalated"][0]["days"] > 3
    assert f"/inquiries/{late}" in str(mailbox.to(secretariat_email)[0].get_body(("plain",)))
    assert secretariat.post(f"{API}/escalations").json()["thread_ids"] == []  # once each
    assert any(t["thread_id"] == late and t["is_escalated"] for t in secretariat.get(API).json()["items"])


def _sent_days_ago(engine: Engine, days: float, zone_id: str) -> int:
    """An inquiry sent `days` ago (the API sends at the present moment), by an investor of its own."""
    with session_factory(engine)() as session:
        grants = (Grant(Role.INVESTOR),)
        email = f"early-{zone_id}@example.org"
        person = create_person(session, Actor.command_line(), email, "Early", PASSWORD, grants)
        early = Actor(person_id=person.person_id, name=person.name, grants=frozenset(grants))
        [thread] = send_inquiry(session, early, [zone_id], ProjectSummary(), MESSAGE,
                                now=datetime.now(UTC) - timedelta(days=days))  # fmt: skip
    return thread


def test_the_dashboard_and_the_public_api_never_show_an_inquiry_or_its_sender(
    registry_engine: Engine,
) -> None:
    secret_message = "Quetzalcoatl-Turbine-Memorandum: a confidential plan of 40 ha, please keep it private."
    secret_name, secret_email = "Zebulon Quartermaine-Vasquez", "zebulon.quartermaine@investor-secret.example"
    secret_answer = "Verdigris-Plot-Seventeen is yours."
    with session_factory(registry_engine)() as session:
        create_person(
            session, Actor.command_line(), secret_email, secret_name, PASSWORD, (Grant(Role.INVESTOR),)
        )
        add_organisation(
            session,
            Actor.command_line(),
            NewOrganisation("Alabuga SEZ Management Company", OrganisationKind.ZONE_OPERATOR),
        )
        link_zone(session, Actor.command_line(), "Alabuga SEZ Management Company", "RUS-001")
    investor = TestClient(create_app(registry_engine))
    assert (
        investor.post("/api/v1/session", json={"email": secret_email, "password": PASSWORD}).status_code
        == 200
    )
    operator, _ = logged_in(registry_engine, Grant(Role.ZONE_OPERATOR, "RUS-001"))
    sent = investor.post(API, json=inquiry("RUS-001", "RUS-002", "CHN-001", message=secret_message))
    thread = sent.json()["thread_ids"][0]
    assert operator.get(f"{API}/{thread}").json()["investor_name"] == secret_name  # the zone's side knows
    operator.post(f"{API}/{thread}/steps", json={"step": "answer", "text": secret_answer})

    anonymous = TestClient(create_app(registry_engine))
    secrets = (secret_message, "Quetzalcoatl", secret_name, "Quartermaine", secret_email, "investor-secret",
               secret_answer, "Verdigris", PLAN_NAME)  # fmt: skip
    published = {}
    for by in ("zone", "country", "organisation"):
        answer = anonymous.get("/api/v1/responses", params={"by": by})
        assert answer.status_code == 200, answer.text
        published[by] = answer.json()
    assert {g["group"]: g["answered"] for g in published["zone"]["groups"]} == {
        "CHN-001": 0, "RUS-001": 1, "RUS-002": 0
    }  # fmt: skip
    assert [(g["received"], g["answered"]) for g in published["country"]["groups"]] == [(1, 0), (2, 1)]
    [organisation] = published["organisation"]["groups"]
    assert (organisation["received"], organisation["share_within_target"]) == (1, 1)
    assert "clock.py" in published["zone"]["method"]
    one = anonymous.get("/api/v1/responses", params={"by": "zone", "only": "rus-001"}).json()
    assert [g["group"] for g in one["groups"]] == ["RUS-001"] and one["groups"][0]["median_days"] >= 0
    bad = anonymous.get("/api/v1/responses", params={"by": "organisation", "only": "Alabuga"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["parameter"] == "only"

    texts = [answer.text for answer in _public_answers(anonymous)]
    assert len(texts) > 20
    for text in [*texts, *(str(body) for body in published.values())]:
        for secret in secrets:
            assert secret not in text


def _public_answers(client: TestClient) -> list[object]:
    """Every GET the OpenAPI document describes, as an anonymous visitor makes it (path parameters filled
    with a zone, an inquiry thread and the first of anything else)."""
    values = {"zone_id": "RUS-001", "thread_id": "1", "attachment_id": "1", "collection_id": "zones",
              "feature_id": "RUS-001", "regime_id": "rus-sez", "event_id": "x", "participant_id": "x",
              "change_id": "1", "job_id": "1"}  # fmt: skip
    answers = []
    for path, operations in client.get("/openapi.json").json()["paths"].items():
        if "get" not in operations or path.endswith((".pdf", ".ics")):
            continue
        concrete = path
        for name, value in values.items():
            concrete = concrete.replace("{" + name + "}", value)
        answers.append(client.get(concrete))
    return answers


def test_only_the_sending_route_takes_the_inquiry_ceiling() -> None:
    """Five 10 MiB files in base64 fit under it (4/3 of 50 MiB); the thread routes keep the 1 MiB one."""
    app = create_app(database_url="sqlite://")
    [limit] = [middleware for middleware in app.user_middleware if middleware.cls is BodyLimitMiddleware]
    guard = BodyLimitMiddleware(FastAPI(), **limit.kwargs)
    settings = get_settings()
    assert guard.limit_for(API) == settings.max_inquiry_bytes > 5 * 4 * (10 * 2**20) // 3
    for path in (f"{API}/1/steps", f"{API}/escalations", f"{API}/", "/api/v1/response-targets/zone/X"):
        assert guard.limit_for(path) == settings.max_body_bytes, path
