"""A forgotten password: a mailed link lets the mailbox's owner choose a new one.

The request answers the same whether or not the address has an account (no one learns which addresses
do), and a burst of requests from one address is refused (`rate_limits.py`). A reset ends every session
of the person, so whoever had the old password is logged out too.
"""

from datetime import timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from sezatlas.accounts.actions import _checked_password
from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.letters import Translate, reset_letter, untranslated
from sezatlas.accounts.links import link_token, person_of_link
from sezatlas.accounts.mail import RESET_PATH, MailSettings, require_mail, send
from sezatlas.accounts.rate_limits import AttemptLimit, refuse_a_burst
from sezatlas.accounts.roles import Actor
from sezatlas.accounts.secrets import hash_password
from sezatlas.accounts.signing_key import signing_secret
from sezatlas.accounts.tokens import Purpose
from sezatlas.store.accounts_tables import LoginSessionRow, PersonRow
from sezatlas.store.models import utc_now

RESET_REQUESTED = "password reset requested"
RESET_LIMIT = AttemptLimit(
    (RESET_REQUESTED,),
    5,
    timedelta(minutes=15),
    "password reset requests",
    "password reset refused: too many attempts",
)


def request_password_reset(
    session: Session,
    email: str,
    *,
    mail: MailSettings,
    translate: Translate = untranslated,
    context: RequestContext | None = None,
) -> None:
    """Anyone: mails a reset link when the address has an active account; otherwise does nothing visible.

    Audited either way under the address asked for, which is also what the rate limit counts.
    """
    require_mail(mail)
    address = email.strip().lower()[:320]
    refuse_a_burst(session, RESET_LIMIT, address, context)
    secret = signing_secret(session)  # before any write: it may open a transaction of its own
    person = session.scalar(select(PersonRow).where(PersonRow.email == address))
    record(session, Actor(name=address[:200]), RESET_REQUESTED, "person", address[:200], context=context)
    session.commit()
    if person is None or not person.is_active:
        return
    link = mail.link(RESET_PATH, link_token(secret, Purpose.RESET_PASSWORD, person))
    send(mail, reset_letter(translate, person.email, person.name, link))


def reset_password(
    session: Session, token: str, password: str, *, context: RequestContext | None = None
) -> str:
    """Anyone holding the link: a new password, every session ended, the lock-out lifted (the mailbox
    proved who they are), and the address counted as verified. Returns the e-mail."""
    _checked_password(password)
    person = person_of_link(session, signing_secret(session), Purpose.RESET_PASSWORD, token)
    now = utc_now()
    person.password_hash = hash_password(password)
    person.failed_logins = 0
    if person.email_verified_at is None:
        person.email_verified_at = now
    open_sessions = (LoginSessionRow.person_id == person.person_id, LoginSessionRow.revoked_at.is_(None))
    ended = session.scalar(select(func.count()).select_from(LoginSessionRow).where(*open_sessions))
    session.execute(update(LoginSessionRow).where(*open_sessions).values(revoked_at=now))
    actor = Actor(person_id=person.person_id, name=person.name, organisation_id=person.organisation_id)
    record(session, actor, "reset password", "person", str(person.person_id),
           after={"password": "changed", "sessions_ended": ended}, context=context)  # fmt: skip
    session.commit()
    return person.email
