"""A person's data on request: all of it as one JSON document, or erased (GDPR Arts. 15, 17 and 20; the
same rights in Brazil's LGPD Art. 18 and India's DPDP Act 2023 ss. 11–12).

Erasure keeps what the association's public figures and its audit trail need, and nothing that names or
describes the person: the account stays as an inactive row with its number (so the trail's "person 12
did X" stays true) but loses its e-mail, name, password, grants, tokens and sessions; the inquiries the
person sent keep their clocks (the response dashboard counts them) but lose their message, project, files
and every step's text; a saved investor profile is deleted; the trail keeps that something changed, not
what (its before/after and addresses are cleared). What is kept and for how long is in docs/privacy.md.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, delete, or_, select, update
from sqlalchemy.orm import Session

from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.roles import Actor, may_administer, require
from sezatlas.store.accounts_tables import (
    ApiTokenRow,
    AuditRow,
    GrantRow,
    LoginSessionRow,
    OrganisationRow,
    PersonRow,
)
from sezatlas.store.inquiries_tables import (
    InquiryAttachmentRow,
    InquiryEventRow,
    InquiryRow,
    InquiryThreadRow,
)
from sezatlas.store.passport_tables import InvestorProfileRow
from sezatlas.store.stewardship_tables import ErrorReportRow

ERASED_NAME = "erased person"


class PersonNotFoundError(LookupError):
    """No account with that e-mail address."""


class ErasureNotConfirmedError(ValueError):
    """A person erasing their own account did not type their own address to confirm (HTTP 422)."""


@dataclass(frozen=True, slots=True)
class Erasure:
    """What an erasure cleared, counted (the report the secretariat hands back to the person)."""

    person_id: int
    inquiries: int
    attachments: int
    step_texts: int
    error_reports: int
    audit_entries: int


def _person(session: Session, actor: Actor, email: str, action: str) -> PersonRow:
    address = email.strip().lower()
    person = session.scalar(select(PersonRow).where(PersonRow.email == address))
    is_self = person is not None and actor.person_id == person.person_id
    require(actor, is_self or may_administer(actor), action)
    if person is None:
        raise PersonNotFoundError(f"no account with the address {address}")
    return person


def _changed(session: Session, statement: Any) -> int:
    """Run an UPDATE or DELETE; how many rows it changed."""
    result: CursorResult[Any] = session.execute(statement)  # type: ignore[assignment]
    return int(result.rowcount)


def _at(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def export_personal_data(session: Session, actor: Actor, email: str) -> dict[str, Any]:
    """The person themself, or the secretariat on their request: everything held about them."""
    person = _person(session, actor, email, "export personal data")
    pid, address = person.person_id, person.email
    organisation = session.get(OrganisationRow, person.organisation_id) if person.organisation_id else None
    grants = session.execute(select(GrantRow.role, GrantRow.scope).where(GrantRow.person_id == pid))
    tokens = session.scalars(select(ApiTokenRow).where(ApiTokenRow.person_id == pid))
    sessions = session.scalars(select(LoginSessionRow).where(LoginSessionRow.person_id == pid))
    trail = select(AuditRow).where(AuditRow.actor_person_id == pid)
    profile = session.get(InvestorProfileRow, pid)
    return {
        "account": {
            "person_id": pid, "email": person.email, "name": person.name,
            "organisation": organisation.name if organisation is not None else None,
            "is_active": person.is_active, "created_at": _at(person.created_at),
            "last_login_at": _at(person.last_login_at), "email_verified_at": _at(person.email_verified_at),
        },
        "grants": [{"role": role, "scope": scope} for role, scope in grants],
        "api_tokens": [{"name": t.name, "prefix": t.prefix, "created_at": _at(t.created_at),
                        "last_used_at": _at(t.last_used_at), "revoked_at": _at(t.revoked_at)}
                       for t in tokens],
        "login_sessions": [{"created_at": _at(s.created_at), "expires_at": _at(s.expires_at),
                            "revoked_at": _at(s.revoked_at)} for s in sessions],
        "investor_profile": profile.profile if profile is not None else None,
        "inquiries_sent": _inquiries(session, pid),
        "inquiry_steps_taken": [
            {"thread_id": e.thread_id, "step": e.step, "at": _at(e.at), "text": e.text}
            for e in session.scalars(select(InquiryEventRow).where(InquiryEventRow.person_id == pid))
        ],
        "error_reports": [
            {"zone_id": r.zone_id, "at": _at(r.at), "message": r.message, "state": r.state}
            for r in session.scalars(select(ErrorReportRow).where(ErrorReportRow.reporter_email == address))
        ],
        "audit_trail": [
            {"at": _at(a.at), "action": a.action, "entity": a.entity, "entity_id": a.entity_id, "ip": a.ip}
            for a in session.scalars(trail.order_by(AuditRow.at, AuditRow.audit_id))
        ],
    }  # fmt: skip


def _inquiries(session: Session, person_id: int) -> list[dict[str, Any]]:
    found = []
    for inquiry in session.scalars(select(InquiryRow).where(InquiryRow.investor_person_id == person_id)):
        threads = session.scalars(
            select(InquiryThreadRow).where(InquiryThreadRow.inquiry_id == inquiry.inquiry_id)
        )
        files = session.execute(select(InquiryAttachmentRow.file_name, InquiryAttachmentRow.sha256)
                                .where(InquiryAttachmentRow.inquiry_id == inquiry.inquiry_id))  # fmt: skip
        found.append({
            "inquiry_id": inquiry.inquiry_id, "sent_at": _at(inquiry.sent_at), "project": inquiry.project,
            "message": inquiry.message, "attachments": [{"file_name": n, "sha256": h} for n, h in files],
            "threads": [{"thread_id": t.thread_id, "zone_id": t.zone_id, "status": t.status,
                         "outcome": t.outcome} for t in threads],
        })  # fmt: skip
    return found


def erase_personal_data(
    session: Session, actor: Actor, email: str, *, context: RequestContext | None = None
) -> Erasure:
    """The person themself, or the secretariat on their request: erase them, in one transaction (see the
    module docstring for what stays). Their sessions end with it."""
    person = _person(session, actor, email, "erase personal data")
    pid, address = person.person_id, person.email
    inquiry_ids = select(InquiryRow.inquiry_id).where(InquiryRow.investor_person_id == pid)
    thread_ids = select(InquiryThreadRow.thread_id).where(InquiryThreadRow.inquiry_id.in_(inquiry_ids))
    attachments = _changed(
        session, delete(InquiryAttachmentRow).where(InquiryAttachmentRow.inquiry_id.in_(inquiry_ids))
    )
    texts = _changed(
        session,
        update(InquiryEventRow)
        .where(or_(InquiryEventRow.thread_id.in_(thread_ids), InquiryEventRow.person_id == pid))
        .values(text=None),
    )
    session.execute(update(InquiryEventRow).where(InquiryEventRow.person_id == pid).values(actor=ERASED_NAME))
    inquiries = _changed(
        session, update(InquiryRow).where(InquiryRow.investor_person_id == pid).values(message="", project={})
    )
    reports = _changed(
        session,
        update(ErrorReportRow).where(ErrorReportRow.reporter_email == address).values(reporter_email=None),
    )
    # The trail: entries by the person (their name and address go), entries about them (what was recorded
    # of them goes; who did it stays), and those naming the address (failed logins, reset requests).
    by_them = or_(AuditRow.actor_person_id == pid, AuditRow.actor_name == address)
    about_them = (AuditRow.entity == "person") & AuditRow.entity_id.in_([str(pid), address])
    audit = _changed(session, update(AuditRow).where(by_them).values(actor_name=ERASED_NAME, ip=None))
    audit += _changed(
        session, update(AuditRow).where(about_them).values(entity_id=str(pid), before=None, after=None)
    )
    for table in (GrantRow, ApiTokenRow, LoginSessionRow, InvestorProfileRow):
        session.execute(delete(table).where(table.person_id == pid))
    person.email, person.name = f"erased-{pid}@erased.invalid", ERASED_NAME
    person.password_hash, person.is_active, person.email_verified_at = None, False, None
    person.organisation_id, person.last_login_at = None, None
    erasure = Erasure(pid, inquiries, attachments, texts, reports, audit)
    # The erasure itself is on the trail, by number only (and without the address it came from when the
    # person erased themself).
    if actor.person_id == pid:
        actor, context = Actor(person_id=pid, name=ERASED_NAME), None
    record(session, actor, "erase personal data", "person", str(pid), context=context)
    session.commit()
    return erasure


def own_address(session: Session, actor: Actor) -> str:
    """The logged-in person's own e-mail address: what their own export and erasure are keyed by."""
    require(actor, actor.person_id is not None, "read your own personal data")
    person = session.get(PersonRow, actor.person_id)
    if person is None:
        raise PersonNotFoundError(f"no account number {actor.person_id}")
    return person.email


def export_own_data(session: Session, actor: Actor) -> dict[str, Any]:
    """The logged-in person: everything held about them (as `export_personal_data`)."""
    return export_personal_data(session, actor, own_address(session, actor))


def erase_own_account(
    session: Session, actor: Actor, confirm_email: str, *, context: RequestContext | None = None
) -> Erasure:
    """The logged-in person erases themself. Typing their own address is the confirmation: an erasure
    cannot be undone, so a click, a stray script or a borrowed session must not be enough."""
    address = own_address(session, actor)
    if confirm_email.strip().lower() != address:
        raise ErasureNotConfirmedError("confirm_email: type the e-mail address of this account to confirm")
    return erase_personal_data(session, actor, address, context=context)
