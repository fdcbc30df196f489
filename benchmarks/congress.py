"""Congress scheduling benchmark: value against a certified bound, fairness, resources, and FCFS.

Families and sizes (docs/congress-scheduling.md#how-good-measured): T1 small exact cases, T2 synthetic
congresses, T3 planted instances with a known optimum, TB planted instances where tables are what
binds, I planted instances whose optimum needs every interpreter option (a choice of pool, relays),
T5 re-scheduling after 5 % cancellations, L a realistic language mix with bilingual interpreter pools,
scheduled with relay interpreting allowed and compared with the same congress without relay.
Where the optimum is known, value / optimum and bound / optimum are printed, and "bound valid" says
whether the certified bound is at least the optimum (elsewhere, at least the value found).
Every case runs in its own process (peak memory is per case) and every schedule goes through the
independent validator. Beside each result, the first-come-first-served baseline — requests placed
in the order they were made, as self-booking brokerage platforms end up — on the same instance.

    python benchmarks/congress.py                 # the full series (about 50 minutes)
    python benchmarks/congress.py --quick         # small sizes, short budgets (about 3 minutes)
    python benchmarks/congress.py --case T2:1000x12
    python benchmarks/congress.py --case L:1000x12   # pairs lost without relay interpreting
    python benchmarks/congress.py --case TB:500x12 --case TB:1000x12 --case I:1000x12
"""

from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import time
from dataclasses import dataclass

import numpy as np

from sezatlas.congress.scheduling import synthetic
from sezatlas.congress.scheduling.report import ScheduleReport
from sezatlas.congress.scheduling.solve import reschedule, schedule_event
from sezatlas.congress.scheduling.synthetic_interpreters import interpreter_choice
from sezatlas.congress.scheduling.validate import validate_schedule


@dataclass(frozen=True)
class Case:
    family: str
    n: int
    slots: int
    budget: float
    target: float  # share of the bound (T2, L), of the known optimum (T3) or of a fresh run (T5)

    @property
    def name(self) -> str:
        return f"{self.family}:{self.n}x{self.slots}"


FULL = [
    Case("T1", 30, 6, 10, 1.0),
    Case("T1", 60, 8, 10, 1.0),
    Case("T2", 300, 12, 60, 0.98),
    Case("T2", 1000, 12, 120, 0.98),
    Case("T2", 3000, 16, 300, 0.97),
    Case("T2", 10000, 16, 600, 0.95),
    Case("T3", 300, 12, 60, 0.99),
    Case("T3", 1000, 12, 120, 0.99),
    Case("T3", 3000, 16, 300, 0.99),
    Case("T3", 10000, 16, 600, 0.99),
    Case("TB", 500, 12, 60, 0.99),
    Case("TB", 1000, 12, 120, 0.99),
    Case("I", 1000, 12, 120, 0.99),
    Case("T5", 1000, 12, 60, 0.99),
    Case("L", 1000, 12, 120, 0.95),
]
QUICK = [
    Case("T1", 30, 6, 10, 1.0),
    Case("T2", 300, 12, 20, 0.98),
    Case("T3", 300, 12, 20, 0.99),
    Case("TB", 300, 12, 20, 0.99),
    Case("I", 300, 12, 20, 0.99),
    Case("T5", 300, 12, 15, 0.99),
    Case("L", 300, 12, 15, 0.95),
]


def run_case(case: Case, seed: int) -> dict[str, object]:
    """One case in this (child) process; returns printable figures."""
    started = time.perf_counter()
    if case.family in ("T1", "T3"):
        generated = synthetic.planted(case.n, case.slots, seed=seed)
    elif case.family == "TB":
        generated = synthetic.table_bound(case.n, case.slots, seed=seed)
    elif case.family == "I":
        generated = interpreter_choice(case.n, case.slots, seed=seed)
    elif case.family == "L":
        generated = synthetic.language_mix(case.n, case.slots, seed=seed, allows_relay=True)
    else:
        generated = synthetic.congress(case.n, case.slots, seed=seed)
    generated_in = time.perf_counter() - started
    people, event, requests, values = (
        generated.participants,
        generated.event,
        generated.requests,
        generated.values,
    )
    fcfs = schedule_event(people, event, requests, values=values, method="fcfs", time_limit=0)
    greedy = schedule_event(people, event, requests, values=values, method="greedy", time_limit=0)
    method = "exact" if case.family == "T1" else "auto"
    main = schedule_event(
        people, event, requests, values=values, method=method, time_limit=case.budget, seed=seed
    )
    violations = len(validate_schedule(main.schedule.meetings, people, event, requests))
    row: dict[str, object] = {
        "case": case.name,
        "seed": seed,
        "generated_s": generated_in,
        "known_optimum": generated.planted_optimum,
        "main": main.report,
        "greedy": greedy.report,
        "fcfs": fcfs.report,
        "violations": violations + len(validate_schedule(fcfs.schedule.meetings, people, event, requests)),
    }
    if case.family == "T5":
        rng = np.random.default_rng(seed)
        cancelled = {p.participant_id for p in people if rng.random() < 0.05}
        remaining = [p for p in people if p.participant_id not in cancelled]
        repaired = reschedule(
            main.schedule, remaining, event, requests, values=values, time_limit=case.budget
        )
        fresh = schedule_event(remaining, event, requests, values=values, time_limit=case.budget, seed=seed)
        untouched = sum(1 for m in main.schedule.meetings if not {m.first, m.second} & cancelled)
        row["repair"] = repaired.report
        row["fresh"] = fresh.report
        row["untouched"] = untouched
        row["violations"] = int(row["violations"]) + len(  # type: ignore[call-overload]
            validate_schedule(repaired.schedule.meetings, remaining, event, requests)
        )
    if case.family == "L":
        row.update(_without_relay(case, seed, main.report))
        row["relayed"] = sum(1 for m in main.schedule.meetings if len(m.interpreter_pools) == 2)
    row["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return row


def _without_relay(case: Case, seed: int, with_relay: ScheduleReport) -> dict[str, object]:
    """The same congress without relay: pairs lost for want of an interpreter, and its schedule."""
    plain = synthetic.language_mix(case.n, case.slots, seed=seed, allows_relay=False)
    result = schedule_event(
        plain.participants, plain.event, plain.requests, time_limit=case.budget, seed=seed
    )
    violations = validate_schedule(result.schedule.meetings, plain.participants, plain.event, plain.requests)
    return {
        "no_interpreter": (_no_interpreter(result.report), _no_interpreter(with_relay)),
        "no_relay": result.report,
        "no_relay_violations": len(violations),
    }


def _no_interpreter(report: ScheduleReport) -> int:
    """Agreed pairs that can never meet because no interpreter option exists for their languages."""
    return sum(1 for u in report.unmet if u.kind == "no_language")


def _child(case: Case, seed: int, queue: multiprocessing.Queue[dict[str, object]]) -> None:
    queue.put(run_case(case, seed))


def in_fresh_process(case: Case, seed: int) -> dict[str, object]:
    context = multiprocessing.get_context("spawn")
    queue: multiprocessing.Queue[dict[str, object]] = context.Queue()
    process = context.Process(target=_child, args=(case, seed, queue))
    process.start()
    row = queue.get()
    process.join()
    return row


def _line(label: str, r: ScheduleReport, reference: float) -> str:
    interp_used = sum(sum(v) for v in r.interpreter_load.values())
    interp_cap = sum(sum(v) for v in r.interpreter_capacity.values())
    return (
        f"  {label:<9} value {r.objective:>11,.1f}  {r.objective / reference:7.2%}  "
        f"meetings {r.meetings:>6}  per person mean {r.mean_meetings:4.1f} p10 {r.p10_meetings:3.0f} "
        f"zeros {r.zero_meetings_eligible:>4}/{r.eligible:<6} "
        f"must {r.must_meet_scheduled}/{r.must_meet_schedulable}  "
        f"tables {np.mean(r.table_use):5.1%}  interpreters {interp_used}/{interp_cap}  {r.seconds:7.1f} s"
    )


@dataclass(frozen=True)
class Summary:
    """One line of the closing table."""

    case: str
    seed: int
    value_share: float  # of the known optimum, or of the bound where none is known
    bound_share: float | None  # bound / known optimum
    bound_valid: bool
    met: bool

    def line(self) -> str:
        bound = f"{self.bound_share:9.4f}" if self.bound_share is not None else f"{'—':>9}"
        reference = "optimum" if self.bound_share is not None else "bound"
        valid = "yes" if self.bound_valid else "NO"
        return (
            f"{self.case:<14} {self.seed:>4}  {self.value_share:8.2%} of {reference:<7}  {bound}  "
            f"{valid:>11}  {'met' if self.met else 'NOT met'}"
        )


def report(case: Case, row: dict[str, object]) -> Summary:
    summary = _report(case, row)
    main: ScheduleReport = row["main"]  # type: ignore[assignment]
    optimum = row["known_optimum"]
    if optimum is None:
        return Summary(case.name, int(row["seed"]), main.objective / main.upper_bound, None,  # type: ignore[call-overload]
                       main.upper_bound >= main.objective - 1e-6, summary)  # fmt: skip
    known = float(optimum)  # type: ignore[arg-type]
    return Summary(case.name, int(row["seed"]), main.objective / known, main.upper_bound / known,  # type: ignore[call-overload]
                   main.upper_bound >= known - 1e-6, summary)  # fmt: skip


def _report(case: Case, row: dict[str, object]) -> bool:
    main: ScheduleReport = row["main"]  # type: ignore[assignment]
    optimum = row["known_optimum"]
    reference = float(optimum) if optimum is not None else main.upper_bound  # type: ignore[arg-type]
    kind = "known optimum" if optimum is not None else "certified bound"
    print(
        f"{case.name} seed {row['seed']}  budget {case.budget:.0f} s  bound {main.upper_bound:,.1f} "
        f"({main.bound_seconds:.1f} s)  reference = {kind} {reference:,.1f}  "
        f"generated in {row['generated_s']:.1f} s  peak {row['peak_mb']:,.0f} MB  "
        f"violations {row['violations']}"
    )
    print(_line(main.method, main, reference))
    print(_line("greedy", row["greedy"], reference))  # type: ignore[arg-type]
    print(_line("fcfs", row["fcfs"], reference))  # type: ignore[arg-type]
    fcfs: ScheduleReport = row["fcfs"]  # type: ignore[assignment]
    share = main.objective / reference
    print(f"  optimised / FCFS value: {main.objective / fcfs.objective:.3f}x")
    met = share >= case.target - 1e-9 and row["violations"] == 0
    if case.family == "T5":
        repair: ScheduleReport = row["repair"]  # type: ignore[assignment]
        fresh: ScheduleReport = row["fresh"]  # type: ignore[assignment]
        untouched = int(row["untouched"])  # type: ignore[call-overload]
        moved = repair.moved or 0
        print(_line("repair", repair, reference))
        print(_line("fresh", fresh, reference))
        ratio = repair.objective / fresh.objective
        print(
            f"  after 5 % cancellations: repair / fresh run {ratio:.2%} (target ≥ {case.target:.0%}), "
            f"moved {moved} of {untouched} untouched meetings ({moved / max(untouched, 1):.2%}, target ≤ 5 %)"
        )
        met = ratio >= case.target and moved <= 0.05 * untouched and row["violations"] == 0
    elif case.family == "L":
        plain: ScheduleReport = row["no_relay"]  # type: ignore[assignment]
        off, on = row["no_interpreter"]  # type: ignore[misc]
        print(_line("no relay", plain, reference))
        print(
            f"  agreed pairs excluded for want of an interpreter: relay off {off}, relay on {on}; "
            f"meetings scheduled: relay off {plain.meetings}, relay on {main.meetings}, "
            f"of which through a relay {row['relayed']}"
        )
        met = met and row["no_relay_violations"] == 0
        print(f"  target ≥ {case.target:.0%} of the {kind}: {'met' if met else 'NOT met'} ({share:.2%})")
    else:
        print(f"  target ≥ {case.target:.0%} of the {kind}: {'met' if met else 'NOT met'} ({share:.2%})")
    sys.stdout.flush()
    return met


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="small sizes and short budgets")
    parser.add_argument("--case", action="append", help="only these cases, e.g. T2:1000x12")
    parser.add_argument("--seeds", type=int, default=1, help="seeds per case (1..N)")
    args = parser.parse_args()
    cases = QUICK if args.quick else FULL
    if args.case:
        cases = [c for c in QUICK + FULL if c.name in set(args.case)]  # the full budget wins
        cases = list({c.name: c for c in cases}.values())
    print(
        f"Congress scheduling benchmark — {len(cases)} cases, {args.seeds} seed(s) each, one process per case"
    )
    results = [report(c, in_fresh_process(c, seed)) for c in cases for seed in range(1, args.seeds + 1)]
    print(f"\n{'case':<14} {'seed':>4}  {'value':>19}  {'bound/opt':>9}  {'bound valid':>11}  target")
    for summary in results:
        print(summary.line())
    met = sum(r.met and r.bound_valid for r in results)
    print(f"\n{met} of {len(results)} runs met their targets with a valid bound")


if __name__ == "__main__":
    main()
