"""The public response dashboard over 100,000 inquiry threads (issue 17: p95 < 200 ms).

Builds a registry with the bundled zones (SQLite, then PostgreSQL on a throw-away server from
`benchmarks/registry.py` unless `--no-postgres`), then 100,000 threads spread over them with clocks drawn
at random (answered, waiting for a clarification, open, closed unanswered; one zone in three operated by
one of 40 organisations), written straight into the table as the use cases would leave them; times
`response_dashboard` for every country at once, for one country, for one zone, for every organisation and
for every zone, and prints p50/p95 of `--rounds` runs beside the target and each back-end side by side.

    python benchmarks/inquiries.py [--threads 100000] [--rounds 20] [--no-postgres]
"""

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from registry import free_port, postgres_cluster
from sqlalchemy import Engine, insert, select

from sezatlas.inquiries.clock import ClockState, Status, due_at
from sezatlas.inquiries.dashboard import GroupBy, response_dashboard
from sezatlas.registry.bootstrap import init_database
from sezatlas.store.database import make_engine, session_factory
from sezatlas.store.inquiries_tables import InquiryRow, InquiryThreadRow
from sezatlas.store.models import ZoneRow

NOW = datetime(2026, 12, 1, tzinfo=UTC)
TARGET_MS = 200
TARGET = timedelta(days=7)


def thread_values(
    inquiry_id: int, zone: tuple[str, str, int | None], rng: random.Random
) -> dict[str, object]:
    sent = NOW - timedelta(days=rng.uniform(0, 365))
    kind = rng.random()
    running = timedelta(days=rng.uniform(0, 20))
    answered = kind < 0.6
    status = Status.ANSWERED if answered else Status.CLOSED if kind < 0.7 else Status.NEW
    if kind > 0.9:
        status = Status.CLARIFICATION_REQUESTED
    mark = min(sent + running, NOW)
    stopped = status in (Status.ANSWERED, Status.CLOSED)
    state = ClockState(status, running, timedelta(), mark, mark if answered else None, stopped)
    return {"inquiry_id": inquiry_id, "zone_id": zone[0], "country_iso3": zone[1], "organisation_id": zone[2],
            "status": status.value, "target_s": TARGET.total_seconds(), "sent_at": sent, "mark_at": mark,
            "running_s": running.total_seconds(), "paused_s": 0.0, "first_answer_at": state.first_answer_at,
            "is_stopped": stopped, "due_at": due_at(state, TARGET)}  # fmt: skip


def timed(call: object, rounds: int) -> tuple[float, float]:
    assert callable(call)
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def measure(engine: Engine, threads: int, rounds: int) -> dict[str, tuple[float, float]]:
    """Fill the engine's fresh database with `threads` threads and time each dashboard `rounds` times."""
    rng = random.Random(7)
    init_database(engine)
    with session_factory(engine)() as session:
        zones = [
            (zone_id, country, rng.randint(1, 40) if rng.random() < 1 / 3 else None)
            for zone_id, country in session.execute(select(ZoneRow.zone_id, ZoneRow.country_iso3))
        ]
        inquiries = [
            {"inquiry_id": n, "investor_person_id": None, "sent_at": NOW, "project": {}, "message": "-"}
            for n in range(1, threads + 1)
        ]
        session.execute(insert(InquiryRow), inquiries)
        rows = [thread_values(n, rng.choice(zones), rng) for n in range(1, threads + 1)]
        session.execute(insert(InquiryThreadRow), rows)
        session.commit()
        cases: dict[str, Callable[[], object]] = {
            "every country": lambda: response_dashboard(session, GroupBy.COUNTRY, now=NOW),
            "one country (CHN)": lambda: response_dashboard(session, GroupBy.COUNTRY, only="CHN", now=NOW),
            "one zone (RUS-001)": lambda: response_dashboard(session, GroupBy.ZONE, only="RUS-001", now=NOW),
            "every organisation": lambda: response_dashboard(session, GroupBy.ORGANISATION, now=NOW),
            "every zone": lambda: response_dashboard(session, GroupBy.ZONE, now=NOW),
        }
        return {label: timed(call, rounds) for label, call in cases.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--threads", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--no-postgres", action="store_true", help="measure SQLite only")
    arguments = parser.parse_args()
    results: dict[str, dict[str, tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(f"sqlite:///{folder}/inquiries.db")
        results["SQLite"] = measure(engine, arguments.threads, arguments.rounds)
        engine.dispose()
    if not arguments.no_postgres:
        with postgres_cluster(free_port()) as url:
            if url is not None:
                engine = make_engine(url)
                results["PostgreSQL"] = measure(engine, arguments.threads, arguments.rounds)
                engine.dispose()
    print(f"response dashboard, {arguments.threads:,} threads over the bundled zones, p50 / p95 of "
          f"{arguments.rounds} runs (target p95 < {TARGET_MS} ms)")  # fmt: skip
    print(f"  {'':20}" + "".join(f"{name:>26}" for name in results))
    for label in next(iter(results.values())):
        cells = []
        for figures in results.values():
            p50, p95 = figures[label]
            cells.append(f"{p50:7.1f} / {p95:7.1f} ms {'met' if p95 < TARGET_MS else 'NOT met':>7}")
        print(f"  {label:20}" + "".join(f"{cell:>26}" for cell in cells))


if __name__ == "__main__":
    main()
