"""The reports' own reads: the inquiry and Congress counts that the other domains' use cases do not date.

Only counts leave here, never who sent an inquiry or what it said (the rule of `inquiries/dashboard.py`).
A moment is an aware UTC datetime, compared as `stewardship/versions.py` compares version times.
"""

from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from sezatlas.reports.model import EventFigures
from sezatlas.store.congress_tables import (
    CongressEventRow,
    CongressMeetingRow,
    CongressParticipantRow,
    CongressScheduleRow,
)
from sezatlas.store.inquiries_tables import InquiryThreadRow


def inquiries_sent_by(session: Session, iso3: str, moment: datetime) -> int:
    """Inquiries sent to the country's zones by `moment`, from each thread's own sending time."""
    t = InquiryThreadRow
    return int(session.scalar(select(func.count()).where(t.country_iso3 == iso3, t.sent_at <= moment)) or 0)


def _schedule_by(session: Session, event_id: str, moment: datetime) -> CongressScheduleRow | None:
    s = CongressScheduleRow
    query = (
        select(s).where(s.event_id == event_id, s.created_at <= moment).order_by(s.version.desc()).limit(1)
    )
    return session.scalar(query)


def _meetings(session: Session, schedule_id: int, people: list[str] | None) -> int:
    m = CongressMeetingRow
    query = select(func.count()).where(m.schedule_id == schedule_id)
    if people is not None:
        query = query.where(or_(m.first.in_(people), m.second.in_(people)))
    return int(session.scalar(query) or 0)


def congress_figures(session: Session, iso3: str, moment: datetime) -> list[EventFigures]:
    """Each event created by `moment`: its participants (as listed now: a participant row keeps no date of
    joining) and those of the country, and the meetings of its newest schedule published by `moment`."""
    events = session.scalars(
        select(CongressEventRow)
        .where(CongressEventRow.created_at <= moment)
        .order_by(CongressEventRow.event_id)
    ).all()
    result = []
    for event in events:
        p = CongressParticipantRow
        rows = session.execute(select(p.participant_id, p.country).where(p.event_id == event.event_id)).all()
        of_country = [participant for participant, country in rows if country == iso3]
        schedule = _schedule_by(session, event.event_id, moment)
        result.append(EventFigures(
            event_id=event.event_id, name=event.name, participants=len(rows),
            participants_of_country=len(of_country),
            schedule_version=schedule.version if schedule else None,
            meetings=_meetings(session, schedule.schedule_id, None) if schedule else 0,
            meetings_of_country=_meetings(session, schedule.schedule_id, of_country) if schedule else 0,
        ))  # fmt: skip
    return result
