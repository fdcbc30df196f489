"""The owner's side of a passport: write or revise its draft, submit it for review, withdraw it.

Who may offer a passport in a zone: the zone's operators, a person of a development institution (an
organisation of that kind in the members directory), and the secretariat. Who may change one: its owner
(the person, or anyone of the owning organisation), the zone's operators, and the secretariat.
"""

from collections.abc import Sequence
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.letters import Translate, untranslated
from sezatlas.accounts.mail import Letter, MailSettings
from sezatlas.accounts.organisations import OrganisationKind
from sezatlas.accounts.roles import Actor, Role, may_administer, may_keep_zone, require
from sezatlas.passports.indexing import unpublish_document
from sezatlas.standard.passport import OfferedBy, Passport
from sezatlas.stewardship.letters import notify, secretariat
from sezatlas.store.accounts_tables import OrganisationRow
from sezatlas.store.models import ZoneRow
from sezatlas.store.passport_tables import PassportRow

REVIEW_PATH = "/passports/review"


class DraftState(StrEnum):
    EDITING = "editing"
    SUBMITTED = "submitted"
    REJECTED = "rejected"  # with a reason; the owner revises and submits again


class PassportError(ValueError):
    """A passport that cannot be saved or moved as asked (HTTP 422); the message names the field."""


class PassportNotFoundError(LookupError):
    """No passport of that id (or none the reader may see)."""


def validation_message(error: ValidationError) -> str:
    """Pydantic's errors as one line, each with its field path: `capex_min_m: …; contacts.0.email: …`."""
    return "; ".join(
        f"{'.'.join(str(part) for part in item['loc']) or 'passport'}: {item['msg']}"
        for item in error.errors()
    )


def checked_passport(document: dict[str, Any]) -> Passport:
    try:
        return Passport.model_validate(document)
    except ValidationError as error:
        raise PassportError(validation_message(error)) from None


def _is_development_institution(session: Session, actor: Actor) -> bool:
    if actor.organisation_id is None:
        return False
    organisation = session.get(OrganisationRow, actor.organisation_id)
    return organisation is not None and organisation.kind == OrganisationKind.DEVELOPMENT_INSTITUTION.value


def may_offer(session: Session, actor: Actor, zone_id: str) -> bool:
    return may_keep_zone(actor, zone_id) or _is_development_institution(session, actor)


def require_offering(session: Session, actor: Actor, zone_id: str | None) -> None:
    """Refuse (401, 403) before someone fills in a passport they could not save: in `zone_id`, or, with no
    zone chosen yet, in any zone (a zone's operator, a development institution, the secretariat)."""
    if zone_id:
        allowed = may_offer(session, actor, zone_id.strip().upper())
    else:
        keeps_a_zone = any(grant.role is Role.ZONE_OPERATOR for grant in actor.grants)
        allowed = keeps_a_zone or may_administer(actor) or _is_development_institution(session, actor)
    require(actor, allowed, f"offer a passport in {zone_id or 'a zone'}")


def may_change(actor: Actor, row: PassportRow) -> bool:
    own = actor.person_id is not None and actor.person_id == row.owner_person_id
    ours = actor.organisation_id is not None and actor.organisation_id == row.owner_organisation_id
    return own or ours or may_keep_zone(actor, row.zone_id) or may_administer(actor)


def may_change_passport(session: Session, actor: Actor, passport_id: int) -> bool:
    """Whether a page offers this reader the keeper's links (edit, withdraw) of a passport."""
    row = session.get(PassportRow, passport_id)
    return row is not None and may_change(actor, row)


def passport_row(session: Session, passport_id: int) -> PassportRow:
    row = session.get(PassportRow, passport_id)
    if row is None:
        raise PassportNotFoundError(f"no passport {passport_id}")
    return row


def save_draft(
    session: Session,
    actor: Actor,
    passport: Passport,
    *,
    passport_id: int | None = None,
    context: RequestContext | None = None,
) -> int:
    """Write a new passport's draft (`passport_id` None) or revise one; returns its id. A submitted
    revision goes back to editing when changed, so the reviewer never approves what they did not read."""
    row = _written_draft(session, actor, passport, passport_id, context)
    session.commit()
    return row.passport_id


def import_drafts(
    session: Session, actor: Actor, passports: Sequence[Passport], *, context: RequestContext | None = None
) -> list[int]:
    """New drafts from a file, all or none (`sezatlas passports import`): the first one refused names its
    item (`item 3, zone_id: …`) and nothing of the file is written. Returns their ids, in order."""
    ids = []
    for number, passport in enumerate(passports, start=1):
        try:
            ids.append(_written_draft(session, actor, passport, None, context).passport_id)
        except PassportError as error:
            session.rollback()
            raise PassportError(f"item {number}, {error}") from None
    session.commit()
    return ids


def _written_draft(
    session: Session, actor: Actor, passport: Passport, passport_id: int | None,
    context: RequestContext | None,
) -> PassportRow:  # fmt: skip
    """The draft and its audit record in the session, uncommitted (`save_draft` commits one, `import_drafts`
    a file's at once)."""
    zone = session.get(ZoneRow, passport.zone_id)
    if zone is None:
        raise PassportError(f"zone_id: no zone {passport.zone_id} in the registry")
    if passport.offered_by is OfferedBy.DEVELOPMENT_INSTITUTION and not (
        _is_development_institution(session, actor) or may_administer(actor)
    ):
        raise PassportError("offered_by: only a development institution offers as one")
    document = passport.model_dump(mode="json")
    now = datetime.now(UTC)
    if passport_id is None:
        require(actor, may_offer(session, actor, zone.zone_id), f"offer a passport in {zone.zone_id}")
        row = PassportRow(zone_id=zone.zone_id, country_iso3=zone.country_iso3,
                          owner_person_id=actor.person_id, owner_organisation_id=actor.organisation_id,
                          draft=document, draft_state=DraftState.EDITING.value, created_at=now,
                          updated_at=now)  # fmt: skip
        session.add(row)
        session.flush()
        record(session, actor, "create passport", "passport", str(row.passport_id), after=document,
               context=context)  # fmt: skip
    else:
        row = passport_row(session, passport_id)
        require(actor, may_change(actor, row), f"change passport {passport_id}")
        if passport.zone_id != row.zone_id:
            require(actor, may_offer(session, actor, zone.zone_id), f"offer a passport in {zone.zone_id}")
        before = row.draft or row.published
        row.zone_id, row.country_iso3 = zone.zone_id, zone.country_iso3
        row.draft, row.draft_state, row.rejection_reason, row.updated_at = (
            document, DraftState.EDITING.value, None, now)  # fmt: skip
        record(session, actor, "revise passport", "passport", str(passport_id), before=before, after=document,
               context=context)  # fmt: skip
    return row


def submit_draft(
    session: Session,
    actor: Actor,
    passport_id: int,
    *,
    mail: MailSettings | None = None,
    translate: Translate = untranslated,
    context: RequestContext | None = None,
) -> None:
    """Send the draft to the secretariat's review queue (and tell the secretariat by letter)."""
    row = passport_row(session, passport_id)
    require(actor, may_change(actor, row), f"submit passport {passport_id}")
    if row.draft is None or row.draft_state == DraftState.SUBMITTED.value:
        raise PassportError(f"passport {passport_id}: no draft waiting to be submitted")
    checked_passport(row.draft)  # a draft written under an older standard version must still be valid
    row.draft_state, row.updated_at = DraftState.SUBMITTED.value, datetime.now(UTC)
    record(session, actor, "submit passport", "passport", str(passport_id), context=context)
    session.commit()
    if mail is not None:
        subject = translate("A passport waits for review: %(title)s") % {"title": row.draft.get("title", "")}
        body = translate("Hello,\n\na passport was submitted on SEZ Atlas. Review it here:\n\n%(link)s") % {
            "link": f"{mail.site_url}{REVIEW_PATH}"
        }
        notify(mail, [Letter(to, subject, body, "passport-submitted") for to in secretariat(session)])


def withdraw_passport(
    session: Session, actor: Actor, passport_id: int, *, context: RequestContext | None = None
) -> None:
    """Take a published passport off the catalogue (the owner, the zone or the secretariat); its last text
    stays as the draft, so it can be revised and submitted again."""
    row = passport_row(session, passport_id)
    require(actor, may_change(actor, row), f"withdraw passport {passport_id}")
    if row.published is None:
        raise PassportError(f"passport {passport_id}: not published")
    if row.draft is None:
        row.draft, row.draft_state = row.published, DraftState.EDITING.value
    unpublish_document(session, row)
    row.updated_at = datetime.now(UTC)
    record(session, actor, "withdraw passport", "passport", str(passport_id), context=context)
    session.commit()
