"""Sign-up, invitations and password reset by mailed links, on both back-ends, with a real SMTP server.

Each test reads the link from the letter the local server caught and follows it, as a person would.
"""

from collections.abc import Iterator
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from sezatlas.accounts import tokens
from sezatlas.accounts.actions import LoginFailedError, actor_for_session, create_person, log_in
from sezatlas.accounts.audit import RequestContext, read_trail
from sezatlas.accounts.invitations import accept_invitation, invite_person
from sezatlas.accounts.mail import MailNotConfiguredError, MailSettings
from sezatlas.accounts.password_reset import request_password_reset, reset_password
from sezatlas.accounts.rate_limits import TooManyAttemptsError
from sezatlas.accounts.roles import Actor, Grant, PermissionDeniedError, Role
from sezatlas.accounts.signing_key import KEY_NAME, signing_secret
from sezatlas.accounts.signup import SIGNUP_LIMIT, sign_up_investor, verify_email
from sezatlas.accounts.tokens import InvalidLinkError
from sezatlas.store.database import session_factory
from sezatlas.store.models import RegistryMetaRow
from sezatlas.web.i18n import translations
from tests.accounts.mailbox import Mailbox, catching_mail, configured_settings

PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a brand new passphrase"
CLI = Actor.command_line()


@pytest.fixture
def session(empty_engine: Engine) -> Iterator[Session]:
    with session_factory(empty_engine)() as opened:
        yield opened


@pytest.fixture
def mailbox() -> Iterator[Mailbox]:
    with catching_mail() as caught:
        yield caught


def token_of(link: str) -> str:
    return parse_qs(urlsplit(link).query)["token"][0]


def test_an_investor_cannot_log_in_until_the_mailed_link_verifies_the_address(
    session: Session, mailbox: Mailbox
) -> None:
    sign_up_investor(session, "Ivan@Example.org", "Ivan", PASSWORD, mail=MailSettings.configured())
    with pytest.raises(LoginFailedError, match="wrong e-mail or password"):  # the same vague refusal
        log_in(session, "ivan@example.org", PASSWORD)
    link = mailbox.last_link("ivan@example.org")
    assert link.startswith("/verify?token=")
    assert verify_email(session, token_of(link)) == "ivan@example.org"
    token, actor = log_in(session, "ivan@example.org", PASSWORD)
    assert actor.has(Role.INVESTOR) and not actor.has(Role.SECRETARIAT)
    assert actor_for_session(session, token).name == "Ivan"
    with pytest.raises(InvalidLinkError, match="used already"):  # a link works once
        verify_email(session, token_of(link))
    actions = [entry.action for entry in read_trail(session, entity="person")]
    assert {"sign up", "verify email", "login"} <= set(actions)


def test_signing_up_with_a_verified_address_answers_the_same_and_tells_only_its_mailbox(
    session: Session, mailbox: Mailbox
) -> None:
    create_person(session, CLI, "olga@example.org", "Olga", PASSWORD)
    sign_up_investor(
        session, "olga@example.org", "Not Olga", "another long password", mail=MailSettings.configured()
    )
    (letter,) = mailbox.to("olga@example.org")
    assert letter["Subject"] == "You already have a SEZ Atlas account"
    assert mailbox.last_link("olga@example.org") == "/reset"
    log_in(session, "olga@example.org", PASSWORD)  # her password is untouched
    with pytest.raises(LoginFailedError):
        log_in(session, "olga@example.org", "another long password")


def test_an_invited_person_chooses_a_password_by_the_mailed_link_and_logs_in(
    session: Session, mailbox: Mailbox
) -> None:
    grants = (Grant(Role.ZONE_OPERATOR, "RUS-001"),)
    invitation = invite_person(session, CLI, "zoe@example.org", "Zoe", grants, mail=MailSettings.configured())
    assert invitation.is_mailed and invitation.link is None
    with pytest.raises(LoginFailedError):  # no password yet
        log_in(session, "zoe@example.org", "")
    link = mailbox.last_link("zoe@example.org")
    assert link.startswith("/invitation?token=")
    accept_invitation(session, token_of(link), PASSWORD)
    _token, actor = log_in(session, "zoe@example.org", PASSWORD)
    assert actor.has(Role.ZONE_OPERATOR, "RUS-001")
    with pytest.raises(InvalidLinkError):
        accept_invitation(session, token_of(link), "someone else's password")


def test_only_the_secretariat_invites(session: Session, mailbox: Mailbox) -> None:
    investor = Actor(person_id=1, name="Ivan", grants=frozenset({Grant(Role.INVESTOR)}))
    with pytest.raises(PermissionDeniedError):
        invite_person(session, investor, "x@example.org", "X", mail=MailSettings.configured())
    assert mailbox.letters == []


def test_without_smtp_the_invitation_link_is_given_back_and_self_service_is_refused(session: Session) -> None:
    with configured_settings(smtp_host=""):
        mail = MailSettings.configured()
        assert not mail.is_configured
        invitation = invite_person(session, CLI, "zoe@example.org", "Zoe", mail=mail)
        assert invitation.link is not None and not invitation.is_mailed
        with pytest.raises(MailNotConfiguredError):
            sign_up_investor(session, "ivan@example.org", "Ivan", PASSWORD, mail=mail)
        with pytest.raises(MailNotConfiguredError):
            request_password_reset(session, "zoe@example.org", mail=mail)
    accept_invitation(session, token_of(invitation.link), PASSWORD)
    log_in(session, "zoe@example.org", PASSWORD)


def test_a_reset_changes_the_password_ends_every_session_and_its_link_works_once(
    session: Session, mailbox: Mailbox
) -> None:
    create_person(session, CLI, "olga@example.org", "Olga", PASSWORD)
    sessions = [log_in(session, "olga@example.org", PASSWORD)[0] for _ in range(2)]
    request_password_reset(session, "olga@example.org", mail=MailSettings.configured())
    link = mailbox.last_link("olga@example.org")
    assert link.startswith("/reset/new?token=")
    reset_password(session, token_of(link), NEW_PASSWORD)
    assert not any(actor_for_session(session, token).is_authenticated for token in sessions)
    with pytest.raises(LoginFailedError):
        log_in(session, "olga@example.org", PASSWORD)
    log_in(session, "olga@example.org", NEW_PASSWORD)
    with pytest.raises(InvalidLinkError, match="used already"):
        reset_password(session, token_of(link), "yet another passphrase")
    (reset,) = [e for e in read_trail(session) if e.action == "reset password"]
    assert reset.after == {"password": "changed", "sessions_ended": 2}


def test_a_reset_request_for_an_unknown_address_looks_the_same_and_mails_nobody(
    session: Session, mailbox: Mailbox
) -> None:
    assert request_password_reset(session, "nobody@example.org", mail=MailSettings.configured()) is None
    assert mailbox.letters == []
    assert [e.entity_id for e in read_trail(session) if e.action == "password reset requested"] == [
        "nobody@example.org"
    ]


def test_a_burst_of_sign_ups_from_one_address_is_refused_and_audited(
    session: Session, mailbox: Mailbox
) -> None:
    here = RequestContext(ip="203.0.113.9")
    mail = MailSettings.configured()
    for number in range(SIGNUP_LIMIT.per_window):
        sign_up_investor(session, f"i{number}@example.org", "I", PASSWORD, mail=mail, context=here)
    with pytest.raises(TooManyAttemptsError, match="too many sign-ups") as refused:
        sign_up_investor(session, "one-more@example.org", "I", PASSWORD, mail=mail, context=here)
    assert 1 <= refused.value.retry_after_s <= 3600
    elsewhere = RequestContext(ip="198.51.100.7")  # the limit is per address
    sign_up_investor(session, "other@example.org", "I", PASSWORD, mail=mail, context=elsewhere)
    assert "sign up refused: too many attempts" in [e.action for e in read_trail(session)]
    assert len(mailbox.letters) == SIGNUP_LIMIT.per_window + 1


def test_a_forged_or_expired_link_is_refused(
    session: Session, mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    sign_up_investor(session, "ivan@example.org", "Ivan", PASSWORD, mail=MailSettings.configured())
    genuine = token_of(mailbox.last_link("ivan@example.org"))
    with pytest.raises(InvalidLinkError, match="not valid"):
        verify_email(session, genuine[:-2] + ("AA" if not genuine.endswith("AA") else "BB"))
    with pytest.raises(InvalidLinkError, match="not valid"):  # a verification link is no reset link
        reset_password(session, genuine, NEW_PASSWORD)
    monkeypatch.setitem(tokens.LIFETIME, tokens.Purpose.VERIFY_EMAIL, timedelta(seconds=-1))
    with pytest.raises(InvalidLinkError, match="expired"):
        verify_email(session, genuine)


def test_the_signing_key_is_made_once_and_kept_in_the_database(session: Session) -> None:
    with configured_settings(secret_key=""):
        first = signing_secret(session)
        assert signing_secret(session) == first and len(first) >= 40
        assert session.scalar(select(RegistryMetaRow.value).where(RegistryMetaRow.key == KEY_NAME)) == first
    with configured_settings(secret_key="configured-secret-of-the-operator"):
        assert signing_secret(session) == "configured-secret-of-the-operator"


def test_a_letter_is_in_the_readers_language(session: Session, mailbox: Mailbox) -> None:
    sign_up_investor(session, "ivan@example.org", "Иван", PASSWORD, mail=MailSettings.configured(),
                     translate=translations("ru").gettext)  # fmt: skip
    (letter,) = mailbox.to("ivan@example.org")
    assert letter["Subject"] == "Подтвердите адрес электронной почты для SEZ Atlas"
    body = letter.get_body(("plain",))
    assert body is not None and "Здравствуйте, Иван!" in body.get_content()
