"""Every route that changes state refuses an anonymous caller and a caller without the role, and accepts
one with it; the routes that are public on purpose are listed once, with the reason.

The routes are enumerated from the app itself, so a new write route fails this test until it is added
to one of the two tables below.
"""

import pytest
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.roles import Grant, Role
from sezatlas.web.app import create_app
from tests.accounts.people import log_in_as
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
}
PARTICIPANT = "/congress/{event_id}/participants/{participant_id}"
API_EVENT = "/api/v1/congress/events/{event_id}"
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
}  # fmt: skip


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


def _call(client: TestClient, path: str, body: dict[str, object], kind: str, request_id: int) -> int:
    url = path.replace("{request_id}", str(request_id))
    sent = client.post(url, json=body) if kind == "json" else client.post(url, data=body)
    return sent.status_code


@pytest.mark.parametrize("route", sorted(PROTECTED))
def test_a_write_refuses_the_anonymous_and_the_wrong_role_and_accepts_the_right_one(
    empty_engine: Engine, route: tuple[str, str]
) -> None:
    import_example(empty_engine)
    path, body, kind, allowed, refused = PROTECTED[route]
    organiser = log_in_as(TestClient(create_app(empty_engine)), empty_engine, Grant(Role.ORGANISER, EVENT_ID))
    asked = organiser.post(
        f"/api/v1/congress/events/{EVENT_ID}/requests", json={"requester": "P01", "target": "P05"}
    )
    request_id = int(asked.json()["request_id"])

    anonymous = TestClient(create_app(empty_engine), follow_redirects=False)
    assert _call(anonymous, path, body, kind, request_id) in {401, 303}
    wrong = log_in_as(TestClient(create_app(empty_engine), follow_redirects=False), empty_engine, refused)
    assert _call(wrong, path, body, kind, request_id) == 403
    right = log_in_as(TestClient(create_app(empty_engine), follow_redirects=False), empty_engine, allowed)
    assert _call(right, path, body, kind, request_id) in {200, 201, 202, 303}  # 202: a job was queued
