"""Accounts on both back-ends: log in, sessions, API tokens, roles, lock-out, and the audit of each."""

import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from sezatlas.accounts.actions import (
    MAX_FAILED_LOGINS,
    AccountError,
    LoginFailedError,
    actor_for_api_token,
    actor_for_session,
    create_person,
    disable_person,
    issue_api_token,
    list_people,
    log_in,
    log_out,
)
from sezatlas.accounts.audit import read_trail
from sezatlas.accounts.roles import (
    Actor,
    Grant,
    NotAuthenticatedError,
    PermissionDeniedError,
    Role,
    may_act_as_participant,
    may_organise,
)
from sezatlas.store.accounts_tables import PersonRow
from sezatlas.store.database import session_factory

PASSWORD = "correct horse battery staple"
CLI = Actor.command_line()


@pytest.fixture
def session(empty_engine: Engine) -> Session:
    return session_factory(empty_engine)()


def test_a_person_logs_in_gets_a_session_and_logs_out(session: Session) -> None:
    create_person(
        session, CLI, "Organiser@Example.org", "Olga", PASSWORD, (Grant(Role.ORGANISER, "itc-2027"),)
    )
    token, actor = log_in(session, " organiser@example.org ", PASSWORD)
    assert actor.name == "Olga" and may_organise(actor, "itc-2027") and not may_organise(actor, "other")
    assert actor_for_session(session, token).person_id == actor.person_id
    log_out(session, token)
    assert not actor_for_session(session, token).is_authenticated


def test_a_wrong_password_is_refused_audited_and_locks_the_account_after_ten(session: Session) -> None:
    create_person(session, CLI, "p@example.org", "P", PASSWORD)
    for _ in range(MAX_FAILED_LOGINS):
        with pytest.raises(LoginFailedError):
            log_in(session, "p@example.org", "not the password")
    with pytest.raises(LoginFailedError):  # locked: even the right password is refused now
        log_in(session, "p@example.org", PASSWORD)
    failures = [entry for entry in read_trail(session) if entry.action == "login failed"]
    assert len(failures) == MAX_FAILED_LOGINS + 1


def test_an_address_with_a_control_character_is_a_failed_log_in_not_an_error(session: Session) -> None:
    """PostgreSQL cannot store a NUL: the fuzzer's log-in with one gave a 500 (issue 11)."""
    with pytest.raises(LoginFailedError):
        log_in(session, "p\x00@example.org", PASSWORD)
    assert [entry.entity_id for entry in read_trail(session) if entry.action == "login failed"] == [
        "p\\x00@example.org"
    ]
    with pytest.raises(AccountError, match="not an e-mail address"):
        create_person(session, CLI, "p\x00@example.org", "P", PASSWORD)


def test_secrets_are_stored_only_as_hashes(session: Session, empty_engine: Engine) -> None:
    create_person(session, CLI, "p@example.org", "P", PASSWORD)
    session_token, _actor = log_in(session, "p@example.org", PASSWORD)
    api_token = issue_api_token(session, CLI, "p@example.org", "nightly export")
    with empty_engine.connect() as connection:
        tables = ["people", "login_sessions", "api_tokens", "audit_log"]
        dump = " ".join(
            str(row) for table in tables for row in connection.execute(text(f"SELECT * FROM {table}"))
        )
    for secret in (PASSWORD, session_token, api_token):
        assert secret not in dump
    assert session.scalar(select(PersonRow.password_hash)).startswith("$argon2id$")


def test_an_api_token_acts_as_its_person_until_the_person_is_disabled(session: Session) -> None:
    create_person(session, CLI, "bot@example.org", "Bot", PASSWORD, (Grant(Role.PARTICIPANT, "itc/P01"),))
    token = issue_api_token(session, CLI, "bot@example.org", "sync")
    assert token.startswith("sza_") and may_act_as_participant(
        actor_for_api_token(session, token), "itc", "P01"
    )
    session_token, _ = log_in(session, "bot@example.org", PASSWORD)
    disable_person(session, CLI, "bot@example.org")
    assert not actor_for_api_token(session, token).is_authenticated
    assert not actor_for_session(session, session_token).is_authenticated
    with pytest.raises(LoginFailedError):
        log_in(session, "bot@example.org", PASSWORD)


def test_only_the_secretariat_creates_accounts_and_a_visitor_is_asked_to_log_in(session: Session) -> None:
    person = create_person(session, CLI, "p@example.org", "P", PASSWORD, (Grant(Role.INVESTOR),))
    _token, investor = log_in(session, "p@example.org", PASSWORD)
    with pytest.raises(PermissionDeniedError):
        create_person(session, investor, "q@example.org", "Q", PASSWORD)
    with pytest.raises(NotAuthenticatedError):
        list_people(session, Actor.anonymous())
    assert [p.email for p in list_people(session, CLI)] == [person.email]


def test_bad_account_input_names_the_field(session: Session) -> None:
    with pytest.raises(AccountError, match="password: use at least 12"):
        create_person(session, CLI, "p@example.org", "P", "short")
    with pytest.raises(AccountError, match="email: 'not-an-address'"):
        create_person(session, CLI, "not-an-address", "P", PASSWORD)
    create_person(session, CLI, "p@example.org", "P", PASSWORD)
    with pytest.raises(AccountError, match="has an account already"):
        create_person(session, CLI, "P@example.org", "P", PASSWORD)


def test_every_account_change_is_in_the_audit_trail_with_its_actor(session: Session) -> None:
    create_person(session, CLI, "p@example.org", "P", PASSWORD)
    issue_api_token(session, CLI, "p@example.org", "sync")
    disable_person(session, CLI, "p@example.org")
    trail = read_trail(session)
    assert [(e.action, e.entity, e.actor) for e in trail] == [
        ("disable", "person", "command line"),
        ("create", "api_token", "command line"),
        ("create", "person", "command line"),
    ]
    assert trail[0].before == {"is_active": True} and trail[0].after == {"is_active": False}


def test_a_scoped_role_needs_its_scope() -> None:
    with pytest.raises(ValueError, match="needs a scope"):
        Grant(Role.ORGANISER)
    with pytest.raises(ValueError, match="takes no scope"):
        Grant(Role.SECRETARIAT, "x")


def test_no_module_can_change_or_delete_an_audit_row() -> None:
    """The trail is append-only: only `accounts/audit.py` (adding, reading) and `accounts/rate_limits.py`
    (counting attempts) touch its table, and neither changes nor deletes a row; the one exception is a
    person's erasure on request (`accounts/personal_data.py`), which clears names and values and deletes
    no row (docs/privacy.md)."""
    from pathlib import Path

    package = Path(__file__).resolve().parents[2] / "sezatlas"
    users = {
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if "AuditRow" in path.read_text(encoding="utf-8") and "migrations" not in path.parts
    }
    assert users == {"accounts/audit.py", "accounts/rate_limits.py", "accounts/personal_data.py",
                     "store/accounts_tables.py"}  # fmt: skip
    erasure = (package / "accounts" / "personal_data.py").read_text(encoding="utf-8")
    assert "delete(AuditRow)" not in erasure
    for module in ("audit.py", "rate_limits.py"):
        source = (package / "accounts" / module).read_text(encoding="utf-8")
        assert "update(" not in source and "delete(" not in source
