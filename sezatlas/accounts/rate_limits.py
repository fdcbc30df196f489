"""Limits per client address on what anyone may try: log in, sign up, ask for a password reset.

Each attempt is already a row of the audit trail, so a limit counts those rows (for one address, in a
window) rather than keeping a store of its own: it holds across worker processes and restarts, and
what was refused is audited like the rest.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.roles import Actor
from sezatlas.store.accounts_tables import AuditRow
from sezatlas.store.models import utc_now


class TooManyAttemptsError(PermissionError):
    """Too many attempts from one address: refused before anything is checked (HTTP 429, Retry-After)."""

    def __init__(self, retry_after_s: int, what: str = "failed log-ins") -> None:
        super().__init__(f"too many {what} from this address; try again in {retry_after_s} s")
        self.retry_after_s = retry_after_s


@dataclass(frozen=True)
class AttemptLimit:
    """At most `per_window` audit rows of `counted` actions from one address within `window`."""

    counted: tuple[str, ...]
    per_window: int
    window: timedelta
    what: str  # in the refusal: "too many {what} from this address"
    refused_action: str  # the audit row of a refusal


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def refuse_a_burst(
    session: Session, limit: AttemptLimit, subject: str, context: RequestContext | None
) -> None:
    """Raise `TooManyAttemptsError` (and audit the refusal) when the address has used up `limit`.

    The command line has no address and is never limited.
    """
    if context is None or context.ip is None:
        return
    since = utc_now() - limit.window
    recent = session.scalars(
        select(AuditRow.at)
        .where(AuditRow.action.in_(limit.counted), AuditRow.ip == context.ip, AuditRow.at >= since)
        .order_by(AuditRow.at.desc())
        .limit(limit.per_window)
    ).all()
    if len(recent) < limit.per_window:
        return
    retry_after_s = max(1, int((_aware(recent[-1]) + limit.window - utc_now()).total_seconds()) + 1)
    record(session, Actor(name=subject[:200]), limit.refused_action, "person", subject[:200], context=context)
    session.commit()
    raise TooManyAttemptsError(retry_after_s, limit.what)
