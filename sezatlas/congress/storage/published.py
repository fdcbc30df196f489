"""What people read off the store: agendas, table plans, the dashboard and recommendations.

The CLI and the API both answer "show me X of event E" through these functions, so a participant sees
the same agenda in the terminal, the JSON API, the calendar file and the PDF.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.congress.agenda import Agenda, TablePlanRow, personal_agenda, table_plan
from sezatlas.congress.dashboard import Dashboard, build_dashboard
from sezatlas.congress.files.event_file import EventConfig
from sezatlas.congress.matching.recommend import Recommendation, recommend
from sezatlas.congress.model import Participant
from sezatlas.congress.storage.events import (
    CongressNotFoundError,
    get_participant,
    list_participants,
    load_event,
)
from sezatlas.congress.storage.schedules import PublishedSchedule, earlier_meetings, latest_schedule
from sezatlas.store.models import ZoneRow
from sezatlas.store.zones import row_to_zone


class NoScheduleError(LookupError):
    """Nothing to show yet: the event has no published schedule (run `sezatlas congress schedule`)."""


def require_schedule(session: Session, event_id: str, participant_id: str | None = None) -> PublishedSchedule:
    published = latest_schedule(session, event_id, participant_id=participant_id)
    if published is None:
        load_event(session, event_id)  # an unknown event is "not found", not "no schedule"
        raise NoScheduleError(f"event {event_id} has no published schedule yet")
    return published


def agenda_for(session: Session, event_id: str, participant_id: str) -> Agenda:
    config = load_event(session, event_id)
    participant = get_participant(session, event_id, participant_id)
    published = require_schedule(session, event_id, participant_id)
    people = {p.participant_id: p for p in list_participants(session, event_id)}
    earlier = earlier_meetings(session, event_id, participant_id, published.version)
    return personal_agenda(
        config,
        participant,
        people,
        published.schedule.meetings,
        version=published.version,
        published_at=published.created_at,
        earlier=earlier,
    )


@dataclass(frozen=True)
class TablePlan:
    config: EventConfig
    version: int
    rows: list[TablePlanRow]


def table_plan_for(session: Session, event_id: str, slot: int | None = None) -> TablePlan:
    config = load_event(session, event_id)
    if slot is not None and not 0 <= slot < config.event.slot_count:
        raise CongressNotFoundError(
            f"slot {slot} not found: event {event_id} has slots 0–{config.event.slot_count - 1}"
        )
    published = require_schedule(session, event_id)
    people = {p.participant_id: p for p in list_participants(session, event_id)}
    return TablePlan(config, published.version, table_plan(config, people, published.schedule.meetings, slot))


def dashboard_for(session: Session, event_id: str) -> Dashboard:
    config = load_event(session, event_id)
    published = require_schedule(session, event_id)
    participants = list_participants(session, event_id)
    return build_dashboard(
        config, participants, published.schedule.meetings, published.report, version=published.version
    )


def zone_specialisations(session: Session, participants: Sequence[Participant]) -> dict[str, list[str]]:
    """ISIC codes of the registry zones participants operate or listed; unknown zone ids are skipped."""
    wanted = sorted({z for p in participants for z in (*p.operated_zones, *p.zones_of_interest)})
    found: dict[str, list[str]] = {}
    for start in range(0, len(wanted), 500):
        rows = session.scalars(select(ZoneRow).where(ZoneRow.zone_id.in_(wanted[start : start + 500])))
        for row in rows:
            found[row.zone_id] = list(row_to_zone(row).specialisation.isic_codes)
    return found


def recommendations_for(
    session: Session, event_id: str, participant_id: str | None = None, top: int = 10
) -> dict[str, list[Recommendation]]:
    """Ranked partners with reasons for one participant (or all), using the registry's zone sectors."""
    participants = list_participants(session, event_id)
    if participant_id is not None:
        get_participant(session, event_id, participant_id)
    if not participants:
        return {}
    zones = zone_specialisations(session, participants)
    frozen_zones = tuple(sorted((zone, tuple(codes)) for zone, codes in zones.items()))
    return _recommend_cached(tuple(participants), participant_id, top, frozen_zones)


@lru_cache(maxsize=256)
def _recommend_cached(
    participants: tuple[Participant, ...],
    participant_id: str | None,
    top: int,
    zones: tuple[tuple[str, tuple[str, ...]], ...],
) -> dict[str, list[Recommendation]]:
    """Recommendations only change when a profile does, while pages ask for them on every view.

    The key is the participants themselves (frozen, hashable), so an edited profile is a new key and
    a stale list is never served; callers must not mutate the returned lists.
    """
    return recommend(list(participants), for_id=participant_id, top_k=top, zones=dict(zones))
