"""SQLAlchemy tables of inquiries: an investor's inquiry, one thread per zone it went to (with its response
clock as of the last step), the steps, and the response targets the secretariat sets (issue 17; the rules
are in `sezatlas/inquiries/`).

A thread keeps its clock state (`inquiries.clock.ClockState`) in columns, so the public dashboard reads
each thread's time from one row without replaying its steps, and without reading its content.
"""

from datetime import datetime

from sqlalchemy import JSON, Boolean, DateTime, Float, ForeignKey, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column
from sqlalchemy.sql.expression import true

from sezatlas.store.accounts_tables import HASH_LENGTH, NAME_LENGTH
from sezatlas.store.models import Base, utc_now


class InquiryRow(Base):
    __tablename__ = "inquiries"

    inquiry_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # No foreign key: a person's account may be deleted on request; the inquiry's figures stay counted.
    investor_person_id: Mapped[int | None] = mapped_column(Integer, index=True)
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    project: Mapped[dict[str, object]] = mapped_column(JSON)  # inquiries.sending.ProjectSummary
    message: Mapped[str] = mapped_column(Text)
    # The investor's choice: whether the zones see their name and organisation, or only "an investor".
    shows_identity: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())


class InquiryThreadRow(Base):
    """The inquiry as one zone received it: its status and response clock."""

    __tablename__ = "inquiry_threads"
    # One per dashboard group: the group's threads in clock order, with every column the dashboard counts
    # (`inquiries.dashboard` reads them from the index alone, and seeks a quantile by its rank).
    __table_args__ = tuple(
        Index(f"ix_inquiry_threads_{key}_clock", key, "running_s", "first_answer_at", "target_s", "due_at")
        for key in ("zone_id", "country_iso3", "organisation_id")
    )

    thread_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    inquiry_id: Mapped[int] = mapped_column(
        ForeignKey("inquiries.inquiry_id", ondelete="CASCADE"), index=True
    )
    zone_id: Mapped[str] = mapped_column(String(64))
    country_iso3: Mapped[str] = mapped_column(String(3))
    organisation_id: Mapped[int | None] = mapped_column(Integer)  # the operator when sent
    status: Mapped[str] = mapped_column(String(32))  # inquiries.clock.Status
    outcome: Mapped[str | None] = mapped_column(String(24))  # inquiries.clock.Outcome, when closed
    target_s: Mapped[float] = mapped_column(Float)  # to the first answer, as set when it was sent
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    mark_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))  # the clock's last step
    running_s: Mapped[float] = mapped_column(Float, default=0.0)  # up to mark_at
    paused_s: Mapped[float] = mapped_column(Float, default=0.0)  # up to mark_at
    first_answer_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    is_stopped: Mapped[bool] = mapped_column(Boolean, default=False)
    # When a running clock passes its target (null while paused or stopped): "missed" is one comparison
    # with the moment asked about, in SQL, on both back-ends (`inquiries.dashboard`).
    due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    escalated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class InquiryEventRow(Base):
    """One step of a thread, time-stamped, with what was said (seen only by the two sides)."""

    __tablename__ = "inquiry_events"

    event_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    thread_id: Mapped[int] = mapped_column(
        ForeignKey("inquiry_threads.thread_id", ondelete="CASCADE"), index=True
    )
    step: Mapped[str] = mapped_column(String(32))  # inquiries.clock.Step
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    actor: Mapped[str] = mapped_column(String(NAME_LENGTH))
    person_id: Mapped[int | None] = mapped_column(Integer)
    text: Mapped[str | None] = mapped_column(Text)


class ResponseTargetRow(Base):
    """The days to a first answer the secretariat expects of a zone or a country (else the default)."""

    __tablename__ = "response_targets"

    scope: Mapped[str] = mapped_column(String(80), primary_key=True)  # "zone:RUS-001" or "country:RUS"
    days: Mapped[float] = mapped_column(Float)
    set_by: Mapped[str] = mapped_column(String(NAME_LENGTH))
    set_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)


class InquiryAttachmentRow(Base):
    """A file the investor sent with an inquiry: private to the two sides (unlike a source document, which
    is public evidence), so kept per inquiry rather than shared by content."""

    __tablename__ = "inquiry_attachments"

    attachment_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    inquiry_id: Mapped[int] = mapped_column(
        ForeignKey("inquiries.inquiry_id", ondelete="CASCADE"), index=True
    )
    sha256: Mapped[str] = mapped_column(String(HASH_LENGTH))
    file_name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    media_type: Mapped[str] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(Integer)
    content: Mapped[bytes] = mapped_column(LargeBinary)
