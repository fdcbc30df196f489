"""A visitor reports a wrong fact on a zone page; the report reaches the zone's operator and the secretariat.

Anyone may report, so the form is limited per address (`REPORT_LIMIT`, counted on the audit trail like
log-ins) and takes plain text only. A reporter's e-mail address is optional and is shown only to the
people the report goes to.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.letters import Translate, untranslated
from sezatlas.accounts.mail import MailSettings
from sezatlas.accounts.rate_limits import AttemptLimit, refuse_a_burst
from sezatlas.accounts.roles import Actor, Role, may_administer, may_keep_zone, require
from sezatlas.stewardship.changes import ZoneNotFoundError
from sezatlas.stewardship.letters import INBOX_PATH, error_report_letter, notify, secretariat, zone_keepers
from sezatlas.stewardship.versions import aware
from sezatlas.store.models import ZoneRow
from sezatlas.store.stewardship_tables import ErrorReportRow
from sezatlas.tabular.control_characters import control_character_reason

REPORTED = "report zone error"
REPORT_LIMIT = AttemptLimit(
    (REPORTED,), 5, timedelta(hours=1), "error reports", "error report refused: too many"
)
MESSAGE_LENGTH = (10, 4000)
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class ErrorReportInvalidError(ValueError):
    """A report too short or too long, with control characters, or with a malformed reply address."""


class ErrorReportNotFoundError(LookupError):
    """No error report of that id."""


@dataclass(frozen=True, slots=True)
class ErrorReport:
    report_id: int
    zone_id: str
    at: datetime
    message: str
    reporter_email: str | None
    state: str


def _checked(message: str, reporter_email: str | None) -> tuple[str, str | None]:
    text = message.strip()
    low, high = MESSAGE_LENGTH
    if not low <= len(text) <= high:
        raise ErrorReportInvalidError(f"message: {low} to {high} characters, not {len(text)}")
    reason = control_character_reason(text.replace("\n", " ").replace("\r", " ").replace("\t", " "))
    if reason is not None:
        raise ErrorReportInvalidError(f"message: {reason}")
    email = (reporter_email or "").strip().lower() or None
    if email is not None and (len(email) > 320 or not _EMAIL.match(email)):
        raise ErrorReportInvalidError(f"e-mail: {email[:80]!r} is not an e-mail address")
    return text, email


def report_error(
    session: Session,
    zone_id: str,
    message: str,
    *,
    reporter_email: str | None = None,
    mail: MailSettings | None = None,
    translate: Translate = untranslated,
    context: RequestContext | None = None,
) -> int:
    """Anyone: report an error on a zone's page. Stored, then mailed to the zone's operators and the
    secretariat; returns how many letters went. Refused (429) after 5 reports an hour from one address."""
    text, email = _checked(message, reporter_email)
    zone = session.get(ZoneRow, zone_id)
    if zone is None:
        raise ZoneNotFoundError(f"no zone {zone_id} in the registry")
    refuse_a_burst(session, REPORT_LIMIT, zone_id, context)
    row = ErrorReportRow(zone_id=zone_id, message=text, reporter_email=email, state="open")
    session.add(row)
    session.flush()
    # The trail keeps that a report was made, from where; its text stays in the report (not audited twice).
    record(session, Actor(name="visitor"), REPORTED, "zone_error_report", str(row.report_id),
           after={"zone_id": zone_id}, context=context)  # fmt: skip
    recipients = sorted(set(zone_keepers(session, zone_id)) | set(secretariat(session)))
    name = zone.name_en
    session.commit()
    link = f"{mail.site_url}{INBOX_PATH}" if mail is not None else INBOX_PATH
    return notify(mail, [error_report_letter(translate, to, zone_id, name, text, link) for to in recipients])


def _report(row: ErrorReportRow) -> ErrorReport:
    return ErrorReport(row.report_id, row.zone_id, aware(row.at), row.message, row.reporter_email, row.state)


def error_reports(
    session: Session, actor: Actor, *, state: str | None = "open", limit: int = 200
) -> list[ErrorReport]:
    """The secretariat: every report; a zone operator: the reports of its zones. Newest first."""
    require(actor, actor.is_authenticated, "read error reports")
    query = select(ErrorReportRow).order_by(ErrorReportRow.report_id.desc()).limit(limit)
    if not may_administer(actor):
        kept = [grant.scope for grant in actor.grants if grant.role is Role.ZONE_OPERATOR]
        require(actor, bool(kept), "read error reports")
        query = query.where(ErrorReportRow.zone_id.in_(kept))
    if state is not None:
        query = query.where(ErrorReportRow.state == state)
    return [_report(row) for row in session.scalars(query)]


def close_error_report(
    session: Session, actor: Actor, report_id: int, *, context: RequestContext | None = None
) -> None:
    """The zone's operator or the secretariat: the report was dealt with."""
    row = session.get(ErrorReportRow, report_id)
    if row is None:
        raise ErrorReportNotFoundError(f"no error report {report_id}")
    require(actor, may_keep_zone(actor, row.zone_id), f"close error report {report_id}")
    row.state, row.closed_by = "closed", actor.name
    record(session, actor, "close zone error report", "zone_error_report", str(report_id), context=context)
    session.commit()
