"""SQLAlchemy tables of accounts: organisations, people, their grants, API tokens, login sessions, audit.

Secrets are never stored: a password as its argon2 hash, a session or API token as the SHA-256 of a
random 256-bit value (`accounts/secrets.py`) — enough for a value that is random, not chosen by a person.
The audit table is append-only by convention of the code: nothing in the application updates or
deletes its rows (`tests/accounts` checks no module does).
"""

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, Text, false, true
from sqlalchemy.orm import Mapped, mapped_column

from sezatlas.store.models import Base, utc_now

NAME_LENGTH = 200
HASH_LENGTH = 64  # hex SHA-256


class OrganisationRow(Base):
    __tablename__ = "organisations"

    organisation_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)
    kind: Mapped[str] = mapped_column(String(32))  # accounts.organisations.OrganisationKind
    country_iso3: Mapped[str | None] = mapped_column(String(3))
    website: Mapped[str | None] = mapped_column(Text)
    is_member: Mapped[bool] = mapped_column(Boolean, server_default=false())
    member_since: Mapped[str | None] = mapped_column(String(10))  # ISO date
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class OrganisationZoneRow(Base):
    """A zone an organisation operates: what the members directory shows, and whom an inquiry reaches."""

    __tablename__ = "organisation_zones"

    organisation_id: Mapped[int] = mapped_column(
        ForeignKey("organisations.organisation_id", ondelete="CASCADE"), primary_key=True
    )
    zone_id: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class PersonRow(Base):
    __tablename__ = "people"

    person_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)  # stored lower-cased
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.organisation_id"))
    password_hash: Mapped[str | None] = mapped_column(Text)  # None: invited, no password set yet
    is_active: Mapped[bool] = mapped_column(Boolean, server_default=true())
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # None: signed up and not yet verified (people the secretariat creates or invites are verified)
    email_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class GrantRow(Base):
    __tablename__ = "grants"

    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.person_id", ondelete="CASCADE"), primary_key=True
    )
    role: Mapped[str] = mapped_column(String(32), primary_key=True)
    scope: Mapped[str] = mapped_column(String(200), primary_key=True, default="")


class ApiTokenRow(Base):
    __tablename__ = "api_tokens"

    token_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.person_id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    token_hash: Mapped[str] = mapped_column(String(HASH_LENGTH), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))  # shown in lists, so a person recognises a token
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class LoginSessionRow(Base):
    __tablename__ = "login_sessions"

    session_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.person_id", ondelete="CASCADE"))
    token_hash: Mapped[str] = mapped_column(String(HASH_LENGTH), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class AuditRow(Base):
    __tablename__ = "audit_log"

    audit_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now, index=True)
    actor_person_id: Mapped[int | None] = mapped_column(Integer)  # no foreign key: the trail outlives people
    actor_name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    organisation_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(64))
    entity: Mapped[str] = mapped_column(String(64))
    entity_id: Mapped[str] = mapped_column(String(200))
    before: Mapped[dict[str, object] | None] = mapped_column(JSON)
    after: Mapped[dict[str, object] | None] = mapped_column(JSON)
    request_id: Mapped[str | None] = mapped_column(String(64))
    ip: Mapped[str | None] = mapped_column(String(64))
