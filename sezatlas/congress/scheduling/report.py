"""What the organiser reads next to a schedule: value against a proven bound, fairness, unmet pairs.

Research §2.6 and §4.2 list the figures; none of the anchor products publishes a gap, so every
schedule here says how far it can at most be from the best possible one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

import numpy as np

from sezatlas.congress.model import Meeting, MeetingRequest, RequestStatus
from sezatlas.congress.scheduling.instance import (
    NO_LANGUAGE,
    Assignment,
    Instance,
    IntArray,
    objective,
    option_that_fits,
    use_interpreters,
)

# Eligible = at least two partners with a common free slot (docs/congress-scheduling.md#how-good-measured).
ELIGIBLE_CANDIDATES = 2


REASON_KINDS = {
    "blocked": "the pair is blocked",
    "unregistered": "not a registered participant",
    "no_language": NO_LANGUAGE,
    "no_common_slot": "no common free slot",
    "excluded": "the pair can never meet (blocked, no common slot, or no language and no interpreter)",
    "cap": "a participant reached their maximum of meetings",
    "tables": "all tables taken in every common free slot",
    "interpreters": "no interpreter free in any common slot",
    "taken": "common free slots taken by more valuable meetings",
    "travel": "no table reachable in time between halls",
    "declined": "request declined",
    "pending": "request awaiting an answer",
}


# The kinds of pairs that can never meet, by the sentence `Instance.excluded` gives. "excluded" is
# what schedules stored before the finer kinds said for all four.
NAMED = ("cap", "interpreters", "taken")  # kinds whose sentence may name people, pools or counts
NEVER_MEET = {
    REASON_KINDS[kind]: kind for kind in ("blocked", "unregistered", "no_language", "no_common_slot")
}


@dataclass(frozen=True)
class UnmetRequest:
    """A requested pair without a meeting and why, as a sentence and as data.

    `reason` is the English sentence (it names people); `kind` (a REASON_KINDS key) and `params` (the
    names and numbers in the sentence) are what a page translates from, so the wording may change
    without breaking a translation. Schedules stored before `kind` or `params` existed have them empty.
    """

    first: str
    second: str
    reason: str
    kind: str = ""
    params: Mapping[str, str] = field(default_factory=dict)


# The sentences of `_why` that carry names and numbers, to read them back from a stored sentence.
_SENTENCE_PATTERNS = (
    ("cap", re.compile(r"(?P<participant>\S+) reached their maximum of (?P<maximum>\d+) meetings")),
    ("interpreters", re.compile(r"no (?P<pool>\S+) interpreter free in any common slot")),
    ("taken", re.compile(r"their (?P<count>\d+) common free slot\(s\) are taken by more valuable meetings")),
)


def with_kind(unmet: UnmetRequest) -> UnmetRequest:
    """`unmet` with its kind and parameters, read back from its sentence when it was stored without them.

    Schedules stored before `kind` existed have none, those stored before `params` existed have no
    names or numbers, and those stored before the kinds of pairs that never meet were told apart say
    "excluded" for all four: their sentences were the same then, so the sentence says which it was.
    A sentence not recognised keeps its kind (or none) and is shown as written.
    """
    if unmet.kind in REASON_KINDS and unmet.kind != "excluded" and (unmet.params or unmet.kind not in NAMED):
        return unmet
    for kind, pattern in _SENTENCE_PATTERNS:
        found = pattern.fullmatch(unmet.reason)
        if found:
            return replace(unmet, kind=kind, params=found.groupdict())
    kind = next((k for k, sentence in REASON_KINDS.items() if sentence == unmet.reason), unmet.kind)
    return replace(unmet, kind=kind)


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
    interpreter_load: dict[str, tuple[int, ...]]  # pool ("en–ru", "trilingual") → interpreters busy per slot
    interpreter_capacity: dict[str, tuple[int, ...]]  # pool → interpreters on duty per slot
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


def degrees(inst: Instance, slot_of: IntArray) -> IntArray:
    placed = slot_of >= 0
    return np.bincount(inst.pair_a[placed], minlength=inst.n) + np.bincount(
        inst.pair_b[placed], minlength=inst.n
    )


def build_report(
    inst: Instance,
    assignment: Assignment,
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
    slot_of = assignment.slot_of
    degree = degrees(inst, slot_of)
    candidates = np.bincount(inst.pair_a, minlength=inst.n) + np.bincount(inst.pair_b, minlength=inst.n)
    eligible = (candidates >= ELIGIBLE_CANDIDATES) & (inst.cap > 0)
    slots = inst.slot_count
    per_slot = np.bincount(slot_of[slot_of >= 0], minlength=slots)
    load = _pools_used(inst, assignment)
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
        interpreter_load={name: tuple(int(u) for u in load[k]) for k, name in enumerate(inst.pool_names)},
        interpreter_capacity={
            name: tuple(int(c) for c in inst.pool_cap[k]) for k, name in enumerate(inst.pool_names)
        },
        unmet=tuple(_unmet(inst, assignment, degree, requests, set(unseated))),
        seconds=seconds,
        bound_seconds=bound_seconds,
        moved=moved,
    )


def _pools_used(inst: Instance, assignment: Assignment) -> IntArray:
    """Interpreters of each pool busy in each slot (a relay takes one from each of its two pools)."""
    used = np.zeros_like(inst.pool_cap)
    for e in np.flatnonzero(assignment.slot_of >= 0):
        use_interpreters(inst, used, int(assignment.option_of[e]), int(assignment.slot_of[e]))
    return used


def _unmet(
    inst: Instance,
    assignment: Assignment,
    degree: IntArray,
    requests: Sequence[MeetingRequest],
    unseated: set[int],
) -> list[UnmetRequest]:
    """Every requested pair that has no meeting, with the first reason that explains it."""
    slot_of = assignment.slot_of
    out = [UnmetRequest(a, b, why, NEVER_MEET.get(why, "excluded")) for a, b, why in inst.excluded]
    busy = np.zeros((inst.n, inst.slot_count), dtype=bool)
    tables = np.zeros(inst.slot_count, dtype=np.int64)
    pools_used = _pools_used(inst, assignment)
    for e in np.flatnonzero(slot_of >= 0):
        t = int(slot_of[e])
        busy[inst.pair_a[e], t] = busy[inst.pair_b[e], t] = True
        tables[t] += 1
    for e in np.flatnonzero(slot_of < 0):
        a, b = int(inst.pair_a[e]), int(inst.pair_b[e])
        kind, why, params = _why(inst, int(e), a, b, degree, busy, tables, pools_used, unseated)
        out.append(UnmetRequest(inst.ids[a], inst.ids[b], why, kind, params))
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
    pools_used: IntArray,
    unseated: set[int],
) -> tuple[str, str, dict[str, str]]:
    """The kind, the sentence and the sentence's parameters of the first reason that applies."""
    if e in unseated:
        return "travel", REASON_KINDS["travel"], {}
    for person in (a, b):
        if degree[person] >= inst.cap[person]:
            who, maximum = inst.ids[person], str(inst.cap[person])
            sentence = f"{who} reached their maximum of {maximum} meetings"
            return "cap", sentence, {"participant": who, "maximum": maximum}
    common = inst.common_slots[e]
    if all(tables[t] >= inst.tables[t] for t in common):
        return "tables", REASON_KINDS["tables"], {}
    if all(option_that_fits(inst, e, t, pools_used) is None for t in common):
        options = inst.pair_options[e]
        legs = inst.option_legs[options[0]]
        if len(options) == 1 and len(legs) == 1:
            pool = inst.pool_names[legs[0]]
            return "interpreters", f"no {pool} interpreter free in any common slot", {"pool": pool}
        return "interpreters", REASON_KINDS["interpreters"], {}
    sentence = f"their {len(common)} common free slot(s) are taken by more valuable meetings"
    return "taken", sentence, {"count": str(len(common))}
