"""Large-neighbourhood search over the CP-SAT slotting model, for congresses too big to solve whole.

Why LNS: the research probe (§2.4) measured the monolithic model running out of steam at ~0.5 M
pair-slot variables (4.2 GB, barely above greedy at 3,000 × 12), while re-optimising ~150-person
neighbourhoods with everything else fixed kept improving at 10,000 × 16 within 1.3 GB.

Every `KEMPE_EVERY` rounds (and first) a pass of Kempe-chain moves (`kempe`) places pairs whose
two people are free in different slots: a move neighbourhoods rarely find because its chain of
meetings crosses any region drawn around the pair.

A neighbourhood is grown by breadth-first search in the graph of candidate pairs, seeded half of
the time at someone below the fairness floor who still has an unplaced pair (the targeted seeds
the research names as the next step beyond uniform seeds). Its internal pairs and its unplaced
pairs to outsiders are re-solved; a move is kept when the total objective does not drop. The
neighbourhood grows while sub-solves prove optimality quickly and shrinks when they time out.
Time windows are drawn half of the time among the slots whose tables are all taken: where tables
bind, re-deciding who gets the tables of full slots is the move that gains (issue 13).
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from sezatlas.congress.scheduling.instance import Assignment, Instance, IntArray, incident_pairs, objective
from sezatlas.congress.scheduling.kempe import kempe_pass
from sezatlas.congress.scheduling.subproblem import solve_pairs

WINDOW_SHARE = 0.8
WINDOW_SLOTS = 3
KEMPE_EVERY = 100  # rounds between passes of Kempe-chain moves (milliseconds to a few seconds each)


@dataclass(frozen=True)
class SearchLog:
    rounds: int
    improvements: int
    final_size: int


def large_neighbourhood_search(
    inst: Instance,
    start: Assignment,
    *,
    deadline: float,
    seed: int = 1,
    size: int = 150,
    sub_time: float = 0.5,
    locked: frozenset[int] = frozenset(),
    keep_bonus: Mapping[int, float] | None = None,
    stop: Callable[[float], bool] | None = None,
    progress: Callable[[float], None] | None = None,
) -> tuple[Assignment, SearchLog]:
    """Improve `start` until `deadline` (a `time.perf_counter()` value) or `stop(objective)` says so."""
    rng = np.random.default_rng(seed)
    incident = incident_pairs(inst)
    other_end = [
        np.where(inst.pair_a[p] == i, inst.pair_b[p], inst.pair_a[p]) for i, p in enumerate(incident)
    ]
    current = start.copy()
    bonus = keep_bonus or {}
    value = _value(inst, current.slot_of, bonus, start.slot_of)
    rounds = improvements = 0
    active = np.flatnonzero([len(p) > 0 for p in incident])
    if active.shape[0] == 0:
        return current, SearchLog(0, 0, size)
    while time.perf_counter() < deadline and not (stop and stop(value)):
        if rounds % KEMPE_EVERY == 0:
            trial = kempe_pass(inst, current, deadline=deadline, locked=locked, seed=seed + rounds)
            trial_value = _value(inst, trial.slot_of, bonus, start.slot_of)
            if trial_value > value + 1e-9:
                improvements += 1
                current, value = trial, trial_value
                if progress is not None:
                    progress(value)
            if stop and stop(value):
                break
        rounds += 1
        window = _window(rng, inst, current.slot_of) if rng.random() < WINDOW_SHARE else None
        grown = size if window is None else min(inst.n, size * inst.slot_count // len(window))
        members = _grow(rng, _seed_person(rng, inst, current.slot_of, incident, active), other_end, grown)
        free = _free_pairs(inst, current.slot_of, incident, members, window, locked)
        left = deadline - time.perf_counter()
        if left <= 0.05 or free.shape[0] == 0:
            continue
        result = solve_pairs(
            inst,
            [int(e) for e in free],
            current,
            time_limit=min(sub_time, left),
            seed=rounds,
            keep_bonus=bonus,
            slots=window,
        )
        trial = current.copy()
        for e, t in result.slot_of.items():
            trial.assign(e, t, result.option_of[e])
        trial_value = _value(inst, trial.slot_of, bonus, start.slot_of)
        if trial_value >= value - 1e-9:
            if trial_value > value + 1e-9:
                improvements += 1
            current, value = trial, trial_value
            if progress is not None:
                progress(value)
        size = min(int(size * 1.1) + 1, inst.n) if result.optimal else max(30, int(size * 0.85))
    return current, SearchLog(rounds, improvements, size)


def _window(rng: np.random.Generator, inst: Instance, slot_of: IntArray) -> frozenset[int]:
    """A few slots, not necessarily adjacent: swapping meetings between them is what slotting needs."""
    width = min(inst.slot_count, WINDOW_SLOTS)
    used = np.bincount(slot_of[slot_of >= 0], minlength=inst.slot_count)
    full = np.flatnonzero(used >= inst.tables)
    if full.shape[0] >= width and rng.random() < 0.5:
        return frozenset(int(t) for t in rng.choice(full, size=width, replace=False))
    return frozenset(int(t) for t in rng.choice(inst.slot_count, size=width, replace=False))


def _free_pairs(
    inst: Instance,
    current: IntArray,
    incident: list[IntArray],
    members: list[int],
    window: frozenset[int] | None,
    locked: frozenset[int],
) -> IntArray:
    """Pairs to re-solve: inside the region (within the window if any) and unplaced pairs touching it."""
    inside = np.zeros(inst.n, dtype=bool)
    inside[members] = True
    candidates = np.unique(np.concatenate([incident[i] for i in members]))
    placed = current[candidates] >= 0
    if window is None:
        movable = inside[inst.pair_a[candidates]] & inside[inst.pair_b[candidates]]
    else:
        movable = np.isin(current[candidates], list(window))
    free = candidates[(movable | ~placed)]
    return free[~np.isin(free, list(locked))]  # type: ignore[no-any-return]


def _value(inst: Instance, slot_of: IntArray, bonus: Mapping[int, float], start: IntArray) -> float:
    kept = sum(b for e, b in bonus.items() if slot_of[e] >= 0 and slot_of[e] == start[e])
    return objective(inst, slot_of) + kept


def _seed_person(
    rng: np.random.Generator, inst: Instance, slot_of: IntArray, incident: list[IntArray], active: IntArray
) -> int:
    """Half the time someone under the fairness floor who has a pair still unplaced."""
    if rng.random() < 0.5:
        placed = slot_of >= 0
        degree = np.bincount(inst.pair_a[placed], minlength=inst.n) + np.bincount(
            inst.pair_b[placed], minlength=inst.n
        )
        unplaced = np.bincount(inst.pair_a[~placed], minlength=inst.n) + np.bincount(
            inst.pair_b[~placed], minlength=inst.n
        )
        needy = np.flatnonzero((degree < np.minimum(inst.fairness_floor, inst.cap)) & (unplaced > 0))
        if needy.shape[0]:
            return int(rng.choice(needy))
    return int(rng.choice(active))


def _grow(rng: np.random.Generator, seed: int, other_end: list[IntArray], size: int) -> list[int]:
    """Breadth-first search in the candidate graph, neighbours in random order."""
    seen = {seed}
    queue = deque([seed])
    members = [seed]
    while queue and len(members) < size:
        person = queue.popleft()
        for other in rng.permutation(other_end[person]):
            if int(other) not in seen:
                seen.add(int(other))
                members.append(int(other))
                queue.append(int(other))
                if len(members) >= size:
                    break
    return members
