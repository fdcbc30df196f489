"""The organiser's dashboard as data: how good and how fair the schedule is, what is unmet, where it binds.

The figures come from `congress.dashboard.build_dashboard`, which the API and the CLI use too, read through
the use case `organiser_overview`, which lets only the event's organiser (and the secretariat) see them; this
module only arranges them for the page (chart data, tables, capped lists) in the reader's language.
"""

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor
from sezatlas.congress.agenda import table_plan
from sezatlas.congress.dashboard import Dashboard, SlotLoad
from sezatlas.congress.files.event_file import EventConfig
from sezatlas.congress.model import Participant
from sezatlas.congress.schedule_jobs import schedule_job
from sezatlas.congress.schedule_publishing import organiser_overview
from sezatlas.congress.storage.events import as_utc
from sezatlas.congress.storage.schedules import PublishedSchedule
from sezatlas.jobs.kinds import CONGRESS_SCHEDULE
from sezatlas.jobs.model import Job, JobState, stage_index
from sezatlas.store.models import utc_now
from sezatlas.web.i18n import country_name, format_number, translations
from sezatlas.web.pages.congress_labels import (
    METHOD_TITLES,
    languages_text,
    role_title,
    unmet_kind_text,
    unmet_text,
)
from sezatlas.web.pages.congress_time import moment_text, slot_label, zone_label
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.participant_view import API, participant_url, place_text
from sezatlas.web.pages.rendering import PageContext

UNMET_SHOWN = 50  # the rest are in the API's dashboard and the CLI
PEOPLE_SHOWN = 200
CHART_COLOUR = "#0072B2"
SCHEDULE_TIME_LIMIT_S = 15  # a run queued by the page or the API; longer ones: `sezatlas congress schedule`
STAGE_TITLES = {  # CONGRESS_SCHEDULE.stages, as the page names them
    "reading": N_("Reading the participants and their accepted requests"),
    "solving": N_("Solving and seating: the best schedule found so far is kept"),
    "publishing": N_("Publishing the new version"),
}


def _person(people: Mapping[str, Participant], participant_id: str, event_id: str) -> dict[str, str]:
    found = people.get(participant_id)
    return {
        "participant_id": participant_id,
        "organisation": found.organisation if found else participant_id,
        "url": participant_url(event_id, participant_id),
    }


def distribution_chart(board: Dashboard, reader: PageContext) -> dict[str, Any]:
    """Participants per number of meetings (0, 1, 2 … with no gaps), for charts.js and the table."""
    top = max(board.meetings_per_participant, default=0)
    counts = [board.meetings_per_participant.get(k, 0) for k in range(top + 1)]
    ngettext = translations(reader.lang).ngettext
    categories = [
        ngettext("%(count)s meeting", "%(count)s meetings", k) % {"count": k} for k in range(top + 1)
    ]
    participants = reader.gettext("Participants")
    return {
        "categories": categories,
        "axis_title": participants,
        "series": [{"name": participants, "colour": CHART_COLOUR, "data": counts}],
        "rows": list(zip(categories, counts, strict=True)),
    }


def _load_cell(load: SlotLoad) -> dict[str, Any]:
    return {"used": load.used, "capacity": load.capacity, "share_pct": round(load.share * 100),
            "is_full": load.capacity > 0 and load.used >= load.capacity}  # fmt: skip


def slot_columns(config: EventConfig, reader: PageContext) -> list[dict[str, Any]]:
    """Each slot's label ("Wed 11:30") and its full start time, for headers and the plan's menu."""
    return [
        {"slot": t, "label": slot_label(config.starts_at(t), reader.lang),
         "iso": config.starts_at(t).isoformat(timespec="minutes")}
        for t in range(config.event.slot_count)
    ]  # fmt: skip


def _capacity_tables(board: Dashboard, reader: PageContext) -> dict[str, Any]:
    return {
        "tables": [_load_cell(load) for load in board.tables],
        "interpreters": [
            {
                "pair": languages_text(pair, reader.lang),
                "code": pair,
                "cells": [_load_cell(load) for load in loads],
            }
            for pair, loads in board.interpreters.items()
        ],
    }


def _unmet(board: Dashboard, people: Mapping[str, Participant], reader: PageContext) -> dict[str, Any]:
    return {
        "total": len(board.unmet),
        "rows": [
            {
                "first": _person(people, u.first, board.event_id),
                "second": _person(people, u.second, board.event_id),
                "reason": unmet_text(u, reader),
            }
            for u in board.unmet[:UNMET_SHOWN]
        ],
        "by_reason": [
            {"reason": unmet_kind_text(kind, reader), "count": count}
            for kind, count in board.unmet_by_reason.items()
        ],
    }


def schedule_view(
    config: EventConfig,
    published: PublishedSchedule,
    board: Dashboard,
    people: Mapping[str, Participant],
    reader: PageContext,
) -> dict[str, Any]:
    """The dashboard of one published schedule."""
    degree = Counter(pid for m in published.schedule.meetings for pid in (m.first, m.second))
    without = [pid for pid in people if degree.get(pid, 0) == 0]
    return {
        "board": board,
        "report": published.report,
        "method": reader.gettext(METHOD_TITLES[board.method])
        if board.method in METHOD_TITLES
        else board.method,
        "published_at": moment_text(as_utc(published.created_at), config.timezone, reader.lang),
        "chart": distribution_chart(board, reader),
        "without_meetings": [_person(people, pid, config.event_id) for pid in without[:PEOPLE_SHOWN]],
        "without_total": len(without),
        "unmet": _unmet(board, people, reader),
        **_capacity_tables(board, reader),
    }


def plan_view(
    config: EventConfig,
    published: PublishedSchedule | None,
    people: Mapping[str, Participant],
    slot: int | None,
    reader: PageContext,
) -> dict[str, Any]:
    """The table plan of one slot: the chosen one, else the first slot with meetings, else slot 0."""
    meetings = published.schedule.meetings if published else ()
    if slot is None or not 0 <= slot < config.event.slot_count:
        slot = min((m.slot for m in meetings), default=0)
    rows = table_plan(config, people, meetings, slot)
    return {
        "slot": slot,
        "rows": [
            {
                "place": place_text(row.place, reader),
                "first": _person(people, row.first_id, config.event_id),
                "second": _person(people, row.second_id, config.event_id),
                "interpreter": languages_text(row.interpreter, reader.lang) if row.interpreter else None,
            }
            for row in rows
        ],
    }


def _participant_rows(
    participants: Sequence[Participant], meetings: Counter[str], event_id: str, reader: PageContext
) -> list[dict[str, Any]]:
    return [
        {
            "participant_id": p.participant_id,
            "organisation": p.organisation,
            "url": participant_url(event_id, p.participant_id),
            "role": role_title(p.role.value, reader),
            "country": country_name(p.country, reader.lang),
            "meetings": meetings.get(p.participant_id, 0),
        }
        for p in participants[:PEOPLE_SHOWN]
    ]


def organiser_view(
    session: Session, actor: Actor, event_id: str, slot: int | None, reader: PageContext
) -> dict[str, Any]:
    """Everything the organiser page shows, for the event's organiser; raises `CongressNotFoundError` for an
    unknown event, `NotAuthenticatedError` (a log-in) or `PermissionDeniedError` for anyone else."""
    overview = organiser_overview(session, actor, event_id)
    config, participants, published = overview.config, overview.participants, overview.published
    people = {p.participant_id: p for p in participants}
    requests = [stored.request for stored in overview.requests]
    scheduled = published.schedule.meetings if published else ()
    meetings = Counter(pid for m in scheduled for pid in (m.first, m.second))
    base, page = f"{API}/{event_id}", f"/congress/{event_id}/organiser"
    zone = zone_label(config.starts_at(0), config.timezone, reader.lang) if config.event.slot_count else None
    return {
        "event": {"event_id": event_id, "name": config.name, "zone": zone or config.timezone},
        "participant_count": len(participants),
        "request_counts": Counter(r.status.value for r in requests),
        "slots": slot_columns(config, reader),
        "schedule": schedule_view(config, published, overview.dashboard, people, reader)
        if published and overview.dashboard
        else None,
        "plan": plan_view(config, published, people, slot, reader),
        "participants": _participant_rows(participants, meetings, event_id, reader),
        "time_limit_s": SCHEDULE_TIME_LIMIT_S,
        "urls": {"self": page, "schedule": f"{page}/schedule"},
        "links": {"dashboard": f"{base}/dashboard", "schedule": f"{base}/schedule", "event": base},
    }


def _seconds_since(moment: datetime | None) -> float:
    return max(0.0, (utc_now() - as_utc(moment)).total_seconds()) if moment is not None else 0.0


def job_view(job: Job, reader: PageContext, *, is_new: bool = True) -> dict[str, Any]:
    """A scheduler run as the page shows it: its step of the kind's stages, for how long it has run."""
    stages = CONGRESS_SCHEDULE.stages
    index = stage_index(job.progress, len(stages))
    return {
        "job_id": job.job_id,
        "state": job.state.value,
        "is_active": job.is_active,
        "is_new": is_new,
        "step": index + 1,
        "steps": len(stages),
        "stage": reader.gettext(STAGE_TITLES[stages[index]]),
        "seconds": format_number(_seconds_since(job.started_at), reader.lang, 0),
        "time_limit_s": job.params.get("time_limit", SCHEDULE_TIME_LIMIT_S),
        "message": job.message,
        "url": f"/congress/{job.subject}/organiser/schedule-job?job={job.job_id}",
        "page_url": f"/congress/{job.subject}/organiser",
    }


def latest_job_view(
    session: Session, actor: Actor, event_id: str, reader: PageContext
) -> dict[str, Any] | None:
    """The panel of the event's last scheduler run (the organiser's): while it runs, or when it failed."""
    job = schedule_job(session, actor, event_id)
    if job is None or job.state is JobState.DONE:
        return None
    return job_view(job, reader)
