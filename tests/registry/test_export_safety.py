"""Exports never hand a spreadsheet a live formula, and still import back without loss (SQLite, PostgreSQL).

A zone named ``=HYPERLINK("http://x","y")`` is CSV injection waiting for whoever opens the export in Excel:
every CSV writes it as ``'=HYPERLINK(...)`` (read back without the quote) and every workbook stores it as
a string cell, never a formula.
"""

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import Engine
from typer.testing import CliRunner

from sezatlas.cli import app as cli
from sezatlas.registry.exporter import ExportFormat, export_registry
from sezatlas.registry.formats import zones_csv
from sezatlas.registry.importer import import_file
from sezatlas.registry.parse import read_zones
from sezatlas.siting.shortlist import rank_zones
from sezatlas.siting.workbook import write_shortlist_xlsx
from sezatlas.standard.project import ProjectProfile
from sezatlas.standard.zone import Zone
from sezatlas.store.database import transaction
from sezatlas.store.zones import all_zones
from sezatlas.tabular.safe_cells import is_formula_like
from sezatlas.web.app import create_app
from tests.registry.zone_files import flat_rows, sample_zones, write_csv

HOSTILE_NAMES = ['=HYPERLINK("http://x","y")', "+1+2", "@SUM(1)", "-2+3", "'=already quoted"]


def hostile_zones() -> list[Zone]:
    """Real bundled zones given the names (and an operator, notes) an attacker would choose."""
    zones = sample_zones(len(HOSTILE_NAMES))
    changed = [z.model_copy(update={"name_en": name}) for z, name in zip(zones, HOSTILE_NAMES, strict=True)]
    changed[0] = changed[0].model_copy(update={"operator": "=cmd|' /C calc'!A0", "notes": "\t=1+1"})
    return changed


@pytest.fixture
def hostile_engine(empty_engine: Engine, tmp_path: Path) -> Engine:
    """A registry holding only the hostile zones, imported as a user would (a JSON file)."""
    document = {"zones": [zone.model_dump(mode="json") for zone in hostile_zones()]}
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    import_file(empty_engine, path)
    return empty_engine


def stored(engine: Engine) -> list[Zone]:
    with transaction(engine) as session:
        return list(all_zones(session))


def assert_csv_is_inert(text: str) -> None:
    """No cell may start a formula; numbers (a negative longitude) are numbers, not formulas."""
    for row in csv.reader(io.StringIO(text)):
        for cell in row:
            if is_formula_like(cell):
                float(cell)  # raises for text such as "-2+3"


def assert_workbook_is_inert(data: bytes | Path, names: list[str]) -> None:
    """Every hostile name is there as a string cell, quote-prefixed; no cell of any sheet is a formula."""
    workbook = load_workbook(io.BytesIO(data) if isinstance(data, bytes) else data)
    cells = [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    for name in names:
        holding = [cell for cell in cells if cell.value == name]
        assert holding, name
        assert all(cell.data_type == "s" for cell in holding), name
        assert all(cell.quotePrefix for cell in holding if is_formula_like(name)), name


def test_the_api_csv_quotes_formula_like_text(hostile_engine: Engine) -> None:
    response = TestClient(create_app(hostile_engine)).get("/api/v1/zones", params={"f": "csv"})
    assert response.status_code == 200
    assert_csv_is_inert(response.text)
    names = [row["name_en"] for row in csv.DictReader(io.StringIO(response.text))]
    assert sorted(names) == sorted(["'" + name for name in HOSTILE_NAMES])


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_cli_export_is_inert_and_imports_back_unchanged(
    hostile_engine: Engine, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"zones{suffix}"
    url = hostile_engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(cli, ["export", str(path), "--database-url", url])
    assert result.exit_code == 0, result.output
    if suffix == ".csv":
        assert_csv_is_inert(path.read_text(encoding="utf-8"))
    else:
        assert_workbook_is_inert(path, [*HOSTILE_NAMES, "=cmd|' /C calc'!A0", "\t=1+1"])
    assert read_zones(path) == stored(hostile_engine)


def test_the_data_package_csv_is_inert_and_imports_back_unchanged(
    hostile_engine: Engine, tmp_path: Path
) -> None:
    export_registry(hostile_engine, tmp_path / "package", ExportFormat.DATAPACKAGE)
    zones_csv = tmp_path / "package" / "zones.csv"
    assert_csv_is_inert(zones_csv.read_text(encoding="utf-8"))
    assert read_zones(zones_csv) == stored(hostile_engine)


def test_the_comparison_workbook_stores_names_as_text(hostile_engine: Engine) -> None:
    ids = ",".join(zone.zone_id for zone in stored(hostile_engine)[:4])
    response = TestClient(create_app(hostile_engine)).get("/compare", params={"zones": ids, "f": "xlsx"})
    assert response.status_code == 200
    names = [zone.name_en for zone in stored(hostile_engine)[:4]]
    assert_workbook_is_inert(response.content, names)


def test_the_shortlist_workbook_stores_names_as_text(tmp_path: Path) -> None:
    project = ProjectProfile.model_validate({"name": "Auto components plant", "isic_code": "2930"})
    shortlist = rank_zones(hostile_zones(), project, today=date(2026, 11, 25), samples=100)
    ranked = [zone.name_en for zone in shortlist.ranked]
    assert any(is_formula_like(name) for name in ranked)
    write_shortlist_xlsx(shortlist, tmp_path / "shortlist.xlsx")
    assert_workbook_is_inert(tmp_path / "shortlist.xlsx", ranked)


def test_text_starting_with_quotes_survives_the_protective_quote(tmp_path: Path) -> None:
    names = ["'=x", "''=y", "'plain", "=z"]
    zones = [
        zone.model_copy(update={"name_en": name}) for zone, name in zip(sample_zones(4), names, strict=True)
    ]
    path = tmp_path / "zones.csv"
    path.write_text(zones_csv(zones), encoding="utf-8")  # ''=x, '''=y, 'plain, '=z
    assert [zone.name_en for zone in read_zones(path)] == names


def test_a_hand_written_quote_before_a_formula_is_dropped_as_a_spreadsheet_does(tmp_path: Path) -> None:
    rows = flat_rows(sample_zones(1))
    rows[0]["name_en"] = "'=SUM(1)"
    assert [zone.name_en for zone in read_zones(write_csv(tmp_path / "zones.csv", rows))] == ["=SUM(1)"]
