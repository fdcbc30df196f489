"""The Congress API as a participant's app and the organiser's dashboard call it (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from httpx import Response
from icalendar import Calendar
from sqlalchemy import Engine

from sezatlas.accounts.roles import Grant, Role
from sezatlas.web.app import create_app
from tests.accounts.people import log_in_as
from tests.congress.congress_data import EVENT_ID, PEOPLE, publish, store_congress
from tests.web.browser.documents import pdf_text

BASE = f"/api/v1/congress/events/{EVENT_ID}"


@pytest.fixture
def api(empty_engine: Engine) -> TestClient:
    """The organiser's client: may act for every participant of the event."""
    store_congress(empty_engine)
    return log_in_as(TestClient(create_app(empty_engine)), empty_engine, Grant(Role.ORGANISER, EVENT_ID))


def test_writes_need_the_participant_themself_or_the_organiser(empty_engine: Engine) -> None:
    store_congress(empty_engine)
    anonymous = TestClient(create_app(empty_engine))
    ask = {"requester": "ZO2", "target": "ZO1"}
    assert anonymous.post(f"{BASE}/requests", json=ask).status_code == 401
    zo2 = log_in_as(
        TestClient(create_app(empty_engine)), empty_engine, Grant(Role.PARTICIPANT, f"{EVENT_ID}/ZO2")
    )
    assert zo2.post(f"{BASE}/requests", json={"requester": "ZO1", "target": "ZO2"}).status_code == 403
    assert zo2.post(f"{BASE}/requests", json={**ask, "is_must_meet": True}).status_code == 403
    made = zo2.post(f"{BASE}/requests", json=ask)
    assert made.status_code == 201
    request_id = made.json()["request_id"]
    assert zo2.post(f"{BASE}/requests/{request_id}/answer", json={"answer": "accept"}).status_code == 403
    zo1 = log_in_as(
        TestClient(create_app(empty_engine)), empty_engine, Grant(Role.PARTICIPANT, f"{EVENT_ID}/ZO1")
    )
    assert zo1.post(f"{BASE}/requests/{request_id}/answer", json={"answer": "accept"}).status_code == 200


def _client(engine: Engine, *grants: Grant) -> TestClient:
    client = TestClient(create_app(engine))
    return log_in_as(client, engine, *grants) if grants else client


def _pairs(response: Response) -> list[tuple[str, str]]:
    assert response.status_code == 200, response.text
    return [(r["requester"], r["target"]) for r in response.json()]


def test_meeting_requests_are_read_by_their_two_participants_and_the_organiser(empty_engine: Engine) -> None:
    store_congress(empty_engine)
    organiser = _client(empty_engine, Grant(Role.ORGANISER, EVENT_ID))
    organiser.post(f"{BASE}/requests", json={"requester": "ZO2", "target": "ZO1"})
    everyone = [("INV1", "ZO1"), ("INV1", "ZO2"), ("INV1", "MF1"), ("ZO2", "ZO1")]
    assert _pairs(organiser.get(f"{BASE}/requests")) == everyone
    assert _pairs(_client(empty_engine, Grant(Role.SECRETARIAT)).get(f"{BASE}/requests")) == everyone
    assert _client(empty_engine).get(f"{BASE}/requests").status_code == 401
    investor = _client(empty_engine, Grant(Role.INVESTOR))
    assert investor.get(f"{BASE}/requests").status_code == 403
    other_event = _client(empty_engine, Grant(Role.ORGANISER, "another-event"))
    assert other_event.get(f"{BASE}/requests", params={"participant": "ZO1"}).status_code == 403
    zo1 = _client(empty_engine, Grant(Role.PARTICIPANT, f"{EVENT_ID}/ZO1"))
    assert _pairs(zo1.get(f"{BASE}/requests")) == [("INV1", "ZO1"), ("ZO2", "ZO1")]
    assert _pairs(zo1.get(f"{BASE}/requests", params={"participant": "ZO1"})) == [
        ("INV1", "ZO1"),
        ("ZO2", "ZO1"),
    ]
    assert zo1.get(f"{BASE}/requests", params={"participant": "MF1"}).status_code == 403
    assert zo1.get("/api/v1/congress/events/nope/requests").status_code == 404


def test_the_dashboard_is_the_organisers_and_the_schedule_and_agendas_are_public(
    empty_engine: Engine,
) -> None:
    store_congress(empty_engine)
    publish(empty_engine)
    anonymous = _client(empty_engine)
    assert anonymous.get(f"{BASE}/dashboard").status_code == 401
    zo1 = _client(empty_engine, Grant(Role.PARTICIPANT, f"{EVENT_ID}/ZO1"))
    assert zo1.get(f"{BASE}/dashboard").status_code == 403
    assert _client(empty_engine, Grant(Role.ORGANISER, EVENT_ID)).get(f"{BASE}/dashboard").status_code == 200
    for path in ("", "/participants", "/participants/ZO1", "/participants/ZO1/recommendations",
                 "/schedule", "/participants/ZO1/agenda", "/participants/ZO1/agenda.ics"):  # fmt: skip
        assert anonymous.get(BASE + path).status_code == 200, path


def test_the_openapi_document_names_who_may_read_requests_and_the_dashboard(api: TestClient) -> None:
    paths = api.get("/openapi.json").json()["paths"]
    for path in (
        BASE.replace(EVENT_ID, "{event_id}") + "/requests",
        BASE.replace(EVENT_ID, "{event_id}") + "/dashboard",
    ):
        assert {"401", "403", "404"} <= set(paths[path]["get"]["responses"]), path


def pair_scheduled(client: TestClient, a: str, b: str) -> bool:
    meetings = client.get(f"{BASE}/schedule").json()["meetings"]
    return any({m["first"], m["second"]} == {a, b} for m in meetings)


def test_events_list_and_detail_give_absolute_slot_times(api: TestClient) -> None:
    listed = api.get("/api/v1/congress/events").json()
    assert [(e["event_id"], e["participants"], e["latest_schedule_version"]) for e in listed] == [
        (EVENT_ID, 4, None)
    ]
    assert listed[0]["first_slot"] == "2027-06-08T10:00:00+08:00"
    detail = api.get(BASE).json()
    assert detail["slots"][0]["starts_at"] == "2027-06-08T10:00:00+08:00"
    assert detail["halls"] == [{"name": "Hall A", "tables": 2}, {"name": "Hall B", "tables": 2}]
    assert detail["interpreters"] == {"en-zh": [1, 1, 1, 1]}
    assert api.get("/api/v1/congress/events/nope").status_code == 404


def test_participants_are_listed_without_their_blocked_pairs(api: TestClient) -> None:
    listed = api.get(f"{BASE}/participants").json()
    assert [p["participant_id"] for p in listed] == sorted(PEOPLE)
    one = api.get(f"{BASE}/participants/ZO1").json()
    assert one["organisation"] == "上海汽车零部件产业园" and one["languages"] == ["zh"]
    assert all("blocked" not in p for p in listed)
    assert api.get(f"{BASE}/participants/NOPE").status_code == 404
    assert api.get("/api/v1/congress/events/nope/participants").status_code == 404


def test_the_investor_is_recommended_the_automotive_zone_first_with_reasons(api: TestClient) -> None:
    ranked = api.get(f"{BASE}/participants/INV1/recommendations", params={"top": 3}).json()
    assert ranked[0]["participant_id"] == "ZO1"
    assert ranked[0]["reasons"] and all(r["text"] for r in ranked[0]["reasons"])
    assert api.get(f"{BASE}/participants/NOPE/recommendations").status_code == 404
    assert api.get(f"{BASE}/participants/INV1/recommendations", params={"top": 0}).status_code == 400


def test_creating_requests_and_the_errors_of_bad_ones(api: TestClient) -> None:
    made = api.post(f"{BASE}/requests", json={"requester": "ZO2", "target": "ZO1"})
    assert made.status_code == 201
    body = made.json()
    assert (body["status"], body["answered_at"]) == ("pending", None)
    assert datetime.fromisoformat(body["created_at"]).tzinfo is not None
    assert api.post(f"{BASE}/requests", json={"requester": "ZO2", "target": "ZO1"}).status_code == 409
    assert api.post(f"{BASE}/requests", json={"requester": "ZO2", "target": "ZO2"}).status_code == 409
    refused = api.post(f"{BASE}/requests", json={"requester": "MF1", "target": "ZO2"})  # a blocked pair
    assert refused.status_code == 409 and "blocked" not in refused.text  # who blocked whom stays private
    unknown = api.post(f"{BASE}/requests", json={"requester": "ZO2", "target": "X9"})
    assert unknown.status_code == 422 and "X9" in unknown.json()["detail"]
    assert api.post(f"{BASE}/requests", json={"requester": "ZO2", "target": "ZO1", "x": 1}).status_code == 422
    assert (
        api.post("/api/v1/congress/events/nope/requests", json={"requester": "A", "target": "B"}).status_code
        == 404
    )
    mine = api.get(f"{BASE}/requests", params={"participant": "ZO1"}).json()
    assert [(r["requester"], r["target"]) for r in mine] == [("INV1", "ZO1"), ("ZO2", "ZO1")]


def test_only_a_pending_request_can_be_answered(api: TestClient) -> None:
    request_id = api.post(f"{BASE}/requests", json={"requester": "ZO2", "target": "ZO1"}).json()["request_id"]
    answered = api.post(f"{BASE}/requests/{request_id}/answer", json={"answer": "decline"})
    assert answered.status_code == 200 and answered.json()["status"] == "declined"
    assert answered.json()["answered_at"] is not None
    again = api.post(f"{BASE}/requests/{request_id}/answer", json={"answer": "accept"})
    assert again.status_code == 409 and "already declined" in again.json()["detail"]
    assert api.post(f"{BASE}/requests/999999/answer", json={"answer": "accept"}).status_code == 404
    assert api.post(f"{BASE}/requests/{request_id}/answer", json={"answer": "maybe"}).status_code == 422


def test_schedule_agenda_and_dashboard_are_404_until_a_schedule_is_published(api: TestClient) -> None:
    for path in ("/schedule", "/dashboard", "/participants/INV1/agenda", "/participants/INV1/agenda.ics"):
        response = api.get(BASE + path)
        assert response.status_code == 404 and "no published schedule" in response.json()["detail"], path


def test_the_published_schedule_with_its_report(api: TestClient, empty_engine: Engine) -> None:
    publish(empty_engine)
    body = api.get(f"{BASE}/schedule").json()
    assert body["version"] == 1 and len(body["meetings"]) == 3
    report = body["report"]
    assert report["objective"] <= report["upper_bound"] + 1e-6 and 0 <= report["gap"] <= 1
    assert "unmet" not in report  # who asked whom and who declined: the organiser's dashboard only
    assert {m["hall"] for m in body["meetings"]} <= {"Hall A", "Hall B"}
    zo1 = next(m for m in body["meetings"] if "ZO1" in (m["first"], m["second"]))
    assert zo1["interpreter"] == "en-zh"


def test_agenda_as_json_calendar_and_pdf(api: TestClient, empty_engine: Engine, tmp_path: Path) -> None:
    publish(empty_engine)
    agenda = api.get(f"{BASE}/participants/INV1/agenda").json()
    assert [m["partner_id"] for m in agenda["meetings"]] and agenda["timezone"] == "Asia/Shanghai"
    assert all(m["starts_at"].endswith("+08:00") for m in agenda["meetings"])
    ics = api.get(f"{BASE}/participants/INV1/agenda.ics")
    assert ics.headers["content-type"].startswith("text/calendar")
    assert len(list(Calendar.from_ical(ics.content).walk("VEVENT"))) == len(agenda["meetings"])
    pdf = api.get(f"{BASE}/participants/INV1/agenda.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert "Águia Investimentos" in pdf_text(pdf.content, tmp_path)
    assert api.get(f"{BASE}/participants/NOPE/agenda.pdf").status_code == 404


def test_the_dashboard_shows_distribution_capacity_and_unmet_requests(
    api: TestClient, empty_engine: Engine
) -> None:
    publish(empty_engine)
    board = api.get(f"{BASE}/dashboard").json()
    assert sum(board["meetings_per_participant"].values()) == 4
    assert board["meetings"] == 3 and board["unmet"] == []
    assert [t["capacity"] for t in board["tables"]] == [4, 4, 4, 4]
    assert [load["capacity"] for load in board["interpreters"]["en–zh"]] == [1, 1, 1, 1]


def test_an_accepted_request_enters_the_next_schedule(api: TestClient, empty_engine: Engine) -> None:
    request_id = api.post(f"{BASE}/requests", json={"requester": "ZO2", "target": "ZO1"}).json()["request_id"]
    publish(empty_engine)
    assert not pair_scheduled(api, "ZO2", "ZO1")
    reasons = {(u["first"], u["second"]): u["reason"] for u in api.get(f"{BASE}/dashboard").json()["unmet"]}
    assert reasons[("ZO2", "ZO1")] == "request awaiting an answer"
    api.post(f"{BASE}/requests/{request_id}/answer", json={"answer": "accept"})
    publish(empty_engine)
    assert api.get(f"{BASE}/schedule").json()["version"] == 2
    assert pair_scheduled(api, "ZO2", "ZO1")
