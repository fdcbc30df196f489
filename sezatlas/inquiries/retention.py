"""How long an inquiry's content is kept: until two years after every zone it went to has answered or
closed it (docs/privacy.md), then its message, project, files and step texts are cleared. Its clocks stay,
so the public response figures do not change when content goes.

Two years because the content is the two sides' correspondence about a project that, by then, has been
sited or dropped; the secretariat may purge sooner (`older_than`), never later than the published period
without changing the docs.
"""

from datetime import UTC, datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from sezatlas.accounts.audit import record
from sezatlas.accounts.roles import Actor, may_administer, require
from sezatlas.store.inquiries_tables import (
    InquiryAttachmentRow,
    InquiryEventRow,
    InquiryRow,
    InquiryThreadRow,
)

RETENTION = timedelta(days=730)


def purge_settled_inquiries(
    session: Session, actor: Actor, *, older_than: timedelta = RETENTION, now: datetime | None = None
) -> int:
    """The secretariat (or a scheduled run as it): clear the content of inquiries settled for longer than
    `older_than` (every thread answered or closed, the last step before the cut-off). Returns how many."""
    require(actor, may_administer(actor), "purge old inquiries")
    if older_than < timedelta(days=1):
        raise ValueError("older_than: at least one day")
    cutoff = (now or datetime.now(UTC)) - older_than
    t = InquiryThreadRow
    unsettled = select(t.inquiry_id).where(t.is_stopped.is_(False))
    settled = (
        select(t.inquiry_id)
        .where(t.inquiry_id.not_in(unsettled))
        .group_by(t.inquiry_id)
        .having(func.max(t.mark_at) < cutoff)
    )
    still_held = InquiryRow.message != ""
    ids = list(
        session.scalars(select(InquiryRow.inquiry_id).where(InquiryRow.inquiry_id.in_(settled), still_held))
    )
    if not ids:
        return 0
    threads = select(t.thread_id).where(t.inquiry_id.in_(ids))
    session.execute(delete(InquiryAttachmentRow).where(InquiryAttachmentRow.inquiry_id.in_(ids)))
    session.execute(update(InquiryEventRow).where(InquiryEventRow.thread_id.in_(threads)).values(text=None))
    session.execute(update(InquiryRow).where(InquiryRow.inquiry_id.in_(ids)).values(message="", project={}))
    record(session, actor, "purge old inquiries", "inquiry", "*",
           after={"inquiries": len(ids), "older_than_days": older_than.days})  # fmt: skip
    session.commit()
    return len(ids)
