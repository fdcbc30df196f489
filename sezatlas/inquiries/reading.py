"""What each side reads of inquiries: an inbox, one thread with its steps, an attachment.

An inquiry is private to its two sides: the investor who sent it, and the zone's side (the zone's
operators, or the secretariat, which answers for zones without an operator account and sees what was
escalated). Anyone else — logged in or not — is told there is no such inquiry, so a thread's existence is
not given away by a "forbidden". The zone's side does not learn which other zones the inquiry went to.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor, Role, kept_zones, may_administer, may_keep_zone, require
from sezatlas.inquiries.clock import Outcome, Status, Step, allowed_steps, reading_at
from sezatlas.inquiries.sending import ProjectSummary
from sezatlas.inquiries.steps import (
    ThreadNotFoundError,
    is_investor_of,
    may_take,
    state_of,
    thread_and_inquiry,
)
from sezatlas.stewardship.versions import aware
from sezatlas.store.accounts_tables import GrantRow, OrganisationRow, PersonRow
from sezatlas.store.inquiries_tables import (
    InquiryAttachmentRow,
    InquiryEventRow,
    InquiryRow,
    InquiryThreadRow,
)
from sezatlas.store.models import ZoneRow

INBOX_LIMIT = 500


@dataclass(frozen=True, slots=True)
class ThreadSummary:
    """One line of an inbox: where the thread stands and how its clock reads now."""

    thread_id: int
    inquiry_id: int
    zone_id: str
    zone_name: str
    country_iso3: str
    status: Status
    outcome: Outcome | None
    sent_at: datetime
    days: float  # the zone's time so far, pauses excluded
    target_days: float
    is_overdue: bool
    is_escalated: bool
    side: str  # "investor", "zone" or "secretariat": whose inbox it is in


@dataclass(frozen=True, slots=True)
class StepRecord:
    step: Step
    at: datetime
    by: str | None  # the name of who took it; None for the investor when they do not show it to this reader
    is_investor: bool
    text: str | None


@dataclass(frozen=True, slots=True)
class AttachmentInfo:
    attachment_id: int
    file_name: str
    media_type: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class ThreadView:
    summary: ThreadSummary
    investor_name: str | None  # None when the investor chose not to show it, or their account was erased
    investor_organisation: str | None
    shows_identity: bool  # what the investor chose when sending: the zone's side sees their name or not
    project: ProjectSummary
    message: str
    steps: list[StepRecord]
    attachments: list[AttachmentInfo]
    may_take: list[Step]  # what the reader may do now, in the pipeline's order
    other_threads: list[ThreadSummary]  # the same inquiry to other zones: the investor's side only


def _summary(thread: InquiryThreadRow, zone_name: str, side: str, now: datetime) -> ThreadSummary:
    reading = reading_at(state_of(thread), now)
    target = timedelta(seconds=thread.target_s)
    return ThreadSummary(
        thread.thread_id, thread.inquiry_id, thread.zone_id, zone_name, thread.country_iso3,
        Status(thread.status), Outcome(thread.outcome) if thread.outcome else None, aware(thread.sent_at),
        reading.days, target / timedelta(days=1), reading.is_overdue(target), thread.escalated_at is not None,
        side,
    )  # fmt: skip


def inbox(
    session: Session, actor: Actor, *, status: Status | None = None, now: datetime | None = None
) -> list[ThreadSummary]:
    """A logged-in person's inquiries, newest first: those they sent, those to the zones they operate,
    and for the secretariat those to zones without an operator account and those escalated."""
    require(actor, actor.is_authenticated, "read inquiries")
    at = now or datetime.now(UTC)
    t = InquiryThreadRow
    kept = kept_zones(actor)
    sides: list[tuple[str, Any]] = []
    if actor.person_id is not None:
        sides.append(("investor", InquiryRow.investor_person_id == actor.person_id))
    if kept:
        sides.append(("zone", t.zone_id.in_(kept)))
    if may_administer(actor):
        operated = select(GrantRow.scope).where(GrantRow.role == Role.ZONE_OPERATOR.value)
        sides.append(("secretariat", or_(t.zone_id.not_in(operated), t.escalated_at.is_not(None))))
    if not sides:
        return []
    query = (
        select(t, InquiryRow.investor_person_id, ZoneRow.name_en)
        .join(InquiryRow, InquiryRow.inquiry_id == t.inquiry_id)
        .join(ZoneRow, ZoneRow.zone_id == t.zone_id, isouter=True)
        .where(or_(*(condition for _, condition in sides)))
        .order_by(t.sent_at.desc(), t.thread_id)
        .limit(INBOX_LIMIT)
    )
    if status is not None:
        query = query.where(t.status == status.value)
    found = []
    for thread, investor_id, zone_name in session.execute(query):
        if actor.person_id is not None and investor_id == actor.person_id:
            side = "investor"
        else:
            side = "zone" if thread.zone_id in kept else "secretariat"
        found.append(_summary(thread, zone_name or thread.zone_id, side, at))
    return found


def _readable(
    session: Session, actor: Actor, thread_id: int
) -> tuple[InquiryThreadRow, InquiryRow, bool, bool]:
    """The thread, its inquiry, and whether the reader is the zone's side and the investor; a reader who is
    neither is told the thread does not exist."""
    require(actor, actor.is_authenticated, "read an inquiry")
    thread, inquiry = thread_and_inquiry(session, thread_id)
    is_zone, is_investor = may_keep_zone(actor, thread.zone_id), is_investor_of(actor, inquiry)
    if not (is_zone or is_investor):
        raise ThreadNotFoundError(f"no inquiry {thread_id}")
    return thread, inquiry, is_zone, is_investor


def _zone_names(session: Session, zone_ids: list[str]) -> dict[str, str]:
    rows = session.execute(select(ZoneRow.zone_id, ZoneRow.name_en).where(ZoneRow.zone_id.in_(zone_ids)))
    return {str(zone_id): str(name) for zone_id, name in rows}


def _attachments(session: Session, inquiry_id: int) -> list[AttachmentInfo]:
    a = InquiryAttachmentRow
    rows = session.execute(
        select(a.attachment_id, a.file_name, a.media_type, a.size, a.sha256)
        .where(a.inquiry_id == inquiry_id)
        .order_by(a.attachment_id)
    )
    return [AttachmentInfo(*row) for row in rows]


def _step(event: InquiryEventRow, investor_id: int | None, is_name_shown: bool) -> StepRecord:
    """A step as the reader sees it: the investor's own steps carry their name only where it is shown."""
    by_investor = event.person_id is not None and event.person_id == investor_id
    by = event.actor if is_name_shown or not by_investor else None
    return StepRecord(Step(event.step), aware(event.at), by, by_investor, event.text)


def read_thread(session: Session, actor: Actor, thread_id: int, *, now: datetime | None = None) -> ThreadView:
    """One thread as its reader sees it: the inquiry, the steps so far, the files, what they may do next."""
    thread, inquiry, is_zone, is_investor = _readable(session, actor, thread_id)
    at = now or datetime.now(UTC)
    side = "investor" if is_investor else ("zone" if thread.zone_id in kept_zones(actor) else "secretariat")
    e = InquiryEventRow
    events = session.scalars(select(e).where(e.thread_id == thread_id).order_by(e.at, e.event_id)).all()
    shown = is_investor or inquiry.shows_identity
    steps = [_step(event, inquiry.investor_person_id, shown) for event in events]
    siblings: list[InquiryThreadRow] = []
    if is_investor:
        t = InquiryThreadRow
        same_inquiry = select(t).where(t.inquiry_id == inquiry.inquiry_id, t.thread_id != thread_id)
        siblings = list(session.scalars(same_inquiry.order_by(t.thread_id)))
    names = _zone_names(session, [thread.zone_id, *(other.zone_id for other in siblings)])
    investor = (
        session.get(PersonRow, inquiry.investor_person_id) if shown and inquiry.investor_person_id else None
    )
    organisation = (
        session.get(OrganisationRow, investor.organisation_id)
        if investor and investor.organisation_id
        else None
    )
    status = Status(thread.status)
    return ThreadView(
        summary=_summary(thread, names.get(thread.zone_id, thread.zone_id), side, at),
        investor_name=investor.name if investor is not None and investor.is_active else None,
        investor_organisation=organisation.name if organisation is not None else None,
        shows_identity=inquiry.shows_identity,
        project=ProjectSummary.model_validate(inquiry.project),
        message=inquiry.message,
        steps=steps,
        attachments=_attachments(session, inquiry.inquiry_id),
        may_take=[step for step in allowed_steps(status) if may_take(step, is_zone, is_investor)],
        other_threads=[
            _summary(other, names.get(other.zone_id, other.zone_id), "investor", at) for other in siblings
        ],
    )


def read_attachment(
    session: Session, actor: Actor, thread_id: int, attachment_id: int
) -> tuple[AttachmentInfo, bytes]:
    """A file sent with the thread's inquiry, for its two sides only."""
    _, inquiry, _, _ = _readable(session, actor, thread_id)
    row = session.get(InquiryAttachmentRow, attachment_id)
    if row is None or row.inquiry_id != inquiry.inquiry_id:
        raise ThreadNotFoundError(f"no attachment {attachment_id} in inquiry {thread_id}")
    info = AttachmentInfo(row.attachment_id, row.file_name, row.media_type, row.size, row.sha256)
    return info, row.content
