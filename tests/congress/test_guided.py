"""The LP-guided start: the bound's LP says which pairs meet, DSatur says when.

Each small case is one where the value greedy, deciding a pair at a time, goes wrong in a way the
data shows; the synthetic congress checks the construction where interpreters bind.
"""

from __future__ import annotations

from sezatlas.congress.scheduling import synthetic
from sezatlas.congress.scheduling.bound import block_hall_bound
from sezatlas.congress.scheduling.greedy import greedy_schedule
from sezatlas.congress.scheduling.guided import guided_schedule
from sezatlas.congress.scheduling.instance import build_instance, objective
from sezatlas.congress.scheduling.solve import schedule_event
from sezatlas.congress.scheduling.validate import validate_schedule
from tests.congress.test_kempe import _pair
from tests.congress.test_scheduling import accepted, person, small_event


def test_the_lp_meets_two_people_each_where_the_greedy_takes_the_best_single_pair() -> None:
    """Everyone has room for one meeting. A–B is a mutual wish (3), A–C and B–D one-sided (2 each):
    the greedy takes A–B and leaves C and D alone; A–C plus B–D is worth more."""
    people = [person(p, slots=[0], cap=1) for p in "ABCD"]
    requests = [accepted("A", "B"), accepted("B", "A"), accepted("A", "C"), accepted("B", "D")]
    event = small_event(slots=1)
    inst = build_instance(people, event, requests)
    guided = guided_schedule(inst, block_hall_bound(inst, event).pair_shares)
    assert objective(inst, greedy_schedule(inst).slot_of) == 3 + 2 * 1.5
    assert guided.slot_of[_pair(inst, "A", "C")] == 0
    assert guided.slot_of[_pair(inst, "B", "D")] == 0
    assert objective(inst, guided.slot_of) == 2 + 2 + 4 * 1.5


def test_the_pair_with_fewest_slots_left_is_placed_first() -> None:
    """A–B could meet in slot 0 or 1, A–C only in slot 0: A–C goes first, so both meet."""
    people = [person("A", slots=range(2)), person("B", slots=range(2)), person("C", slots=[0])]
    requests = [accepted("A", "B"), accepted("B", "A"), accepted("A", "C")]
    event = small_event(slots=2)
    inst = build_instance(people, event, requests)
    guided = guided_schedule(inst, block_hall_bound(inst, event).pair_shares)
    assert greedy_schedule(inst).slot_of[_pair(inst, "A", "C")] == -1  # A–B took slot 0 first
    assert guided.slot_of[_pair(inst, "A", "C")] == 0
    assert guided.slot_of[_pair(inst, "A", "B")] == 1


def test_where_interpreters_bind_the_guided_start_is_within_two_percent_of_the_bound() -> None:
    congress = synthetic.congress(300, 12, seed=1)
    inst = build_instance(congress.participants, congress.event, congress.requests, congress.values)
    bound = block_hall_bound(inst, congress.event)
    guided = objective(inst, guided_schedule(inst, bound.pair_shares).slot_of)
    greedy = objective(inst, greedy_schedule(inst).slot_of)
    assert guided >= 0.98 * bound.value > greedy
    assert guided <= bound.value + 1e-6


def test_a_schedule_without_search_time_starts_from_the_better_construction_and_is_valid() -> None:
    congress = synthetic.congress(300, 12, seed=1)
    args = (congress.participants, congress.event, congress.requests)
    started = schedule_event(*args, values=congress.values, method="lns", time_limit=0)
    greedy = schedule_event(*args, values=congress.values, method="greedy", time_limit=0)
    assert started.report.objective >= 0.98 * started.report.upper_bound > greedy.report.objective
    assert validate_schedule(started.schedule.meetings, *args) == []
