"""A control character in an imported text is a problem like any other: named, and nothing is written.

A NUL used to crash the PostgreSQL import with a traceback printing the row, and on SQLite it was stored
and broke every later XLSX export. Tab and line breaks stay ordinary text (SQLite and PostgreSQL).
"""

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from sezatlas.cli import app as cli
from sezatlas.registry.importer import ImportRejected, import_file
from sezatlas.store.database import transaction
from sezatlas.store.zones import all_zones, count_zones
from tests.registry.zone_files import flat_rows, sample_zones, write_csv


def zones_in(engine: Engine) -> int:
    with transaction(engine) as session:
        return count_zones(session)


def rejected(engine: Engine, path: Path) -> list[tuple[int | None, str | None, str | None, str]]:
    with pytest.raises(ImportRejected) as caught:
        import_file(engine, path)
    assert "\x00" not in str(caught.value)  # the report prints the value escaped
    return [(p.row, p.field, p.value, p.reason) for p in caught.value.report.problems]


def test_a_nul_in_a_csv_rejects_the_file_naming_row_and_field(empty_engine: Engine, tmp_path: Path) -> None:
    rows = flat_rows(sample_zones(3))
    rows[1]["name_en"] = "Bad\x00name"
    rows[2]["operator"] = "Esc\x1bape"
    problems = rejected(empty_engine, write_csv(tmp_path / "zones.csv", rows))
    assert [(row, field, value) for row, field, value, _ in problems] == [
        (3, "name_en", "Bad\\x00name"), (4, "operator", "Esc\\x1bape"),
    ]  # fmt: skip
    assert "control character U+0000 at character 4" in problems[0][3]
    assert zones_in(empty_engine) == 0


def test_a_nul_in_a_json_file_is_found_in_nested_values_too(empty_engine: Engine, tmp_path: Path) -> None:
    zone = sample_zones(1)[0].model_dump(mode="json")
    zone["location"]["locality"] = "Kazan\u0000"
    path = tmp_path / "zones.json"
    path.write_text(json.dumps({"zones": [zone]}), encoding="utf-8")  # JSON spells it \u0000
    assert [(row, field) for row, field, _, _ in rejected(empty_engine, path)] == [(1, "locality")]
    assert zones_in(empty_engine) == 0


def test_tabs_and_line_breaks_are_ordinary_text(empty_engine: Engine, tmp_path: Path) -> None:
    rows = flat_rows(sample_zones(1))
    rows[0]["notes"] = "first line\nsecond\tcolumn\r\nthird"
    import_file(empty_engine, write_csv(tmp_path / "zones.csv", rows))
    with transaction(empty_engine) as session:
        assert [zone.notes for zone in all_zones(session)] == ["first line\nsecond\tcolumn\r\nthird"]


def test_the_cli_reports_a_nul_without_a_traceback(empty_engine: Engine, tmp_path: Path) -> None:
    rows = flat_rows(sample_zones(2))
    rows[0]["name_en"] = "\x00"
    path = write_csv(tmp_path / "zones.csv", rows)
    url = empty_engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(cli, ["import", str(path), "--database-url", url])
    assert result.exit_code == 1 and not isinstance(result.exception, ValueError)
    assert "zones.csv, row 2, field name_en: holds the control character U+0000" in result.output
    assert zones_in(empty_engine) == 0
