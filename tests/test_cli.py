"""The command line, as a data team uses it."""

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from sezatlas.cli import app

runner = CliRunner()


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite3'}"


def test_db_init_loads_the_bundled_registry_and_is_idempotent(database_url: str) -> None:
    first = runner.invoke(app, ["db", "init", "--database-url", database_url])
    assert first.exit_code == 0, first.output
    assert "621 zones (621 new" in first.output
    assert "merged CHN-ETDZ-021 from cn_national_etdz_list.csv into CHN-HTZ-040" in first.output
    again = runner.invoke(app, ["db", "init", "--database-url", database_url])
    assert "621 zones (0 new, 0 updated, 621 unchanged)" in again.output


def test_zones_list_and_show(database_url: str) -> None:
    runner.invoke(app, ["db", "init", "--database-url", database_url])
    listed = runner.invoke(app, ["zones", "list", "-c", "zaf", "--database-url", database_url])
    assert "12 zones" in listed.output and "Coega SEZ" in listed.output
    shown = runner.invoke(app, ["zones", "show", "ZAF-001", "--database-url", database_url])
    assert json.loads(shown.output)["operator"] == "Coega Development Corporation"
    missing = runner.invoke(app, ["zones", "show", "ZAF-999", "--database-url", database_url])
    assert missing.exit_code == 1


def test_db_stats_prints_coverage(database_url: str) -> None:
    runner.invoke(app, ["db", "init", "--database-url", database_url])
    result = runner.invoke(app, ["db", "stats", "--database-url", database_url], env={"COLUMNS": "250"})
    assert (
        result.exit_code == 0 and "China (CHN)" in result.output and "national-level ETDZs" in result.output
    )


def test_schema_command_writes_the_json_schema(tmp_path: Path) -> None:
    target = tmp_path / "schema.json"
    assert runner.invoke(app, ["schema", "-o", str(target)]).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "SEZ Atlas data standard"


def test_serve_fills_an_empty_database_and_prints_the_zone_count(tmp_path: Path) -> None:
    env = {**os.environ, "SEZATLAS_DATABASE_URL": f"sqlite:///{tmp_path / 'served.sqlite3'}"}
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = str(probe.getsockname()[1])
    server = subprocess.Popen(
        [sys.executable, "-m", "sezatlas", "serve", "--port", port],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/v1/zones?country=RUS", timeout=2)
                break
            except httpx.TransportError:
                time.sleep(0.2)
        else:
            pytest.fail("sezatlas serve did not answer within 60 s")
        assert response.json()["total"] == 39
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "Serving 621 zones" in output


def test_rank_prints_a_shortlist_and_writes_xlsx(database_url: str, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    runner.invoke(app, ["db", "init", "--database-url", database_url])
    project = Path(__file__).parent.parent / "docs" / "examples" / "textile-plant.json"
    output = tmp_path / "shortlist.xlsx"
    result = runner.invoke(
        app,
        ["rank", "-p", str(project), "--samples", "500", "-o", str(output), "--database-url", database_url],
    )
    assert result.exit_code == 0, result.output
    assert "plausible weightings" in result.output
    sheets = load_workbook(output).sheetnames
    assert sheets == ["Shortlist", "Needs confirmation", "Excluded"]


def test_rank_names_the_bad_field_of_a_project_file(tmp_path: Path, database_url: str) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x", "isic_code": "2930", "land_need_ha": -4}', encoding="utf-8")
    result = runner.invoke(app, ["rank", "-p", str(bad), "--database-url", database_url])
    assert result.exit_code == 1 and "field land_need_ha" in result.output


def test_rank_reads_a_project_with_finance_and_values_incentives(database_url: str, tmp_path: Path) -> None:
    runner.invoke(app, ["db", "init", "--database-url", database_url])
    project = Path(__file__).parent.parent / "docs" / "examples" / "automotive-with-finance.json"
    output = tmp_path / "shortlist.json"
    result = runner.invoke(
        app,
        ["rank", "-p", str(project), "--samples", "200", "-o", str(output), "--database-url", database_url],
    )
    assert result.exit_code == 0, result.output
    shortlist = json.loads(output.read_text(encoding="utf-8"))
    assert shortlist["incentives_currency"] == "USD" and "incentives" in shortlist["criteria_used"]


def test_rank_names_the_bad_field_of_a_finance_block(tmp_path: Path, database_url: str) -> None:
    bad = tmp_path / "bad.json"
    text = '{"project": {"name": "x", "isic_code": "2930"}, "finance": {"name": "x"}}'
    bad.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["rank", "-p", str(bad), "--database-url", database_url])
    assert result.exit_code == 1 and "field finance.currency" in result.output
