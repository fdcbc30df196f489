"""Construction heuristics: first-come-first-served (what brokerage platforms do) and value-greedy.

Both place a pair in the earliest common slot where both people are free and a table and, if
needed, an interpreter are left (`docs/congress-scheduling.md#how-it-is-solved`, step 1). They differ only in
the order.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable

import numpy as np

from sezatlas.congress.scheduling.instance import (
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
    """Must-meets first, then the pair that adds most to the objective now, until none fits.

    What a pair adds is its value plus the fairness bonus of each of its two people still below the
    floor, so a pair that helps someone to a first meeting wins over one of nearly equal value, but
    never over a clearly better one: where tables bind, a table given to a low-value pair for the
    sake of fairness is a top-value pair left out (issue 13's measurement on table-bound instances).
    Gains only fall as people fill up, so a lazy priority queue re-scores a pair when it comes up.
    Among equal gains, pairs with fewer common slots go first, and pairs that can only meet by relay
    come last: each takes two interpreters, which could interpret two other meetings.
    """
    musts = [int(e) for e in np.argsort(-inst.weight, kind="stable") if inst.is_must[e]]
    return fill_by_gain(inst, place_in_order(inst, musts))


def fill_by_gain(inst: Instance, assignment: Assignment) -> Assignment:
    """Every pair not yet placed, the one that adds most now first (the order of `greedy_schedule`)."""
    relay_only = np.array([_needs_relay(inst, e) for e in range(inst.pair_count)], dtype=bool)
    occ = Occupancy.of(inst, assignment)
    heap = [
        (-_gain(inst, occ, e), bool(relay_only[e]), len(inst.common_slots[e]), e)
        for e in range(inst.pair_count)
        if assignment.slot_of[e] < 0
    ]
    heapq.heapify(heap)
    while heap:
        negative, relay, width, e = heapq.heappop(heap)
        gain = _gain(inst, occ, e)
        if gain < -negative - 1e-9:
            heapq.heappush(heap, (-gain, relay, width, e))
        else:
            occ.try_place(e, assignment)
    return assignment


def _gain(inst: Instance, occ: Occupancy, e: int) -> float:
    floor = inst.fairness_floor
    below = int(occ.degree[inst.pair_a[e]] < floor) + int(occ.degree[inst.pair_b[e]] < floor)
    return float(inst.weight[e]) + inst.fairness_bonus * below


def _needs_relay(inst: Instance, e: int) -> bool:
    options = inst.pair_options[e]
    return bool(options) and all(len(inst.option_legs[o]) > 1 for o in options)
