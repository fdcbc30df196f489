"""Compile participants, requests and the event into the arrays every solver works on.

A *candidate pair* is an unordered pair with an accepted request (or an organiser must-meet) and
at least one common free slot. Its value (`docs/congress-scheduling.md#what-is-maximised`):
one-sided accepted request 2, mutual wish 3, organiser must-meet +10, plus organiser priority.

Fairness: the concave "first meetings count extra" bonus of the same section — every participant
adds `FAIRNESS_BONUS` for each of their first `FAIRNESS_FLOOR` meetings, so the optimiser gives a
second meeting to someone with none before a third to someone with two whenever pair values are close.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from sezatlas.congress.model import (
    Event,
    LanguagePair,
    MeetingRequest,
    Participant,
    RequestStatus,
    language_pair,
)

FAIRNESS_FLOOR = 2
FAIRNESS_BONUS = 1.5
IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Instance:
    """Arrays over participants (index i), candidate pairs (e) and slots (t)."""

    ids: tuple[str, ...]
    pair_a: IntArray
    pair_b: IntArray
    weight: FloatArray
    is_must: npt.NDArray[np.bool_]
    common_slots: tuple[tuple[int, ...], ...]
    interp: IntArray  # index into interp_keys, −1 when the pair shares a language
    interp_keys: tuple[LanguagePair, ...]
    interp_cap: IntArray  # (len(interp_keys), S)
    tables: IntArray  # (S,)
    cap: IntArray  # (N,)
    available: npt.NDArray[np.bool_]  # (N, S)
    request_order: IntArray  # position of the pair's first request, for first-come-first-served
    excluded: tuple[tuple[str, str, str], ...] = ()  # (a, b, why) for agreed pairs that can never meet

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def slot_count(self) -> int:
        return int(self.tables.shape[0])

    @property
    def pair_count(self) -> int:
        return int(self.pair_a.shape[0])


def pair_values(
    requests: Sequence[MeetingRequest],
) -> tuple[dict[frozenset[str], float], dict[frozenset[str], int]]:
    """Value and first-request position of every schedulable pair.

    The consent rule of `docs/congress-scheduling.md#which-meetings-are-placed`: a pair is schedulable
    when the organiser made it a must-meet, or when one side accepted the other's request or both asked
    each other (a mutual wish is consent from both), and nobody declined.
    """
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
            (3.0 if mutual else 2.0) + (10.0 if must else 0.0) + sum(r.organiser_priority for _, r in rs)
        )
        first[key] = min(p for p, _ in rs)
    return values, first


def build_instance(
    participants: Sequence[Participant],
    event: Event,
    requests: Sequence[MeetingRequest],
    values: Mapping[frozenset[str], float] | None = None,
) -> Instance:
    """Candidate pairs with their common slots and interpreter need; `values` overrides request values."""
    index = {p.participant_id: i for i, p in enumerate(participants)}
    derived, first = pair_values(requests)
    chosen = derived if values is None else {k: values[k] for k in derived if k in values}
    keys = sorted(event.interpreters_per_slot)
    key_index = {k: n for n, k in enumerate(keys)}
    rows: list[tuple[int, int, float, bool, tuple[int, ...], int, int]] = []
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
        need = interpreter_for(a, b, event, key_index)
        common = tuple(sorted(a.available_slots & b.available_slots & set(range(event.slot_count))))
        if need == -2:
            excluded.append((a_id, b_id, "no common language and no interpreter for their languages"))
        elif not common:
            excluded.append((a_id, b_id, "no common free slot"))
        else:
            rows.append((index[a_id], index[b_id], value, key in musts, common, need, first.get(key, 0)))
    return _to_instance(participants, event, keys, rows, tuple(excluded))


def interpreter_for(
    a: Participant, b: Participant, event: Event, key_index: Mapping[LanguagePair, int]
) -> int:
    """−1 if a and b share a language, the best-staffed fitting interpreter pair, or −2 if none exists."""
    if set(a.languages) & set(b.languages):
        return -1
    options = [language_pair(la, lb) for la in a.languages for lb in b.languages]
    staffed = [(sum(event.interpreters_per_slot[k]), k) for k in options if k in key_index]
    staffed = [s for s in staffed if s[0] > 0]
    return key_index[max(staffed)[1]] if staffed else -2


def _to_instance(
    participants: Sequence[Participant],
    event: Event,
    keys: list[LanguagePair],
    rows: list[tuple[int, int, float, bool, tuple[int, ...], int, int]],
    excluded: tuple[tuple[str, str, str], ...] = (),
) -> Instance:
    slots = event.slot_count
    available = np.zeros((len(participants), slots), dtype=bool)
    for i, p in enumerate(participants):
        for t in p.available_slots:
            if 0 <= t < slots:
                available[i, t] = True
    cap = np.zeros((max(len(keys), 0), slots), dtype=np.int64)
    for k, key in enumerate(keys):
        cap[k, :] = np.asarray(event.interpreters_per_slot[key][:slots], dtype=np.int64)
    return Instance(
        ids=tuple(p.participant_id for p in participants),
        pair_a=np.array([r[0] for r in rows], dtype=np.int64),
        pair_b=np.array([r[1] for r in rows], dtype=np.int64),
        weight=np.array([r[2] for r in rows], dtype=np.float64),
        is_must=np.array([r[3] for r in rows], dtype=bool),
        common_slots=tuple(r[4] for r in rows),
        interp=np.array([r[5] for r in rows], dtype=np.int64),
        interp_keys=tuple(keys),
        interp_cap=cap,
        tables=np.full(slots, event.tables_per_slot, dtype=np.int64),
        cap=np.array([p.max_meetings for p in participants], dtype=np.int64),
        available=available,
        request_order=np.array([r[6] for r in rows], dtype=np.int64),
        excluded=excluded,
    )


def objective(inst: Instance, slot_of: IntArray) -> float:
    """Total pair value plus the fairness bonus of the assignment `slot_of` (−1 = not scheduled)."""
    placed = slot_of >= 0
    degree = np.bincount(inst.pair_a[placed], minlength=inst.n) + np.bincount(
        inst.pair_b[placed], minlength=inst.n
    )
    return float(inst.weight[placed].sum() + FAIRNESS_BONUS * np.minimum(degree, FAIRNESS_FLOOR).sum())
