"""`sezatlas sources …` and `sezatlas harvest`: one call into the use cases each, clear errors, exit codes
(2 for a bad option, 1 for a refusal or a failed run)."""

from pathlib import Path

from sqlalchemy import Engine
from typer.testing import CliRunner

from sezatlas.cli import app
from tests.federation.node_fixtures import national_platform
from tests.registry.zone_files import flat_rows, sample_zones, write_csv

runner = CliRunner()


def sezatlas(engine: Engine, *arguments: str) -> tuple[int, str]:
    result = runner.invoke(
        app, [*arguments, "--database-url", engine.url.render_as_string(hide_password=False)]
    )
    return result.exit_code, result.output


def add_file_source(
    engine: Engine, path: Path, *more: str, organisation: int | None = None
) -> tuple[int, str]:
    organisation = organisation or national_platform(engine)
    return sezatlas(engine, "sources", "add", "platform", "--kind", "tabular", "--path", str(path),
                    "--organisation", str(organisation), "--licence", "CC-BY-4.0", *more)  # fmt: skip


def test_a_file_source_is_added_listed_harvested_and_shown(empty_engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "zones.csv", flat_rows(sample_zones(3)))
    assert add_file_source(empty_engine, path, "--schedule", "7d")[0] == 0

    code, listed = sezatlas(empty_engine, "sources", "list")
    assert code == 0 and "platform" in listed and "7d" in listed

    code, harvested = sezatlas(empty_engine, "harvest", "--all")
    assert code == 0 and "platform: ok: 3 new, 0 changed, 0 removed" in harvested

    code, shown = sezatlas(empty_engine, "sources", "show", "platform")
    assert code == 0 and "CC-BY-4.0" in shown and "ok" in shown


def test_a_dry_run_of_add_previews_the_mapping_and_registers_nothing(
    empty_engine: Engine, tmp_path: Path
) -> None:
    path = write_csv(tmp_path / "zones.csv", flat_rows(sample_zones(2)))
    code, output = add_file_source(empty_engine, path, "--dry-run")
    assert code == 0 and "2 records read, 2 mapped" in output
    assert sezatlas(empty_engine, "sources", "list")[1].startswith("No sources registered")


def test_bad_options_exit_2_with_the_option_named(empty_engine: Engine, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "zones.csv", flat_rows(sample_zones(1)))
    organisation = national_platform(empty_engine)
    code, output = add_file_source(empty_engine, path, "--schedule", "daily", organisation=organisation)
    assert code == 2 and "schedule: 'daily' is not an interval" in output
    url = "https://platform.example/zones.csv"
    code, output = add_file_source(empty_engine, path, "--url", url, organisation=organisation)
    assert code == 2 and "either --url or --path" in output
    assert sezatlas(empty_engine, "harvest")[0] == 2


def test_running_an_unknown_source_is_refused(empty_engine: Engine) -> None:
    code, output = sezatlas(empty_engine, "sources", "run", "nowhere")
    assert code == 1 and "no source named 'nowhere'" in output


def test_a_failed_run_exits_1_with_the_reasons(empty_engine: Engine, tmp_path: Path) -> None:
    rows = flat_rows(sample_zones(2))
    rows[1]["latitude"] = "123"
    assert add_file_source(empty_engine, write_csv(tmp_path / "zones.csv", rows))[0] == 0
    code, output = sezatlas(empty_engine, "sources", "run", "platform")
    assert code == 1 and "nothing was changed" in output and "row 3 of zones.csv, field latitude" in output
