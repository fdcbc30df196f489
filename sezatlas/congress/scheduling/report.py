"""What the organiser reads next to a schedule: value against a proven bound, fairness, unmet pairs.

Research §2.6 and §4.2 list the figures; none of the anchor products publishes a gap, so every
schedule here says how far it can at most be from the best possible one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from sezatlas.congress.model import LanguagePair, Meeting, MeetingRequest, RequestStatus
from sezatlas.congress.scheduling.instance import Instance, IntArray, objective

# Eligible = at least two partners with a common free slot (docs/congress-scheduling.md#how-good-measured).
ELIGIBLE_CANDIDATES = 2


REASON_KINDS = {
    "excluded": "the pair can never meet (blocked, no common slot, or no language and no interpreter)",
    "cap": "a participant reached their maximum of meetings",
    "tables": "all tables taken in every common free slot",
    "interpreters": "no interpreter free in any common slot",
    "taken": "common free slots taken by more valuable meetings",
    "travel": "no table reachable in time between halls",
    "declined": "request declined",
    "pending": "request awaiting an answer",
}


@dataclass(frozen=True)
class UnmetRequest:
    """A requested pair without a meeting; `reason` names people, `kind` (a REASON_KINDS key) does not."""

    first: str
    second: str
    reason: str
    kind: str = ""


@dataclass(frozen=True)
class ScheduleReport:
    """Figures of one schedule; `gap` is 1 − objective / upper_bound, a proven worst case."""

    method: str
    objective: float
    upper_bound: float
    meetings: int
    candidate_pairs: int
    participants: int
    eligible: int
    zero_meetings_eligible: int
    mean_meetings: float
    p10_meetings: float
    must_meet_scheduled: int
    must_meet_schedulable: int
    table_use: tuple[float, ...]  # share of tables used, per slot
    interpreter_load: dict[str, tuple[int, ...]]  # "en–ru" → meetings per slot
    interpreter_capacity: dict[str, tuple[int, ...]]
    unmet: tuple[UnmetRequest, ...]
    seconds: float
    bound_seconds: float
    moved: int | None = None

    @property
    def gap(self) -> float:
        return 1.0 - self.objective / self.upper_bound if self.upper_bound > 0 else 0.0

    @property
    def share_of_bound(self) -> float:
        return self.objective / self.upper_bound if self.upper_bound > 0 else 1.0


def language_label(pair: LanguagePair) -> str:
    return f"{pair[0]}–{pair[1]}"


def degrees(inst: Instance, slot_of: IntArray) -> IntArray:
    placed = slot_of >= 0
    return np.bincount(inst.pair_a[placed], minlength=inst.n) + np.bincount(
        inst.pair_b[placed], minlength=inst.n
    )


def build_report(
    inst: Instance,
    slot_of: IntArray,
    meetings: Sequence[Meeting],
    requests: Sequence[MeetingRequest],
    *,
    method: str,
    upper_bound: float,
    seconds: float,
    bound_seconds: float,
    unseated: Sequence[int] = (),
    moved: int | None = None,
) -> ScheduleReport:
    degree = degrees(inst, slot_of)
    candidates = np.bincount(inst.pair_a, minlength=inst.n) + np.bincount(inst.pair_b, minlength=inst.n)
    eligible = (candidates >= ELIGIBLE_CANDIDATES) & (inst.cap > 0)
    slots = inst.slot_count
    per_slot = np.bincount(slot_of[slot_of >= 0], minlength=slots)
    load: dict[str, list[int]] = {language_label(k): [0] * slots for k in inst.interp_keys}
    for e in np.flatnonzero((slot_of >= 0) & (inst.interp >= 0)):
        load[language_label(inst.interp_keys[inst.interp[e]])][int(slot_of[e])] += 1
    return ScheduleReport(
        method=method,
        objective=objective(inst, slot_of),
        upper_bound=upper_bound,
        meetings=len(meetings),
        candidate_pairs=inst.pair_count,
        participants=inst.n,
        eligible=int(eligible.sum()),
        zero_meetings_eligible=int((eligible & (degree == 0)).sum()),
        mean_meetings=float(degree[eligible].mean()) if eligible.any() else 0.0,
        p10_meetings=float(np.percentile(degree[eligible], 10)) if eligible.any() else 0.0,
        must_meet_scheduled=int((inst.is_must & (slot_of >= 0)).sum()),
        must_meet_schedulable=int(inst.is_must.sum()),
        table_use=tuple(float(per_slot[t] / inst.tables[t]) if inst.tables[t] else 0.0 for t in range(slots)),
        interpreter_load={k: tuple(v) for k, v in load.items()},
        interpreter_capacity={
            language_label(k): tuple(int(c) for c in inst.interp_cap[x])
            for x, k in enumerate(inst.interp_keys)
        },
        unmet=tuple(_unmet(inst, slot_of, degree, requests, set(unseated))),
        seconds=seconds,
        bound_seconds=bound_seconds,
        moved=moved,
    )


def _unmet(
    inst: Instance,
    slot_of: IntArray,
    degree: IntArray,
    requests: Sequence[MeetingRequest],
    unseated: set[int],
) -> list[UnmetRequest]:
    """Every requested pair that has no meeting, with the first reason that explains it."""
    out = [UnmetRequest(a, b, why, "excluded") for a, b, why in inst.excluded]
    busy = np.zeros((inst.n, inst.slot_count), dtype=bool)
    tables = np.zeros(inst.slot_count, dtype=np.int64)
    interp = np.zeros_like(inst.interp_cap)
    for e in np.flatnonzero(slot_of >= 0):
        t = int(slot_of[e])
        busy[inst.pair_a[e], t] = busy[inst.pair_b[e], t] = True
        tables[t] += 1
        if inst.interp[e] >= 0:
            interp[inst.interp[e], t] += 1
    for e in np.flatnonzero(slot_of < 0):
        a, b = int(inst.pair_a[e]), int(inst.pair_b[e])
        kind, why = _why(inst, int(e), a, b, degree, busy, tables, interp, unseated)
        out.append(UnmetRequest(inst.ids[a], inst.ids[b], why, kind))
    scheduled_or_listed = {frozenset((u.first, u.second)) for u in out} | {
        frozenset((inst.ids[inst.pair_a[e]], inst.ids[inst.pair_b[e]])) for e in np.flatnonzero(slot_of >= 0)
    }
    for r in requests:
        key = frozenset((r.requester, r.target))
        if key in scheduled_or_listed:
            continue
        scheduled_or_listed.add(key)
        kind = "declined" if r.status is RequestStatus.DECLINED else "pending"
        out.append(UnmetRequest(r.requester, r.target, REASON_KINDS[kind], kind))
    return out


def _why(
    inst: Instance,
    e: int,
    a: int,
    b: int,
    degree: IntArray,
    busy: np.ndarray,
    tables: IntArray,
    interp: IntArray,
    unseated: set[int],
) -> tuple[str, str]:
    if e in unseated:
        return "travel", REASON_KINDS["travel"]
    for person in (a, b):
        if degree[person] >= inst.cap[person]:
            return "cap", f"{inst.ids[person]} reached their maximum of {inst.cap[person]} meetings"
    common = inst.common_slots[e]
    if all(tables[t] >= inst.tables[t] for t in common):
        return "tables", REASON_KINDS["tables"]
    k = int(inst.interp[e])
    if k >= 0 and all(interp[k, t] >= inst.interp_cap[k, t] for t in common):
        return "interpreters", f"no {language_label(inst.interp_keys[k])} interpreter free in any common slot"
    return "taken", f"their {len(common)} common free slot(s) are taken by more valuable meetings"
