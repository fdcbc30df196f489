"""The command line, as a data team uses it."""

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from sezatlas.cli import app
from sezatlas.registry.bundled import load_bundled_registry
from tests.registry.zone_files import flat_rows, write_csv

runner = CliRunner()


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite3'}"


def test_db_init_loads_the_bundled_registry_and_is_idempotent(database_url: str) -> None:
    first = runner.invoke(app, ["db", "init", "--database-url", database_url])
    assert first.exit_code == 0, first.output
    assert "897 zones (897 new" in first.output
    again = runner.invoke(app, ["db", "init", "--database-url", database_url])
    assert "897 zones (0 new, 0 updated, 897 unchanged)" in again.output


def test_db_init_says_one_line_and_lists_its_merges_with_verbose(database_url: str) -> None:
    quiet = runner.invoke(app, ["db", "init", "--database-url", database_url])
    assert quiet.output.count("\n") == 1 and "116 duplicate rows of the bundled files merged" in quiet.output
    verbose = runner.invoke(app, ["db", "init", "-v", "--database-url", database_url])
    assert "merged CHN-ETDZ-021 from cn_national_etdz_list.csv into CHN-HTZ-040" in verbose.output
    assert sum(line.startswith("  merged ") for line in verbose.output.splitlines()) == 116


def test_zones_list_and_show(database_url: str) -> None:
    runner.invoke(app, ["db", "init", "--database-url", database_url])
    listed = runner.invoke(app, ["zones", "list", "-c", "zaf", "--database-url", database_url])
    assert "12 zones" in listed.output and "Coega SEZ" in listed.output
    shown = runner.invoke(app, ["zones", "show", "ZAF-001", "--database-url", database_url])
    assert json.loads(shown.output)["operator"] == "Coega Development Corporation"
    missing = runner.invoke(app, ["zones", "show", "ZAF-999", "--database-url", database_url])
    assert missing.exit_code == 1


def test_db_stats_prints_one_headline_per_regime_with_its_source_type(database_url: str) -> None:
    runner.invoke(app, ["db", "init", "--database-url", database_url])
    result = runner.invoke(app, ["db", "stats", "--database-url", database_url], env={"COLUMNS": "250"})
    assert result.exit_code == 0 and "China (CHN)" in result.output
    assert "375 notified SEZs, 2022-03-10" in result.output and "official: datais.info" in result.output
    assert "reported: fagps.ru (no official figure)" in result.output  # Russia's TOR counts: a news site
    assert "268 operational SEZs" not in result.output  # history only with -v
    verbose = runner.invoke(
        app, ["db", "stats", "-v", "--database-url", database_url], env={"COLUMNS": "250"}
    )
    assert "268 operational SEZs, 2022-03-10" in verbose.output


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
        assert response.json()["total"] == 136
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=20)
    assert "Serving 897 zones" in output


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


@pytest.mark.parametrize(
    "url",
    [
        "sqlite:///{tmp}/missing/cli.sqlite3",  # no file yet: nothing is created by asking
        "sqlite:///{tmp}/empty.sqlite3",  # a file without the schema
        "postgresql+psycopg://nobody@127.0.0.1:1/none",  # a server that is not there
    ],
)
def test_a_missing_database_is_one_line_on_stderr_not_a_traceback(tmp_path: Path, url: str) -> None:
    (tmp_path / "empty.sqlite3").touch()
    env = {**os.environ, "SEZATLAS_DATABASE_URL": url.format(tmp=tmp_path)}
    command = [sys.executable, "-m", "sezatlas", "zones", "list"]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=60, check=False)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr and len(done.stderr.splitlines()) == 1, done.stderr
    assert done.stderr.startswith("error: ") and "the database at" in done.stderr
    assert not (tmp_path / "missing").exists()


def test_before_db_init_the_error_says_what_to_run(tmp_path: Path) -> None:
    result = runner.invoke(app, ["zones", "show", "RUS-001", "--database-url", f"sqlite:///{tmp_path}/x.db"])
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: the database at sqlite:///{tmp_path}/x.db has no registry yet; run 'sezatlas db init'\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-c", "RU"], "country: 'RU' is not an ISO 3166-1 alpha-3 code (e.g. RUS, CHN)"),
        (["-c", "Russia"], "country: 'RUSSIA' is not an ISO 3166-1 alpha-3 code (e.g. RUS, CHN)"),
        (["-t", "foo"], "zone_type: 'foo' is not one of cluster, etdz, "),
    ],
)
def test_zones_list_refuses_what_the_api_refuses(database_url: str, args: list[str], message: str) -> None:
    runner.invoke(app, ["db", "init", "--quiet", "--database-url", database_url])
    result = runner.invoke(app, ["zones", "list", *args, "--database-url", database_url])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {message}") and len(result.stderr.splitlines()) == 1


def test_export_refuses_an_unsupported_extension_before_writing(database_url: str, tmp_path: Path) -> None:
    target = tmp_path / "out.xml"
    result = runner.invoke(app, ["export", str(target), "--database-url", database_url])
    assert result.exit_code == 2 and ".csv, .xlsx, .geojson, .json" in result.stderr
    assert not target.exists()


def test_export_into_a_missing_folder_creates_it(database_url: str, tmp_path: Path) -> None:
    runner.invoke(app, ["db", "init", "--quiet", "--database-url", database_url])
    target = tmp_path / "new" / "folder" / "zones.geojson"
    result = runner.invoke(app, ["export", str(target), "--database-url", database_url])
    assert result.exit_code == 0, result.output
    assert f"Created the folder {target.parent}" in result.stderr
    assert len(json.loads(target.read_text(encoding="utf-8"))["features"]) == 897


def test_output_files_are_refused_up_front_by_extension(tmp_path: Path, database_url: str) -> None:
    target = tmp_path / "schema.yaml"
    result = runner.invoke(app, ["schema", "--output", str(target)])
    assert result.exit_code == 2 and result.stderr == f"error: --output {target}: write .json\n"
    project = Path(__file__).parent.parent / "docs" / "examples" / "textile-plant.json"
    wrong = ["-o", str(tmp_path / "list.csv"), "--database-url", database_url]
    ranked = runner.invoke(app, ["rank", "-p", str(project), *wrong])
    assert ranked.exit_code == 2 and "write .json or .xlsx" in ranked.stderr


def test_serve_help_shows_the_real_defaults() -> None:
    result = runner.invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert "[default: 8000]" in result.output and "[default: 127.0.0.1]" in result.output
    assert "SEZATLAS_PORT" in result.output


def test_serve_on_a_taken_port_is_one_line_naming_the_process_holding_it(tmp_path: Path) -> None:
    database = tmp_path / "never.sqlite3"
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        result = runner.invoke(app, ["serve", "--port", str(port), "--database-url", f"sqlite:///{database}"])
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.startswith(
        f"error: port {port} on 127.0.0.1 is already in use by process {os.getpid()}"
    )
    assert len(result.stderr.splitlines()) == 1 and "--port" in result.stderr
    assert not database.exists()  # checked before anything is created or printed


def test_rank_with_no_zone_eligible_ranks_on_evidence_or_only_confirmed_says_so(database_url: str) -> None:
    runner.invoke(app, ["db", "init", "--database-url", database_url])
    project = Path(__file__).parent.parent / "docs" / "examples" / "data-centre.json"
    args = ["rank", "-p", str(project), "--samples", "0", "--database-url", database_url]
    ranked = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert ranked.exit_code == 0, ranked.output
    assert "0 of 1" in ranked.output  # each ranked zone's evidence: free power is not confirmed
    counts = "Of 897 zones: 0 with every requirement confirmed, 891 with a fact to confirm"
    assert f"{counts} (ranked with their evidence: 891), 6 excluded." in ranked.output
    result = runner.invoke(app, [*args, "--only-confirmed"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "No zone can be ranked for “Data centre needing 50 MW”." in result.output
    assert "┏" not in result.output  # no empty table
    assert f"{counts}, 6 excluded." in result.output
    assert result.output.count("to confirm with") == 5
    assert "…and 886 more (see --output, which lists the first 200)" in result.output


def test_rank_states_ties_as_ties_and_rules_that_overlap(database_url: str, tmp_path: Path) -> None:
    runner.invoke(app, ["db", "init", "--database-url", database_url])
    first = next(zone for zone in load_bundled_registry().zones if zone.zone_id == "IND-L-023")  # ranks first
    twins = [
        first.model_copy(update={"zone_id": f"IND-L-023-T{n}", "name_en": f"Twin {n}"}) for n in range(10)
    ]
    twins_file = write_csv(tmp_path / "twins.csv", flat_rows(twins))  # zones no criterion tells apart
    assert runner.invoke(app, ["import", str(twins_file), "--database-url", database_url]).exit_code == 0
    project = Path(__file__).parent.parent / "docs" / "examples" / "pharmaceutical-plant.json"
    args = ["rank", "-p", str(project), "--samples", "500", "--top", "200", "--database-url", database_url]
    result = runner.invoke(app, args, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "• 11 zones tie for first place under these weights (" in result.output
    assert "is first in" not in result.output.split("tie for first place")[0]  # the tie comes first
    assert len(re.findall(r"│ +1–11 \(tied\) │", result.output)) == 11
    assert "364 excluded." in result.output and "excluded (a zone can fail several rules):" in result.output
    sector_only = tmp_path / "sector-only.json"  # weights under which the data's age tells zones apart
    sector_only.write_text(
        json.dumps(
            {**json.loads(project.read_text()), "method": "weighted_sum", "weights": {"sector_fit": 1}}
        )
    )
    args[2] = str(sector_only)
    aged = runner.invoke(app, args, env={"COLUMNS": "200"}).output
    assert re.search(r"Age of the data: \d+ days?, adds", aged) and ".00 days" not in aged


def test_zones_list_counts_in_words(database_url: str) -> None:
    runner.invoke(app, ["db", "init", "--database-url", database_url])
    one = runner.invoke(app, ["zones", "list", "-q", "Alabuha", "--database-url", database_url])
    assert one.output.splitlines()[0].strip() == "1 zone"
    some = runner.invoke(app, ["zones", "list", "--limit", "3", "--database-url", database_url])
    assert "897 zones" in some.output and "the first 3 shown; --limit shows more" in some.output


def test_db_stats_explains_coverage_over_100_percent(database_url: str) -> None:
    runner.invoke(app, ["db", "init", "--database-url", database_url])
    result = runner.invoke(app, ["db", "stats", "--database-url", database_url], env={"COLUMNS": "250"})
    assert "1,200.0 %" not in result.output and "425.0 %" not in result.output  # ZAF and ETH before
    assert "109.1 %" in result.output and "1 established after the count" in result.output  # ZAF: Namakwa
    assert "Parts of a zone (FTZ areas, phases of a park) are counted with their whole." in result.output


def test_db_stats_counts_the_zones_without_a_point_and_lists_them_on_request(database_url: str) -> None:
    runner.invoke(app, ["db", "init", "--database-url", database_url])
    counted = runner.invoke(app, ["db", "stats", "--database-url", database_url], env={"COLUMNS": "250"})
    assert "zones without a point; --unplaced lists them." in counted.output
    listed = runner.invoke(
        app, ["db", "stats", "--unplaced", "--database-url", database_url], env={"COLUMNS": "250"}
    )
    assert "RUS-TOR-002" in listed.output and "TOR Nadvoitsy" in listed.output  # no town in GeoNames
