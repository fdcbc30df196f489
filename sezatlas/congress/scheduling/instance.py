"""Compile participants, requests and the event into the arrays every solver works on.

A *candidate pair* is an unordered pair with an accepted request (or an organiser must-meet) and
at least one common free slot. Its value (`docs/congress-scheduling.md#what-is-maximised`) is set per
event (`MeetingValues`); by default one-sided accepted request 2, mutual wish 3, organiser must-meet
+10, plus organiser priority.

Fairness: the concave "first meetings count extra" bonus of the same section — every participant
adds `Instance.fairness_bonus` for each of their first `Instance.fairness_floor` meetings, so the
optimiser gives a second meeting to someone with none before a third to someone with two whenever
pair values are close.

Interpreters: a pair without a common language has a list of interpreter options (`interpreting.py`),
and an `Assignment` gives every pair a slot and the option it uses there; pool capacity is per slot.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from sezatlas.congress.model import Event, MeetingRequest, MeetingValues, Participant, RequestStatus
from sezatlas.congress.scheduling.interpreting import InterpreterOption, interpreter_options

FAIRNESS_FLOOR = MeetingValues.fairness_depth  # the defaults, for instances built without an event
FAIRNESS_BONUS = MeetingValues.fairness_bonus
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
NO_INTERPRETER = -1  # the option of a pair that shares a language
NO_LANGUAGE = "no common language and no interpreter for their languages"
# a candidate pair: its two people, value, must-meet, common slots, interpreter options, first request
_Row = tuple[int, int, float, bool, tuple[int, ...], tuple[int, ...], int]


@dataclass(frozen=True)
class Instance:
    """Arrays over participants (index i), candidate pairs (e) and slots (t)."""

    ids: tuple[str, ...]
    pair_a: IntArray
    pair_b: IntArray
    weight: FloatArray
    is_must: npt.NDArray[np.bool_]
    common_slots: tuple[tuple[int, ...], ...]
    pair_options: tuple[tuple[int, ...], ...]  # option ids of each pair, best first; () = shares a language
    option_legs: tuple[tuple[int, ...], ...]  # option id → pool index of each leg (two for a relay)
    option_languages: tuple[tuple[str, ...], ...]  # option id → languages the meeting records
    pool_names: tuple[str, ...]
    pool_cap: IntArray  # (pools, S): interpreters of each pool in each slot
    tables: IntArray  # (S,)
    cap: IntArray  # (N,)
    available: npt.NDArray[np.bool_]  # (N, S)
    request_order: IntArray  # position of the pair's first request, for first-come-first-served
    excluded: tuple[tuple[str, str, str], ...] = ()  # (a, b, why) for agreed pairs that can never meet
    fairness_bonus: float = FAIRNESS_BONUS  # added for each of a person's first `fairness_floor` meetings
    fairness_floor: int = FAIRNESS_FLOOR

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def slot_count(self) -> int:
        return int(self.tables.shape[0])

    @property
    def pair_count(self) -> int:
        return int(self.pair_a.shape[0])

    def needs_interpreter(self, e: int) -> bool:
        return bool(self.pair_options[e])


class Assignment(NamedTuple):
    """What a solver decides for each candidate pair: its slot (−1: not met) and interpreter option.

    `option_of[e]` is an id of `Instance.option_legs`, or `NO_INTERPRETER` for a pair that shares a
    language or is not met.
    """

    slot_of: IntArray
    option_of: IntArray

    @classmethod
    def empty(cls, inst: Instance) -> Assignment:
        return cls(np.full(inst.pair_count, -1, dtype=np.int64), np.full(inst.pair_count, -1, dtype=np.int64))

    def copy(self) -> Assignment:
        return Assignment(self.slot_of.copy(), self.option_of.copy())

    def assign(self, e: int, slot: int, option: int) -> None:
        self.slot_of[e] = slot
        self.option_of[e] = option if slot >= 0 else NO_INTERPRETER


def pair_values(
    requests: Sequence[MeetingRequest], worth: MeetingValues | None = None
) -> tuple[dict[frozenset[str], float], dict[frozenset[str], int]]:
    """Value and first-request position of every schedulable pair.

    The consent rule of `docs/congress-scheduling.md#which-meetings-are-placed`: a pair is schedulable
    when the organiser made it a must-meet, or when one side accepted the other's request or both asked
    each other (a mutual wish is consent from both), and nobody declined.
    """
    worth = worth or MeetingValues()
    asked: dict[frozenset[str], list[tuple[int, MeetingRequest]]] = defaultdict(list)
    for position, r in enumerate(requests):
        asked[frozenset((r.requester, r.target))].append((position, r))
    values: dict[frozenset[str], float] = {}
    first: dict[frozenset[str], int] = {}
    for key, rs in asked.items():
        must = any(r.is_must_meet for _, r in rs)
        accepted = any(r.status is RequestStatus.ACCEPTED for _, r in rs)
        declined = any(r.status is RequestStatus.DECLINED for _, r in rs)
        mutual = len({r.requester for _, r in rs}) == 2
        if len(key) != 2 or not (must or ((accepted or mutual) and not declined)):
            continue
        values[key] = (
            (worth.mutual if mutual else worth.one_sided)
            + (worth.must_meet if must else 0.0)
            + sum(r.organiser_priority for _, r in rs)
        )
        first[key] = min(p for p, _ in rs)
    return values, first


def build_instance(
    participants: Sequence[Participant],
    event: Event,
    requests: Sequence[MeetingRequest],
    values: Mapping[frozenset[str], float] | None = None,
) -> Instance:
    """Candidate pairs with their common slots and interpreter options; `values` overrides request values."""
    index = {p.participant_id: i for i, p in enumerate(participants)}
    derived, first = pair_values(requests, event.meeting_values)
    chosen = derived if values is None else {k: values[k] for k in derived if k in values}
    pools = event.pools()
    options: dict[InterpreterOption, int] = {}  # every option in use → its id
    by_languages: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[int, ...]] = {}
    rows: list[_Row] = []
    excluded: list[tuple[str, str, str]] = []
    musts = {frozenset((r.requester, r.target)) for r in requests if r.is_must_meet}
    for key, value in sorted(chosen.items(), key=lambda kv: sorted(kv[0])):
        a_id, b_id = sorted(key)
        if a_id not in index or b_id not in index:
            excluded.append((a_id, b_id, "not a registered participant"))
            continue
        a, b = participants[index[a_id]], participants[index[b_id]]
        if a.participant_id in b.blocked or b.participant_id in a.blocked:
            excluded.append((a_id, b_id, "the pair is blocked"))
            continue
        spoken = (a.languages, b.languages)
        if spoken not in by_languages:
            fitting = interpreter_options(a.languages, b.languages, pools, event.allows_relay)
            by_languages[spoken] = tuple(options.setdefault(o, len(options)) for o in fitting)
        ids = by_languages[spoken]
        common = tuple(sorted(a.available_slots & b.available_slots & set(range(event.slot_count))))
        if not ids and not set(a.languages) & set(b.languages):
            excluded.append((a_id, b_id, NO_LANGUAGE))
        elif not common:
            excluded.append((a_id, b_id, "no common free slot"))
        else:
            rows.append((index[a_id], index[b_id], value, key in musts, common, ids, first.get(key, 0)))
    return _to_instance(participants, event, list(options), rows, tuple(excluded))


def _to_instance(
    participants: Sequence[Participant],
    event: Event,
    options: list[InterpreterOption],
    rows: list[_Row],
    excluded: tuple[tuple[str, str, str], ...] = (),
) -> Instance:
    slots = event.slot_count
    available = np.zeros((len(participants), slots), dtype=bool)
    for i, p in enumerate(participants):
        for t in p.available_slots:
            if 0 <= t < slots:
                available[i, t] = True
    pools = event.pools()
    pool_cap = np.zeros((len(pools), slots), dtype=np.int64)
    for k, pool in enumerate(pools):
        counts = pool.per_slot[:slots]
        pool_cap[k, : len(counts)] = counts
    return Instance(
        ids=tuple(p.participant_id for p in participants),
        pair_a=np.array([r[0] for r in rows], dtype=np.int64),
        pair_b=np.array([r[1] for r in rows], dtype=np.int64),
        weight=np.array([r[2] for r in rows], dtype=np.float64),
        is_must=np.array([r[3] for r in rows], dtype=bool),
        common_slots=tuple(r[4] for r in rows),
        pair_options=tuple(r[5] for r in rows),
        option_legs=tuple(o.legs for o in options),
        option_languages=tuple(o.languages for o in options),
        pool_names=tuple(pool.name for pool in pools),
        pool_cap=pool_cap,
        tables=np.full(slots, event.tables_per_slot, dtype=np.int64),
        cap=np.array([p.max_meetings for p in participants], dtype=np.int64),
        available=available,
        request_order=np.array([r[6] for r in rows], dtype=np.int64),
        excluded=excluded,
        fairness_bonus=event.meeting_values.fairness_bonus,
        fairness_floor=event.meeting_values.fairness_depth,
    )


def incident_pairs(inst: Instance) -> list[IntArray]:
    """For each participant, the candidate pairs they belong to."""
    ends = np.concatenate([inst.pair_a, inst.pair_b])
    ids = np.concatenate([np.arange(inst.pair_count), np.arange(inst.pair_count)])
    order = np.argsort(ends, kind="stable")
    bounds = np.searchsorted(ends[order], np.arange(inst.n + 1))
    return [ids[order[bounds[i] : bounds[i + 1]]] for i in range(inst.n)]


def objective(inst: Instance, slot_of: IntArray) -> float:
    """Total pair value plus the fairness bonus of the assignment `slot_of` (−1 = not scheduled)."""
    placed = slot_of >= 0
    degree = np.bincount(inst.pair_a[placed], minlength=inst.n) + np.bincount(
        inst.pair_b[placed], minlength=inst.n
    )
    fairness = inst.fairness_bonus * np.minimum(degree, inst.fairness_floor).sum()
    return float(inst.weight[placed].sum() + fairness)


def option_that_fits(inst: Instance, e: int, t: int, pools_used: IntArray) -> int | None:
    """The interpreter option pair e takes in slot t: `NO_INTERPRETER` if it needs none, None if none fits.

    Of the options whose interpreters are free, a direct one before a relay, then the one leaving the
    most interpreters of its pools free, so later meetings keep their choices.
    """
    options = inst.pair_options[e]
    if not options:
        return NO_INTERPRETER
    best: int | None = None
    best_key = (0, 0)
    for o in options:
        spare = _spare(inst, inst.option_legs[o], t, pools_used)
        key = (-len(inst.option_legs[o]), spare)
        if spare >= 0 and (best is None or key > best_key):
            best, best_key = o, key
    return best


def _spare(inst: Instance, legs: tuple[int, ...], t: int, pools_used: IntArray) -> int:
    """Interpreters left in the tightest pool of `legs` after taking them (negative: they do not fit)."""
    if len(legs) == 1:
        k = legs[0]
        return int(inst.pool_cap[k, t] - pools_used[k, t]) - 1
    if legs[0] == legs[1]:
        k = legs[0]
        return int(inst.pool_cap[k, t] - pools_used[k, t]) - 2
    return min(int(inst.pool_cap[k, t] - pools_used[k, t]) - 1 for k in legs)


def use_interpreters(inst: Instance, pools_used: IntArray, option: int, t: int, sign: int = 1) -> None:
    """Count (sign 1) or give back (−1) the interpreters of `option` in slot t."""
    if option >= 0:
        for k in inst.option_legs[option]:
            pools_used[k, t] += sign
