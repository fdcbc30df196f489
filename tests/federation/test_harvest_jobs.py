"""Scheduled harvesting through the job worker: a source is queued when due, once, and run by a worker."""

from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine

from sezatlas.federation import harvest as harvest_module
from sezatlas.federation.actions import add_source, source_runs
from sezatlas.federation.harvest_jobs import queue_due_harvests
from sezatlas.federation.sources import Source, SourceKind
from sezatlas.jobs.model import JobState
from sezatlas.jobs.runners import PERIODIC, RUNNERS
from sezatlas.jobs.worker import JobWorker
from sezatlas.store.database import session_factory
from sezatlas.store.zones import count_zones
from tests.federation.node_fixtures import SECRETARIAT, national_platform
from tests.registry.zone_files import flat_rows, sample_zones, write_csv


def test_a_due_source_is_queued_once_and_a_worker_harvests_it(empty_engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "zones.csv", flat_rows(sample_zones(3)))
    with session_factory(empty_engine)() as session:
        source = Source(
            "daily", national_platform(empty_engine), SourceKind.TABULAR, str(path), "CC0-1.0", 24.0
        )
        add_source(session, SECRETARIAT, source)
        add_source(session, SECRETARIAT, replace(source, name="by-hand", schedule_hours=None))

    queued = queue_due_harvests(empty_engine)
    assert [job.subject for job in queued] == ["daily"]
    assert queue_due_harvests(empty_engine) == []  # queued already

    job = JobWorker(empty_engine, RUNNERS).run_next()

    assert job is not None and job.state is JobState.DONE
    assert job.result is not None and job.result["new"] == 3
    with session_factory(empty_engine)() as session:
        assert count_zones(session) == 3
        assert [run.status for run in source_runs(session, SECRETARIAT, "daily")] == ["ok"]
    assert queue_due_harvests(empty_engine) == []  # just run: due again in 24 hours


def test_the_worker_queues_due_harvests_itself(empty_engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "zones.csv", flat_rows(sample_zones(2)))
    with session_factory(empty_engine)() as session:
        add_source(session, SECRETARIAT, Source("hourly", national_platform(empty_engine), SourceKind.TABULAR,
                                                str(path), "CC0-1.0", 1.0))  # fmt: skip
    job = JobWorker(empty_engine, RUNNERS, periodic=PERIODIC).run_next()
    assert job is not None and job.subject == "hourly" and job.state is JobState.DONE


def test_a_run_that_breaks_is_kept_as_failed_and_waits_its_interval(
    empty_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_csv(tmp_path / "zones.csv", flat_rows(sample_zones(2)))
    with session_factory(empty_engine)() as session:
        add_source(session, SECRETARIAT, Source("daily", national_platform(empty_engine), SourceKind.TABULAR,
                                                str(path), "CC0-1.0", 24.0))  # fmt: skip

    def defect(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("a defect in the reader")

    monkeypatch.setattr(harvest_module, "read_source", defect)
    queue_due_harvests(empty_engine)
    job = JobWorker(empty_engine, RUNNERS).run_next()

    assert job is not None and job.state is JobState.FAILED
    assert job.result is not None and job.result["status"] == "failed"
    assert job.message is not None and "RuntimeError" in job.message
    with session_factory(empty_engine)() as session:
        run = source_runs(session, SECRETARIAT, "daily")[0]
        assert run.status == "failed" and "RuntimeError" in str(run.report["message"])
    assert queue_due_harvests(empty_engine) == []  # not queued again the next minute
