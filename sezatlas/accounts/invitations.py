"""The secretariat invites a person (an organisation's contact); they choose their password by a link.

When this server sends no mail, the link is given back to the secretariat to pass on (the command line
prints it) instead of being mailed.
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.accounts.actions import AccountError, _checked_password, _normal_email
from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.letters import Translate, invitation_letter, untranslated
from sezatlas.accounts.links import link_token, person_of_link
from sezatlas.accounts.mail import INVITATION_PATH, MailSettings, send
from sezatlas.accounts.roles import Actor, Grant, may_administer, require
from sezatlas.accounts.secrets import hash_password
from sezatlas.accounts.signing_key import signing_secret
from sezatlas.accounts.tokens import Purpose
from sezatlas.store.accounts_tables import GrantRow, PersonRow
from sezatlas.store.models import utc_now


@dataclass(frozen=True)
class Invitation:
    email: str
    is_mailed: bool
    link: str | None  # only when not mailed: the secretariat passes it on


def invite_person(
    session: Session,
    actor: Actor,
    email: str,
    name: str,
    grants: tuple[Grant, ...] = (),
    *,
    mail: MailSettings,
    translate: Translate = untranslated,
    context: RequestContext | None = None,
) -> Invitation:
    """Secretariat only: an account with its roles and no password yet, and the link to choose one.

    Inviting again someone who has not accepted yet sends the link again (their roles unchanged).
    """
    require(actor, may_administer(actor), "invite someone")
    address = _normal_email(email)
    secret = signing_secret(session)  # before any write: it may open a transaction of its own
    person = session.scalar(select(PersonRow).where(PersonRow.email == address))
    if person is not None and person.password_hash is not None:
        raise AccountError(f"email: {address} has an account already")
    if person is None:
        person = PersonRow(email=address, name=name.strip()[:200] or address, password_hash=None)
        session.add(person)
        session.flush()
        for grant in grants:
            session.add(GrantRow(person_id=person.person_id, role=grant.role.value, scope=grant.scope))
        after = {"email": address, "name": person.name, "grants": [str(g) for g in grants]}
        record(session, actor, "invite", "person", str(person.person_id), after=after, context=context)
    else:
        record(session, actor, "invite again", "person", str(person.person_id), context=context)
    link = mail.link(INVITATION_PATH, link_token(secret, Purpose.ACCEPT_INVITATION, person))
    session.commit()
    if not mail.is_configured:
        return Invitation(address, is_mailed=False, link=link)
    send(mail, invitation_letter(translate, address, person.name, link))
    return Invitation(address, is_mailed=True, link=None)


def accept_invitation(
    session: Session, token: str, password: str, *, context: RequestContext | None = None
) -> str:
    """Anyone holding the link: sets the password and counts the address as verified. Returns the e-mail."""
    _checked_password(password)
    person = person_of_link(session, signing_secret(session), Purpose.ACCEPT_INVITATION, token)
    person.password_hash = hash_password(password)
    person.email_verified_at = utc_now()
    actor = Actor(person_id=person.person_id, name=person.name, organisation_id=person.organisation_id)
    after = {"password": "set", "verified": True}
    record(session, actor, "accept invitation", "person", str(person.person_id), before={"password": None},
           after=after, context=context)  # fmt: skip
    session.commit()
    return person.email
