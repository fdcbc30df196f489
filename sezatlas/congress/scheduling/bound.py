"""A certified upper bound on the best schedule: the block-Hall b-matching LP.

What it bounds and how it is used: `docs/congress-scheduling.md#how-it-is-solved`, step 4.

Why this LP: the full time-indexed relaxation (pair × slot) takes minutes at 1,000 participants,
while this one has a variable per pair only and was measured equal to it at N = 1,000. The slots
are grouped into *blocks* (half-days, found from the event's time gaps); for every union U of
blocks an integral schedule can give participant i at most |A_i ∩ U| meetings among the pairs
whose common slots all lie in U, and the tables and interpreters of U cap those pairs together.

Interpreter rows relax each meeting's choice of interpreters: for a set P of pools, the pairs of U whose
every option uses only pools of P need, if met, at least one interpreter of P each (two when all their
options are relays), and P has Σ_{k∈P} of its interpreters over U's slots. Whatever options an integral
schedule picks, it keeps these rows, so the bound stays a bound. The sets P are each pair's pools (for a
pair with one option, its own pool) and the connected components of pools that pairs' options link.

Why "certified": a solver's reported objective is only as good as its tolerances and status. Any
y ≥ 0 on the rows of  max cᵀz s.t. Az ≤ u, 0 ≤ z ≤ h  gives the weak-duality bound
uᵀy + Σ_j h_j·max(0, c_j − (Aᵀy)_j), evaluated here in numpy from the solver's duals, so the gap we
report is a proof even when the solve was stopped early.
"""

from __future__ import annotations

import itertools
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta

import numpy as np
import scipy.sparse as sp

from sezatlas.congress.model import Event
from sezatlas.congress.scheduling.instance import FloatArray, Instance

BLOCK_GAP = timedelta(minutes=30)
MAX_BLOCKS_FOR_ALL_UNIONS = 6
MAX_POOL_SETS = 64  # pool sets with interpreter rows: the components and the most common pairs' sets


@dataclass(frozen=True)
class Bound:
    value: float
    lp_objective: float
    seconds: float
    rows: int
    pair_shares: FloatArray  # the LP's x_e per candidate pair: which pairs a best fractional schedule meets


def slot_blocks(event: Event) -> list[list[int]]:
    """Slots grouped into sessions: a new block starts on a new day or after a break.

    A break is a gap between two slot starts longer than the slot length plus `BLOCK_GAP`.
    """
    blocks: list[list[int]] = []
    length = timedelta(minutes=event.slot_minutes)
    for t, start in enumerate(event.slot_starts):
        previous = event.slot_starts[t - 1] if t else None
        if previous is None or start.date() != previous.date() or start - previous > length + BLOCK_GAP:
            blocks.append([])
        blocks[-1].append(t)
    return blocks


def _unions(block_count: int) -> list[tuple[int, ...]]:
    """All unions for a few blocks; for many, single blocks, contiguous runs and the whole event."""
    if block_count <= MAX_BLOCKS_FOR_ALL_UNIONS:
        return [
            combo
            for size in range(1, block_count + 1)
            for combo in itertools.combinations(range(block_count), size)
        ]
    return [tuple(range(a, b + 1)) for a in range(block_count) for b in range(a, block_count)]


def block_hall_bound(inst: Instance, event: Event, *, time_limit: float = 120.0) -> Bound:
    """Solve the block-Hall LP with HiGHS (interior point, no crossover) and certify its duals."""
    import highspy

    started = time.perf_counter()
    a_matrix, rhs, cost, upper = _block_hall_lp(inst, slot_blocks(event))
    with _banner_silenced():
        h = highspy.Highs()  # type: ignore[no-untyped-call]
    h.setOptionValue("output_flag", False)
    h.setOptionValue("solver", "ipm")
    h.setOptionValue("run_crossover", "off")
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("threads", 1)
    lp = highspy.HighsLp()
    lp.num_col_ = a_matrix.shape[1]
    lp.num_row_ = a_matrix.shape[0]
    lp.col_cost_ = -cost  # HiGHS minimises
    lp.col_lower_ = np.zeros_like(cost)
    lp.col_upper_ = upper
    lp.row_lower_ = np.full(a_matrix.shape[0], -highspy.kHighsInf)
    lp.row_upper_ = rhs
    csc = a_matrix.tocsc()
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = csc.indptr
    lp.a_matrix_.index_ = csc.indices
    lp.a_matrix_.value_ = csc.data
    h.passModel(lp)
    h.run()
    solution = h.getSolution()
    duals = np.asarray(solution.row_dual, dtype=np.float64)
    primal = np.asarray(solution.col_value, dtype=np.float64)[: inst.pair_count]
    shares = np.clip(primal, 0.0, 1.0) if primal.shape[0] == inst.pair_count else np.zeros(inst.pair_count)
    lp_objective = -float(h.getInfo().objective_function_value)
    value = min(
        certified_bound(a_matrix, rhs, cost, upper, np.maximum(-duals, 0.0)),
        certified_bound(a_matrix, rhs, cost, upper, np.maximum(duals, 0.0)),
    )
    return Bound(value, lp_objective, time.perf_counter() - started, int(a_matrix.shape[0]), shares)


@contextmanager
def _banner_silenced() -> Iterator[None]:
    """HiGHS prints its copyright banner from C on creation, before `output_flag` can be set.

    It would land in the middle of CLI output and JSON written to stdout, so file descriptor 1 is
    pointed at /dev/null for the constructor only.
    """
    sys.stdout.flush()
    saved = os.dup(1)
    null = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(null, 1)
        yield
    finally:
        os.dup2(saved, 1)
        os.close(null)
        os.close(saved)


def certified_bound(
    a_matrix: sp.csr_matrix, rhs: FloatArray, cost: FloatArray, upper: FloatArray, y: FloatArray
) -> float:
    """Weak-duality bound of max cᵀz, Az ≤ rhs, 0 ≤ z ≤ upper, from any y ≥ 0."""
    reduced = cost - a_matrix.T @ y
    return float(rhs @ y + upper @ np.maximum(reduced, 0.0))


def _block_hall_lp(
    inst: Instance, blocks: Sequence[Sequence[int]]
) -> tuple[sp.csr_matrix, FloatArray, FloatArray, FloatArray]:
    """Rows, right-hand sides, objective and upper bounds over columns [x_e …, u_i …]."""
    n, m = inst.n, inst.pair_count
    block_of = np.zeros(inst.slot_count, dtype=np.int64)
    for b, slots in enumerate(blocks):
        block_of[list(slots)] = b
    footprint = np.zeros(m, dtype=np.int64)  # bit mask of blocks holding a common slot
    for e, common in enumerate(inst.common_slots):
        for t in common:
            footprint[e] |= 1 << int(block_of[t])
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    rhs: list[float] = []
    row = 0

    def add(columns: np.ndarray, coefficients: np.ndarray, bound: float) -> None:
        nonlocal row
        rows.append(np.full(columns.shape[0], row, dtype=np.int64))
        cols.append(columns)
        vals.append(coefficients)
        rhs.append(bound)
        row += 1

    ends = np.concatenate([inst.pair_a, inst.pair_b])
    pair_ids = np.concatenate([np.arange(m), np.arange(m)])
    by_person = np.argsort(ends, kind="stable")
    starts = np.searchsorted(ends[by_person], np.arange(n + 1))
    for i in range(n):
        mine = pair_ids[by_person[starts[i] : starts[i + 1]]]
        # fairness: u_i ≤ number of meetings of i
        add(np.concatenate([[m + i], mine]), np.concatenate([[1.0], -np.ones(mine.shape[0])]), 0.0)
        if mine.shape[0] > inst.cap[i]:
            add(mine, np.ones(mine.shape[0]), float(inst.cap[i]))
    legs_needed, pool_sets = interpreter_rows(inst)
    for union in _unions(len(blocks)):
        mask = sum(1 << b for b in union)
        slots = [t for b in union for t in blocks[b]]
        inside = (footprint & ~mask) == 0
        chosen = np.flatnonzero(inside)
        if chosen.shape[0] > inst.tables[slots].sum():
            add(chosen, np.ones(chosen.shape[0]), float(inst.tables[slots].sum()))
        for pools, within in pool_sets:
            needing = chosen[within[chosen]]
            capacity = float(inst.pool_cap[np.ix_(pools, slots)].sum())
            if legs_needed[needing].sum() > capacity:
                add(needing, legs_needed[needing], capacity)
        free_slots = inst.available[:, slots].sum(axis=1)
        for i in range(n):
            mine = pair_ids[by_person[starts[i] : starts[i + 1]]]
            mine = mine[inside[mine]]
            if free_slots[i] < inst.cap[i] and mine.shape[0] > free_slots[i]:
                add(mine, np.ones(mine.shape[0]), float(free_slots[i]))
    matrix = sp.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=(row, m + n)
    )
    cost = np.concatenate([inst.weight, np.full(n, inst.fairness_bonus)])
    upper = np.concatenate([np.ones(m), np.full(n, float(inst.fairness_floor))])
    return matrix, np.asarray(rhs, dtype=np.float64), cost, upper


def interpreter_rows(inst: Instance) -> tuple[FloatArray, list[tuple[list[int], np.ndarray]]]:
    """Interpreters each pair needs at least (0, 1, or 2 for relays only), and the pool sets with rows.

    Each set comes with the mask of the pairs whose every option lies within it.
    """
    legs = np.array(
        [min((len(inst.option_legs[o]) for o in options), default=0) for options in inst.pair_options],
        dtype=np.float64,
    )
    own = [frozenset(k for o in options for k in inst.option_legs[o]) for options in inst.pair_options]
    counts = Counter(pools for pools in own if pools)
    distinct = list(counts)
    position = {pools: x for x, pools in enumerate(distinct)}
    code = np.array([position.get(pools, -1) for pools in own], dtype=np.int64)
    common = sorted(distinct, key=lambda pools: (-counts[pools], sorted(pools)))[:MAX_POOL_SETS]
    rows = []
    for pools in dict.fromkeys([*_components(distinct), *common]):
        within = np.array([d <= pools for d in distinct] + [False], dtype=bool)  # the last one: code −1
        rows.append((sorted(pools), within[code]))
    return legs, rows


def _components(linked: list[frozenset[int]]) -> list[frozenset[int]]:
    """Connected components of the pools, two pools linked when one pair's options use both."""
    components: list[frozenset[int]] = []
    for pools in linked:
        touching = [c for c in components if c & pools]
        merged = frozenset(pools.union(*touching))
        components = [c for c in components if not c & pools] + [merged]
    return components
