"""The organiser's dashboard: is the schedule fair, what is left unmet and why, where capacity binds.

One function gathers the figures that the organiser's page, the API and the CLI all show, so the three
never disagree. It reads a published schedule and its report; it computes nothing the report already
states, except the distribution of meetings over every participant (the report keeps only its summary).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sezatlas.congress.files.event_file import EventConfig
from sezatlas.congress.model import Meeting, Participant
from sezatlas.congress.scheduling.report import REASON_KINDS, ScheduleReport, UnmetRequest


@dataclass(frozen=True)
class SlotLoad:
    """Use of one capacity (tables, or one interpreter language pair) in one slot."""

    slot: int
    starts_at: datetime
    used: int
    capacity: int

    @property
    def share(self) -> float:
        return self.used / self.capacity if self.capacity else 0.0


@dataclass(frozen=True)
class Dashboard:
    event_id: str
    schedule_version: int
    method: str
    objective: float
    upper_bound: float
    gap: float
    meetings: int
    participants: int
    meetings_per_participant: dict[int, int]  # number of meetings → participants with that many
    eligible: int
    zero_meetings_eligible: int
    mean_meetings: float
    p10_meetings: float
    must_meet_scheduled: int
    must_meet_schedulable: int
    unmet: tuple[UnmetRequest, ...]
    unmet_by_reason: dict[str, int]
    tables: tuple[SlotLoad, ...]
    interpreters: dict[str, tuple[SlotLoad, ...]]  # "en–zh" → per slot
    moved: int | None


def _reason_kind(unmet: UnmetRequest) -> str:
    """Reasons name people ("P7 reached their maximum of 4 meetings"); counting needs the kind alone.

    A reason whose kind is not known (a stored sentence no longer recognised) counts under itself.
    """
    return unmet.kind if unmet.kind in REASON_KINDS else unmet.reason


def build_dashboard(
    config: EventConfig,
    participants: Sequence[Participant],
    meetings: Sequence[Meeting],
    report: ScheduleReport,
    *,
    version: int,
) -> Dashboard:
    degree = Counter(pid for m in meetings for pid in (m.first, m.second))
    distribution = Counter(degree.get(p.participant_id, 0) for p in participants)
    per_slot = Counter(m.slot for m in meetings)
    slots = range(config.event.slot_count)
    tables = tuple(
        SlotLoad(t, config.starts_at(t), per_slot.get(t, 0), config.event.tables_per_slot) for t in slots
    )
    interpreters = {
        pair: tuple(
            SlotLoad(t, config.starts_at(t), used, capacity)
            for t, (used, capacity) in enumerate(
                zip(load, report.interpreter_capacity.get(pair, ()), strict=False)
            )
            if t < config.event.slot_count
        )
        for pair, load in sorted(report.interpreter_load.items())
    }
    return Dashboard(
        event_id=config.event_id,
        schedule_version=version,
        method=report.method,
        objective=report.objective,
        upper_bound=report.upper_bound,
        gap=report.gap,
        meetings=len(meetings),
        participants=len(participants),
        meetings_per_participant=dict(sorted(distribution.items())),
        eligible=report.eligible,
        zero_meetings_eligible=report.zero_meetings_eligible,
        mean_meetings=report.mean_meetings,
        p10_meetings=report.p10_meetings,
        must_meet_scheduled=report.must_meet_scheduled,
        must_meet_schedulable=report.must_meet_schedulable,
        unmet=report.unmet,
        unmet_by_reason=dict(Counter(_reason_kind(u) for u in report.unmet).most_common()),
        tables=tables,
        interpreters=interpreters,
        moved=report.moved,
    )
