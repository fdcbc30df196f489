"""Construction heuristics: first-come-first-served (what brokerage platforms do) and value-greedy.

Both place a pair in the earliest common slot where both people are free and a table and, if
needed, an interpreter are left (`docs/congress-scheduling.md#how-it-is-solved`, step 1). They differ only in
the order.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from sezatlas.congress.scheduling.instance import (
    FAIRNESS_FLOOR,
    Assignment,
    Instance,
    option_that_fits,
    use_interpreters,
)


class Occupancy:
    """Who is busy when, and what capacity is used, for incremental placement."""

    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        self.busy = ~inst.available.copy()
        self.degree = np.zeros(inst.n, dtype=np.int64)
        self.tables_used = np.zeros(inst.slot_count, dtype=np.int64)
        self.pools_used = np.zeros_like(inst.pool_cap)

    def option_for(self, e: int, t: int) -> int | None:
        """The interpreter option pair e would take in slot t (−1: none needed), None if it does not fit."""
        inst = self.inst
        a, b = inst.pair_a[e], inst.pair_b[e]
        if (
            self.busy[a, t]
            or self.busy[b, t]
            or self.degree[a] >= inst.cap[a]
            or self.degree[b] >= inst.cap[b]
            or self.tables_used[t] >= inst.tables[t]
        ):
            return None
        return option_that_fits(inst, e, t, self.pools_used)

    def place(self, e: int, t: int, option: int, sign: int = 1) -> None:
        inst = self.inst
        a, b = inst.pair_a[e], inst.pair_b[e]
        self.busy[a, t] = self.busy[b, t] = sign > 0
        self.degree[a] += sign
        self.degree[b] += sign
        self.tables_used[t] += sign
        use_interpreters(inst, self.pools_used, option, t, sign)

    def try_place(self, e: int, assignment: Assignment) -> bool:
        """Pair e in its earliest common slot where it fits, recorded in `assignment`."""
        for t in self.inst.common_slots[e]:
            option = self.option_for(e, t)
            if option is not None:
                self.place(e, t, option)
                assignment.assign(e, t, option)
                return True
        return False

    @classmethod
    def of(cls, inst: Instance, assignment: Assignment) -> Occupancy:
        occ = cls(inst)
        for e in np.flatnonzero(assignment.slot_of >= 0):
            occ.place(int(e), int(assignment.slot_of[e]), int(assignment.option_of[e]))
        return occ


def place_in_order(inst: Instance, order: Iterable[int], assignment: Assignment | None = None) -> Assignment:
    """Earliest feasible slot for each pair in `order`, on top of an existing assignment."""
    result = Assignment.empty(inst) if assignment is None else assignment.copy()
    occ = Occupancy.of(inst, result)
    for e in order:
        if result.slot_of[e] < 0:
            occ.try_place(e, result)
    return result


def first_come_first_served(inst: Instance) -> Assignment:
    """Requests in the order they were made, as b2match/Brella-style self-booking ends up."""
    return place_in_order(inst, (int(e) for e in np.argsort(inst.request_order, kind="stable")))


def greedy_schedule(inst: Instance) -> Assignment:
    """Must-meets first, then a fairness pass (pairs helping people below the floor), then by value.

    In the value pass, pairs that can only meet by relay come last: each takes two interpreters,
    which could interpret two other meetings.
    """
    relay_only = np.array([_needs_relay(inst, e) for e in range(inst.pair_count)], dtype=bool)
    by_value = [int(e) for e in np.lexsort((-inst.weight, relay_only & ~inst.is_must, ~inst.is_must))]
    assignment = place_in_order(inst, (e for e in by_value if inst.is_must[e]))
    occ = Occupancy.of(inst, assignment)
    for e in sorted(by_value, key=lambda e: len(inst.common_slots[e])):
        a, b = inst.pair_a[e], inst.pair_b[e]
        if assignment.slot_of[e] < 0 and (occ.degree[a] < FAIRNESS_FLOOR or occ.degree[b] < FAIRNESS_FLOOR):
            occ.try_place(e, assignment)
    return place_in_order(inst, by_value, assignment)


def _needs_relay(inst: Instance, e: int) -> bool:
    options = inst.pair_options[e]
    return bool(options) and all(len(inst.option_legs[o]) > 1 for o in options)
