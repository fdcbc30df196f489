"""The time-indexed model (a 0/1 per pair and slot) over a subset of pairs, solved with OR-Tools CP-SAT.

One builder serves the exact solve (all pairs free) and every large-neighbourhood move (a few
hundred people's pairs free, the rest of the schedule fixed): the fixed meetings only shrink the
free slots, the per-person caps, the tables and the interpreters left, and raise the degree the
fairness bonus starts from. A pair that needs an interpreter has a variable per slot and interpreter
option; a pool's interpreters in a slot cap the legs of the options chosen there (a relay through one
pool would count twice). CP-SAT (a lazy-clause-generation solver) is the engine for the slotting
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

from sezatlas.congress.scheduling.instance import (
    NO_INTERPRETER,
    Assignment,
    Instance,
    IntArray,
    use_interpreters,
)

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

SCALE = 100  # CP-SAT needs integer objective coefficients; values carry two decimals


@dataclass(frozen=True)
class SubResult:
    slot_of: dict[int, int]  # free pair → slot, or −1
    option_of: dict[int, int]  # free pair → interpreter option, or −1
    optimal: bool
    wall_time: float


@dataclass
class _Residual:
    """What the fixed part of the schedule leaves to the free pairs."""

    busy: set[tuple[int, int]]
    degree: dict[int, int]
    tables: IntArray
    pools_used: IntArray  # interpreters of each pool and slot taken by the fixed meetings


def _residual(inst: Instance, free: Sequence[int], assignment: Assignment) -> _Residual:
    is_free = np.zeros(inst.pair_count, dtype=bool)
    is_free[list(free)] = True
    left = _Residual(set(), defaultdict(int), inst.tables.copy(), np.zeros_like(inst.pool_cap))
    for e in np.flatnonzero((assignment.slot_of >= 0) & ~is_free):
        t = int(assignment.slot_of[e])
        for person in (int(inst.pair_a[e]), int(inst.pair_b[e])):
            left.busy.add((person, t))
            left.degree[person] += 1
        left.tables[t] -= 1
        use_interpreters(inst, left.pools_used, int(assignment.option_of[e]), t)
    return left


def _fitting_options(inst: Instance, e: int, t: int, left: _Residual) -> list[int]:
    """The interpreter options of pair e whose interpreters the fixed meetings leave in slot t."""
    if not inst.needs_interpreter(e):
        return [NO_INTERPRETER]
    room = inst.pool_cap[:, t] - left.pools_used[:, t]
    return [
        o
        for o in inst.pair_options[e]
        if all(room[k] >= inst.option_legs[o].count(k) for k in inst.option_legs[o])
    ]


def solve_pairs(
    inst: Instance,
    free: Sequence[int],
    assignment: Assignment,
    *,
    time_limit: float,
    workers: int = 2,
    seed: int = 0,
    keep_bonus: Mapping[int, float] | None = None,
    deterministic_time: float | None = None,
    slots: frozenset[int] | None = None,
) -> SubResult:
    """Best slots (and interpreters) for the pairs `free`, every other pair staying as in `assignment`.

    `keep_bonus[e]` rewards pair e for keeping its current slot: re-scheduling uses it so that
    moving a meeting only happens when it gains more than the bonus. `slots` restricts the free
    pairs to a time window (the window neighbourhoods of the large-neighbourhood search).
    """
    from ortools.sat.python import cp_model

    slot_of, option_of = assignment
    left = _residual(inst, free, assignment)
    model = cp_model.CpModel()
    per_pair: dict[int, list[tuple[int, int, cp_model.IntVar]]] = defaultdict(list)
    groups: dict[tuple[str, int, int], list[cp_model.IntVar]] = defaultdict(list)
    interpreters: dict[tuple[int, int], list[cp_model.IntVar]] = defaultdict(list)  # one entry per leg
    variables: list[cp_model.IntVar] = []
    coefficients: list[int] = []
    bonus = keep_bonus or {}
    for e in map(int, free):
        a, b = int(inst.pair_a[e]), int(inst.pair_b[e])
        if left.degree[a] >= inst.cap[a] or left.degree[b] >= inst.cap[b]:
            continue
        for t in inst.common_slots[e]:
            if slots is not None and t not in slots:
                continue
            if (a, t) in left.busy or (b, t) in left.busy or left.tables[t] <= 0:
                continue
            for o in _fitting_options(inst, e, t, left):
                x = model.new_bool_var(f"x{e}_{t}_{o}")
                per_pair[e].append((t, o, x))
                for key in (("slot", a, t), ("slot", b, t), ("person", a, 0), ("person", b, 0)):
                    groups[key].append(x)
                groups["tables", t, 0].append(x)
                for k in inst.option_legs[o] if o >= 0 else ():
                    interpreters[k, t].append(x)
                variables.append(x)
                coefficients.append(
                    round((inst.weight[e] + (bonus.get(e, 0.0) if t == slot_of[e] else 0.0)) * SCALE)
                )
    for options in per_pair.values():
        if len(options) > 1:
            model.add_at_most_one(x for _, _, x in options)
    _add_interpreter_limits(model, inst, left, interpreters)
    _add_limits_and_fairness(model, inst, left, groups, variables, coefficients)
    model.maximize(cp_model.LinearExpr.weighted_sum(variables, coefficients))
    for e, options in per_pair.items():
        for t, o, x in options:
            model.add_hint(x, t == slot_of[e] and o == option_of[e])

    return _run(model, per_pair, free, assignment, time_limit, workers, seed, deterministic_time)


def _add_interpreter_limits(
    model: cp_model.CpModel,
    inst: Instance,
    left: _Residual,
    interpreters: Mapping[tuple[int, int], list[cp_model.IntVar]],
) -> None:
    """Each pool's interpreters left in a slot cap the legs chosen there (a variable once per leg)."""
    from ortools.sat.python import cp_model

    for (k, t), legs in interpreters.items():
        room = int(inst.pool_cap[k, t] - left.pools_used[k, t])
        if len(legs) > room:
            model.add(cp_model.LinearExpr.sum(legs) <= room)


def _add_limits_and_fairness(
    model: cp_model.CpModel,
    inst: Instance,
    left: _Residual,
    groups: Mapping[tuple[str, int, int], list[cp_model.IntVar]],
    variables: list[cp_model.IntVar],
    coefficients: list[int],
) -> None:
    """One meeting per person and slot, the caps, the tables, and each person's fairness floor term."""
    from ortools.sat.python import cp_model

    for (kind, first, _), xs in groups.items():
        room = _room(inst, left, kind, first)
        if len(xs) > room:
            if room == 1:
                model.add_at_most_one(xs)
            else:
                model.add(cp_model.LinearExpr.sum(xs) <= room)
        missing = inst.fairness_floor - left.degree[first] if kind == "person" else 0
        if missing > 0:
            floor = model.new_int_var(0, missing, f"u{first}")
            model.add(floor <= cp_model.LinearExpr.sum(xs))
            variables.append(floor)
            coefficients.append(round(inst.fairness_bonus * SCALE))


def _run(
    model: cp_model.CpModel,
    per_pair: Mapping[int, list[tuple[int, int, cp_model.IntVar]]],
    free: Sequence[int],
    assignment: Assignment,
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
    slots = {int(e): -1 for e in free}
    options = {int(e): NO_INTERPRETER for e in free}
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        for e, choices in per_pair.items():
            for t, o, x in choices:
                if solver.boolean_value(x):
                    slots[e], options[e] = t, o
    else:  # no solution within the limit: keep what was there
        slots.update({int(e): int(assignment.slot_of[e]) for e in free})
        options.update({int(e): int(assignment.option_of[e]) for e in free})
    return SubResult(slots, options, status == cp_model.OPTIMAL, float(solver.wall_time))


def _room(inst: Instance, left: _Residual, kind: str, first: int) -> int:
    """Capacity left for a group of variables: one person-slot, a person, or a slot's tables."""
    if kind == "slot":
        return 1
    if kind == "person":
        return int(inst.cap[first]) - left.degree[first]
    return int(left.tables[first])
