"""The job table: long work (a Congress schedule, a large import) queued by a request, run by a worker.

A job row is the queue entry, the progress a page polls, and the record of how it ended. Workers claim
the oldest queued job in a transaction, write a heartbeat while they run, and a job whose heartbeat has
stopped (its worker was killed) is queued again — so a crash never loses a job.
"""

from datetime import datetime

from sqlalchemy import JSON, DateTime, Float, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sezatlas.store.models import Base, utc_now


class JobRow(Base):
    __tablename__ = "jobs"

    job_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(32))  # what to run, e.g. "congress.schedule"
    subject: Mapped[str] = mapped_column(String(200))  # what it is about, e.g. the event id
    state: Mapped[str] = mapped_column(String(16))  # queued, running, done, failed
    progress: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")  # 0..1
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # claims so far
    message: Mapped[str | None] = mapped_column(Text)  # the last progress line, or why it failed
    params: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    result: Mapped[dict[str, object] | None] = mapped_column(JSON)
    requested_by: Mapped[int | None] = mapped_column(Integer)  # person id; no foreign key, like the audit
    requested_by_name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utc_now)
    started_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    heartbeat_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    worker: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (
        Index("ix_jobs_state_created", "state", "created_at"),
        Index("ix_jobs_kind_subject", "kind", "subject"),
    )
