"""The secretariat's side of passports: the queue of submitted drafts, publish one, or send it back with
a reason. The owner is told either way by letter."""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.letters import Translate, untranslated
from sezatlas.accounts.mail import Letter, MailSettings
from sezatlas.accounts.roles import Actor, may_administer, require
from sezatlas.passports.authoring import DraftState, PassportError, checked_passport, passport_row
from sezatlas.passports.indexing import publish_document
from sezatlas.standard.passport import Passport
from sezatlas.stewardship.letters import notify, person_address
from sezatlas.stewardship.versions import aware
from sezatlas.store.passport_tables import PassportRow

PASSPORT_PATH = "/passports"
REASON_LENGTH = (5, 2000)


@dataclass(frozen=True, slots=True)
class Submitted:
    """A draft in the queue, with the published text it would replace (None for a first publication)."""

    passport_id: int
    submitted_at: datetime
    draft: Passport
    published: Passport | None


def review_queue(session: Session, actor: Actor) -> list[Submitted]:
    """The secretariat: drafts submitted for review, oldest first."""
    require(actor, may_administer(actor), "review passports")
    rows = session.scalars(
        select(PassportRow)
        .where(PassportRow.draft_state == DraftState.SUBMITTED.value)
        .order_by(PassportRow.updated_at, PassportRow.passport_id)
    )
    return [
        Submitted(row.passport_id, aware(row.updated_at), checked_passport(row.draft or {}),
                  Passport.model_validate(row.published) if row.published is not None else None)
        for row in rows
    ]  # fmt: skip


def _submitted(session: Session, actor: Actor, passport_id: int, action: str) -> PassportRow:
    require(actor, may_administer(actor), f"{action} passport {passport_id}")
    row = passport_row(session, passport_id)
    if row.draft_state != DraftState.SUBMITTED.value or row.draft is None:
        raise PassportError(f"passport {passport_id}: nothing submitted to {action}")
    return row


def _tell_owner(session: Session, row: PassportRow, subject: str, body: str, kind: str,
                mail: MailSettings | None) -> None:  # fmt: skip
    owner = person_address(session, row.owner_person_id)
    if mail is not None and owner is not None:
        notify(mail, [Letter(owner, subject, body, kind)])


def publish_passport(
    session: Session,
    actor: Actor,
    passport_id: int,
    *,
    mail: MailSettings | None = None,
    translate: Translate = untranslated,
    context: RequestContext | None = None,
) -> None:
    """The secretariat: the submitted draft becomes the published passport, in the catalogue at once."""
    row = _submitted(session, actor, passport_id, "publish")
    passport = checked_passport(row.draft or {})
    before = row.published
    publish_document(session, row, passport)
    row.draft = row.draft_state = row.rejection_reason = None
    record(session, actor, "publish passport", "passport", str(passport_id), before=before,
           after=row.published, context=context)  # fmt: skip
    session.commit()
    link = f"{mail.site_url}{PASSPORT_PATH}/{passport_id}" if mail is not None else ""
    subject = translate("Your passport is published: %(title)s") % {"title": passport.title}
    body = translate("Hello,\n\nyour passport is in the SEZ Atlas catalogue now:\n\n%(link)s") % {
        "link": link
    }
    _tell_owner(session, row, subject, body, "passport-published", mail)


def reject_passport(
    session: Session,
    actor: Actor,
    passport_id: int,
    reason: str,
    *,
    mail: MailSettings | None = None,
    translate: Translate = untranslated,
    context: RequestContext | None = None,
) -> None:
    """The secretariat: send the draft back with a reason; a published text, if any, stays up."""
    row = _submitted(session, actor, passport_id, "reject")
    said = " ".join(reason.split())
    low, high = REASON_LENGTH
    if not low <= len(said) <= high:
        raise PassportError(f"reason: {low} to {high} characters, not {len(said)}")
    row.draft_state, row.rejection_reason = DraftState.REJECTED.value, said
    record(session, actor, "reject passport", "passport", str(passport_id), after={"reason": said},
           context=context)  # fmt: skip
    session.commit()
    link = f"{mail.site_url}{PASSPORT_PATH}/{passport_id}/edit" if mail is not None else ""
    subject = translate("Your passport needs changes")
    body = translate(
        "Hello,\n\nthe secretariat sent your passport back:\n\n%(reason)s\n\nRevise it here:\n\n%(link)s"
    ) % {
        "reason": said,
        "link": link,
    }
    _tell_owner(session, row, subject, body, "passport-rejected", mail)
