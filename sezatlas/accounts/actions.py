"""What people do with accounts: log in and out, create people and grant roles, issue API tokens.

Every function checks its permission through `roles.require` and records what it changed in the audit
trail (`audit.record`) in the same transaction, then commits. Log-in failures are audited too.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.rate_limits import AttemptLimit, refuse_a_burst

# re-exported: web/error_handlers.py and the pages import it from here
from sezatlas.accounts.rate_limits import TooManyAttemptsError as TooManyAttemptsError  # noqa: PLC0414
from sezatlas.accounts.roles import Actor, Grant, Role, may_administer, require
from sezatlas.accounts.secrets import (
    MIN_PASSWORD_LENGTH,
    hash_password,
    new_token,
    password_matches,
    token_hash,
)
from sezatlas.store.accounts_tables import ApiTokenRow, GrantRow, LoginSessionRow, PersonRow
from sezatlas.store.models import utc_now
from sezatlas.tabular.control_characters import printable

SESSION_DAYS = 14
MAX_FAILED_LOGINS = 10  # then the account is locked until the secretariat re-enables it
# Per client address, whatever the account: lock-out stops guessing one password, this stops trying many.
LOGIN_FAILURES_PER_WINDOW = 10
LOGIN_WINDOW = timedelta(minutes=5)
LOGIN_LIMIT = AttemptLimit(
    ("login failed",),
    LOGIN_FAILURES_PER_WINDOW,
    LOGIN_WINDOW,
    "failed log-ins",
    "login refused: too many attempts",
)
SESSION_PREFIX = "szs"
API_TOKEN_PREFIX = "sza"


class AccountError(ValueError):
    """A request about accounts that cannot be done as asked (a short password, a taken e-mail)."""


class LoginFailedError(PermissionError):
    """Wrong e-mail or password, or a disabled or locked account; the message never says which."""


@dataclass(frozen=True)
class Person:
    person_id: int
    email: str
    name: str
    is_active: bool
    grants: tuple[Grant, ...]


def _normal_email(email: str) -> str:
    cleaned = email.strip().lower()
    if "@" not in cleaned.strip("@") or len(cleaned) > 320 or not cleaned.isprintable() or " " in cleaned:
        raise AccountError(f"email: {email!r} is not an e-mail address")
    return cleaned


def _checked_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountError(f"password: use at least {MIN_PASSWORD_LENGTH} characters")
    return password


def _grants_of(session: Session, person_id: int) -> frozenset[Grant]:
    rows = session.execute(select(GrantRow.role, GrantRow.scope).where(GrantRow.person_id == person_id))
    return frozenset(Grant(Role(role), scope) for role, scope in rows)


def actor_of(session: Session, person: PersonRow) -> Actor:
    return Actor(person.person_id, person.name, person.organisation_id, _grants_of(session, person.person_id))


def create_person(
    session: Session,
    actor: Actor,
    email: str,
    name: str,
    password: str,
    grants: tuple[Grant, ...] = (),
    *,
    context: RequestContext | None = None,
) -> Person:
    """A new account with its roles; only the secretariat (or the server's command line) creates them."""
    require(actor, may_administer(actor), "create an account")
    address = _normal_email(email)
    if session.scalar(select(PersonRow.person_id).where(PersonRow.email == address)) is not None:
        raise AccountError(f"email: {address} has an account already")
    person = PersonRow(
        email=address,
        name=name.strip() or address,
        password_hash=hash_password(_checked_password(password)),
        email_verified_at=utc_now(),  # the secretariat vouches for the address
    )
    session.add(person)
    session.flush()
    for grant in grants:
        session.add(GrantRow(person_id=person.person_id, role=grant.role.value, scope=grant.scope))
    after = {"email": address, "name": person.name, "grants": [str(g) for g in grants]}
    record(session, actor, "create", "person", str(person.person_id), after=after, context=context)
    session.commit()
    return Person(person.person_id, address, person.name, True, tuple(sorted(grants)))


def log_in(
    session: Session, email: str, password: str, *, context: RequestContext | None = None
) -> tuple[str, Actor]:
    """A new session token for the person, or `LoginFailedError`; every attempt is audited.

    The failures counted for the rate limit are the audit trail's own rows, so the limit holds across
    worker processes and restarts without a store of its own.
    """
    # Escaped: a control character (a NUL, which PostgreSQL cannot take) matches no address, is refused
    # like any wrong address, and is written to the audit trail as text.
    address = printable(email.strip().lower())
    refuse_a_burst(session, LOGIN_LIMIT, address, context)
    person = session.scalar(select(PersonRow).where(PersonRow.email == address))
    usable = (
        person is not None
        and person.is_active
        and person.failed_logins < MAX_FAILED_LOGINS
        and person.email_verified_at is not None  # signed up, address not yet verified: not yet
    )
    if (
        person is None
        or not password_matches(password, person.password_hash if usable else None)
        or not usable
    ):
        if person is not None:
            person.failed_logins += 1
        record(session, Actor(name=address[:200]), "login failed", "person", address[:200], context=context)
        session.commit()
        raise LoginFailedError("wrong e-mail or password, or the account is disabled")
    token = new_token(SESSION_PREFIX)
    now = utc_now()
    session.add(
        LoginSessionRow(
            person_id=person.person_id,
            token_hash=token_hash(token),
            expires_at=now + timedelta(days=SESSION_DAYS),
        )
    )
    person.failed_logins = 0
    person.last_login_at = now
    actor = actor_of(session, person)
    record(session, actor, "login", "person", str(person.person_id), context=context)
    session.commit()
    return token, actor


def log_out(session: Session, token: str, *, everywhere: bool = False) -> None:
    """End this session (or every session of its person); an unknown token is already logged out."""
    row = session.scalar(select(LoginSessionRow).where(LoginSessionRow.token_hash == token_hash(token)))
    if row is None:
        return
    ended = update(LoginSessionRow).where(LoginSessionRow.revoked_at.is_(None)).values(revoked_at=utc_now())
    scope = (
        LoginSessionRow.person_id == row.person_id
        if everywhere
        else LoginSessionRow.session_id == row.session_id
    )
    session.execute(ended.where(scope))
    session.commit()


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def actor_for_session(session: Session, token: str) -> Actor:
    """Who a session cookie belongs to; anonymous when it is unknown, expired, revoked or disabled."""
    row = session.scalar(select(LoginSessionRow).where(LoginSessionRow.token_hash == token_hash(token)))
    if row is None or row.revoked_at is not None or _aware(row.expires_at) <= utc_now():
        return Actor.anonymous()
    person = session.get(PersonRow, row.person_id)
    return actor_of(session, person) if person is not None and person.is_active else Actor.anonymous()


def actor_for_api_token(session: Session, token: str) -> Actor:
    """Who an `Authorization: Bearer` token belongs to; anonymous when unknown or revoked."""
    row = session.scalar(select(ApiTokenRow).where(ApiTokenRow.token_hash == token_hash(token)))
    if row is None or row.revoked_at is not None:
        return Actor.anonymous()
    person = session.get(PersonRow, row.person_id)
    return actor_of(session, person) if person is not None and person.is_active else Actor.anonymous()


def issue_api_token(session: Session, actor: Actor, email: str, name: str) -> str:
    """A new API token for the person (themself, or anyone for the secretariat); shown once, stored hashed."""
    person = session.scalar(select(PersonRow).where(PersonRow.email == _normal_email(email)))
    if person is None:
        raise AccountError(f"email: no account for {email}")
    require(actor, may_administer(actor) or actor.person_id == person.person_id, "issue an API token")
    token = new_token(API_TOKEN_PREFIX)
    row = ApiTokenRow(person_id=person.person_id, name=name, token_hash=token_hash(token), prefix=token[:8])
    session.add(row)
    session.flush()
    record(
        session,
        actor,
        "create",
        "api_token",
        str(row.token_id),
        after={"person": person.email, "name": name, "prefix": row.prefix},
    )
    session.commit()
    return token


def disable_person(session: Session, actor: Actor, email: str) -> None:
    """Disable an account: it can no longer log in, and its sessions and tokens stop working at once."""
    require(actor, may_administer(actor), "disable an account")
    person = session.scalar(select(PersonRow).where(PersonRow.email == _normal_email(email)))
    if person is None:
        raise AccountError(f"email: no account for {email}")
    person.is_active = False
    now = utc_now()
    for table in (LoginSessionRow, ApiTokenRow):
        session.execute(
            update(table)
            .where(table.person_id == person.person_id, table.revoked_at.is_(None))
            .values(revoked_at=now)
        )
    record(
        session,
        actor,
        "disable",
        "person",
        str(person.person_id),
        before={"is_active": True},
        after={"is_active": False},
    )
    session.commit()


def list_people(session: Session, actor: Actor) -> list[Person]:
    require(actor, may_administer(actor), "list accounts")
    people = session.scalars(select(PersonRow).order_by(PersonRow.email))
    return [
        Person(p.person_id, p.email, p.name, p.is_active, tuple(sorted(_grants_of(session, p.person_id))))
        for p in people
    ]
