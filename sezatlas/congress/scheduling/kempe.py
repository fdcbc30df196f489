"""Kempe-chain moves: place an unplaced pair by swapping two slots along an alternating path.

Why: slotting meetings is list edge colouring (meetings are edges, slots colours). When a and b
still have room for their meeting but no common free slot — a is free at s, b at t — the
neighbourhood search must happen to pick a region holding the whole chain of meetings that alternate
between s and t from b to free b at s. The classical repair (Kempe 1879; Vizing's proof of the
edge-colouring theorem) does it directly: swap s and t along that chain, then the pair fits at s. On
instances whose best schedule fills everyone's slots exactly (the planted family of `synthetic.py`)
this is what the last percent needs. A move is checked locally in microseconds, so every unplaced
pair is tried in every pair of slots between neighbourhood rounds. A meeting moved to another slot
takes whichever interpreter option fits there.

When a person is at their meeting limit, the move may first drop their cheapest meeting if the
pair to place is worth more: the gain is counted with the fairness bonus of everyone touched.
When both people are free in a slot where the pair does not fit, it may take the table (all tables
taken) or the interpreter (its pools busy) of that slot's least valuable meeting, which then goes to
another slot if one fits it (a table or interpreter swap): where tables or interpreters bind, a
lower-value pair holding one is what keeps a top-value pair out.
"""

from __future__ import annotations

import time

import numpy as np

from sezatlas.congress.scheduling.instance import (
    Assignment,
    Instance,
    option_that_fits,
    use_interpreters,
)

MAX_CHAIN = 64


class _State:
    """Who meets whom when, kept in step with `slot_of` so a move is checked without a rebuild."""

    def __init__(self, inst: Instance, assignment: Assignment, locked: frozenset[int]) -> None:
        self.inst = inst
        self.locked = locked
        self.assignment = assignment.copy()
        self.slot_of = self.assignment.slot_of
        self.at = np.full((inst.n, inst.slot_count), -1, dtype=np.int64)
        self.degree = np.zeros(inst.n, dtype=np.int64)
        self.tables = np.zeros(inst.slot_count, dtype=np.int64)
        self.pools_used = np.zeros_like(inst.pool_cap)
        self.common = [frozenset(c) for c in inst.common_slots]
        # (meeting, slot it left or −1 if it was added, the interpreter option it had)
        self.journal: list[tuple[int, int, int]] = []
        for e in np.flatnonzero(self.slot_of >= 0):
            self.add(int(e), int(self.slot_of[e]), int(self.assignment.option_of[e]), log=False)

    def undo(self, mark: int) -> None:
        """Take back every change made since the journal had `mark` entries."""
        while len(self.journal) > mark:
            e, slot, option = self.journal.pop()
            if slot < 0:
                self.remove(e, log=False)
            else:
                self.add(e, slot, option, log=False)

    def ends(self, e: int) -> tuple[int, int]:
        return int(self.inst.pair_a[e]), int(self.inst.pair_b[e])

    def add(self, e: int, t: int, option: int, log: bool = True) -> None:
        if log:
            self.journal.append((e, -1, -1))
        a, b = self.ends(e)
        self.assignment.assign(e, t, option)
        self.at[a, t] = self.at[b, t] = e
        self.degree[a] += 1
        self.degree[b] += 1
        self.tables[t] += 1
        use_interpreters(self.inst, self.pools_used, option, t)

    def remove(self, e: int, log: bool = True) -> None:
        a, b = self.ends(e)
        t = int(self.slot_of[e])
        option = int(self.assignment.option_of[e])
        if log:
            self.journal.append((e, t, option))
        self.assignment.assign(e, -1, -1)
        self.at[a, t] = self.at[b, t] = -1
        self.degree[a] -= 1
        self.degree[b] -= 1
        self.tables[t] -= 1
        use_interpreters(self.inst, self.pools_used, option, t, -1)

    def option_for(self, e: int, t: int) -> int | None:
        """The interpreter option e takes in slot t (−1: none needed), None if e does not fit there."""
        inst = self.inst
        a, b = self.ends(e)
        if (
            self.at[a, t] >= 0
            or self.at[b, t] >= 0
            or self.degree[a] >= inst.cap[a]
            or self.degree[b] >= inst.cap[b]
            or self.tables[t] >= inst.tables[t]
        ):
            return None
        return option_that_fits(inst, e, t, self.pools_used)

    def add_if_fits(self, e: int, t: int) -> bool:
        option = self.option_for(e, t)
        if option is None:
            return False
        self.add(e, t, option)
        return True

    def fairness(self, people: set[int]) -> float:
        floor = self.inst.fairness_floor
        return self.inst.fairness_bonus * sum(min(int(self.degree[i]), floor) for i in people)

    def cheapest(self, person: int, below: float) -> int | None:
        """The person's least valuable movable meeting, if it is worth less than `below`."""
        row = self.at[person]
        held = [int(x) for x in row[row >= 0] if int(x) not in self.locked]
        if not held:
            return None
        x = min(held, key=lambda m: float(self.inst.weight[m]))
        return x if float(self.inst.weight[x]) < below else None

    def loss(self, x: int) -> float:
        """What dropping meeting x costs: its value and the fairness bonus its people would lose."""
        floor = self.inst.fairness_floor
        below = sum(1 for person in self.ends(x) if self.degree[person] <= floor)
        return float(self.inst.weight[x]) + self.inst.fairness_bonus * below

    def cheapest_in(self, t: int, e: int) -> int | None:
        """The movable meeting of slot t that costs least to drop and whose going could make room for e:
        any meeting when the tables are all taken, else one using an interpreter pool e could use."""
        held = [int(x) for x in np.unique(self.at[:, t]) if x >= 0 and int(x) not in self.locked]
        if self.tables[t] < self.inst.tables[t]:
            wanted = {k for o in self.inst.pair_options[e] for k in self.inst.option_legs[o]}
            options = self.assignment.option_of
            held = [x for x in held if options[x] >= 0 and wanted & set(self.inst.option_legs[options[x]])]
        return min(held, key=self.loss) if held else None

    def resource_swap(self, e: int, rng: np.random.Generator) -> bool:
        """Give e the table, or the interpreter, of the cheapest meeting of a slot where both are free but
        e does not fit; that meeting moves to another slot if one fits it. Kept only on a gain."""
        inst = self.inst
        a, b = self.ends(e)
        if self.degree[a] >= inst.cap[a] or self.degree[b] >= inst.cap[b]:
            return False
        for t in inst.common_slots[e]:
            if self.at[a, t] >= 0 or self.at[b, t] >= 0:
                continue
            x = self.cheapest_in(t, e)
            if x is None:
                continue
            people = {a, b, *self.ends(x)}
            before = self.fairness(people) + float(inst.weight[x])
            mark = len(self.journal)
            self.remove(x)
            if self.add_if_fits(e, t):
                kept = float(inst.weight[x]) if self.place(x, rng) else 0.0
                after = self.fairness(people) + float(inst.weight[e]) + kept
                if after > before + 1e-9:
                    del self.journal[mark:]
                    return True
            self.undo(mark)
        return False

    def chain(self, start: int, s: int, t: int, avoid: int) -> list[int] | None:
        """Meetings alternating s, t, s, … from `start`; None when the swap cannot be made."""
        path: list[int] = []
        person, colour = start, s
        while len(path) <= MAX_CHAIN:
            x = int(self.at[person, colour])
            if x < 0:
                return path
            if x in self.locked or t not in self.common[x] or s not in self.common[x]:
                return None
            path.append(x)
            a, b = self.ends(x)
            person = b if a == person else a
            if person == avoid:
                return None
            colour = t if colour == s else s
        return None

    def swap(self, path: list[int], s: int, t: int) -> bool:
        """Exchange s and t on every meeting of `path`; undone (False) if a capacity would break."""
        mark = len(self.journal)
        old = [int(self.slot_of[x]) for x in path]
        for x in path:
            self.remove(x)
        for x, slot in zip(path, old, strict=True):
            if not self.add_if_fits(x, t if slot == s else s):
                self.undo(mark)
                return False
        return True

    def place(self, e: int, rng: np.random.Generator) -> bool:
        """Try to place e directly or after one Kempe swap; the state is unchanged on failure."""
        a, b = self.ends(e)
        slots = list(self.inst.common_slots[e])
        for t in slots:
            if self.add_if_fits(e, t):
                return True
        free_a = [s for s in slots if self.at[a, s] < 0]
        free_b = [s for s in slots if self.at[b, s] < 0]
        # (who starts the chain, the other end, the slot freed for the pair, the slot the starter has free)
        options = [(b, a, s, t) for s in free_a for t in free_b if s != t]
        options += [(a, b, t, s) for s in free_a for t in free_b if s != t]
        for index in rng.permutation(len(options)):
            mover, other, free_for_other, free_for_mover = options[int(index)]
            path = self.chain(mover, free_for_other, free_for_mover, other)
            mark = len(self.journal)
            if not path or not self.swap(path, free_for_other, free_for_mover):
                continue
            if self.add_if_fits(e, free_for_other):
                return True
            self.undo(mark)
        return False

    def improve_with(self, e: int, rng: np.random.Generator) -> bool:
        """Place e, dropping a cheaper meeting of a person at their limit; keep it only on a gain."""
        inst = self.inst
        a, b = self.ends(e)
        weight = float(inst.weight[e])
        dropped: list[int] = []
        for person in (a, b):
            if self.degree[person] >= inst.cap[person]:
                x = self.cheapest(person, weight - sum(float(inst.weight[d]) for d in dropped))
                if x is None:
                    return False
                dropped.append(x)
        people = {a, b, *(p for x in dropped for p in self.ends(x))}
        before = self.fairness(people) + sum(float(inst.weight[x]) for x in dropped)
        mark = len(self.journal)
        for x in dropped:
            self.remove(x)
        if self.place(e, rng) and weight + self.fairness(people) > before + 1e-9:
            del self.journal[mark:]
            return True
        self.undo(mark)
        return False


def kempe_pass(
    inst: Instance,
    assignment: Assignment,
    *,
    deadline: float,
    locked: frozenset[int] = frozenset(),
    seed: int = 1,
) -> Assignment:
    """`assignment` improved by Kempe moves, most valuable unplaced pairs first, until none gains.

    A kept move never lowers the objective, and a meeting in `locked` never moves.
    """
    rng = np.random.default_rng(seed)
    state = _State(inst, assignment, locked)
    improved = True
    while improved and time.perf_counter() < deadline:
        improved = False
        unplaced = np.flatnonzero(state.slot_of < 0)
        for e in unplaced[np.argsort(-inst.weight[unplaced], kind="stable")]:
            if time.perf_counter() >= deadline:
                break
            if state.slot_of[e] >= 0 or int(e) in locked:
                continue
            if state.improve_with(int(e), rng) or state.resource_swap(int(e), rng):
                improved = True
    return state.assignment
