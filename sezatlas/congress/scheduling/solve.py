"""Schedule a Congress: certified bound, greedy or LP-guided start, CP-SAT (whole or by parts), tables.

The method (`docs/congress-scheduling.md#how-it-is-solved`): the block-Hall LP is solved first, and
a start schedule always exists within seconds — the better of the value greedy and the construction
the LP guides (`guided.py`); the whole time-indexed model goes to CP-SAT while it has at most
`EXACT_VARIABLES` pair-slot variables, larger events are improved by large-neighbourhood search;
the block-Hall LP bound is computed every time, so the result states its worst-case gap.

Re-scheduling during the event (`reschedule`) starts from the published schedule, keeps meetings
already held, and pays a bonus for every meeting left where it was, so a meeting moves only when
that gains more than the bonus; the report says how many moved.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal

import numpy as np

from sezatlas.congress.model import Event, Meeting, MeetingRequest, Participant, Schedule
from sezatlas.congress.scheduling.bound import block_hall_bound
from sezatlas.congress.scheduling.greedy import (
    Occupancy,
    first_come_first_served,
    greedy_schedule,
    place_in_order,
)
from sezatlas.congress.scheduling.guided import guided_schedule
from sezatlas.congress.scheduling.instance import (
    Assignment,
    FloatArray,
    Instance,
    IntArray,
    build_instance,
    objective,
    use_interpreters,
)
from sezatlas.congress.scheduling.kempe import kempe_pass
from sezatlas.congress.scheduling.lns import large_neighbourhood_search
from sezatlas.congress.scheduling.report import ScheduleReport, build_report
from sezatlas.congress.scheduling.seating import seat_meetings
from sezatlas.congress.scheduling.subproblem import solve_pairs

Method = Literal["auto", "exact", "lns", "greedy", "fcfs"]
EXACT_VARIABLES = 10_000
DEFAULT_MOVE_BONUS = 2.0


@dataclass(frozen=True)
class ScheduleResult:
    schedule: Schedule
    report: ScheduleReport


def schedule_event(
    participants: Sequence[Participant],
    event: Event,
    requests: Sequence[MeetingRequest],
    *,
    time_limit: float = 60.0,
    method: Method = "auto",
    seed: int = 1,
    values: Mapping[frozenset[str], float] | None = None,
    deterministic: bool = False,
    progress: Callable[[str, float], None] | None = None,
) -> ScheduleResult:
    """The best schedule found within `time_limit` seconds, with its report.

    `deterministic` gives the same schedule on every run (one CP-SAT worker, a deterministic
    time budget instead of the clock), for tests and reproducible published schedules.
    """
    started = time.perf_counter()
    inst = build_instance(participants, event, requests, values)
    bound = block_hall_bound(inst, event, time_limit=max(5.0, 0.4 * time_limit))
    assignment = _start(inst, method, bound.pair_shares)
    _notify(progress, "greedy", inst, assignment.slot_of)
    deadline = started + time_limit
    chosen = _choose(inst, method)
    assignment = _improve(inst, assignment, chosen, deadline, seed, deterministic, bound.value, progress)
    meetings, unseated = seat_meetings(inst, event, assignment)
    _unplace(assignment, unseated)
    report = build_report(
        inst,
        assignment,
        meetings,
        requests,
        method=chosen,
        upper_bound=bound.value,
        seconds=time.perf_counter() - started,
        bound_seconds=bound.seconds,
        unseated=unseated,
    )
    return ScheduleResult(Schedule(tuple(meetings)), report)


def reschedule(
    previous: Schedule,
    participants: Sequence[Participant],
    event: Event,
    requests: Sequence[MeetingRequest],
    *,
    from_slot: int = 0,
    time_limit: float = 30.0,
    move_bonus: float = DEFAULT_MOVE_BONUS,
    seed: int = 1,
    values: Mapping[frozenset[str], float] | None = None,
) -> ScheduleResult:
    """Repair `previous` after cancellations, late arrivals or new requests.

    Meetings before `from_slot` have happened and stay; no new meeting goes before it. A meeting
    still possible keeps its slot unless moving it gains more than `move_bonus`; the report's
    `moved` counts the previous meetings, still possible, that moved or were dropped.
    """
    started = time.perf_counter()
    inst = build_instance(participants, event, requests, values)
    pair_index = {
        frozenset((inst.ids[a], inst.ids[b])): e
        for e, (a, b) in enumerate(zip(inst.pair_a, inst.pair_b, strict=True))
    }
    before = Assignment.empty(inst)
    for m in previous.meetings:
        e = pair_index.get(frozenset((m.first, m.second)))
        if e is not None and m.slot in inst.common_slots[e]:
            before.assign(e, m.slot, _option_of(inst, e, m))
    inst = _only_from(inst, from_slot, before.slot_of)
    locked = frozenset(int(e) for e in np.flatnonzero((before.slot_of >= 0) & (before.slot_of < from_slot)))
    kept = _feasible_subset(inst, before)
    still_possible = np.flatnonzero(kept.slot_of >= 0)
    rest = (int(e) for e in np.lexsort((-inst.weight, ~inst.is_must)) if kept.slot_of[e] < 0)
    start = place_in_order(inst, rest, kept)
    bound = block_hall_bound(inst, event, time_limit=max(5.0, 0.4 * time_limit))
    bonus = {int(e): move_bonus for e in still_possible if int(e) not in locked}
    assignment, _ = large_neighbourhood_search(
        inst,
        start,
        deadline=started + time_limit,
        seed=seed,
        locked=locked,
        keep_bonus=bonus,
        stop=lambda value: value >= bound.value + sum(bonus.values()) - 1e-6,
    )
    previous_tables = {frozenset((m.first, m.second)): m.table for m in previous.meetings}
    meetings, unseated = seat_meetings(inst, event, assignment, previous_tables)
    _unplace(assignment, unseated)
    moved = int(sum(1 for e in still_possible if assignment.slot_of[e] != kept.slot_of[e]))
    report = build_report(
        inst,
        assignment,
        meetings,
        requests,
        method="reschedule",
        upper_bound=bound.value,
        seconds=time.perf_counter() - started,
        bound_seconds=bound.seconds,
        unseated=unseated,
        moved=moved,
    )
    return ScheduleResult(Schedule(tuple(meetings)), report)


def _start(inst: Instance, method: Method, shares: FloatArray) -> Assignment:
    """The construction the search starts from: the better of the value greedy and the LP-guided one.

    "greedy" and "fcfs" are the baselines the benchmark compares against, so they stay pure.
    """
    if method == "fcfs":
        return first_come_first_served(inst)
    greedy = greedy_schedule(inst)
    if method == "greedy":
        return greedy
    guided = guided_schedule(inst, shares)
    return guided if objective(inst, guided.slot_of) > objective(inst, greedy.slot_of) else greedy


def _unplace(assignment: Assignment, pairs: Sequence[int]) -> None:
    for e in pairs:
        assignment.assign(e, -1, -1)


def _choose(inst: Instance, method: Method) -> str:
    if method != "auto":
        return method
    options = (max(1, len(o)) for o in inst.pair_options)
    variables = sum(len(c) * n for c, n in zip(inst.common_slots, options, strict=True))
    return "exact" if variables <= EXACT_VARIABLES else "lns"


def _improve(
    inst: Instance,
    assignment: Assignment,
    method: str,
    deadline: float,
    seed: int,
    deterministic: bool,
    upper_bound: float,
    progress: Callable[[str, float], None] | None,
) -> Assignment:
    left = deadline - time.perf_counter()
    if method in ("greedy", "fcfs") or left <= 0.1 or inst.pair_count == 0:
        return assignment
    if method == "exact":
        if not deterministic:  # a better hint for CP-SAT; Kempe passes stop on the clock
            assignment = kempe_pass(inst, assignment, deadline=time.perf_counter() + 0.1 * left, seed=seed)
        result = solve_pairs(
            inst,
            range(inst.pair_count),
            assignment,
            time_limit=left,
            seed=seed,
            deterministic_time=left if deterministic else None,
        )
        improved = assignment.copy()
        for e, t in result.slot_of.items():
            improved.assign(e, t, result.option_of[e])
        _notify(progress, "exact", inst, improved.slot_of)
        return improved
    improved, _ = large_neighbourhood_search(
        inst,
        assignment,
        deadline=deadline,
        seed=seed,
        stop=lambda value: value >= upper_bound - 1e-6,
        progress=(lambda value: progress("lns", value)) if progress else None,
    )
    return improved


def _notify(
    progress: Callable[[str, float], None] | None, stage: str, inst: Instance, slot_of: IntArray
) -> None:
    if progress is not None:
        progress(stage, objective(inst, slot_of))


def _only_from(inst: Instance, from_slot: int, before: IntArray) -> Instance:
    """No new meeting before `from_slot`; a held meeting keeps its own slot available."""
    if from_slot <= 0:
        return inst
    common = tuple(
        tuple(t for t in slots if t >= from_slot or t == before[e])
        for e, slots in enumerate(inst.common_slots)
    )
    return replace(inst, common_slots=common)


def _option_of(inst: Instance, e: int, meeting: Meeting) -> int:
    """The option of pair e that uses the pools `meeting` used, or −1 (another option will be chosen)."""
    for o in inst.pair_options[e]:
        if tuple(inst.pool_names[k] for k in inst.option_legs[o]) == meeting.interpreter_pools:
            return o
    return -1


def _feasible_subset(inst: Instance, before: Assignment) -> Assignment:
    """The previous meetings that still fit together: capacity may have shrunk (fewer interpreters).

    A meeting keeps its interpreters when they are still free, so a printed agenda stays true.
    """
    kept = Assignment.empty(inst)
    occupancy = Occupancy(inst)
    for e in map(int, np.flatnonzero(before.slot_of >= 0)):
        t, previous = int(before.slot_of[e]), int(before.option_of[e])
        option = occupancy.option_for(e, t)
        if option is not None and previous >= 0 and option != previous:
            option = previous if _still_free(inst, occupancy, previous, t) else option
        if option is not None:
            occupancy.place(e, t, option)
            kept.assign(e, t, option)
    return kept


def _still_free(inst: Instance, occupancy: Occupancy, option: int, t: int) -> bool:
    trial = occupancy.pools_used.copy()
    use_interpreters(inst, trial, option, t)
    return bool((trial[:, t] <= inst.pool_cap[:, t]).all())
