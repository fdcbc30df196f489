"""How fresh each zone's facts are: when its operator last confirmed them, and reminders when not.

A zone is confirmed when an operator's change to it is approved (as of when it was proposed) or when
its operator confirms the facts as they stand. The statistics count, per country, the share of zones
confirmed within the last 12 months (`confirmation_shares`); `send_reminders` writes to the operators
of zones not confirmed for longer, at most once a month per zone.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.letters import Translate, untranslated
from sezatlas.accounts.mail import Letter, MailSettings
from sezatlas.accounts.roles import Actor, Role, may_administer, may_keep_zone, require
from sezatlas.stewardship.changes import ZoneNotFoundError
from sezatlas.stewardship.letters import notify, reminder_letter
from sezatlas.stewardship.versions import aware
from sezatlas.store.accounts_tables import GrantRow, PersonRow
from sezatlas.store.models import ZoneRow
from sezatlas.store.stewardship_tables import ZoneConfirmationRow
from sezatlas.store.zones import CHUNK, mark_confirmations_changed

FRESH_MONTHS = 12
REMIND_EVERY = timedelta(days=30)


def _months_ago(now: datetime, months: int) -> datetime:
    return now - timedelta(days=round(months * 365.25 / 12))


def mark_confirmed(session: Session, zone_id: str, by: str, at: datetime) -> None:
    """Record that the zone's operator confirmed its facts at `at` (a later confirmation is kept)."""
    row = session.get(ZoneConfirmationRow, zone_id)
    if row is None:
        session.add(ZoneConfirmationRow(zone_id=zone_id, confirmed_at=at, confirmed_by=by))
    elif row.confirmed_at is None or aware(row.confirmed_at) < at:
        row.confirmed_at, row.confirmed_by = at, by
    else:
        return
    mark_confirmations_changed(session)  # zone lists show `last_confirmed_at`
    session.flush()


def confirm_zone(
    session: Session, actor: Actor, zone_id: str, *, context: RequestContext | None = None
) -> datetime:
    """The zone's operator: its facts are true as they stand today."""
    require(actor, may_keep_zone(actor, zone_id), f"confirm the facts of zone {zone_id}")
    if session.get(ZoneRow, zone_id) is None:
        raise ZoneNotFoundError(f"no zone {zone_id} in the registry")
    now = datetime.now(UTC)
    mark_confirmed(session, zone_id, actor.name, now)
    record(session, actor, "confirm zone facts", "zone", zone_id, after={"confirmed_at": now.isoformat()},
           context=context)  # fmt: skip
    session.commit()
    return now


@dataclass(frozen=True, slots=True)
class Confirmation:
    at: datetime
    by: str | None


def last_confirmed(session: Session, zone_ids: Sequence[str]) -> dict[str, Confirmation]:
    """When each of these zones was last confirmed by its operator (zones never confirmed are absent)."""
    found: dict[str, Confirmation] = {}
    for start in range(0, len(zone_ids), CHUNK):
        rows = session.scalars(
            select(ZoneConfirmationRow).where(
                ZoneConfirmationRow.zone_id.in_(zone_ids[start : start + CHUNK]),
                ZoneConfirmationRow.confirmed_at.is_not(None),
            )
        )
        found.update(
            {
                row.zone_id: Confirmation(aware(row.confirmed_at), row.confirmed_by)
                for row in rows
                if row.confirmed_at
            }
        )
    return found


@dataclass(frozen=True, slots=True)
class CountryFreshness:
    country_iso3: str
    zones: int
    confirmed: int  # by their operator within the window

    @property
    def share(self) -> float:
        return self.confirmed / self.zones if self.zones else 0.0


def confirmation_shares(
    session: Session, *, months: int = FRESH_MONTHS, now: datetime | None = None
) -> list[CountryFreshness]:
    """Per country, how many zones there are and how many their operator confirmed in the last `months`."""
    since = _months_ago(now or datetime.now(UTC), months)
    fresh = (
        select(ZoneConfirmationRow.zone_id).where(ZoneConfirmationRow.confirmed_at >= since).scalar_subquery()
    )
    query = (
        select(ZoneRow.country_iso3, func.count(), func.count().filter(ZoneRow.zone_id.in_(fresh)))
        .group_by(ZoneRow.country_iso3)
        .order_by(ZoneRow.country_iso3)
    )
    return [
        CountryFreshness(iso3, int(total), int(confirmed))
        for iso3, total, confirmed in session.execute(query)
    ]


@dataclass(frozen=True, slots=True)
class Reminders:
    zones: int  # zones whose operators were reminded
    letters: int  # letters the mail server took


def send_reminders(
    session: Session,
    actor: Actor,
    *,
    months: int = FRESH_MONTHS,
    mail: MailSettings | None = None,
    translate: Translate = untranslated,
    now: datetime | None = None,
) -> Reminders:
    """The secretariat (or a scheduled job as it): one letter per operator listing its zones not
    confirmed for `months`, unless reminded within the last 30 days."""
    require(actor, may_administer(actor), "send confirmation reminders")
    now = now or datetime.now(UTC)
    stale_before, reminded_before = _months_ago(now, months), now - REMIND_EVERY
    operated = session.execute(
        select(GrantRow.scope, PersonRow.email)
        .join(PersonRow, PersonRow.person_id == GrantRow.person_id)
        .where(
            GrantRow.role == Role.ZONE_OPERATOR.value,
            PersonRow.is_active.is_(True),
            PersonRow.email_verified_at.is_not(None),
        )
    ).all()
    zone_ids = sorted({zone_id for zone_id, _ in operated})
    states = {
        row.zone_id: row
        for row in session.scalars(
            select(ZoneConfirmationRow).where(ZoneConfirmationRow.zone_id.in_(zone_ids))
        )
    }
    due = {
        zone_id
        for zone_id in zone_ids
        if (row := states.get(zone_id)) is None
        or ((row.confirmed_at is None or aware(row.confirmed_at) < stale_before)
            and (row.reminded_at is None or aware(row.reminded_at) < reminded_before))
    }  # fmt: skip
    by_person: dict[str, list[str]] = {}
    for zone_id, email in operated:
        if zone_id in due:
            by_person.setdefault(email, []).append(zone_id)
    for zone_id in due:
        row = states.get(zone_id)
        if row is None:
            session.add(ZoneConfirmationRow(zone_id=zone_id, reminded_at=now))
        else:
            row.reminded_at = now
    record(session, actor, "remind operators", "zone", "*", after={"zones": sorted(due), "months": months})
    session.commit()
    link = f"{mail.site_url}/inbox" if mail is not None else "/inbox"
    letters: list[Letter] = [
        reminder_letter(translate, to, sorted(zones), months, link) for to, zones in sorted(by_person.items())
    ]
    return Reminders(len(due), notify(mail, letters))
