"""Scheduling a Congress: every schedule is valid, close to its proven bound, and explains itself."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sezatlas.congress.model import Event, MeetingRequest, Participant, RequestStatus, Role
from sezatlas.congress.scheduling import synthetic
from sezatlas.congress.scheduling.bound import _block_hall_lp, block_hall_bound, certified_bound, slot_blocks
from sezatlas.congress.scheduling.instance import Assignment, build_instance, objective
from sezatlas.congress.scheduling.solve import reschedule, schedule_event
from sezatlas.congress.scheduling.subproblem import solve_pairs
from sezatlas.congress.scheduling.validate import validate_schedule


def person(
    pid: str, *, languages: tuple[str, ...] = ("en",), slots: range = range(4), cap: int = 4
) -> Participant:
    return Participant(
        participant_id=pid,
        organisation=f"Org {pid}",
        role=Role.MANUFACTURER,
        country="BRA",
        languages=languages,
        available_slots=frozenset(slots),
        max_meetings=cap,
    )


def small_event(slots: int = 4, tables: int = 10, **extra: object) -> Event:
    starts = tuple(datetime(2027, 6, 1, 9) + timedelta(minutes=30 * t) for t in range(slots))
    return Event(slot_starts=starts, slot_minutes=30, tables_per_slot=tables, **extra)  # type: ignore[arg-type]


def accepted(a: str, b: str, **extra: object) -> MeetingRequest:
    return MeetingRequest(requester=a, target=b, status=RequestStatus.ACCEPTED, **extra)  # type: ignore[arg-type]


@pytest.mark.parametrize("method", ["greedy", "fcfs", "exact", "lns"])
@pytest.mark.parametrize("seed", [1, 2])
def test_every_method_gives_a_valid_schedule_below_the_certified_bound(method: str, seed: int) -> None:
    congress = synthetic.congress(80, 8, seed=seed)
    result = schedule_event(
        congress.participants, congress.event, congress.requests, method=method, time_limit=4, seed=seed
    )
    assert (
        validate_schedule(result.schedule.meetings, congress.participants, congress.event, congress.requests)
        == []
    )
    assert result.report.meetings == len(result.schedule.meetings) > 0
    assert result.report.objective <= result.report.upper_bound + 1e-6


def test_optimisation_beats_first_come_first_served() -> None:
    congress = synthetic.congress(150, 8, seed=3)
    fcfs = schedule_event(
        congress.participants, congress.event, congress.requests, method="fcfs", time_limit=5
    )
    lns = schedule_event(congress.participants, congress.event, congress.requests, method="lns", time_limit=5)
    assert lns.report.objective > fcfs.report.objective
    assert lns.report.share_of_bound > 0.9


@pytest.mark.parametrize("n,slots", [(30, 6), (60, 8)])
def test_exact_solve_finds_the_planted_optimum(n: int, slots: int) -> None:
    congress = synthetic.planted(n, slots, seed=1)
    result = schedule_event(
        congress.participants,
        congress.event,
        congress.requests,
        values=congress.values,
        method="exact",
        time_limit=10,
        deterministic=True,
    )
    assert congress.planted_optimum is not None
    assert result.report.objective == pytest.approx(congress.planted_optimum)
    assert result.report.upper_bound >= congress.planted_optimum - 1e-6


def test_deterministic_mode_repeats_the_same_schedule() -> None:
    congress = synthetic.congress(40, 6, seed=4)
    runs = [
        schedule_event(
            congress.participants,
            congress.event,
            congress.requests,
            method="exact",
            deterministic=True,
            time_limit=5,
        ).schedule
        for _ in range(2)
    ]
    assert runs[0] == runs[1]


def test_the_bound_is_never_below_a_proven_optimum() -> None:
    congress = synthetic.congress(30, 6, seed=5)
    inst = build_instance(congress.participants, congress.event, congress.requests)
    exact = solve_pairs(inst, range(inst.pair_count), Assignment.empty(inst), time_limit=30)
    assert exact.optimal
    optimum = objective(inst, np.array([exact.slot_of[e] for e in range(inst.pair_count)]))
    assert block_hall_bound(inst, congress.event).value >= optimum - 1e-6


@pytest.fixture(scope="module")
def tiny_lp() -> tuple[object, float]:
    congress = synthetic.congress(20, 4, seed=7)
    inst = build_instance(congress.participants, congress.event, congress.requests)
    best = schedule_event(
        congress.participants,
        congress.event,
        congress.requests,
        method="exact",
        time_limit=3,
        deterministic=True,
    )
    return _block_hall_lp(inst, slot_blocks(congress.event)), best.report.objective


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 2**31 - 1), scale=st.floats(0.0, 5.0))
def test_any_nonnegative_dual_vector_certifies_an_upper_bound(
    tiny_lp: tuple[tuple[sp.csr_matrix, np.ndarray, np.ndarray, np.ndarray], float], seed: int, scale: float
) -> None:
    """Weak duality: the bound formula holds for every y ≥ 0, not just the solver's duals."""
    (matrix, rhs, cost, upper), best = tiny_lp
    y = np.random.default_rng(seed).random(matrix.shape[0]) * scale
    assert certified_bound(matrix, rhs, cost, upper, y) >= best - 1e-6


def test_slot_blocks_split_at_lunch_and_at_night() -> None:
    event = synthetic.event_for(100, 16)
    assert slot_blocks(event) == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11], [12, 13, 14, 15]]


def test_interpreters_and_tables_are_never_overbooked() -> None:
    people = [person(f"R{i}", languages=("ru",)) for i in range(4)] + [
        person(f"Z{i}", languages=("zh",)) for i in range(4)
    ]
    requests = [accepted(f"R{i}", f"Z{j}") for i in range(4) for j in range(4)]
    event = small_event(tables=3, interpreters_per_slot={("ru", "zh"): (1, 1, 1, 1)})
    result = schedule_event(people, event, requests, method="exact", time_limit=5, deterministic=True)
    assert validate_schedule(result.schedule.meetings, people, event, requests) == []
    assert result.report.meetings == 4  # one interpreter per slot, four slots
    assert all(m.interpreter == ("ru", "zh") for m in result.schedule.meetings)
    assert result.report.interpreter_load["ru–zh"] == (1, 1, 1, 1)


def test_nobody_meets_outside_their_availability_or_twice_at_once() -> None:
    people = [person("A", slots=range(2)), person("B"), person("C", slots=range(1, 2))]
    requests = [accepted("A", "B"), MeetingRequest("A", "C"), MeetingRequest("C", "A"), accepted("B", "C")]
    result = schedule_event(people, small_event(), requests, method="exact", time_limit=5, deterministic=True)
    slots = {frozenset((m.first, m.second)): m.slot for m in result.schedule.meetings}
    assert slots == {frozenset("AC"): 1, frozenset("AB"): 0}  # B–C could only meet in slot 1, when C is busy
    assert validate_schedule(result.schedule.meetings, people, small_event(), requests) == []


def test_unmet_requests_say_why() -> None:
    people = [person("A", cap=1), person("B"), person("C"), person("D", slots=range(4, 6)), person("E")]
    requests = [
        accepted("A", "B"),
        accepted("A", "C"),
        accepted("B", "D"),
        MeetingRequest(requester="C", target="E"),
        MeetingRequest(requester="E", target="B", status=RequestStatus.DECLINED),
    ]
    result = schedule_event(people, small_event(), requests, method="exact", time_limit=5)
    reasons = {frozenset((u.first, u.second)): u.reason for u in result.report.unmet}
    assert any("maximum of 1" in reasons.get(frozenset(pair), "") for pair in ("AB", "AC"))
    assert reasons[frozenset(("B", "D"))] == "no common free slot"
    assert reasons[frozenset(("C", "E"))] == "request awaiting an answer"
    assert reasons[frozenset(("B", "E"))] == "request declined"


def test_a_mutual_wish_counts_as_consent_and_outweighs_a_one_sided_request() -> None:
    people = [person("A", cap=1), person("B"), person("C")]
    requests = [MeetingRequest("A", "B"), MeetingRequest("B", "A"), accepted("A", "C")]
    result = schedule_event(people, small_event(), requests, method="exact", time_limit=5)
    assert [(m.first, m.second) for m in result.schedule.meetings] == [("A", "B")]


def test_must_meet_pairs_are_scheduled_whenever_a_common_slot_exists() -> None:
    congress = synthetic.congress(200, 8, seed=8)
    musts = [replace(r, is_must_meet=True) for r in congress.requests[:40]]
    requests = (*musts, *congress.requests[40:])
    result = schedule_event(
        congress.participants, congress.event, requests, method="exact", time_limit=10, deterministic=True
    )
    assert result.report.must_meet_schedulable > 0
    assert result.report.must_meet_scheduled == result.report.must_meet_schedulable


def test_travel_between_halls_respects_the_buffer() -> None:
    people = [person(p) for p in "ABCDEF"]
    requests = [accepted(a, b) for a, b in ("AB", "AC", "AD", "BC", "BD", "CD", "EF", "AE", "BF")]
    event = small_event(
        tables=4,
        table_halls=("North", "North", "South", "South"),
        travel_buffer_slots={("North", "South"): 1},
    )
    result = schedule_event(people, event, requests, method="exact", time_limit=5, deterministic=True)
    assert validate_schedule(result.schedule.meetings, people, event, requests) == []


def test_rescheduling_after_cancellations_moves_few_untouched_meetings() -> None:
    """Starting from a proven optimum, a move can only come from the cancellations themselves."""
    congress = synthetic.congress(60, 8, seed=9)
    first = schedule_event(
        congress.participants,
        congress.event,
        congress.requests,
        method="exact",
        time_limit=20,
        deterministic=True,
    )
    cancelled = {p.participant_id for p in congress.participants[::15]}
    remaining = [p for p in congress.participants if p.participant_id not in cancelled]
    repaired = reschedule(first.schedule, remaining, congress.event, congress.requests, time_limit=6)
    untouched = [m for m in first.schedule.meetings if not {m.first, m.second} & cancelled]
    kept = set(repaired.schedule.meetings)
    same_slot = {(m.first, m.second, m.slot) for m in repaired.schedule.meetings}
    assert validate_schedule(repaired.schedule.meetings, remaining, congress.event, congress.requests) == []
    assert repaired.report.moved is not None
    assert repaired.report.moved == sum((m.first, m.second, m.slot) not in same_slot for m in untouched)
    assert repaired.report.moved <= 0.05 * len(untouched)
    assert sum(m in kept for m in untouched) >= 0.9 * len(untouched)  # tables kept too
    scratch = schedule_event(remaining, congress.event, congress.requests, time_limit=6)
    assert repaired.report.objective >= 0.98 * scratch.report.objective


def test_meetings_already_held_stay_and_nothing_new_is_placed_in_the_past() -> None:
    congress = synthetic.congress(100, 8, seed=10)
    first = schedule_event(congress.participants, congress.event, congress.requests, method="greedy")
    late = congress.participants[0].participant_id
    people = [
        replace(p, available_slots=frozenset(t for t in p.available_slots if t >= 6))
        if p.participant_id == late
        else p
        for p in congress.participants
    ]
    repaired = reschedule(
        first.schedule, people, congress.event, congress.requests, from_slot=4, time_limit=3
    )
    held = {m for m in first.schedule.meetings if m.slot < 4 and late not in (m.first, m.second)}
    assert held <= set(repaired.schedule.meetings)
    assert all(m.slot >= 4 for m in set(repaired.schedule.meetings) - held)
