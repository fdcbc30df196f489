"""Every route that changes state refuses an anonymous caller and a caller without the role, and accepts
one with it; the routes that are public on purpose are listed once, with the reason.

The routes are enumerated from the app itself, so a new write route fails this test until it is added
to one of the two tables below.
"""

import hashlib
from pathlib import Path

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from sezatlas.accounts.actions import create_person
from sezatlas.accounts.organisations import NewOrganisation, OrganisationKind, add_organisation, link_zone
from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.inquiries.sending import ProjectSummary, send_inquiry
from sezatlas.offers.actions import publish_offer
from sezatlas.offers.model import OfferDraft
from sezatlas.passports.authoring import save_draft, submit_draft
from sezatlas.passports.matching import save_profile
from sezatlas.passports.review import publish_passport
from sezatlas.registry.importer import import_file
from sezatlas.standard.passport import InvestorProfile, Passport
from sezatlas.stewardship.changes import ChangeSource, propose_change
from sezatlas.stewardship.error_reports import report_error
from sezatlas.store.database import session_factory
from sezatlas.web.app import create_app
from sezatlas.web.pages.passport_form import passport_texts
from tests.accounts.people import log_in_as
from tests.passports.test_passports import CELLS
from tests.web.browser.congress_example import EVENT_ID, import_example

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
PUBLIC_ON_PURPOSE = {
    ("POST", "/api/v1/session"): "logging in is how one stops being anonymous",
    ("DELETE", "/api/v1/session"): "logging out needs no role",
    ("POST", "/login"): "the log-in form",
    ("POST", "/logout"): "the log-out button",
    ("POST", "/api/v1/rank"): "a computation over public data: nothing is stored",
    ("POST", "/api/v1/incentives/project"): "a computation over public data: nothing is stored",
    ("POST", "/api/v1/incentives/synthetic"): "a computation over public data: nothing is stored",
    ("POST", "/api/v1/incentives/scenario"): "a computation over public data: nothing is stored",
    ("POST", "/api/v1/signup"): "investors sign themselves up (rate-limited; unusable until verified)",
    ("POST", "/signup"): "the investor sign-up form (as /api/v1/signup)",
    ("POST", "/api/v1/signup/verify"): "holding the mailed, signed, one-use link is the permission",
    ("POST", "/verify"): "the button of the mailed verification link (as /api/v1/signup/verify)",
    ("POST", "/api/v1/invitations/accept"): "holding the mailed, signed, one-use link is the permission",
    ("POST", "/invitation"): "the password form of the invitation link (as /api/v1/invitations/accept)",
    ("POST", "/api/v1/password-reset"): "whoever forgot their password is not logged in (rate-limited; no "
    "answer tells whether the address has an account)",
    ("POST", "/reset"): "the forgotten-password form (as /api/v1/password-reset)",
    ("POST", "/api/v1/password-reset/confirm"): "holding the mailed, signed, one-use link is the permission",
    ("POST", "/reset/new"): "the new-password form of the reset link (as /api/v1/password-reset/confirm)",
    ("POST", "/api/v1/zones/{zone_id}/error-reports"): "visitors report wrong facts (5 an hour per address)",
    ("POST", "/zones/{zone_id}/report-error"): "the zone page's report form (as the API's error-reports)",
    ("POST", "/api/v1/me/erase"): "a person erases their own account only, typing its address: any logged-in "
    "person may, so there is no wrong role; anonymous is a 401 (tests/web/test_personal_data_api.py)",
    ("POST", "/account/erase"): "the account page's erase form (as /api/v1/me/erase; anonymous → log in, "
    "tests/web/test_privacy_pages.py)",
}
PARTICIPANT = "/congress/{event_id}/participants/{participant_id}"
API_EVENT = "/api/v1/congress/events/{event_id}"
API_ZONE = "/api/v1/zones/{zone_id}"
API_PASSPORT = "/api/v1/passports/{passport_id}"  # `keep_example_zone`: 1 a draft, 2 published
ZONE_ID = "RUS-001"  # `keep_example_zone` puts it in the registry, with change 1 pending review
OPERATOR, OTHER_OPERATOR = Grant(Role.ZONE_OPERATOR, ZONE_ID), Grant(Role.ZONE_OPERATOR, "CHN-001")
SOURCE = {"source_url": "https://alabuga.ru/en/", "as_of": "2026-11"}
INQUIRY = "Is serviced land of 40 ha available next year?"  # `keep_example_zone` sends it: thread 1
INVESTOR_ID = 1  # Ivan, who sends it, is the first person of the database; his profile fits passport 2
PROFILE = {
    "project": {"name": "Cells", "isic_code": "2720"},
    "currency": "RUB",
    "shown_to_passport_owners": True,
}
LETTER = {"message": "We have serviced land for your cell plant."}
OFFER = {
    "kind": "make",
    "isic_code": "2720",
    "title": "LFP battery cells",
    "zone_id": ZONE_ID,
    "description": "Prismatic LFP cells for storage and buses.",
}  # `keep_example_zone` publishes it: 1
API_OFFER = "/api/v1/offers/{offer_id}"
PASSPORT_FORM = passport_texts(Passport.model_validate(CELLS))  # the passport form's fields, filled
IMPORT_CSV = f"zone_id,country_iso3,name_en,zone_type,jobs_count,source_urls,as_of\n{ZONE_ID},RUS,Alabuga SEZ,sez,99,https://alabuga.ru/en/,2026-12\n"
# route → (a concrete call, the grant that may make it, a grant that may not)
PROTECTED: dict[tuple[str, str], tuple[str, dict[str, object], str, Grant, Grant]] = {
    ("POST", API_EVENT + "/requests"): (
        f"/api/v1/congress/events/{EVENT_ID}/requests", {"requester": "P01", "target": "P04"}, "json",
        Grant(Role.PARTICIPANT, f"{EVENT_ID}/P01"), Grant(Role.PARTICIPANT, f"{EVENT_ID}/P04"),
    ),
    ("POST", API_EVENT + "/requests/{request_id}/answer"): (
        f"/api/v1/congress/events/{EVENT_ID}/requests/{{request_id}}/answer", {"answer": "accept"}, "json",
        Grant(Role.PARTICIPANT, f"{EVENT_ID}/P05"), Grant(Role.PARTICIPANT, f"{EVENT_ID}/P01"),
    ),
    ("POST", PARTICIPANT + "/requests"): (
        f"/congress/{EVENT_ID}/participants/P01/requests", {"target": "P06"}, "form",
        Grant(Role.PARTICIPANT, f"{EVENT_ID}/P01"), Grant(Role.PARTICIPANT, f"{EVENT_ID}/P06"),
    ),
    ("POST", PARTICIPANT + "/requests/{request_id}/answer"): (
        f"/congress/{EVENT_ID}/participants/P05/requests/{{request_id}}/answer",
        {"answer": "decline"}, "form",
        Grant(Role.PARTICIPANT, f"{EVENT_ID}/P05"), Grant(Role.PARTICIPANT, f"{EVENT_ID}/P01"),
    ),
    ("POST", "/api/v1/invitations"): (
        "/api/v1/invitations", {"email": "invited@example.org", "roles": ["member"]}, "json",
        Grant(Role.SECRETARIAT), Grant(Role.INVESTOR),
    ),
    ("POST", "/congress/{event_id}/organiser/schedule"): (
        f"/congress/{EVENT_ID}/organiser/schedule", {}, "form",
        Grant(Role.ORGANISER, EVENT_ID), Grant(Role.PARTICIPANT, f"{EVENT_ID}/P01"),
    ),
    ("POST", API_EVENT + "/schedule-jobs"): (
        f"/api/v1/congress/events/{EVENT_ID}/schedule-jobs", {}, "json",
        Grant(Role.ORGANISER, EVENT_ID), Grant(Role.ORGANISER, "another-event"),
    ),
    ("POST", API_ZONE + "/changes"): (
        f"/api/v1/zones/{ZONE_ID}/changes", {"facts": {"free_area_ha": 80}, **SOURCE}, "json",
        OPERATOR, OTHER_OPERATOR,
    ),
    ("POST", API_ZONE + "/confirm"): (
        f"/api/v1/zones/{ZONE_ID}/confirm", {}, "json", OPERATOR, OTHER_OPERATOR,
    ),
    ("POST", API_ZONE + "/revert"): (
        f"/api/v1/zones/{ZONE_ID}/revert", {"version": 1}, "json", Grant(Role.SECRETARIAT), OPERATOR,
    ),
    ("POST", "/api/v1/review/{change_id}/approve"): (
        "/api/v1/review/1/approve", {}, "json", Grant(Role.SECRETARIAT), OPERATOR,
    ),
    ("POST", "/api/v1/review/{change_id}/reject"): (
        "/api/v1/review/1/reject", {"reason": "The page does not say so."}, "json", Grant(Role.SECRETARIAT),
        OPERATOR,
    ),
    ("POST", "/api/v1/review/approve"): ("/api/v1/review/approve", {"ids": [1]}, "json",
                                         Grant(Role.SECRETARIAT), OPERATOR),
    ("POST", "/zones/{zone_id}/edit"): (
        f"/zones/{ZONE_ID}/edit", {"free_area_ha": "80", **SOURCE}, "form", OPERATOR, OTHER_OPERATOR,
    ),
    ("POST", "/zones/{zone_id}/confirm"): (f"/zones/{ZONE_ID}/confirm", {}, "form", OPERATOR, OTHER_OPERATOR),
    ("POST", "/zones/{zone_id}/history/revert"): (
        f"/zones/{ZONE_ID}/history/revert", {"version": "1"}, "form", Grant(Role.SECRETARIAT), OPERATOR,
    ),
    ("POST", "/review/approve"): ("/review/approve", {"change": "1"}, "form", Grant(Role.SECRETARIAT),
                                  OPERATOR),
    ("POST", "/review/{change_id}/reject"): (
        "/review/1/reject", {"reason": "The page does not say so."}, "form", Grant(Role.SECRETARIAT),
        OPERATOR,
    ),
    ("POST", "/inbox/{report_id}/close"): ("/inbox/1/close", {}, "form", OPERATOR, OTHER_OPERATOR),
    ("POST", "/import"): ("/import", {"csv": IMPORT_CSV}, "file", Grant(Role.SECRETARIAT), OPERATOR),
    ("POST", "/import/confirm"): ("/import/confirm", {"csv": IMPORT_CSV}, "upload then confirm",
                                  Grant(Role.SECRETARIAT), OPERATOR),
    ("POST", "/api/v1/inquiries"): ("/api/v1/inquiries", {"zone_ids": [ZONE_ID], "message": INQUIRY}, "json",
                                    Grant(Role.INVESTOR), OPERATOR),
    ("POST", "/api/v1/inquiries/{thread_id}/steps"): (
        "/api/v1/inquiries/1/steps", {"step": "acknowledge"}, "json", OPERATOR, OTHER_OPERATOR,
    ),
    ("POST", "/inquiries/new"): ("/inquiries/new", {"zone": ZONE_ID, "message": INQUIRY}, "form",
                                 Grant(Role.INVESTOR), OPERATOR),
    ("POST", "/inquiries/{thread_id}/steps"): (
        "/inquiries/1/steps", {"step": "acknowledge"}, "form", OPERATOR, OTHER_OPERATOR,
    ),
    ("POST", "/api/v1/inquiries/escalations"): ("/api/v1/inquiries/escalations", {}, "json",
                                                Grant(Role.SECRETARIAT), OPERATOR),
    ("PUT", "/api/v1/response-targets/{kind}/{value}"): ("/api/v1/response-targets/country/RUS", {"days": 5},
                                                         "put json", Grant(Role.SECRETARIAT), OPERATOR),
    ("POST", "/api/v1/passports"): ("/api/v1/passports", CELLS, "json", OPERATOR, OTHER_OPERATOR),
    ("PUT", API_PASSPORT): ("/api/v1/passports/1", CELLS, "put json", OPERATOR, OTHER_OPERATOR),
    ("POST", API_PASSPORT + "/submit"): ("/api/v1/passports/1/submit", {}, "json", OPERATOR, OTHER_OPERATOR),
    ("POST", API_PASSPORT + "/withdraw"): ("/api/v1/passports/2/withdraw", {}, "json", OPERATOR,
                                           OTHER_OPERATOR),
    ("POST", API_PASSPORT + "/publish"): ("/api/v1/passports/2/publish", {}, "json", Grant(Role.SECRETARIAT),
                                          OPERATOR),
    ("POST", API_PASSPORT + "/reject"): ("/api/v1/passports/2/reject", {"reason": "Name the land's source."},
                                         "json", Grant(Role.SECRETARIAT), OPERATOR),
    ("POST", "/passports/new"): ("/passports/new", PASSPORT_FORM, "form", OPERATOR, OTHER_OPERATOR),
    ("POST", "/passports/{passport_id}/edit"): (
        "/passports/1/edit", {**PASSPORT_FORM, "action": "save"}, "form", OPERATOR, OTHER_OPERATOR,
    ),
    ("POST", "/passports/{passport_id}/withdraw"): ("/passports/2/withdraw", {}, "form", OPERATOR,
                                                    OTHER_OPERATOR),
    ("POST", "/passports/review/{passport_id}/publish"): ("/passports/review/2/publish", {}, "form",
                                                          Grant(Role.SECRETARIAT), OPERATOR),
    ("POST", "/api/v1/people/{email}/erase"): ("/api/v1/people/investor@example.org/erase", {}, "json",
                                                Grant(Role.SECRETARIAT), OPERATOR),
    ("PUT", "/api/v1/profile"): ("/api/v1/profile", PROFILE, "put json", Grant(Role.INVESTOR), OPERATOR),
    ("POST", "/profile"): ("/profile", {"name": "Cells", "isic": "2720", "currency": "RUB"}, "form",
                           Grant(Role.INVESTOR), OPERATOR),
    ("POST", API_PASSPORT + "/investors/{person_id}/letters"): (
        f"/api/v1/passports/2/investors/{INVESTOR_ID}/letters", LETTER, "json", OPERATOR, OTHER_OPERATOR,
    ),
    ("POST", "/passports/{passport_id}/investors/{person_id}/letter"): (
        f"/passports/2/investors/{INVESTOR_ID}/letter", LETTER, "form", OPERATOR, OTHER_OPERATOR,
    ),
    ("POST", "/api/v1/offers"): ("/api/v1/offers", OFFER, "json", OPERATOR, OTHER_OPERATOR),
    ("PATCH", API_OFFER): ("/api/v1/offers/1", {"volume": 5, "volume_unit": "t"}, "patch json", OPERATOR,
                           OTHER_OPERATOR),
    ("POST", API_OFFER + "/withdraw"): ("/api/v1/offers/1/withdraw", {}, "json", OPERATOR, OTHER_OPERATOR),
    ("POST", API_OFFER + "/inquiries"): ("/api/v1/offers/1/inquiries", {"message": INQUIRY}, "json",
                                         Grant(Role.INVESTOR), Grant(Role.ORGANISER, EVENT_ID)),
    ("POST", "/offers/new"): ("/offers/new", OFFER, "form", OPERATOR, OTHER_OPERATOR),
    ("POST", "/offers/{offer_id}/edit"): ("/offers/1/edit", OFFER, "form", OPERATOR, OTHER_OPERATOR),
    ("POST", "/offers/{offer_id}/withdraw"): ("/offers/1/withdraw", {}, "form", OPERATOR, OTHER_OPERATOR),
    ("POST", "/offers/{offer_id}/inquiry"): ("/offers/1/inquiry", {"message": INQUIRY}, "form",
                                             Grant(Role.INVESTOR), Grant(Role.ORGANISER, EVENT_ID)),
    ("POST", "/passports/review/{passport_id}/reject"): (
        "/passports/review/2/reject", {"reason": "Name the land's source."}, "form", Grant(Role.SECRETARIAT),
        OPERATOR,
    ),
}  # fmt: skip


# An inquiry is private to its two sides: someone else is told it does not exist (inquiries/reading.py).
NOT_TOLD_IT_EXISTS = {
    ("POST", "/api/v1/inquiries/{thread_id}/steps"),
    ("POST", "/inquiries/{thread_id}/steps"),
}


def write_routes() -> set[tuple[str, str]]:
    """Every (method, path) that may change state, included routers walked as FastAPI walks them."""
    app = create_app(database_url="sqlite://")
    return {
        (method, route.path)
        for route in iter_route_contexts(app.routes)
        if route.path is not None
        for method in (route.methods or set()) & WRITES
    }


def test_every_write_route_is_either_protected_here_or_public_with_a_reason() -> None:
    assert write_routes() == set(PROTECTED) | set(PUBLIC_ON_PURPOSE)


def keep_example_zone(engine: Engine, folder: Path) -> None:
    """RUS-001 in the registry (version 1, its import), change 1 to it waiting for review, an investor's
    inquiry to it (thread 1), and his project profile, shown to the owners of the passports it fits."""
    path = folder / "zone.csv"
    header = "zone_id,country_iso3,name_en,zone_type,area_ha,free_area_ha,source_urls,as_of"
    path.write_text(f"{header}\n{ZONE_ID},RUS,Alabuga SEZ,sez,3600,100,{SOURCE['source_url']},2026-11\n",
                    encoding="utf-8")  # fmt: skip
    import_file(engine, path)
    with session_factory(engine)() as session:
        source = ChangeSource(SOURCE["as_of"], SOURCE["source_url"])
        propose_change(session, Actor.command_line(), ZONE_ID, {"free_area_ha": 90}, source)
        report_error(session, ZONE_ID, "The free land figure is out of date.")  # error report 1
        grants = (Grant(Role.INVESTOR),)
        email, password = "investor@example.org", "a pass phrase"
        investor = create_person(session, Actor.command_line(), email, "Ivan", password, grants)
        sender = Actor(person_id=investor.person_id, name="Ivan", grants=frozenset(grants))
        send_inquiry(session, sender, [ZONE_ID], ProjectSummary(), INQUIRY)  # inquiry thread 1
        assert investor.person_id == INVESTOR_ID
        save_profile(session, sender, InvestorProfile.model_validate(PROFILE))
        keep_example_passports(session)
        keep_example_offer(session)


def keep_example_offer(session: Session) -> None:
    """Offer 1, published by RUS-001's operator for the organisation keeping it."""
    secretariat = Actor.command_line()
    add_organisation(session, secretariat, NewOrganisation("JSC SEZ Alabuga", OrganisationKind.ZONE_OPERATOR))
    link_zone(session, secretariat, "JSC SEZ Alabuga", ZONE_ID)
    operator = create_person(session, secretariat, "olga@example.org", "Olga", "a pass phrase", (OPERATOR,))
    as_operator = Actor(person_id=operator.person_id, name="Olga", grants=frozenset({OPERATOR}))
    assert publish_offer(session, as_operator, OfferDraft.model_validate(OFFER)) == 1


def keep_example_passports(session: Session) -> None:
    """Passport 1 in RUS-001, a draft being written; passport 2, published, with a revision submitted."""
    secretariat, passport = Actor.command_line(), Passport.model_validate({**CELLS, "zone_id": ZONE_ID})
    save_draft(session, secretariat, passport)
    revised = save_draft(session, secretariat, passport)
    submit_draft(session, secretariat, revised)
    publish_passport(session, secretariat, revised)
    save_draft(session, secretariat, passport, passport_id=revised)
    submit_draft(session, secretariat, revised)


def _call(client: TestClient, path: str, body: dict[str, object], kind: str, request_id: int) -> int:
    url = path.replace("{request_id}", str(request_id))
    if kind in {"file", "upload then confirm"}:  # /import: a zones file, then (maybe) its confirmation
        csv = str(body["csv"]).encode()
        sent = client.post("/import", files={"file": ("zones.csv", csv, "text/csv")})
        if kind == "file" or sent.status_code != 200:
            return sent.status_code
        return client.post(url, data={"sha256": hashlib.sha256(csv).hexdigest()}).status_code
    if kind == "put json":
        return client.put(url, json=body).status_code
    if kind == "patch json":
        return client.patch(url, json=body).status_code
    sent = client.post(url, json=body) if kind == "json" else client.post(url, data=body)
    return sent.status_code


@pytest.mark.parametrize("route", sorted(PROTECTED))
def test_a_write_refuses_the_anonymous_and_the_wrong_role_and_accepts_the_right_one(
    empty_engine: Engine, route: tuple[str, str], tmp_path: Path
) -> None:
    import_example(empty_engine)
    keep_example_zone(empty_engine, tmp_path)
    path, body, kind, allowed, refused = PROTECTED[route]
    organiser = log_in_as(TestClient(create_app(empty_engine)), empty_engine, Grant(Role.ORGANISER, EVENT_ID))
    asked = organiser.post(
        f"/api/v1/congress/events/{EVENT_ID}/requests", json={"requester": "P01", "target": "P05"}
    )
    request_id = int(asked.json()["request_id"])

    anonymous = TestClient(create_app(empty_engine), follow_redirects=False)
    assert _call(anonymous, path, body, kind, request_id) in {401, 303}
    wrong = log_in_as(TestClient(create_app(empty_engine), follow_redirects=False), empty_engine, refused)
    assert _call(wrong, path, body, kind, request_id) == (404 if route in NOT_TOLD_IT_EXISTS else 403)
    right = log_in_as(TestClient(create_app(empty_engine), follow_redirects=False), empty_engine, allowed)
    assert _call(right, path, body, kind, request_id) in {200, 201, 202, 303}  # 202: a job was queued
