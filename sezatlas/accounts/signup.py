"""Investors sign themselves up; the account works once the address is verified by a mailed link.

The sign-up answer is the same whether or not the address has an account (whether it does is told
only to its mailbox), and a burst of sign-ups from one address is refused (`rate_limits.py`).
"""

from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.accounts.actions import _checked_password, _normal_email
from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.letters import (
    Translate,
    existing_account_letter,
    untranslated,
    verification_letter,
)
from sezatlas.accounts.links import link_token, person_of_link
from sezatlas.accounts.mail import RESET_REQUEST_PATH, VERIFY_PATH, Letter, MailSettings, require_mail, send
from sezatlas.accounts.rate_limits import AttemptLimit, refuse_a_burst
from sezatlas.accounts.roles import Actor, Role
from sezatlas.accounts.secrets import hash_password
from sezatlas.accounts.signing_key import signing_secret
from sezatlas.accounts.tokens import Purpose
from sezatlas.store.accounts_tables import GrantRow, PersonRow
from sezatlas.store.models import utc_now

SIGNED_UP = "sign up"
SIGNED_UP_AGAIN = "sign up again"
SIGNUP_LIMIT = AttemptLimit(
    (SIGNED_UP, SIGNED_UP_AGAIN), 5, timedelta(hours=1), "sign-ups", "sign up refused: too many attempts"
)


def sign_up_investor(
    session: Session,
    email: str,
    name: str,
    password: str,
    *,
    mail: MailSettings,
    translate: Translate = untranslated,
    context: RequestContext | None = None,
) -> None:
    """Anyone: an unverified investor account and a verification letter.

    Signing up again before verifying replaces the password (the newest sign-up is the one the new
    letter verifies); for a verified address the mailbox is told it has an account already.
    """
    require_mail(mail)
    address = _normal_email(email)
    _checked_password(password)
    refuse_a_burst(session, SIGNUP_LIMIT, address, context)
    password_hash = hash_password(password)  # after the limit: a refused burst costs no hashing
    secret = signing_secret(session)  # before any write: it may open a transaction of its own
    person = session.scalar(select(PersonRow).where(PersonRow.email == address))
    display_name = name.strip()[:200] or address
    visitor = Actor(name=address)  # until the mailbox answers, nobody knows who is signing up
    if person is None:
        person = PersonRow(email=address, name=display_name, password_hash=password_hash)
        session.add(person)
        session.flush()
        session.add(GrantRow(person_id=person.person_id, role=Role.INVESTOR.value, scope=""))
        after = {"email": address, "name": display_name, "grants": [Role.INVESTOR.value], "verified": False}
        record(session, visitor, SIGNED_UP, "person", str(person.person_id), after=after, context=context)
        letter = _verification(translate, mail, secret, person)
    elif person.email_verified_at is None and person.is_active:
        person.password_hash = password_hash  # the newest letter verifies the newest sign-up
        record(session, visitor, SIGNED_UP_AGAIN, "person", str(person.person_id), context=context)
        letter = _verification(translate, mail, secret, person)
    else:
        record(session, visitor, SIGNED_UP_AGAIN, "person", str(person.person_id), context=context)
        letter = existing_account_letter(translate, address, person.name, mail.site_url + RESET_REQUEST_PATH)
    session.commit()
    send(mail, letter)


def _as(person: PersonRow) -> Actor:
    return Actor(person_id=person.person_id, name=person.name)


def _verification(translate: Translate, mail: MailSettings, secret: str, person: PersonRow) -> Letter:
    link = mail.link(VERIFY_PATH, link_token(secret, Purpose.VERIFY_EMAIL, person))
    return verification_letter(translate, person.email, person.name, link)


def verify_email(session: Session, token: str, *, context: RequestContext | None = None) -> str:
    """Anyone holding the link: the address is verified and the account can log in. Returns the e-mail."""
    person = person_of_link(session, signing_secret(session), Purpose.VERIFY_EMAIL, token)
    person.email_verified_at = utc_now()
    before, after = {"verified": False}, {"verified": True}
    record(session, _as(person), "verify email", "person", str(person.person_id), before=before,
           after=after, context=context)  # fmt: skip
    session.commit()
    return person.email
