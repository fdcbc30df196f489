"""Interpreter pools and relay: the certified bound is a bound, and every solver's schedule is valid.

The optimum of each tiny random congress comes from a reference model written here from the raw data:
every interpreter choice the validator accepts is a variable of its own, dominated ones included, so
it shares nothing with the solvers' option lists.
"""

from __future__ import annotations

import itertools
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from hypothesis import given, settings, target
from hypothesis import strategies as st
from ortools.sat.python import cp_model
from typer.testing import CliRunner

from sezatlas.cli import app
from sezatlas.congress.model import (
    Event,
    InterpreterPool,
    MeetingRequest,
    MeetingValues,
    Participant,
    RequestStatus,
    language_pair,
)
from sezatlas.congress.scheduling.greedy import greedy_schedule
from sezatlas.congress.scheduling.instance import (
    build_instance,
    objective,
    pair_values,
)
from sezatlas.congress.scheduling.kempe import kempe_pass
from sezatlas.congress.scheduling.lns import large_neighbourhood_search
from sezatlas.congress.scheduling.seating import seat_meetings
from sezatlas.congress.scheduling.solve import schedule_event
from sezatlas.congress.scheduling.validate import validate_schedule
from tests.congress.test_scheduling import person, small_event

LANGUAGES = ("en", "ru", "zh", "pt")
SCALE = 100


def usages(a: Participant, b: Participant, event: Event) -> list[tuple[str, ...]]:
    """Every interpreter choice for a and b that the rules allow, as the pools it draws on."""
    if set(a.languages) & set(b.languages):
        return [()]
    pools = event.pools()
    found = [
        (pool.name,)
        for pool in pools
        if pool.languages & set(a.languages) and pool.languages & set(b.languages)
    ]
    if event.allows_relay:
        for first, second in itertools.product(pools, repeat=2):
            pivot = first.languages & second.languages
            if first.languages & set(a.languages) and second.languages & set(b.languages) and pivot:
                found.append((first.name, second.name))
    return found


def reference_optimum(
    participants: Sequence[Participant], event: Event, requests: Sequence[MeetingRequest]
) -> float:
    """The best schedule's value, proven optimal by CP-SAT on a model written from the rules."""
    people = {p.participant_id: p for p in participants}
    worth = event.meeting_values
    values, _ = pair_values(requests, worth)
    capacity = {pool.name: pool.per_slot for pool in event.pools()}
    model = cp_model.CpModel()
    terms: list[tuple[cp_model.IntVar, int]] = []
    per_pair: dict[frozenset[str], list[cp_model.IntVar]] = {}
    per_person_slot: dict[tuple[str, int], list[cp_model.IntVar]] = {}
    per_person: dict[str, list[cp_model.IntVar]] = {pid: [] for pid in people}
    per_slot: dict[int, list[cp_model.IntVar]] = {}
    per_pool_slot: dict[tuple[str, int], list[tuple[cp_model.IntVar, int]]] = {}
    for key, value in values.items():
        a, b = (people[pid] for pid in sorted(key))
        for t in sorted(a.available_slots & b.available_slots):
            for usage in usages(a, b, event):
                x = model.new_bool_var("")
                terms.append((x, round(value * SCALE)))
                per_pair.setdefault(key, []).append(x)
                per_slot.setdefault(t, []).append(x)
                for pid in key:
                    per_person_slot.setdefault((pid, t), []).append(x)
                    per_person[pid].append(x)
                for name, units in Counter(usage).items():
                    per_pool_slot.setdefault((name, t), []).append((x, units))
    for group in [*per_pair.values(), *per_person_slot.values()]:
        model.add_at_most_one(group)
    for xs in per_slot.values():
        model.add(sum(xs) <= event.tables_per_slot)
    for (name, t), legs in per_pool_slot.items():
        model.add(sum(units * x for x, units in legs) <= capacity[name][t])
    for pid, xs in per_person.items():
        model.add(sum(xs) <= people[pid].max_meetings)
        floor = model.new_int_var(0, worth.fairness_depth, "")
        model.add(floor <= sum(xs))
        terms.append((floor, round(worth.fairness_bonus * SCALE)))
    model.maximize(sum(coefficient * x for x, coefficient in terms))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(model) == cp_model.OPTIMAL
    return solver.objective_value / SCALE


halves = st.integers(0, 40).map(lambda k: k / 2)
meeting_values = st.builds(
    MeetingValues,
    one_sided=halves,
    mutual=halves,
    must_meet=halves,
    fairness_bonus=halves,
    fairness_depth=st.integers(0, 3),
)


@st.composite
def tiny_congresses(draw: st.DrawFn) -> tuple[list[Participant], Event, list[MeetingRequest]]:
    """Up to 12 people and 4 slots, few languages, random pools, capacities, tables and requests.

    Most people speak one language and most pools two, so that interpreters, their choice and relays
    are what most examples are about. Half of the events keep the default meeting values, the others
    draw their own (an event's settings), fairness depth 0 included.
    """
    slots = draw(st.integers(1, 4))
    one = st.sampled_from(LANGUAGES).map(lambda language: (language,))
    spoken = (
        one | one | one | st.lists(st.sampled_from(LANGUAGES), min_size=2, max_size=2, unique=True).map(tuple)
    )
    # each slot free with probability 4/5, at least one
    free = st.lists(st.integers(0, 4), min_size=slots, max_size=slots).map(
        lambda draws: frozenset(t for t, d in enumerate(draws) if d) or frozenset({0})
    )
    people = [
        replace(
            person(f"P{i:02d}", languages=draw(spoken), cap=draw(st.integers(1, 3))),
            available_slots=draw(free),
        )
        for i in range(draw(st.integers(2, 12)))
    ]
    counts = st.lists(st.integers(0, 2), min_size=slots, max_size=slots).map(tuple)
    pair_count = draw(st.integers(1, 3))
    language_pairs = st.sampled_from(list(itertools.combinations(LANGUAGES, 2)))
    pairs = draw(st.lists(language_pairs, min_size=pair_count, max_size=pair_count, unique=True))
    hub = draw(st.sampled_from((None, *LANGUAGES)))
    if hub is not None:  # a hub language, as English often is: other pairs need a relay through it
        pairs = [language_pair(hub, other) for other in LANGUAGES if other != hub]
    pair_pools = {pair: draw(counts) for pair in pairs}
    pool_count = draw(st.integers(0, 1))
    sets = st.sets(st.sampled_from(LANGUAGES), min_size=2, max_size=3)
    named = [
        InterpreterPool(f"pool{k}", frozenset(languages), draw(counts))
        for k, languages in enumerate(draw(st.lists(sets, min_size=pool_count, max_size=pool_count)))
    ]
    event = small_event(
        slots=slots,
        tables=draw(st.integers(1, 4)),
        interpreters_per_slot=pair_pools,
        interpreter_pools=tuple(named),
        allows_relay=draw(st.sampled_from([True, False])),
        meeting_values=draw(st.just(MeetingValues()) | meeting_values),
    )
    ids = [p.participant_id for p in people]
    count = draw(st.integers(1, 3 * len(ids)))  # a drawn size: plain lists would stay short
    asked = draw(
        st.lists(st.tuples(st.sampled_from(ids), st.sampled_from(ids)), min_size=count, max_size=count)
    )
    answer = st.sampled_from([RequestStatus.ACCEPTED] * 4 + [RequestStatus.PENDING, RequestStatus.DECLINED])
    must = st.integers(0, 9).map(lambda tenth: tenth == 0)
    requests = [
        MeetingRequest(a, b, status=draw(answer), is_must_meet=draw(must)) for a, b in asked if a != b
    ]
    return people, event, requests


@settings(max_examples=500, deadline=None)
@given(congress=tiny_congresses())
def test_the_bound_holds_and_every_solver_stays_valid_and_below_it(
    congress: tuple[list[Participant], Event, list[MeetingRequest]],
) -> None:
    people, event, requests = congress
    optimum = reference_optimum(people, event, requests)
    results = {
        method: schedule_event(people, event, requests, method=method, time_limit=limit, deterministic=True)
        for method, limit in (("greedy", 0), ("fcfs", 0), ("exact", 5))
    }
    bound = results["exact"].report.upper_bound
    legs = [len(m.interpreter_pools) for r in results.values() for m in r.schedule.meetings]
    target(float(sum(legs) + 2 * legs.count(2)), label="interpreters used, relays counted thrice")
    assert bound >= optimum - 1e-6
    assert results["exact"].report.objective >= optimum - 1e-6  # the exact solve misses no option
    for method, result in results.items():
        assert result.report.objective <= bound + 1e-6, method
        assert validate_schedule(result.schedule.meetings, people, event, requests) == [], method
    inst = build_instance(people, event, requests)
    start = greedy_schedule(inst)
    searched = {
        "kempe": kempe_pass(inst, start, deadline=time.perf_counter() + 1),
        "lns": large_neighbourhood_search(
            inst, start, deadline=time.perf_counter() + 0.1, stop=lambda value: value >= bound - 1e-6
        )[0],
    }
    for method, assignment in searched.items():
        assert objective(inst, assignment.slot_of) <= bound + 1e-6, method
        meetings, _ = seat_meetings(inst, event, assignment)
        assert validate_schedule(meetings, people, event, requests) == [], method


def best_staffed_trap() -> tuple[list[Participant], Event, list[MeetingRequest]]:
    """The issue's case: 12 people speak ru and en, 12 speak zh; en–zh has 2 interpreters, ru–zh 1.

    Each ru/en speaker and two zh speakers wish to meet each other (a ring), everyone allows 2
    meetings: 24 meetings worth 144 fit in 8 slots only if ru–zh interpreters are used as well.
    """
    people = [person(f"R{i:02d}", languages=("ru", "en"), slots=range(8), cap=2) for i in range(12)]
    people += [person(f"Z{i:02d}", languages=("zh",), slots=range(8), cap=2) for i in range(12)]
    pairs = [(f"R{i:02d}", f"Z{j % 12:02d}") for i in range(12) for j in (i, i + 1)]
    requests = [MeetingRequest(a, b) for pair in pairs for a, b in (pair, pair[::-1])]
    event = small_event(
        slots=8, tables=24, interpreters_per_slot={("en", "zh"): (2,) * 8, ("ru", "zh"): (1,) * 8}
    )
    return people, event, requests


def test_a_pair_may_use_any_fitting_pool_so_the_bound_no_longer_cuts_off_the_best_schedule() -> None:
    people, event, requests = best_staffed_trap()
    result = schedule_event(people, event, requests, method="exact", time_limit=10, deterministic=True)
    assert result.report.upper_bound >= 144 - 1e-6
    assert result.report.objective >= 0.99 * 144
    assert validate_schedule(result.schedule.meetings, people, event, requests) == []
    assert {m.interpreter_pools for m in result.schedule.meetings} == {("en–zh",), ("ru–zh",)}


def test_the_command_line_prints_the_value_and_a_true_bound_for_the_trap(tmp_path: Path) -> None:
    people, _, requests = best_staffed_trap()
    event_file = tmp_path / "event.toml"
    event_file.write_text(
        'name = "Trap"\ntimezone = "Europe/Moscow"\nslot_minutes = 30\ntables_per_slot = 24\n'
        'slots = ["2027-06-01T09:00", "2027-06-01T09:30", "2027-06-01T10:00", "2027-06-01T10:30",\n'
        '         "2027-06-01T11:00", "2027-06-01T11:30", "2027-06-01T12:00", "2027-06-01T12:30"]\n'
        '[interpreters]\n"en-zh" = 2\n"ru-zh" = 1\n',
        encoding="utf-8",
    )
    participants = tmp_path / "participants.csv"
    rows = [
        f"{p.participant_id},Org {p.participant_id},manufacturer,RUS,{';'.join(p.languages)},0-7,2"
        for p in people
    ]
    participants.write_text(
        "participant_id,organisation,role,country,languages,available_slots,max_meetings\n"
        + "\n".join(rows)
        + "\n",
        encoding="utf-8",
    )
    asked = tmp_path / "requests.csv"
    lines = [f"{r.requester},{r.target},pending,no,0" for r in requests]
    asked.write_text(
        "requester,target,status,must_meet,priority\n" + "\n".join(lines) + "\n", encoding="utf-8"
    )
    database = ["--database-url", f"sqlite:///{tmp_path / 'trap.sqlite3'}"]
    runner = CliRunner()
    files = [str(event_file), str(participants), "--requests", str(asked)]
    imported = runner.invoke(app, ["congress", "import", *files, *database])
    assert imported.exit_code == 0, imported.output
    scheduled = runner.invoke(
        app, ["congress", "schedule", "--time-limit", "10", *database], env={"COLUMNS": "200"}
    )
    assert scheduled.exit_code == 0, scheduled.output
    figures = {
        line.split("│")[1].strip(): line.split("│")[2].strip()
        for line in scheduled.output.splitlines()
        if line.count("│") >= 3
    }
    assert float(figures["certified upper bound"].replace(",", "")) >= 144 - 1e-6
    assert float(figures["value"].replace(",", "")) >= 0.99 * 144
    assert figures["meetings"].startswith("24 of 24")
