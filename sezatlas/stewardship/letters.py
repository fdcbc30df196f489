"""The letters of zone stewardship, in the reader's language, and whom they go to.

As in `accounts/letters.py`, `gettext` is the reader's catalogue and the texts live in the pages'
catalogues. Letters are sent after the change they tell of is committed: a mail server that is down
never undoes a decision, it only means the reader learns of it on the site (`notify` reports how many
letters went).
"""

import logging
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.accounts.letters import Translate
from sezatlas.accounts.mail import Letter, MailNotSentError, MailSettings, send
from sezatlas.accounts.roles import Role
from sezatlas.store.accounts_tables import GrantRow, PersonRow

logger = logging.getLogger(__name__)
REVIEW_PATH = "/review"
INBOX_PATH = "/inbox"


def zone_keepers(session: Session, zone_id: str) -> list[str]:
    """The addresses of the zone's operators (active, verified people granted that zone)."""
    return _addresses(session, Role.ZONE_OPERATOR, zone_id)


def secretariat(session: Session) -> list[str]:
    return _addresses(session, Role.SECRETARIAT, "")


def _addresses(session: Session, role: Role, scope: str) -> list[str]:
    rows = session.scalars(
        select(PersonRow.email)
        .join(GrantRow, GrantRow.person_id == PersonRow.person_id)
        .where(
            GrantRow.role == role.value,
            GrantRow.scope == scope,
            PersonRow.is_active.is_(True),
            PersonRow.email_verified_at.is_not(None),
        )
        .order_by(PersonRow.email)
    )
    return list(rows)


def person_address(session: Session, person_id: int | None) -> str | None:
    person = session.get(PersonRow, person_id) if person_id is not None else None
    return person.email if person is not None and person.is_active else None


def notify(mail: MailSettings | None, letters: Iterable[Letter]) -> int:
    """Send what can be sent; returns how many letters the mail server took."""
    if mail is None or not mail.is_configured:
        return 0
    sent = 0
    for letter in letters:
        try:
            send(mail, letter)
            sent += 1
        except MailNotSentError:
            logger.warning("letter %s to %s not sent; the site shows the same", letter.kind, letter.to)
    return sent


def decision_letter(
    gettext: Translate, to: str, zone_id: str, approved: bool, reason: str | None, link: str
) -> Letter:
    if approved:
        subject = gettext("Your change to %(zone)s is published") % {"zone": zone_id}
        body = gettext(
            "Hello,\n\nthe secretariat approved your change to %(zone)s; the zone page shows it "
            "now:\n\n%(link)s"
        ) % {"zone": zone_id, "link": link}
    else:
        subject = gettext("Your change to %(zone)s was not accepted") % {"zone": zone_id}
        body = gettext(
            "Hello,\n\nthe secretariat did not accept your change to %(zone)s.\n\nReason: %(reason)s\n\n"
            "You can propose it again with a better source:\n\n%(link)s"
        ) % {"zone": zone_id, "reason": reason or "", "link": link}
    return Letter(to, subject, body, "zone-change-decided")


def error_report_letter(
    gettext: Translate, to: str, zone_id: str, zone_name: str, message: str, link: str
) -> Letter:
    subject = gettext("A visitor reports an error on %(zone)s") % {"zone": zone_id}
    body = gettext(
        "Hello,\n\na visitor of SEZ Atlas reports an error on the page of %(name)s (%(zone)s):\n\n"
        "%(message)s\n\nThe reports of your zones are listed here:\n\n%(link)s"
    ) % {"name": zone_name, "zone": zone_id, "message": message, "link": link}
    return Letter(to, subject, body, "zone-error-report")


def reminder_letter(gettext: Translate, to: str, zones: Sequence[str], months: int, link: str) -> Letter:
    subject = gettext("Please confirm your zones' facts on SEZ Atlas")
    body = gettext(
        "Hello,\n\nthe facts of these zones were not confirmed for %(months)s months or more: %(zones)s.\n\n"
        "Please check them, and confirm or correct them here:\n\n%(link)s"
    ) % {"months": months, "zones": ", ".join(zones), "link": link}
    return Letter(to, subject, body, "zone-confirmation-reminder")
