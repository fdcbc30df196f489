"""Sources read whole (a CSV file here): zones gone from the source are marked, never deleted, and a zone
belongs to the one source that brought it."""

from pathlib import Path

from sqlalchemy import Engine

from sezatlas.federation.actions import add_source, run_source
from sezatlas.federation.harvest import RunStatus
from sezatlas.federation.sources import Source, SourceKind
from sezatlas.store.database import session_factory
from sezatlas.store.federation_tables import HarvestedZoneRow
from sezatlas.store.zones import get_zone
from tests.federation.node_fixtures import SECRETARIAT, national_platform
from tests.registry.zone_files import flat_rows, sample_zones, write_csv


def register_file(engine: Engine, name: str, path: Path, organisation: int) -> None:
    with session_factory(engine)() as session:
        add_source(
            session, SECRETARIAT, Source(name, organisation, SourceKind.TABULAR, str(path), "CC-BY-4.0")
        )


def test_a_zone_gone_from_the_source_is_marked_removed_and_kept(empty_engine: Engine, tmp_path: Path) -> None:
    zones = sample_zones(3)
    path = write_csv(tmp_path / "zones.csv", flat_rows(zones))
    register_file(empty_engine, "platform", path, national_platform(empty_engine))
    assert len(run_source(empty_engine, SECRETARIAT, "platform").new) == 3
    write_csv(path, flat_rows(zones[:2]))

    report = run_source(empty_engine, SECRETARIAT, "platform")

    assert report.status is RunStatus.OK and report.removed == [zones[2].zone_id]
    with session_factory(empty_engine)() as session:
        assert get_zone(session, zones[2].zone_id) is not None
        mark = session.get(HarvestedZoneRow, zones[2].zone_id)
        assert mark is not None and mark.removed_at is not None


def test_a_zone_another_source_brought_is_rejected_with_the_reason(
    empty_engine: Engine, tmp_path: Path
) -> None:
    organisation = national_platform(empty_engine)
    register_file(
        empty_engine, "first", write_csv(tmp_path / "a.csv", flat_rows(sample_zones(2))), organisation
    )
    register_file(
        empty_engine, "second", write_csv(tmp_path / "b.csv", flat_rows(sample_zones(3)[1:])), organisation
    )
    run_source(empty_engine, SECRETARIAT, "first")

    report = run_source(empty_engine, SECRETARIAT, "second")

    assert report.status is RunStatus.FAILED
    assert [(e.field, e.message) for e in report.rejected] == [
        ("zone_id", f"zone {sample_zones()[1].zone_id} is harvested from source first; a zone has one source")
    ]
    with session_factory(empty_engine)() as session:
        assert get_zone(session, sample_zones()[2].zone_id) is None  # all or nothing


def test_a_dry_run_reports_and_writes_nothing(empty_engine: Engine, tmp_path: Path) -> None:
    register_file(empty_engine, "platform", write_csv(tmp_path / "z.csv", flat_rows(sample_zones(2))),
                  national_platform(empty_engine))  # fmt: skip
    report = run_source(empty_engine, SECRETARIAT, "platform", dry_run=True)
    assert report.status is RunStatus.DRY_RUN and len(report.new) == 2
    with session_factory(empty_engine)() as session:
        assert get_zone(session, sample_zones()[0].zone_id) is None
