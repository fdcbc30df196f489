"""Kempe-chain moves: a pair whose two people are free in different slots still gets its meeting."""

from __future__ import annotations

import time

from sezatlas.congress.scheduling import synthetic
from sezatlas.congress.scheduling.greedy import greedy_schedule
from sezatlas.congress.scheduling.instance import Assignment, Instance, build_instance, objective
from sezatlas.congress.scheduling.kempe import kempe_pass
from sezatlas.congress.scheduling.seating import seat_meetings
from sezatlas.congress.scheduling.validate import validate_schedule
from tests.congress.test_scheduling import accepted, person, small_event


def _pair(inst: Instance, a: str, b: str) -> int:
    ends = zip(inst.pair_a, inst.pair_b, strict=True)
    return next(e for e, (x, y) in enumerate(ends) if {inst.ids[x], inst.ids[y]} == {a, b})


def _two_slot_deadlock() -> tuple[Instance, Assignment]:
    """A meets C in slot 1 and B meets D in slot 0: A and B are free, but never at the same time."""
    people = [person(p, slots=range(2)) for p in "ABCD"]
    requests = [accepted("A", "B"), accepted("A", "C"), accepted("B", "D")]
    inst = build_instance(people, small_event(slots=2), requests)
    start = Assignment.empty(inst)
    start.assign(_pair(inst, "A", "C"), 1, -1)
    start.assign(_pair(inst, "B", "D"), 0, -1)
    return inst, start


def test_a_swap_along_the_chain_frees_a_common_slot() -> None:
    inst, start = _two_slot_deadlock()
    improved = kempe_pass(inst, start, deadline=time.perf_counter() + 5).slot_of
    assert (improved >= 0).all()
    assert improved[_pair(inst, "A", "B")] != improved[_pair(inst, "A", "C")]
    assert improved[_pair(inst, "A", "B")] != improved[_pair(inst, "B", "D")]
    assert objective(inst, improved) > objective(inst, start.slot_of)


def test_a_locked_meeting_never_moves() -> None:
    inst, start = _two_slot_deadlock()
    held = frozenset({_pair(inst, "B", "D"), _pair(inst, "A", "C")})
    improved = kempe_pass(inst, start, deadline=time.perf_counter() + 5, locked=held)
    assert (improved.slot_of == start.slot_of).all()


def test_a_cheaper_meeting_gives_way_to_a_more_valuable_one() -> None:
    people = [person("A", slots=range(1), cap=1), person("B", slots=range(1)), person("C", slots=range(1))]
    requests = [accepted("A", "B"), accepted("A", "C"), accepted("C", "A")]  # A–C is mutual: worth more
    inst = build_instance(people, small_event(slots=1), requests)
    start = Assignment.empty(inst)
    start.assign(_pair(inst, "A", "B"), 0, -1)
    improved = kempe_pass(inst, start, deadline=time.perf_counter() + 5).slot_of
    assert improved[_pair(inst, "A", "C")] == 0 and improved[_pair(inst, "A", "B")] == -1


def test_on_a_planted_congress_kempe_moves_close_most_of_the_greedy_gap_and_stay_valid() -> None:
    congress = synthetic.planted(200, 10, seed=3)
    inst = build_instance(congress.participants, congress.event, congress.requests, congress.values)
    start = greedy_schedule(inst)
    improved = kempe_pass(inst, start, deadline=time.perf_counter() + 20)
    assert congress.planted_optimum is not None
    before, after = objective(inst, start.slot_of), objective(inst, improved.slot_of)
    assert after - before > 0.5 * (congress.planted_optimum - before)
    meetings, unseated = seat_meetings(inst, congress.event, improved)
    assert unseated == []
    assert validate_schedule(meetings, congress.participants, congress.event, congress.requests) == []
