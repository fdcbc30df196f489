"""Tables for meetings whose slots are fixed: the last stage of a solve.

This is step 5 of `docs/congress-scheduling.md#how-it-is-solved`. Tables are interchangeable within
a hall, so the slot solvers only count them. Halls matter only when the organiser configured travel
buffers: a participant coming from another hall needs the buffer's number of free slots in between.
Slots are walked in time order and each meeting gets a table in a hall both people can reach,
preferring the hall they are already in, so nobody walks when they need not. Interpreter meetings
are seated first so they cluster at the low-numbered tables next to the interpreters' stations.
Each meeting records the interpreter option its solver chose: the languages and the pool of each leg.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import numpy as np

from sezatlas.congress.model import Event, Meeting
from sezatlas.congress.scheduling.instance import Assignment, Instance


def seat_meetings(
    inst: Instance,
    event: Event,
    assignment: Assignment,
    previous_tables: Mapping[frozenset[str], int] | None = None,
) -> tuple[list[Meeting], list[int]]:
    """Meetings with tables for `assignment`, and the pairs that could not be seated.

    `previous_tables` keeps a re-scheduled meeting at its printed table when that table is free.

    A pair is left unseated only when travel buffers make every free table unreachable for one of
    the two; without halls every placed pair is seated, since solvers respect the table count.
    """
    tables_by_hall: dict[str, list[int]] = defaultdict(list)
    for table in range(event.tables_per_slot):
        tables_by_hall[event.hall_of(table)].append(table)
    last_visit: dict[int, tuple[int, str]] = {}
    meetings: list[Meeting] = []
    unseated: list[int] = []
    slot_of, option_of = assignment
    order = np.lexsort((-inst.weight, option_of < 0, slot_of))
    by_slot: dict[int, list[int]] = defaultdict(list)
    for e in order:
        if slot_of[e] >= 0:
            by_slot[int(slot_of[e])].append(int(e))
    for t in sorted(by_slot):
        free = {hall: list(tables) for hall, tables in tables_by_hall.items()}
        earlier = previous_tables or {}
        # meetings that had a table go first, so a newcomer never takes a table already printed
        for e in sorted(by_slot[t], key=lambda e: _key(inst, e) not in earlier):
            a, b = int(inst.pair_a[e]), int(inst.pair_b[e])
            hall = _reachable_hall(event, free, t, last_visit.get(a), last_visit.get(b))
            if hall is None:
                unseated.append(e)
                continue
            wanted = earlier.get(_key(inst, e))
            table = wanted if wanted in free[hall] else free[hall][0]
            free[hall].remove(table)
            last_visit[a] = last_visit[b] = (t, hall)
            o = int(option_of[e])
            pools = tuple(inst.pool_names[k] for k in inst.option_legs[o]) if o >= 0 else ()
            meetings.append(
                Meeting(
                    first=inst.ids[a],
                    second=inst.ids[b],
                    slot=t,
                    table=table,
                    interpreter=inst.option_languages[o] if o >= 0 else None,
                    interpreter_pools=pools,
                )
            )
    return meetings, unseated


def _key(inst: Instance, e: int) -> frozenset[str]:
    return frozenset((inst.ids[inst.pair_a[e]], inst.ids[inst.pair_b[e]]))


def _reachable_hall(
    event: Event,
    free: dict[str, list[int]],
    slot: int,
    *visits: tuple[int, str] | None,
) -> str | None:
    """The hall with a free table that both people reach in time; their current hall if possible."""
    preferred = [v[1] for v in visits if v is not None]
    candidates = preferred + sorted(free)
    for hall in candidates:
        if not free.get(hall):
            continue
        if all(v is None or v[1] == hall or slot - v[0] > event.buffer_between(v[1], hall) for v in visits):
            return hall
    return None
