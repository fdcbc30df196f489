"""Construction heuristics: first-come-first-served (what brokerage platforms do) and value-greedy.

Both place a pair in the earliest common slot where both people are free and a table and, if
needed, an interpreter are left (`docs/congress-scheduling.md#how-it-is-solved`, step 1). They differ only in
the order.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from sezatlas.congress.scheduling.instance import FAIRNESS_FLOOR, Instance, IntArray


class Occupancy:
    """Who is busy when, and what capacity is used, for incremental placement."""

    def __init__(self, inst: Instance) -> None:
        self.inst = inst
        self.busy = ~inst.available.copy()
        self.degree = np.zeros(inst.n, dtype=np.int64)
        self.tables_used = np.zeros(inst.slot_count, dtype=np.int64)
        self.interp_used = np.zeros_like(inst.interp_cap)

    def fits(self, e: int, t: int) -> bool:
        inst = self.inst
        a, b, k = inst.pair_a[e], inst.pair_b[e], inst.interp[e]
        return bool(
            not self.busy[a, t]
            and not self.busy[b, t]
            and self.degree[a] < inst.cap[a]
            and self.degree[b] < inst.cap[b]
            and self.tables_used[t] < inst.tables[t]
            and (k < 0 or self.interp_used[k, t] < inst.interp_cap[k, t])
        )

    def place(self, e: int, t: int, sign: int = 1) -> None:
        inst = self.inst
        a, b, k = inst.pair_a[e], inst.pair_b[e], inst.interp[e]
        self.busy[a, t] = self.busy[b, t] = sign > 0
        self.degree[a] += sign
        self.degree[b] += sign
        self.tables_used[t] += sign
        if k >= 0:
            self.interp_used[k, t] += sign

    @classmethod
    def of(cls, inst: Instance, slot_of: IntArray) -> Occupancy:
        occ = cls(inst)
        for e in np.flatnonzero(slot_of >= 0):
            occ.place(int(e), int(slot_of[e]))
        return occ


def place_in_order(inst: Instance, order: Iterable[int], slot_of: IntArray | None = None) -> IntArray:
    """Earliest feasible slot for each pair in `order`, on top of an existing assignment."""
    result = np.full(inst.pair_count, -1, dtype=np.int64) if slot_of is None else slot_of.copy()
    occ = Occupancy.of(inst, result)
    for e in order:
        if result[e] >= 0:
            continue
        for t in inst.common_slots[e]:
            if occ.fits(e, t):
                occ.place(e, t)
                result[e] = t
                break
    return result


def first_come_first_served(inst: Instance) -> IntArray:
    """Requests in the order they were made, as b2match/Brella-style self-booking ends up."""
    return place_in_order(inst, (int(e) for e in np.argsort(inst.request_order, kind="stable")))


def greedy_schedule(inst: Instance) -> IntArray:
    """Must-meets first, then a fairness pass (pairs helping people below the floor), then by value."""
    by_value = [int(e) for e in np.lexsort((-inst.weight, ~inst.is_must))]
    slot_of = place_in_order(inst, (e for e in by_value if inst.is_must[e]))
    occ = Occupancy.of(inst, slot_of)
    for e in sorted(by_value, key=lambda e: len(inst.common_slots[e])):
        a, b = inst.pair_a[e], inst.pair_b[e]
        if slot_of[e] < 0 and (occ.degree[a] < FAIRNESS_FLOOR or occ.degree[b] < FAIRNESS_FLOOR):
            for t in inst.common_slots[e]:
                if occ.fits(e, t):
                    occ.place(e, t)
                    slot_of[e] = t
                    break
    return place_in_order(inst, by_value, slot_of)
