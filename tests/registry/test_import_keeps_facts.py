"""No import and no `db init` loses a fact nobody asked to clear (issue 16, items 1 and 2).

RUS-001 (Alabuga) is a real bundled zone with a local name, a point, an operator and a regime; the
files below are what a member would send: only the columns they mean to update.
"""

from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner
from zone_files import write_csv

from sezatlas.cli import app
from sezatlas.registry.bootstrap import init_database
from sezatlas.registry.importer import ImportRejected, import_file
from sezatlas.standard.zone import Zone
from sezatlas.store.database import transaction
from sezatlas.store.zones import get_zone

PARTIAL = [
    "zone_id",
    "country_iso3",
    "name_en",
    "zone_type",
    "area_ha",
    "free_area_ha",
    "source_urls",
    "as_of",
]
OPERATOR_SITE = "https://alabuga.ru/en/"


def alabuga(engine: Engine) -> Zone:
    with transaction(engine) as session:
        zone = get_zone(session, "RUS-001")
    assert zone is not None
    return zone


def partial_file(tmp_path: Path, **cells: str) -> Path:
    row = {"zone_id": "RUS-001", "country_iso3": "RUS", "name_en": "Alabuga SEZ", "zone_type": "sez",
           "area_ha": "2000", "free_area_ha": "120", "source_urls": OPERATOR_SITE,
           "as_of": "2026-12"}  # fmt: skip
    row.update(cells)
    return write_csv(
        tmp_path / "alabuga.csv", [row], header=[*PARTIAL, *(c for c in cells if c not in PARTIAL)]
    )


def test_a_file_with_some_columns_updates_those_and_keeps_every_other_fact(
    registry_engine: Engine, tmp_path: Path
) -> None:
    before = alabuga(registry_engine)
    result = import_file(registry_engine, partial_file(tmp_path))
    after = alabuga(registry_engine)
    assert result.changes[0].cleared == []
    assert after.land.free_area_ha == 120
    assert after.name_local == before.name_local == "ОЭЗ «Алабуга»"
    assert (after.location.latitude, after.location.longitude) == (
        before.location.latitude,
        before.location.longitude,
    )
    assert after.operator == before.operator and after.regime == before.regime
    # the record now cites the operator's site; the facts it did not restate keep their own sources
    assert [str(url) for url in after.provenance.source_urls] == [OPERATOR_SITE]
    assert after.field_provenance["operator"] == before.provenance
    assert after.field_provenance["latitude"] == before.field_provenance["latitude"]


def test_an_empty_cell_changes_nothing_unless_the_import_is_told_to_clear(
    registry_engine: Engine, tmp_path: Path
) -> None:
    path = partial_file(tmp_path, name_local="", operator="")
    kept = import_file(registry_engine, path)
    assert kept.changes[0].blank_kept == ["name_local", "operator"]
    assert alabuga(registry_engine).operator == "JSC SEZ Alabuga"
    cleared = import_file(registry_engine, path, clear_empty=True)
    after = alabuga(registry_engine)
    assert cleared.changes[0].cleared == ["name_local", "operator"]
    assert (after.name_local, after.operator) == (None, None)
    assert after.location.latitude == 55.7623 and after.land.area_ha == 2000  # nothing else


def test_db_init_after_an_import_keeps_what_the_import_set_and_lists_the_contradiction(
    registry_engine: Engine, tmp_path: Path
) -> None:
    import_file(registry_engine, partial_file(tmp_path, area_ha="2100", operator=""), clear_empty=True)
    imported = alabuga(registry_engine)
    report = init_database(registry_engine)
    assert alabuga(registry_engine) == imported
    assert report.counts.updated == 0
    assert {(k.zone_id, k.column, k.kept, k.bundled) for k in report.kept} == {
        ("RUS-001", "area_ha", 2100.0, 2000.0),
        ("RUS-001", "operator", None, "JSC SEZ Alabuga"),
    }  # the bundled data says otherwise: kept, and listed for review
    assert init_database(registry_engine).counts.updated == 0


def test_a_value_that_conflicts_only_with_a_stored_fact_rejects_the_file_by_row_and_field(
    registry_engine: Engine, tmp_path: Path
) -> None:
    """Alabuga has 2,000 ha; a file giving only free land of 2,500 ha is valid alone, not merged."""
    row = {"zone_id": "RUS-001", "country_iso3": "RUS", "name_en": "Alabuga SEZ", "zone_type": "sez",
           "free_area_ha": "2500", "source_urls": OPERATOR_SITE}  # fmt: skip
    path = write_csv(tmp_path / "free.csv", [row], header=list(row))
    with pytest.raises(ImportRejected) as rejected:
        import_file(registry_engine, path)
    problem = rejected.value.report.problems[0]
    assert (problem.file, problem.row, problem.field) == ("free.csv", 2, "free_area_ha")
    assert alabuga(registry_engine).land.free_area_ha is None


def test_a_dry_run_lists_old_and_new_values_and_what_would_be_cleared(
    registry_engine: Engine, tmp_path: Path
) -> None:
    url = registry_engine.url.render_as_string(hide_password=False)
    path = partial_file(tmp_path, operator="")
    args = ["import", str(path), "--dry-run", "--database-url", url]
    kept = CliRunner().invoke(app, args, env={"COLUMNS": "200"})
    cleared = CliRunner().invoke(app, [*args, "--clear-empty"], env={"COLUMNS": "200"})
    assert kept.exit_code == cleared.exit_code == 0
    assert "free_area_ha: (empty) → 120.0" in kept.stdout
    assert "1 empty cell left the stored fact unchanged; --clear-empty clears them." in kept.stdout
    assert "will clear operator (now JSC SEZ Alabuga)" in cleared.stdout
    assert "will clear" not in kept.stdout
    assert alabuga(registry_engine).operator == "JSC SEZ Alabuga"
