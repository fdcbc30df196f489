"""Importing into the store: all or nothing, upsert by zone_id, dry runs, an audit record per import."""

from collections.abc import Sequence
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session
from zone_files import flat_rows, sample_zones, write_csv

from sezatlas.registry.importer import ImportRejected, import_file
from sezatlas.standard.zone import Zone
from sezatlas.store.database import transaction
from sezatlas.store.models import CountryRow, ImportRunRow
from sezatlas.store.zones import (
    UpsertCounts,
    all_zones,
    count_zones,
    get_zone,
    registry_version,
    upsert_zones,
)


def import_runs(engine: Engine) -> int:
    with transaction(engine) as session:
        return int(session.scalar(select(func.count()).select_from(ImportRunRow)) or 0)


def zones_in(engine: Engine) -> int:
    with transaction(engine) as session:
        return count_zones(session)


def test_bad_rows_reject_the_whole_import_and_each_is_listed(empty_engine: Engine, tmp_path: Path) -> None:
    rows = flat_rows(sample_zones(6))
    rows[1]["latitude"] = "123.0"
    rows[2]["country_iso3"] = "XYZ"
    rows[4]["area_ha"] = "-10"
    path = write_csv(tmp_path / "zones.csv", rows)
    with pytest.raises(ImportRejected) as rejected:
        import_file(empty_engine, path)
    assert [(p.file, p.row, p.field) for p in rejected.value.report.problems] == [
        ("zones.csv", 3, "latitude"), ("zones.csv", 4, "country_iso3"), ("zones.csv", 6, "area_ha"),
    ]  # fmt: skip
    assert zones_in(empty_engine) == 0 and import_runs(empty_engine) == 0


def test_the_same_file_fixed_imports_and_is_recorded(empty_engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "zones.csv", flat_rows(sample_zones(6)))
    result = import_file(empty_engine, path)
    assert (result.inserted, result.updated, result.unchanged, result.dry_run) == (6, 0, 0, False)
    assert zones_in(empty_engine) == 6 and import_runs(empty_engine) == 1
    with transaction(empty_engine) as session:
        run = session.scalars(select(ImportRunRow)).one()
        assert (run.source, run.inserted) == (str(path), 6)
        assert {zone.country_iso3 for zone in all_zones(session)} <= set(
            session.scalars(select(CountryRow.iso3))
        )


def test_reimporting_an_unchanged_file_reports_every_zone_unchanged(
    empty_engine: Engine, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "zones.csv", flat_rows(sample_zones(4)))
    import_file(empty_engine, path)
    with transaction(empty_engine) as session:
        version = registry_version(session)
    again = import_file(empty_engine, path)
    assert (again.inserted, again.updated, again.unchanged) == (0, 0, 4)
    assert {change.action for change in again.changes} == {"unchanged"}
    with transaction(empty_engine) as session:
        assert registry_version(session) == version


def test_dry_run_shows_what_would_change_and_writes_nothing(empty_engine: Engine, tmp_path: Path) -> None:
    zones = sample_zones(5)
    import_file(empty_engine, write_csv(tmp_path / "first.csv", flat_rows(zones[:4])))
    rows = flat_rows(zones)
    rows[0]["area_ha"], rows[0]["notes"] = "12345.5", "area per the operator's 2026 report"
    progress: list[tuple[int, int]] = []
    result = import_file(
        empty_engine,
        write_csv(tmp_path / "second.csv", rows),
        dry_run=True,
        on_progress=lambda *p: progress.append(p),
    )
    assert (result.inserted, result.updated, result.unchanged, result.dry_run) == (1, 1, 3, True)
    assert result.changes[0].changed_fields == ["area_ha", "notes"]
    area = result.changes[0].fields[0]
    assert (area.column, area.old, area.new) == ("area_ha", 11500.0, 12345.5)
    assert (result.changes[4].zone_id, result.changes[4].action) == (zones[4].zone_id, "insert")
    assert progress[-1] == (5, 5)
    with transaction(empty_engine) as session:
        assert get_zone(session, zones[0].zone_id) == zones[0]
        assert get_zone(session, zones[4].zone_id) is None
    assert import_runs(empty_engine) == 1


def test_a_crash_in_the_middle_of_writing_leaves_the_registry_unchanged(
    empty_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def upsert_then_crash(session: Session, zones: Sequence[Zone]) -> UpsertCounts:
        upsert_zones(session, zones)  # every row is written, then the disk fills up
        raise OSError("disk full")

    monkeypatch.setattr("sezatlas.registry.importer.upsert_zones", upsert_then_crash)
    with pytest.raises(OSError, match="disk full"):
        import_file(empty_engine, write_csv(tmp_path / "zones.csv", flat_rows(sample_zones(3))))
    assert zones_in(empty_engine) == 0 and import_runs(empty_engine) == 0
