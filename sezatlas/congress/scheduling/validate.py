"""Independent schedule checker: it shares no code with the solvers (OR-Tools examples habit).

The solvers build their models from `instance.py`; this module re-reads the raw `Participant`,
`Event` and `MeetingRequest` data and checks every rule of
`docs/congress-scheduling.md#which-meetings-are-placed` directly on the meetings. Interpreting is
checked from the meeting's own record (languages and pools) against the event's pools, whichever option
a solver would have preferred.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sezatlas.congress.model import (
    Event,
    InterpreterPool,
    Meeting,
    MeetingRequest,
    Participant,
    RequestStatus,
)


@dataclass(frozen=True)
class Violation:
    rule: str
    message: str


def validate_schedule(
    meetings: Iterable[Meeting],
    participants: Sequence[Participant],
    event: Event,
    requests: Sequence[MeetingRequest] | None = None,
) -> list[Violation]:
    """Every broken rule of `meetings`, as readable violations; an empty list means valid."""
    people = {p.participant_id: p for p in participants}
    pools = {pool.name: pool for pool in event.pools()}
    listed = list(meetings)
    found: list[Violation] = []
    for m in listed:
        found.extend(_check_meeting(m, people, event))
        found.extend(_check_interpreting(m, people, pools, event.allows_relay))
    found.extend(_check_double_booking(listed))
    found.extend(_check_tables(listed))
    found.extend(_check_interpreters(listed, pools))
    found.extend(_check_max_meetings(listed, people))
    found.extend(_check_pairs_once(listed))
    found.extend(_check_travel(listed, event))
    if requests is not None:
        found.extend(_check_consent(listed, requests))
    return found


def _check_meeting(m: Meeting, people: dict[str, Participant], event: Event) -> list[Violation]:
    out: list[Violation] = []
    where = f"meeting {m.first}–{m.second} in slot {m.slot}"
    if m.first == m.second:
        out.append(Violation("self", f"{where}: a participant cannot meet themself"))
    if not 0 <= m.slot < event.slot_count:
        out.append(Violation("slot", f"{where}: slot outside 0..{event.slot_count - 1}"))
    if not 0 <= m.table < event.tables_per_slot:
        out.append(Violation("table", f"{where}: table {m.table} outside 0..{event.tables_per_slot - 1}"))
    a, b = people.get(m.first), people.get(m.second)
    if a is None or b is None:
        return [*out, Violation("unknown", f"{where}: unknown participant")]
    for p in (a, b):
        if m.slot not in p.available_slots:
            out.append(Violation("availability", f"{where}: {p.participant_id} is not available"))
    if b.participant_id in a.blocked or a.participant_id in b.blocked:
        out.append(Violation("blocked", f"{where}: the pair is blocked"))
    return out


def _check_interpreting(
    m: Meeting, people: dict[str, Participant], pools: dict[str, InterpreterPool], allows_relay: bool
) -> list[Violation]:
    """A meeting without a common language has interpreters whose pools cover its languages.

    Direct: one pool covering a language of each side. Relay (only if the event allows it): the chain
    (one side's language, pivot, the other side's language), the first pool covering the first two,
    the second pool the last two.
    """
    a, b = people.get(m.first), people.get(m.second)
    if a is None or b is None:
        return []
    where = f"meeting {m.first}–{m.second} in slot {m.slot}"
    chain, legs = m.interpreter or (), m.interpreter_pools
    if not chain and not legs:
        if set(a.languages) & set(b.languages):
            return []
        return [Violation("interpreter", f"{where}: no common language and no interpreter")]
    unknown = [name for name in legs if name not in pools]
    if unknown:
        return [Violation("interpreter", f"{where}: no interpreter pool {', '.join(unknown)}")]
    sides_fit = len(chain) >= 2 and (
        (chain[0] in a.languages and chain[-1] in b.languages)
        or (chain[0] in b.languages and chain[-1] in a.languages)
    )
    if len(chain) == 2 and len(legs) == 1:
        fits = sides_fit and set(chain) <= pools[legs[0]].languages
    elif len(chain) == 3 and len(legs) == 2:  # a relay: a language of each side and the pivot
        if not allows_relay:
            return [Violation("relay", f"{where}: relay interpreting, which the event does not allow")]
        fits = (
            sides_fit
            and {chain[0], chain[1]} <= pools[legs[0]].languages
            and {chain[1], chain[2]} <= pools[legs[1]].languages
        )
    else:
        fits = False
    if not fits:
        text = f"{'–'.join(chain)} by {' + '.join(legs) or 'no pool'}"
        return [Violation("interpreter", f"{where}: {text} does not interpret between the two")]
    return []


def _check_double_booking(meetings: list[Meeting]) -> list[Violation]:
    seen = Counter((pid, m.slot) for m in meetings for pid in (m.first, m.second))
    return [
        Violation("double_booking", f"{pid} has {n} meetings in slot {slot}")
        for (pid, slot), n in seen.items()
        if n > 1
    ]


def _check_tables(meetings: list[Meeting]) -> list[Violation]:
    seen = Counter((m.slot, m.table) for m in meetings)
    return [
        Violation("table_capacity", f"table {table} holds {n} meetings in slot {slot}")
        for (slot, table), n in seen.items()
        if n > 1
    ]


def _check_interpreters(meetings: list[Meeting], pools: dict[str, InterpreterPool]) -> list[Violation]:
    """No pool has more interpreters busy in a slot than on duty (a relay through one pool takes two)."""
    used = Counter((name, m.slot) for m in meetings for name in m.interpreter_pools)
    out = []
    for (name, slot), n in used.items():
        capacity = pools[name].per_slot if name in pools else ()
        available = capacity[slot] if 0 <= slot < len(capacity) else 0
        if n > available:
            out.append(
                Violation(
                    "interpreters", f"{n} interpreters of {name} busy in slot {slot}, {available} exist"
                )
            )
    return out


def _check_max_meetings(meetings: list[Meeting], people: dict[str, Participant]) -> list[Violation]:
    count = Counter(pid for m in meetings for pid in (m.first, m.second))
    return [
        Violation("max_meetings", f"{pid} has {n} meetings, allows {people[pid].max_meetings}")
        for pid, n in count.items()
        if pid in people and n > people[pid].max_meetings
    ]


def _check_pairs_once(meetings: list[Meeting]) -> list[Violation]:
    count = Counter(frozenset((m.first, m.second)) for m in meetings)
    return [Violation("repeat", f"{sorted(k)} meet {n} times") for k, n in count.items() if n > 1]


def _check_travel(meetings: list[Meeting], event: Event) -> list[Violation]:
    if not event.table_halls:
        return []
    halls: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for m in meetings:
        if 0 <= m.table < len(event.table_halls):
            for pid in (m.first, m.second):
                halls[pid].append((m.slot, event.table_halls[m.table]))
    out = []
    for pid, visits in halls.items():
        for (s1, h1), (s2, h2) in zip(sorted(visits), sorted(visits)[1:], strict=False):
            if h1 != h2 and s2 - s1 <= event.buffer_between(h1, h2):
                out.append(
                    Violation("travel", f"{pid} cannot walk from {h1} (slot {s1}) to {h2} (slot {s2})")
                )
    return out


def _check_consent(meetings: list[Meeting], requests: Sequence[MeetingRequest]) -> list[Violation]:
    asked: dict[frozenset[str], list[MeetingRequest]] = defaultdict(list)
    for r in requests:
        asked[frozenset((r.requester, r.target))].append(r)
    agreed = {
        key
        for key, rs in asked.items()
        if any(r.is_must_meet for r in rs)
        or (
            not any(r.status is RequestStatus.DECLINED for r in rs)
            and (any(r.status is RequestStatus.ACCEPTED for r in rs) or len({r.requester for r in rs}) == 2)
        )
    }
    return [
        Violation("consent", f"{m.first}–{m.second}: no accepted request or must-meet")
        for m in meetings
        if frozenset((m.first, m.second)) not in agreed
    ]
