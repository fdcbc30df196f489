"""Cooperation offers over HTTP (`sezatlas/web/offers_api.py`): a zone's operator publishes an offer, anyone
lists and filters it, another member asks about it, and bad input is refused naming the field."""

from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.roles import Grant, Role
from sezatlas.store.database import session_factory
from sezatlas.web.app import create_app
from tests.offers.people import organisation
from tests.web.test_error_contract import refusal
from tests.web.test_stewardship_api import logged_in

CELLS = {
    "kind": "make",
    "isic_code": "2720",
    "title": "LFP battery cells",
    "description": "Prismatic LFP cells, 280 Ah, for storage and buses; samples on request.",
    "volume": 2000000,
    "volume_unit": "cells/year",
    "zone_id": "RUS-001",
    "valid_until": "2030-12-31",
}
QUESTION = {"message": "We need about 50,000 cells a year from 2027; what are the terms?"}


def keepers(engine: Engine) -> None:
    with session_factory(engine)() as session:
        organisation(session, "JSC SEZ Alabuga", "RUS", "RUS-001")


def test_an_operator_publishes_anyone_lists_it_and_an_investor_asks_about_it(registry_engine: Engine) -> None:
    keepers(registry_engine)
    operator, _ = logged_in(registry_engine, Grant(Role.ZONE_OPERATOR, "RUS-001"))
    created = operator.post("/api/v1/offers", json=CELLS)
    assert created.status_code == 201, created.text
    offer_id = created.json()["offer_id"]
    public = TestClient(create_app(registry_engine))
    listed = public.get("/api/v1/offers", params={"kind": "make", "isic": "27", "country": "RUS"}).json()
    assert listed["total"] == 1
    [offer] = listed["offers"]
    assert (offer["offer_id"], offer["organisation_name"], offer["isic_classes"]) == (
        offer_id,
        "JSC SEZ Alabuga",
        ["2720"],
    )
    assert public.get("/api/v1/offers", params={"kind": "need"}).json()["total"] == 0
    assert public.get(f"/api/v1/offers/{offer_id}").json()["volume_unit"] == "cells/year"

    changed = operator.patch(f"/api/v1/offers/{offer_id}", json={"volume": 2500000})
    assert changed.status_code == 200 and changed.json()["volume"] == 2500000
    investor, _ = logged_in(registry_engine, Grant(Role.INVESTOR))
    asked = investor.post(f"/api/v1/offers/{offer_id}/inquiries", json=QUESTION)
    assert asked.status_code == 201, asked.text
    assert operator.get("/api/v1/inquiries").json()["items"][0]["thread_id"] == asked.json()["thread_id"]

    assert operator.post(f"/api/v1/offers/{offer_id}/withdraw").json()["state"] == "withdrawn"
    refusal(public.get(f"/api/v1/offers/{offer_id}"), 404)
    assert [mine["state"] for mine in operator.get("/api/v1/offers/mine").json()] == ["withdrawn"]


def test_writes_refuse_the_anonymous_the_wrong_zone_and_bad_fields(registry_engine: Engine) -> None:
    keepers(registry_engine)
    public = TestClient(create_app(registry_engine))
    refusal(public.post("/api/v1/offers", json=CELLS), 401)
    other, _ = logged_in(registry_engine, Grant(Role.ZONE_OPERATOR, "CHN-001"))
    refusal(other.post("/api/v1/offers", json=CELLS), 403)
    operator, _ = logged_in(registry_engine, Grant(Role.ZONE_OPERATOR, "RUS-001"))
    bad = refusal(operator.post("/api/v1/offers", json={**CELLS, "isic_code": "9999"}), 422)
    assert bad.errors[0].field == "isic_code"
    offer_id = operator.post("/api/v1/offers", json=CELLS).json()["offer_id"]
    assert "title" in refusal(operator.patch(f"/api/v1/offers/{offer_id}", json={"title": "x"}), 422).detail
    refusal(other.post(f"/api/v1/offers/{offer_id}/withdraw"), 403)
    refusal(public.get("/api/v1/offers/999"), 404)
    refusal(public.get("/api/v1/offers", params={"isic": "C"}), 400)
