"""Members keep their zones current over HTTP (issue 16): an operator proposes, the secretariat reviews, the
zone keeps its versions and the registry can be read as of a moment; freshness in the API; visitors'
error reports. On SQLite and PostgreSQL, with the bundled registry and a real local SMTP server.

Which role may make each write (401 anonymous, 403 without the role) is held for every write route by
`test_write_protection.py`.
"""

from datetime import UTC, datetime

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.audit import read_trail
from sezatlas.accounts.roles import Grant, Role
from sezatlas.store.database import session_factory
from sezatlas.web.app import create_app
from sezatlas.web.zones_api import ZoneListOut, ZoneOut
from tests.accounts.mailbox import catching_mail
from tests.accounts.people import PASSWORD, account

ZONE = "/api/v1/zones/RUS-001"
PAGE = "https://alabuga.ru/en/"


def logged_in(engine: Engine, *grants: Grant) -> tuple[TestClient, str]:
    """A client of its own, logged in as a new person holding `grants`, and that person's e-mail."""
    client, email = TestClient(create_app(engine)), account(engine, *grants)
    assert client.post("/api/v1/session", json={"email": email, "password": PASSWORD}).status_code == 200
    return client, email


def test_an_approved_change_is_published_and_the_registry_as_of_before_it_holds_the_old_value(
    registry_engine: Engine,
) -> None:
    operator, operator_email = logged_in(registry_engine, Grant(Role.ZONE_OPERATOR, "RUS-001"))
    secretariat, _ = logged_in(registry_engine, Grant(Role.SECRETARIAT))
    before = operator.get(ZONE).json()
    assert before["last_confirmed_at"] is None
    moment = datetime.now(UTC).isoformat()  # before the change: its approval confirms as of the proposal
    body = {"facts": {"free_area_ha": 95.5}, "source_url": PAGE, "as_of": "2026-11", "comment": "new plots"}
    proposed = operator.post(f"{ZONE}/changes", json=body)
    assert proposed.status_code == 201, proposed.text
    change_id = proposed.json()["change_id"]
    assert operator.get(ZONE).json()["land"] == before["land"]  # waiting for review
    [pending] = secretariat.get("/api/v1/review").json()["items"]
    assert (pending["change_id"], pending["facts"][0]["column"], pending["facts"][0]["new"]) == (
        change_id, "free_area_ha", 95.5
    )  # fmt: skip
    with catching_mail() as mailbox:
        decided = secretariat.post(f"/api/v1/review/{change_id}/approve")
    assert decided.status_code == 200, decided.text
    assert decided.json()["letters_sent"] == 1 and decided.json()["changes"][0]["state"] == "approved"
    [letter] = mailbox.to(operator_email)
    assert "RUS-001" in letter["Subject"] and "/zones/RUS-001" in mailbox.last_link(operator_email)

    now = operator.get(ZONE).json()
    assert now["land"]["free_area_ha"] == 95.5 and now["last_confirmed_at"] is not None
    assert now["field_provenance"]["free_area_ha"]["source_urls"] == [PAGE]
    then = operator.get(ZONE, params={"as_of": moment}).json()
    assert (then["land"]["free_area_ha"], then["last_confirmed_at"]) == (before["land"]["free_area_ha"], None)
    today = operator.get(ZONE, params={"as_of": datetime.now(UTC).date().isoformat()}).json()
    assert today["land"]["free_area_ha"] == 95.5  # a date: the registry at the end of that day
    assert operator.get(ZONE, params={"as_of": "2000-01-01"}).status_code == 404  # before any record
    assert operator.get(ZONE, params={"as_of": "last week"}).json()["errors"][0]["parameter"] == "as_of"

    history = operator.get(f"{ZONE}/history").json()["versions"]
    assert [(v["number"], v["layer"]) for v in history] == [(2, "operator"), (1, "baseline")]
    assert history[0]["source"] == PAGE and history[0]["change_id"] == change_id
    assert history[0]["changes"] == [
        {"column": "free_area_ha", "old": before["land"]["free_area_ha"], "new": 95.5}
    ]
    diff = operator.get(f"{ZONE}/history/diff", params={"from": 2, "to": 1}).json()
    assert diff["changes"] == [{"column": "free_area_ha", "old": 95.5, "new": before["land"]["free_area_ha"]}]
    assert operator.get(f"{ZONE}/history/diff", params={"from": 1, "to": 9}).status_code == 404


def test_freshness_shows_in_the_zone_list_and_in_the_statistics(registry_engine: Engine) -> None:
    operator, _ = logged_in(registry_engine, Grant(Role.ZONE_OPERATOR, "RUS-001"))
    confirmed = operator.post(f"{ZONE}/confirm")
    assert confirmed.status_code == 200 and confirmed.json()["zone_id"] == "RUS-001"
    listed = operator.get("/api/v1/zones", params={"country": "RUS", "limit": 1000})
    items = {item["zone_id"]: item for item in listed.json()["items"]}
    assert items["RUS-001"]["last_confirmed_at"] is not None and items["RUS-002"]["last_confirmed_at"] is None
    body = listed.json()
    items_out = [ZoneOut.model_validate(item) for item in body["items"]]
    spliced = ZoneListOut(total=body["total"], limit=body["limit"], offset=body["offset"], items=items_out,
                          next=body["next"])  # fmt: skip
    assert listed.text == spliced.model_dump_json()  # the splice stays what the model serialises
    assert operator.get(ZONE).json()["last_confirmed_at"] == items["RUS-001"]["last_confirmed_at"]
    russia = next(c for c in operator.get("/api/v1/stats").json()["countries"] if c["iso3"] == "RUS")
    zones = len(operator.get("/api/v1/zones", params={"country": "RUS", "limit": 1000}).json()["items"])
    assert (russia["confirmed_12m"], russia["confirmed_share_12m"]) == (1, round(1 / zones, 4))


def test_the_secretariat_rejects_with_a_reason_and_reverts_as_a_new_version(registry_engine: Engine) -> None:
    operator, _ = logged_in(registry_engine, Grant(Role.ZONE_OPERATOR, "RUS-001"))
    secretariat, _ = logged_in(registry_engine, Grant(Role.SECRETARIAT))
    source = {"source_url": PAGE, "as_of": "2026-11"}
    refused = operator.post(f"{ZONE}/changes", json={"facts": {"free_area_ha": "a lot"}, **source})
    assert refused.status_code == 422 and "free_area_ha" in refused.text
    first = operator.post(f"{ZONE}/changes", json={"facts": {"free_area_ha": 90}, **source}).json()
    second = operator.post(f"{ZONE}/changes", json={"facts": {"jobs_count": 12345}, **source}).json()
    assert operator.get("/api/v1/review").status_code == 403  # the whole queue is the secretariat's
    own = operator.get("/api/v1/review", params={"zone_id": "RUS-001"}).json()["items"]
    assert [c["change_id"] for c in own] == [first["change_id"], second["change_id"]]
    blank = secretariat.post(f"/api/v1/review/{first['change_id']}/reject", json={"reason": "  "})
    assert blank.status_code == 422 and "reason" in blank.json()["detail"]
    rejected = secretariat.post(f"/api/v1/review/{first['change_id']}/reject", json={"reason": "Not stated."})
    assert rejected.json()["changes"][0]["reason"] == "Not stated."
    both = [first["change_id"], second["change_id"]]
    again = secretariat.post("/api/v1/review/approve", json={"ids": both})
    assert again.status_code == 409 and "rejected already" in again.json()["detail"]
    assert secretariat.post("/api/v1/review/approve", json={"ids": [second["change_id"]]}).status_code == 200
    assert operator.get(ZONE).json()["performance"]["jobs_count"] == 12345

    reverted = secretariat.post(f"{ZONE}/revert", json={"version": 1})
    assert reverted.json() == {"zone_id": "RUS-001", "version": 3, "reverted_to": 1}
    assert operator.get(ZONE).json()["performance"]["jobs_count"] != 12345
    assert operator.post(f"{ZONE}/revert", json={"version": 1}).status_code == 403
    assert secretariat.post(f"{ZONE}/revert", json={"version": 99}).status_code == 404
    decided = secretariat.get("/api/v1/review", params={"state": "all"}).json()["items"]
    assert [c["state"] for c in decided] == ["approved", "rejected"]
    with session_factory(registry_engine)() as session:
        actions = {entry.action for entry in read_trail(session)}
    assert {"propose zone change", "reject zone change", "approve zone change", "revert zone"} <= actions


def test_a_visitors_error_report_reaches_the_operator_and_the_secretariat_and_is_limited(
    registry_engine: Engine,
) -> None:
    operator_email = account(registry_engine, Grant(Role.ZONE_OPERATOR, "RUS-001"))
    secretariat_email = account(registry_engine, Grant(Role.SECRETARIAT))
    visitor = TestClient(create_app(registry_engine))
    report = {"message": "The free land figure is two years old.", "email": "reader@example.org"}
    with catching_mail() as mailbox:
        assert visitor.post(f"{ZONE}/error-reports", json=report).status_code == 202
    for address in (operator_email, secretariat_email):
        [letter] = mailbox.to(address)
        assert "RUS-001" in letter["Subject"]
        body = letter.get_body(("plain",))
        assert body is not None and "two years old" in body.get_content()
    assert visitor.post(f"{ZONE}/error-reports", json={"message": "short"}).status_code == 422
    assert visitor.post("/api/v1/zones/XXX-999/error-reports", json=report).status_code == 404
    answers = [visitor.post(f"{ZONE}/error-reports", json=report) for _ in range(5)]
    assert [a.status_code for a in answers] == [202, 202, 202, 202, 429]
    assert int(answers[-1].headers["Retry-After"]) > 0
