"""Logging in over HTTP: a strict session cookie, `/api/v1/me`, log-out, Bearer tokens, no CSRF."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from sezatlas.accounts.actions import create_person, issue_api_token
from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.store.database import session_factory
from sezatlas.web.app import create_app
from sezatlas.web.pages.login_page import local_path

PASSWORD = "correct horse battery staple"


@pytest.fixture
def api(empty_engine: Engine) -> TestClient:
    with session_factory(empty_engine)() as session:
        grants = (Grant(Role.ORGANISER, "itc-2027"),)
        create_person(session, Actor.command_line(), "olga@example.org", "Olga", PASSWORD, grants)
    return TestClient(create_app(empty_engine))


def test_logging_in_sets_a_strict_http_only_cookie_and_me_says_who(api: TestClient) -> None:
    assert api.get("/api/v1/me").json() == {
        "is_authenticated": False,
        "name": "anonymous visitor",
        "roles": [],
    }
    response = api.post("/api/v1/session", json={"email": "olga@example.org", "password": PASSWORD})
    assert response.status_code == 200 and response.json()["roles"] == ["organiser:itc-2027"]
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    assert api.get("/api/v1/me").json()["name"] == "Olga"
    assert api.delete("/api/v1/session").status_code == 204
    assert api.get("/api/v1/me").json()["is_authenticated"] is False


def test_a_wrong_password_is_a_401_of_the_one_error_shape(api: TestClient) -> None:
    response = api.post("/api/v1/session", json={"email": "olga@example.org", "password": "wrong password!"})
    assert response.status_code == 401
    assert response.json() == {"detail": "wrong e-mail or password, or the account is disabled", "errors": []}


def test_a_bearer_token_identifies_a_machine_client(api: TestClient, empty_engine: Engine) -> None:
    with session_factory(empty_engine)() as session:
        token = issue_api_token(session, Actor.command_line(), "olga@example.org", "sync")
    me = api.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["name"] == "Olga"
    assert (
        api.get("/api/v1/me", headers={"Authorization": "Bearer sza_forged"}).json()["is_authenticated"]
        is False
    )


def test_a_cross_site_write_is_refused_before_it_reaches_a_route(api: TestClient) -> None:
    forged = {"Origin": "https://evil.example"}
    response = api.post(
        "/api/v1/session", json={"email": "olga@example.org", "password": PASSWORD}, headers=forged
    )
    assert response.status_code == 403 and "cross-site" in response.json()["detail"]
    same_site = {"Origin": "http://testserver"}
    ok = api.post(
        "/api/v1/session", json={"email": "olga@example.org", "password": PASSWORD}, headers=same_site
    )
    assert ok.status_code == 200
    assert api.get("/api/v1/me", headers=forged).status_code == 200  # reading is not a cross-site risk


@pytest.mark.parametrize(
    ("asked", "landing"),
    [("/congress/itc-2027/organiser", "/congress/itc-2027/organiser"), ("//evil.example", "/"),
     ("/\\evil.example", "/"), ("https://evil.example/", "/"), ("", "/")],
)  # fmt: skip
def test_after_logging_in_the_browser_goes_back_only_to_a_page_of_this_site(asked: str, landing: str) -> None:
    assert local_path(asked) == landing
