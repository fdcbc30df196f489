"""Where tables are what binds, the tables go to the most valuable pairs.

The table-bound family of `synthetic.py` fills every table of every slot with a top-value pair in
its optimum, so any table held by a lower-value pair shows in the value; the small cases here are
built by hand so the reason for each outcome can be read off the data.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from sezatlas.congress.model import MeetingValues
from sezatlas.congress.scheduling import synthetic
from sezatlas.congress.scheduling.greedy import greedy_schedule
from sezatlas.congress.scheduling.instance import Assignment, build_instance, objective
from sezatlas.congress.scheduling.kempe import kempe_pass
from sezatlas.congress.scheduling.solve import Method, ScheduleResult, schedule_event
from sezatlas.congress.scheduling.validate import validate_schedule
from tests.congress.test_kempe import _pair
from tests.congress.test_scheduling import accepted, person, small_event


def scheduled(congress: synthetic.Congress, method: Method, time_limit: float = 0) -> ScheduleResult:
    """The generated congress scheduled with its own pair values (deterministic when exact)."""
    return schedule_event(
        congress.participants,
        congress.event,
        congress.requests,
        values=congress.values,
        method=method,
        time_limit=time_limit,
        deterministic=method == "exact",
    )


def test_a_table_goes_to_a_top_value_pair_not_to_a_low_value_one_for_fairness() -> None:
    """One table per slot. C–D (worth 2) fits only in slot 0, E–F (worth 3) only in slot 1, A–B (worth 3)
    in either: giving slot 0 to C–D because its people have no meeting yet leaves A–B out."""
    people = [person("A", slots=range(2)), person("B", slots=range(2))]
    people += [person("C", slots=[0]), person("D", slots=[0]), person("E", slots=[1]), person("F", slots=[1])]
    requests = [
        accepted("A", "B"),
        accepted("B", "A"),
        accepted("C", "D"),
        accepted("E", "F"),
        accepted("F", "E"),
    ]
    inst = build_instance(people, small_event(slots=2, tables=1), requests)
    placed = greedy_schedule(inst).slot_of
    assert placed[_pair(inst, "A", "B")] == 0
    assert placed[_pair(inst, "E", "F")] == 1
    assert placed[_pair(inst, "C", "D")] == -1
    assert objective(inst, placed) == 3 + 3 + 4 * 1.5


def test_a_table_swap_moves_the_cheaper_meeting_to_a_slot_with_a_table_left() -> None:
    """Slot 0's only table is held by C–D, which could as well meet in slot 1; A–B can only meet in 0."""
    people = [
        person("A", slots=[0]),
        person("B", slots=[0]),
        person("C", slots=range(2)),
        person("D", slots=range(2)),
    ]
    inst = build_instance(people, small_event(slots=2, tables=1), [accepted("A", "B"), accepted("C", "D")])
    start = Assignment.empty(inst)
    start.assign(_pair(inst, "C", "D"), 0, -1)
    improved = kempe_pass(inst, start, deadline=time.perf_counter() + 5).slot_of
    assert improved[_pair(inst, "A", "B")] == 0
    assert improved[_pair(inst, "C", "D")] == 1


def test_a_table_swap_drops_a_cheaper_meeting_only_when_the_schedule_gains() -> None:
    """Slot 0 has one table; C–D is mutual (worth 3), A–B one-sided (2): A–B does not take the table."""
    people = [person(p, slots=[0]) for p in "ABCD"]
    requests = [accepted("A", "B"), accepted("C", "D"), accepted("D", "C")]
    inst = build_instance(people, small_event(slots=1, tables=1), requests)
    start = Assignment.empty(inst)
    start.assign(_pair(inst, "C", "D"), 0, -1)
    improved = kempe_pass(inst, start, deadline=time.perf_counter() + 5).slot_of
    assert improved[_pair(inst, "C", "D")] == 0
    assert improved[_pair(inst, "A", "B")] == -1


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_table_bound_family_fills_every_table_in_its_known_optimum(seed: int) -> None:
    congress = synthetic.table_bound(200, 8, seed=seed)
    assert congress.values is not None and congress.planted_optimum is not None
    tables = congress.event.tables_per_slot
    top = [key for key, value in congress.values.items() if value == synthetic.PLANTED_VALUE]
    assert tables >= 0.2 * 200
    assert len(top) == tables * 8  # every table of every slot holds a planted pair
    assert len(congress.values) > 3 * len(top)  # and lower-value pairs compete for them
    depth = congress.event.meeting_values.fairness_depth
    caps = np.array([p.max_meetings for p in congress.participants])
    assert (
        congress.planted_optimum == synthetic.PLANTED_VALUE * len(top) + 1.5 * np.minimum(caps, depth).sum()
    )


def test_on_a_small_table_bound_congress_the_exact_solve_reaches_the_known_optimum_and_the_bound_holds() -> (
    None
):
    congress = synthetic.table_bound(40, 4, seed=5)
    assert congress.planted_optimum is not None
    result = scheduled(congress, "exact", 20)
    assert (
        validate_schedule(result.schedule.meetings, congress.participants, congress.event, congress.requests)
        == []
    )
    assert result.report.objective == pytest.approx(congress.planted_optimum)
    assert result.report.upper_bound >= congress.planted_optimum - 1e-6


def test_value_aware_greedy_and_the_search_stay_close_to_the_optimum_where_tables_bind() -> None:
    congress = synthetic.table_bound(300, 8, seed=2)
    assert congress.planted_optimum is not None
    greedy = scheduled(congress, "greedy")
    searched = scheduled(congress, "lns", 10)
    assert greedy.report.objective >= 0.97 * congress.planted_optimum
    assert searched.report.objective >= 0.99 * congress.planted_optimum
    assert searched.report.upper_bound >= congress.planted_optimum - 1e-6


def test_meeting_values_of_the_event_decide_what_the_schedule_prefers() -> None:
    """One table: by default the mutual wish C–D wins; an event that values one-sided requests more
    gives the table to A–B."""
    people = [person(p, slots=[0]) for p in "ABCD"]
    requests = [accepted("A", "B"), accepted("C", "D"), accepted("D", "C")]
    default = small_event(slots=1, tables=1)
    chosen = schedule_event(people, default, requests, method="exact", time_limit=5, deterministic=True)
    assert {chosen.schedule.meetings[0].first, chosen.schedule.meetings[0].second} == {"C", "D"}
    event = small_event(slots=1, tables=1, meeting_values=MeetingValues(one_sided=5.0, mutual=3.0))
    chosen = schedule_event(people, event, requests, method="exact", time_limit=5, deterministic=True)
    assert {chosen.schedule.meetings[0].first, chosen.schedule.meetings[0].second} == {"A", "B"}
    assert chosen.report.objective == 5.0 + 2 * 1.5
    assert chosen.report.upper_bound >= chosen.report.objective - 1e-6
