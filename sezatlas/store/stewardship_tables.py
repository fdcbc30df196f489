"""SQLAlchemy tables of zone stewardship: proposed changes and their review, versions, source documents,
operators' confirmations and visitors' error reports (issue 16; the rules are in `sezatlas/stewardship/`).

Versions hold the zone's whole flat record after each change, so any version (and the registry as of any
date) is read back without replaying a chain of diffs; the diff between two versions is computed.
"""

from datetime import datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sezatlas.store.accounts_tables import HASH_LENGTH, NAME_LENGTH
from sezatlas.store.models import Base, utc_now


class SourceDocumentRow(Base):
    """A document an operator uploaded as the source of a change, kept once per content (SHA-256)."""

    __tablename__ = "source_documents"

    document_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sha256: Mapped[str] = mapped_column(String(HASH_LENGTH), unique=True)
    file_name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    uploaded_by: Mapped[str] = mapped_column(String(NAME_LENGTH))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class ZoneChangeRow(Base):
    """A change to a zone's facts waiting for (or past) the secretariat's review."""

    __tablename__ = "zone_changes"
    __table_args__ = (Index("ix_zone_changes_state_zone", "state", "zone_id"),)

    change_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    zone_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(24))  # stewardship.changes.ChangeKind
    state: Mapped[str] = mapped_column(String(16))  # stewardship.changes.ChangeState
    facts: Mapped[dict[str, dict[str, object]]] = mapped_column(JSON)  # column -> {"old": …, "new": …}
    source_url: Mapped[str | None] = mapped_column(Text)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("source_documents.document_id"))
    as_of: Mapped[str | None] = mapped_column(String(10))
    comment: Mapped[str | None] = mapped_column(Text)
    proposed_by: Mapped[str] = mapped_column(String(NAME_LENGTH))
    proposed_by_person_id: Mapped[int | None] = mapped_column(Integer)
    proposed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    decided_by: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int | None] = mapped_column(Integer)  # the zone version an approval made


class ZoneVersionRow(Base):
    """One version of a zone: its whole flat record after a change, who made it, from which source."""

    __tablename__ = "zone_versions"
    __table_args__ = (Index("ix_zone_versions_at", "zone_id", "at"),)

    zone_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    number: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    layer: Mapped[str] = mapped_column(String(16))  # stewardship.versions.Layer
    actor: Mapped[str] = mapped_column(String(NAME_LENGTH))
    person_id: Mapped[int | None] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(Text)  # a URL, a file name, "document <sha256>"
    change_id: Mapped[int | None] = mapped_column(Integer)
    changed: Mapped[list[str]] = mapped_column(JSON)  # flat columns that differ from the version before
    record: Mapped[dict[str, object]] = mapped_column(JSON)  # the flat zone after this version


class ZoneConfirmationRow(Base):
    """When an operator last confirmed a zone's facts (by an approved change or by confirming them as
    they stand), and when it was last reminded to."""

    __tablename__ = "zone_confirmations"

    zone_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    confirmed_by: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    reminded_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class ErrorReportRow(Base):
    """A visitor's report of a wrong fact on a zone page; it goes to the operator and the secretariat."""

    __tablename__ = "zone_error_reports"

    report_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    zone_id: Mapped[str] = mapped_column(String(64), index=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    message: Mapped[str] = mapped_column(Text)
    reporter_email: Mapped[str | None] = mapped_column(String(320))
    state: Mapped[str] = mapped_column(String(16), default="open")  # open | closed
    closed_by: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
