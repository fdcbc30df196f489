"""The time-indexed model (a 0/1 per pair and slot) over a subset of pairs, solved with OR-Tools CP-SAT.

One builder serves the exact solve (all pairs free) and every large-neighbourhood move (a few
hundred people's pairs free, the rest of the schedule fixed): the fixed meetings only shrink the
free slots, the per-person caps, the tables and the interpreters left, and raise the degree the
fairness bonus starts from. CP-SAT (a lazy-clause-generation solver) is the engine for the slotting
stage because SAT-style propagation beats plain MIP on B2B meeting scheduling: Bofill, Coll, Garcia,
Giráldez-Cru, Pesant, Suy & Villaret, "Constraint solving approaches to the business-to-business meeting
scheduling problem", Journal of Artificial Intelligence Research 74 (2022).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from sezatlas.congress.scheduling.instance import FAIRNESS_BONUS, FAIRNESS_FLOOR, Instance, IntArray

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

SCALE = 100  # CP-SAT needs integer objective coefficients; values carry two decimals


@dataclass(frozen=True)
class SubResult:
    slot_of: dict[int, int]  # free pair → slot, or −1
    optimal: bool
    wall_time: float


@dataclass
class _Residual:
    """What the fixed part of the schedule leaves to the free pairs."""

    busy: set[tuple[int, int]]
    degree: dict[int, int]
    tables: IntArray
    interpreters: IntArray


def _residual(inst: Instance, free: Sequence[int], slot_of: IntArray) -> _Residual:
    is_free = np.zeros(inst.pair_count, dtype=bool)
    is_free[list(free)] = True
    left = _Residual(set(), defaultdict(int), inst.tables.copy(), inst.interp_cap.copy())
    for e in np.flatnonzero((slot_of >= 0) & ~is_free):
        t = int(slot_of[e])
        for person in (int(inst.pair_a[e]), int(inst.pair_b[e])):
            left.busy.add((person, t))
            left.degree[person] += 1
        left.tables[t] -= 1
        if inst.interp[e] >= 0:
            left.interpreters[inst.interp[e], t] -= 1
    return left


def solve_pairs(
    inst: Instance,
    free: Sequence[int],
    slot_of: IntArray,
    *,
    time_limit: float,
    workers: int = 2,
    seed: int = 0,
    keep_bonus: Mapping[int, float] | None = None,
    deterministic_time: float | None = None,
    slots: frozenset[int] | None = None,
) -> SubResult:
    """Best slots for the pairs `free`, every other pair staying as in `slot_of`.

    `keep_bonus[e]` rewards pair e for keeping its current slot: re-scheduling uses it so that
    moving a meeting only happens when it gains more than the bonus. `slots` restricts the free
    pairs to a time window (the window neighbourhoods of the large-neighbourhood search).
    """
    from ortools.sat.python import cp_model

    left = _residual(inst, free, slot_of)
    model = cp_model.CpModel()
    per_pair: dict[int, list[tuple[int, cp_model.IntVar]]] = defaultdict(list)
    groups: dict[tuple[str, int, int], list[cp_model.IntVar]] = defaultdict(list)
    variables: list[cp_model.IntVar] = []
    coefficients: list[int] = []
    bonus = keep_bonus or {}
    for e in map(int, free):
        a, b, k = int(inst.pair_a[e]), int(inst.pair_b[e]), int(inst.interp[e])
        if left.degree[a] >= inst.cap[a] or left.degree[b] >= inst.cap[b]:
            continue
        for t in inst.common_slots[e]:
            if slots is not None and t not in slots:
                continue
            if (a, t) in left.busy or (b, t) in left.busy or left.tables[t] <= 0:
                continue
            if k >= 0 and left.interpreters[k, t] <= 0:
                continue
            x = model.new_bool_var(f"x{e}_{t}")
            per_pair[e].append((t, x))
            for key in (("slot", a, t), ("slot", b, t), ("person", a, 0), ("person", b, 0), ("tables", t, 0)):
                groups[key].append(x)
            if k >= 0:
                groups["interpreters", k, t].append(x)
            variables.append(x)
            coefficients.append(
                round((inst.weight[e] + (bonus.get(e, 0.0) if t == slot_of[e] else 0.0)) * SCALE)
            )
    for options in per_pair.values():
        if len(options) > 1:
            model.add_at_most_one(x for _, x in options)
    for (kind, first, second), xs in groups.items():
        room = _room(inst, left, kind, first, second)
        if len(xs) > room:
            if room == 1:
                model.add_at_most_one(xs)
            else:
                model.add(cp_model.LinearExpr.sum(xs) <= room)
        missing = FAIRNESS_FLOOR - left.degree[first] if kind == "person" else 0
        if missing > 0:
            floor = model.new_int_var(0, missing, f"u{first}")
            model.add(floor <= cp_model.LinearExpr.sum(xs))
            variables.append(floor)
            coefficients.append(round(FAIRNESS_BONUS * SCALE))
    model.maximize(cp_model.LinearExpr.weighted_sum(variables, coefficients))
    for e, options in per_pair.items():
        for t, x in options:
            model.add_hint(x, t == slot_of[e])

    return _run(model, per_pair, free, slot_of, time_limit, workers, seed, deterministic_time)


def _run(
    model: cp_model.CpModel,
    per_pair: Mapping[int, list[tuple[int, cp_model.IntVar]]],
    free: Sequence[int],
    slot_of: IntArray,
    time_limit: float,
    workers: int,
    seed: int,
    deterministic_time: float | None,
) -> SubResult:
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = 1 if deterministic_time is not None else workers
    solver.parameters.random_seed = seed
    if deterministic_time is not None:
        solver.parameters.max_deterministic_time = deterministic_time
    status = solver.solve(model)
    result = {int(e): -1 for e in free}
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for e, options in per_pair.items():
            for t, x in options:
                if solver.boolean_value(x):
                    result[e] = t
    else:  # no solution within the limit: keep what was there
        result.update({int(e): int(slot_of[e]) for e in free})
    return SubResult(result, status == cp_model.OPTIMAL, float(solver.wall_time))


def _room(inst: Instance, left: _Residual, kind: str, first: int, second: int) -> int:
    """Capacity left for a group of variables: one person-slot, a person, a slot's tables or interpreters."""
    if kind == "slot":
        return 1
    if kind == "person":
        return int(inst.cap[first]) - left.degree[first]
    if kind == "tables":
        return int(left.tables[first])
    return int(left.interpreters[first, second])
