"""The steps of a thread after it is sent: the zone acknowledges, asks, answers; the investor clarifies;
either closes. Each step is checked against the pipeline (`clock.advance`), time-stamped, audited without
its text, and moves the thread's stored clock; the other side is told by letter.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.letters import Translate, untranslated
from sezatlas.accounts.mail import Letter, MailSettings
from sezatlas.accounts.roles import Actor, may_administer, may_keep_zone, require
from sezatlas.inquiries.clock import ClockState, Outcome, Reading, Status, Step, advance, due_at, reading_at
from sezatlas.inquiries.sending import INBOX_PATH, InquiryError
from sezatlas.stewardship.letters import notify, person_address, secretariat, zone_keepers
from sezatlas.stewardship.versions import aware
from sezatlas.store.inquiries_tables import InquiryEventRow, InquiryRow, InquiryThreadRow

TEXT_LENGTH = 5000
ZONE_STEPS = frozenset({Step.ACKNOWLEDGE, Step.REQUEST_CLARIFICATION, Step.ANSWER})
NEEDS_TEXT = frozenset({Step.REQUEST_CLARIFICATION, Step.CLARIFY, Step.ANSWER})


class ThreadNotFoundError(LookupError):
    """No inquiry thread of that id."""


def stored_clock(
    status: str,
    running_s: float,
    paused_s: float,
    mark_at: datetime,
    answered_at: datetime | None,
    stopped: bool,
) -> ClockState:
    """A thread's clock from its columns (SQLite hands back naive UTC times)."""
    running, paused = timedelta(seconds=running_s), timedelta(seconds=paused_s)
    answered = aware(answered_at) if answered_at is not None else None
    return ClockState(Status(status), running, paused, aware(mark_at), answered, stopped)


def state_of(thread: InquiryThreadRow) -> ClockState:
    t = thread
    return stored_clock(t.status, t.running_s, t.paused_s, t.mark_at, t.first_answer_at, t.is_stopped)


def _store(thread: InquiryThreadRow, state: ClockState) -> None:
    thread.status = state.status.value
    thread.running_s, thread.paused_s = state.running.total_seconds(), state.paused.total_seconds()
    thread.mark_at, thread.first_answer_at = state.mark, state.first_answer_at
    thread.is_stopped, thread.due_at = state.is_stopped, due_at(state, timedelta(seconds=thread.target_s))


def thread_and_inquiry(session: Session, thread_id: int) -> tuple[InquiryThreadRow, InquiryRow]:
    thread = session.get(InquiryThreadRow, thread_id)
    if thread is None:
        raise ThreadNotFoundError(f"no inquiry {thread_id}")
    inquiry = session.get(InquiryRow, thread.inquiry_id)
    assert inquiry is not None  # a thread belongs to its inquiry (foreign key, cascade)
    return thread, inquiry


def is_investor_of(actor: Actor, inquiry: InquiryRow) -> bool:
    return actor.person_id is not None and actor.person_id == inquiry.investor_person_id


def may_take(step: Step, is_zone: bool, is_investor: bool) -> bool:
    """Who takes which step: the zone's side acknowledges, asks and answers; the investor clarifies;
    either closes (the investor only by withdrawing: `take_step`)."""
    return (
        (step in ZONE_STEPS and is_zone)
        or (step is Step.CLARIFY and is_investor)
        or (step is Step.CLOSE and (is_zone or is_investor))
    )


def take_step(
    session: Session,
    actor: Actor,
    thread_id: int,
    step: Step,
    *,
    text: str | None = None,
    outcome: Outcome | None = None,
    mail: MailSettings | None = None,
    translate: Translate = untranslated,
    context: RequestContext | None = None,
    now: datetime | None = None,
) -> Status:
    """The zone's operator (or the secretariat) acknowledges, asks for a clarification or answers; the
    investor clarifies or withdraws; either closes with an outcome. Returns the thread's new status."""
    require(actor, actor.is_authenticated, f"{step.value.replace('_', ' ')} inquiry {thread_id}")
    thread, inquiry = thread_and_inquiry(session, thread_id)
    is_zone, is_investor = may_keep_zone(actor, thread.zone_id), is_investor_of(actor, inquiry)
    if not (is_zone or is_investor):  # as for reading: an outsider is not told the inquiry exists
        raise ThreadNotFoundError(f"no inquiry {thread_id}")
    require(
        actor, may_take(step, is_zone, is_investor), f"{step.value.replace('_', ' ')} inquiry {thread_id}"
    )
    said = " ".join((text or "").split()) if step is not Step.ANSWER else (text or "").strip()
    if step in NEEDS_TEXT and not said:
        raise InquiryError(f"text: {step.value.replace('_', ' ')} needs a text for the other side")
    if len(said) > TEXT_LENGTH:
        raise InquiryError(f"text: at most {TEXT_LENGTH} characters, not {len(said)}")
    if step is Step.CLOSE:
        if outcome is None:
            raise InquiryError("outcome: closing says how it ended")
        if is_investor and not is_zone and outcome is not Outcome.WITHDRAWN:
            raise InquiryError("outcome: an investor closes an inquiry by withdrawing it")
        thread.outcome = outcome.value
    at = now or datetime.now(UTC)
    state = advance(state_of(thread), step, at)  # StepNotAllowedError: not from this status
    _store(thread, state)
    session.add(InquiryEventRow(thread_id=thread_id, step=step.value, at=at, actor=actor.name,
                                person_id=actor.person_id, text=said or None))  # fmt: skip
    record(session, actor, f"inquiry {step.value}", "inquiry_thread", str(thread_id),
           after={"status": state.status.value, "outcome": thread.outcome}, context=context)  # fmt: skip
    letters = _letters(session, thread, inquiry, step, is_investor and not is_zone, translate, mail)
    session.commit()
    notify(mail, letters)
    return state.status


def _letters(session: Session, thread: InquiryThreadRow, inquiry: InquiryRow, step: Step, by_investor: bool,
             translate: Translate, mail: MailSettings | None) -> list[Letter]:  # fmt: skip
    """Whom a step tells: the zone's steps the investor, the investor's the zone's operators (else the
    secretariat)."""
    if mail is None:
        return []
    if by_investor:
        to = zone_keepers(session, thread.zone_id) or secretariat(session)
    else:
        investor = person_address(session, inquiry.investor_person_id)
        to = [investor] if investor is not None else []
    link = f"{mail.site_url}{INBOX_PATH}/{thread.thread_id}"
    subject = translate("Your inquiry to %(zone)s has news") % {"zone": thread.zone_id}
    body = translate(
        "Hello,\n\nthe inquiry to %(zone)s on SEZ Atlas has a new step. Read it here:\n\n%(link)s"
    ) % {
        "zone": thread.zone_id,
        "link": link,
    }
    return [Letter(address, subject, body, f"inquiry-{step.value}") for address in to]


@dataclass(frozen=True, slots=True)
class Overdue:
    thread_id: int
    zone_id: str
    reading: Reading


def escalate_overdue(
    session: Session,
    actor: Actor,
    *,
    mail: MailSettings | None = None,
    translate: Translate = untranslated,
    now: datetime | None = None,
) -> list[Overdue]:
    """The secretariat (or a scheduled run as it): threads past their target without an answer, each
    escalated once, in one letter to the secretariat. Returns those escalated now."""
    require(actor, may_administer(actor), "escalate overdue inquiries")
    at = now or datetime.now(UTC)
    open_threads = session.scalars(
        select(InquiryThreadRow).where(
            InquiryThreadRow.is_stopped.is_(False), InquiryThreadRow.escalated_at.is_(None)
        )
    )
    found = []
    for thread in open_threads:
        reading = reading_at(state_of(thread), at)
        if reading.is_overdue(timedelta(seconds=thread.target_s)):
            thread.escalated_at = at
            found.append(Overdue(thread.thread_id, thread.zone_id, reading))
    if found:
        record(session, actor, "escalate overdue inquiries", "inquiry_thread", "*",
               after={"threads": [item.thread_id for item in found]})  # fmt: skip
    session.commit()
    if found and mail is not None:
        lines = "\n".join(f"{item.zone_id}: {mail.site_url}{INBOX_PATH}/{item.thread_id}" for item in found)
        subject = translate("Inquiries past their response target")
        body = translate("Hello,\n\nthese inquiries have had no answer within their target:\n\n%(lines)s") % {
            "lines": lines
        }
        notify(mail, [Letter(to, subject, body, "inquiry-escalation") for to in secretariat(session)])
    return found
