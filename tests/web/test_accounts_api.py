"""Logging in over HTTP: a strict session cookie, `/api/v1/me`, log-out, Bearer tokens, no CSRF; sign-up,
invitations and password reset by mailed links."""

import logging
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, inspect, text

from sezatlas.accounts.actions import LOGIN_FAILURES_PER_WINDOW, create_person, issue_api_token
from sezatlas.accounts.audit import read_trail
from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.store.database import session_factory
from sezatlas.web.app import create_app
from sezatlas.web.pages.login_page import local_path
from tests.accounts.mailbox import Mailbox, catching_mail, configured_settings
from tests.accounts.people import log_in_as

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a brand new passphrase"


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


def test_a_burst_of_failed_log_ins_from_one_address_is_refused_and_audited(
    api: TestClient, empty_engine: Engine
) -> None:
    wrong = {"email": "olga@example.org", "password": "not her password"}
    answers = [api.post("/api/v1/session", json=wrong).status_code for _ in range(50)]
    assert answers[:LOGIN_FAILURES_PER_WINDOW] == [401] * LOGIN_FAILURES_PER_WINDOW
    assert set(answers[LOGIN_FAILURES_PER_WINDOW:]) == {429}
    # Refused before the password is looked at: the right one does not get through a burst either.
    right = api.post("/api/v1/session", json={"email": "olga@example.org", "password": PASSWORD})
    assert right.status_code == 429 and 1 <= int(right.headers["retry-after"]) <= 300
    assert right.json()["detail"].startswith("too many failed log-ins")
    with session_factory(empty_engine)() as session:
        actions = [entry.action for entry in read_trail(session, entity="person", limit=100)]
    assert actions.count("login failed") == LOGIN_FAILURES_PER_WINDOW
    assert actions.count("login refused: too many attempts") == 41


def test_the_log_in_page_says_why_it_refuses_a_burst(api: TestClient) -> None:
    form = {"email": "olga@example.org", "password": "not her password"}
    for _ in range(LOGIN_FAILURES_PER_WINDOW):
        assert api.post("/login", data=form).status_code == 401
    page = api.post("/login", data=form, headers={"Accept-Language": "ru"})
    assert page.status_code == 429 and "Retry-After" in page.headers
    assert "Слишком много неудачных попыток входа" in page.text


def test_every_page_header_offers_log_in_and_after_it_log_out(api: TestClient) -> None:
    visitor = api.get("/login").text
    assert 'href="/login?next=%2Flogin"' in visitor and 'action="/logout"' not in visitor
    api.post("/login", data={"email": "olga@example.org", "password": PASSWORD, "next": "/"})
    page = api.get("/login", headers={"Accept-Language": "zh"}).text
    assert 'action="/logout"' in page and "退出登录" in page
    api.post("/logout")
    assert 'action="/logout"' not in api.get("/login").text


# Sign-up, invitations and password reset over HTTP, with a real SMTP server catching the letters.


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with catching_mail() as caught:
        yield caught


def test_an_investor_signs_up_on_the_pages_verifies_by_the_letter_logs_in_and_out(
    api: TestClient, mailbox: Mailbox
) -> None:
    assert 'action="/signup"' in api.get("/signup").text
    form = {"name": "Ivan", "email": "ivan@example.org", "password": NEW_PASSWORD}
    sent = api.post("/signup", data=form)
    assert sent.status_code == 200 and "ivan@example.org" in sent.text
    login = {"email": "ivan@example.org", "password": NEW_PASSWORD, "next": "/"}
    assert api.post("/login", data=login, follow_redirects=False).status_code == 401  # not verified yet
    link = mailbox.last_link("ivan@example.org")
    button = api.get(link)
    assert button.status_code == 200 and 'action="/verify"' in button.text  # opening the link changes nothing
    token = parse_qs(urlsplit(link).query)["token"][0]
    verified = api.post("/verify", data={"token": token})
    assert verified.status_code == 200 and 'href="/login"' in verified.text
    assert api.post("/login", data=login, follow_redirects=False).status_code == 303
    assert api.get("/api/v1/me").json() == {"is_authenticated": True, "name": "Ivan", "roles": ["investor"]}
    api.post("/logout")
    assert api.get("/api/v1/me").json()["is_authenticated"] is False
    assert api.post("/verify", data={"token": token}).status_code == 422  # used


def test_a_reset_by_the_api_changes_the_password_once_and_ends_the_old_sessions(
    api: TestClient, mailbox: Mailbox, empty_engine: Engine
) -> None:
    olga = {"email": "olga@example.org", "password": PASSWORD}
    elsewhere = TestClient(create_app(empty_engine))
    for client in (api, elsewhere):
        assert client.post("/api/v1/session", json=olga).status_code == 200
    assert api.post("/api/v1/password-reset", json={"email": "olga@example.org"}).status_code == 202
    token = parse_qs(urlsplit(mailbox.last_link("olga@example.org")).query)["token"][0]
    confirmed = api.post("/api/v1/password-reset/confirm", json={"token": token, "password": NEW_PASSWORD})
    assert confirmed.status_code == 200 and confirmed.json()["email"] == "olga@example.org"
    assert elsewhere.get("/api/v1/me").json()["is_authenticated"] is False
    assert api.post("/api/v1/session", json=olga).status_code == 401
    assert api.post("/api/v1/session", json={**olga, "password": NEW_PASSWORD}).status_code == 200
    again = api.post(
        "/api/v1/password-reset/confirm", json={"token": token, "password": "one more passphrase"}
    )
    assert again.status_code == 422 and "used already" in again.json()["detail"]


def test_a_reset_request_answers_the_same_whether_or_not_the_address_has_an_account(
    api: TestClient, mailbox: Mailbox
) -> None:
    known = api.post("/api/v1/password-reset", json={"email": "olga@example.org"})
    unknown = api.post("/api/v1/password-reset", json={"email": "nobody@example.org"})
    assert (known.status_code, known.json()) == (unknown.status_code, unknown.json())
    pages = [
        api.post("/reset", data={"email": email}) for email in ("olga@example.org", "nobody@example.org")
    ]
    assert [page.status_code for page in pages] == [200, 200]
    assert pages[0].text.replace("olga@", "nobody@") == pages[1].text
    assert [letter["To"] for letter in mailbox.letters] == ["olga@example.org"] * 2


def test_a_burst_of_reset_requests_or_sign_ups_from_one_address_is_a_429_with_retry_after(
    api: TestClient, mailbox: Mailbox
) -> None:
    answers = [api.post("/api/v1/password-reset", json={"email": f"x{n}@example.org"}) for n in range(6)]
    assert [a.status_code for a in answers] == [202] * 5 + [429]
    assert answers[-1].json()["detail"].startswith("too many password reset requests")
    assert 1 <= int(answers[-1].headers["retry-after"]) <= 900
    for n in range(5):
        api.post("/api/v1/signup", json={"email": f"s{n}@example.org", "password": NEW_PASSWORD})
    page = api.post("/signup", data={"email": "s9@example.org", "password": NEW_PASSWORD},
                    headers={"Accept-Language": "pt"})  # fmt: skip
    assert page.status_code == 429 and "Retry-After" in page.headers
    assert "Tentativas demais a partir deste endereço" in page.text


def test_without_smtp_the_sign_up_and_reset_pages_say_so_and_the_api_refuses_clearly(api: TestClient) -> None:
    with configured_settings(smtp_host=""):
        for page in ("/signup", "/reset"):
            text = api.get(page, headers={"Accept-Language": "ru"}).text
            assert 'data-testid="no-mail"' in text and "не отправляет электронную почту" in text
        refused = api.post("/api/v1/signup", json={"email": "ivan@example.org", "password": NEW_PASSWORD})
        assert refused.status_code == 503 and "sends no e-mail" in refused.json()["detail"]
        assert api.post("/api/v1/password-reset", json={"email": "olga@example.org"}).status_code == 503


def test_an_invitation_by_the_api_is_mailed_in_the_asked_language_and_accepted_on_the_page(
    api: TestClient, mailbox: Mailbox, empty_engine: Engine
) -> None:
    secretariat = log_in_as(TestClient(create_app(empty_engine)), empty_engine, Grant(Role.SECRETARIAT))
    body = {"email": "zoe@example.org", "name": "Zoe", "roles": ["zone_operator:RUS-001"], "lang": "ru"}
    invited = secretariat.post("/api/v1/invitations", json=body)
    assert invited.status_code == 201 and invited.json() == {
        "email": "zoe@example.org", "is_mailed": True, "link": None
    }  # fmt: skip
    (letter,) = mailbox.to("zoe@example.org")
    assert letter["Subject"] == "Приглашение в SEZ Atlas"
    link = mailbox.last_link("zoe@example.org")
    assert 'action="/invitation"' in api.get(link).text
    token = parse_qs(urlsplit(link).query)["token"][0]
    short = api.post("/invitation", data={"token": token, "password": "short"})
    assert short.status_code == 422 and "12" in short.text  # the form again, the link still good
    assert api.post("/invitation", data={"token": token, "password": NEW_PASSWORD}).status_code == 200
    zoe = api.post("/api/v1/session", json={"email": "zoe@example.org", "password": NEW_PASSWORD})
    assert zoe.json()["roles"] == ["zone_operator:RUS-001"]
    assert api.post("/api/v1/invitations", json=body).status_code == 403  # Zoe may not invite


def test_no_password_or_link_is_stored_or_logged_in_clear_after_sign_up_and_reset(
    api: TestClient, mailbox: Mailbox, empty_engine: Engine, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    signup = {"email": "ivan@example.org", "name": "Ivan", "password": NEW_PASSWORD}
    assert api.post("/api/v1/signup", json=signup).status_code == 202
    verify_token = parse_qs(urlsplit(mailbox.last_link("ivan@example.org")).query)["token"][0]
    api.post("/api/v1/signup/verify", json={"token": verify_token})
    api.post("/api/v1/password-reset", json={"email": "ivan@example.org"})
    reset_token = parse_qs(urlsplit(mailbox.last_link("ivan@example.org")).query)["token"][0]
    final_password = "the third and final passphrase"
    reset = {"token": reset_token, "password": final_password}
    assert api.post("/api/v1/password-reset/confirm", json=reset).status_code == 200
    with empty_engine.connect() as connection:
        tables = inspect(connection).get_table_names()
        dump = " ".join(
            str(row) for table in tables for row in connection.execute(text(f'SELECT * FROM "{table}"'))
        )
    app_logs = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("sezatlas"))
    assert "mail verify-email sent to ivan@example.org" in app_logs  # the log is there, without secrets
    for secret in (NEW_PASSWORD, final_password):
        assert secret not in dump and secret not in caplog.text
    for token in (verify_token, reset_token):
        assert token not in dump and token not in app_logs
