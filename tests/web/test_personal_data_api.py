"""A person's data over the API (issue 17, privacy): their own export and erasure, the secretariat's on a
person's request, and an inquiry sent without the investor's name; on SQLite and PostgreSQL."""

from sqlalchemy import Engine

from sezatlas.accounts.roles import Grant, Role
from tests.accounts.people import PASSWORD
from tests.web.test_profile_pages import _person

INVESTOR = Grant(Role.INVESTOR)
OPERATOR = Grant(Role.ZONE_OPERATOR, "RUS-001")
MESSAGE = "A discreet inquiry about forty hectares of serviced land for a Quillfeather plant."


def test_an_investor_sends_without_their_name_and_exports_and_erases_their_data(
    registry_engine: Engine,
) -> None:
    investor, email = _person(registry_engine, INVESTOR)
    sent = investor.post("/api/v1/inquiries", json={"zone_ids": ["RUS-001"], "message": MESSAGE,
                                                    "show_identity": False})  # fmt: skip
    assert sent.status_code == 201
    [thread] = sent.json()["thread_ids"]
    operator, _ = _person(registry_engine, OPERATOR)
    seen = operator.get(f"/api/v1/inquiries/{thread}").json()
    assert seen["investor_name"] is None and seen["shows_identity"] is False
    assert seen["steps"][0]["by"] is None and seen["message"] == MESSAGE
    assert investor.get(f"/api/v1/inquiries/{thread}").json()["investor_name"] == email.split("@")[0]

    data = investor.get("/api/v1/me/data").json()
    assert data["account"]["email"] == email and data["inquiries_sent"][0]["message"] == MESSAGE
    assert operator.get(f"/api/v1/people/{email}/data").status_code == 403  # nobody else's
    refused = investor.post("/api/v1/me/erase", json={"confirm_email": "other@example.org"})
    assert refused.status_code == 422 and refused.json()["detail"].startswith("confirm_email:")
    erased = investor.post("/api/v1/me/erase", json={"confirm_email": email})
    assert erased.status_code == 200 and erased.json()["inquiries"] == 1
    assert investor.get("/api/v1/me").json()["is_authenticated"] is False  # the session ended with it
    assert investor.post("/api/v1/session", json={"email": email, "password": PASSWORD}).status_code == 401
    assert operator.get(f"/api/v1/inquiries/{thread}").json()["message"] == ""
    anonymous = investor
    anonymous.cookies.clear()
    assert anonymous.post("/api/v1/me/erase", json={"confirm_email": email}).status_code == 401


def test_the_secretariat_exports_and_erases_a_person_on_request(registry_engine: Engine) -> None:
    investor, email = _person(registry_engine, INVESTOR)
    assert (
        investor.post("/api/v1/inquiries", json={"zone_ids": ["RUS-001"], "message": MESSAGE}).status_code
        == 201
    )
    secretariat, _ = _person(registry_engine, Grant(Role.SECRETARIAT))
    exported = secretariat.get(f"/api/v1/people/{email}/data")
    assert exported.status_code == 200 and exported.json()["inquiries_sent"][0]["message"] == MESSAGE
    assert secretariat.get("/api/v1/people/nobody@example.org/data").status_code == 404
    operator, _ = _person(registry_engine, OPERATOR)
    assert operator.post(f"/api/v1/people/{email}/erase").status_code == 403
    erased = secretariat.post(f"/api/v1/people/{email}/erase")
    assert erased.status_code == 200 and erased.json()["inquiries"] == 1
    assert investor.get("/api/v1/me").json()["is_authenticated"] is False
    assert secretariat.get(f"/api/v1/people/{email}/data").status_code == 404  # the address is gone
