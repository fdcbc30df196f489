"""Fault drills of the registry import, with real `sezatlas import` processes on a registry of ~3,500
zones: a `kill -9` while it writes leaves the registry exactly as it was (zones, version, audit
record, no partial rows) on both back-ends, and the same import run again succeeds. On SQLite, an
import in progress blocks neither the web app's readers nor a second import, which waits its turn.
"""

import csv
import threading
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Engine, func, select

from sezatlas.registry.exporter import ExportFormat, export_registry
from sezatlas.store.database import transaction
from sezatlas.store.models import CountryRow, ImportRunRow, ZoneDocumentRow, ZoneIsicRow, ZoneRow
from sezatlas.store.zones import registry_version
from tests.process_faults import (
    RunningCommand,
    assert_database_intact,
    is_writing,
    run_sezatlas,
    wait_for_no_other_session,
)
from tests.web.conftest import serving

COPIES = 6  # the bundled registry six times over under new ids (~3,700 zones): seconds of writing
READS = 100


@dataclass(frozen=True)
class RegistryState:
    """Everything an import writes: a partial import would show in one of these."""

    zones: int
    version: str
    import_runs: int
    isic_rows: int
    documents: int
    countries: int


def registry_state(engine: Engine) -> RegistryState:
    def count(table: type) -> int:
        return int(session.scalar(select(func.count()).select_from(table)) or 0)

    with transaction(engine) as session:
        return RegistryState(count(ZoneRow), registry_version(session), count(ImportRunRow),
                             count(ZoneIsicRow), count(ZoneDocumentRow), count(CountryRow))  # fmt: skip


def copied_registry(engine: Engine, folder: Path, copies: range) -> tuple[Path, int]:
    """The registry exported, then written again under new ids (`RUS-001` → `RUS-001-D2`) and names: a
    file of valid, realistic zones, all new to the registry. Returns the file and its zone count."""
    exported = folder / "registry.csv"
    export_registry(engine, exported, ExportFormat.CSV)
    with exported.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        columns, rows = list(reader.fieldnames or ()), list(reader)
    path = folder / f"copies-{copies.start}-{copies.stop - 1}.csv"
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=columns)
        writer.writeheader()
        for copy in copies:
            for row in rows:
                writer.writerow({**row, "zone_id": f"{row['zone_id']}-D{copy}",
                                 "name_en": f"{row['name_en']} (drill copy {copy})"})  # fmt: skip
    return path, len(rows) * len(copies)


@pytest.mark.slow
def test_kill_9_while_importing_leaves_the_registry_as_it_was(
    registry_engine: Engine, tmp_path: Path
) -> None:
    url = registry_engine.url.render_as_string(hide_password=False)
    big_file, zones_in_file = copied_registry(registry_engine, tmp_path, range(1, COPIES + 1))
    before = registry_state(registry_engine)

    command = RunningCommand(["import", str(big_file)], url, tmp_path / "killed")
    command.wait_until(lambda: is_writing(registry_engine), "the import writing")
    command.kill()

    assert_database_intact(registry_engine)
    wait_for_no_other_session(registry_engine)
    assert registry_state(registry_engine) == before
    run_sezatlas(["import", str(big_file)], url, tmp_path / "again")
    after = registry_state(registry_engine)
    assert after.zones == before.zones + zones_in_file
    assert (after.version, after.import_runs) == (str(int(before.version) + 1), before.import_runs + 1)


@pytest.mark.slow
@pytest.mark.parametrize("registry_engine", ["sqlite"], indirect=True)
def test_sqlite_readers_are_answered_while_an_import_writes(registry_engine: Engine, tmp_path: Path) -> None:
    url = registry_engine.url.render_as_string(hide_password=False)
    big_file, _ = copied_registry(registry_engine, tmp_path, range(1, COPIES + 1))
    codes: list[int] = []
    with serving(registry_engine) as base_url:
        command = RunningCommand(["import", str(big_file)], url, tmp_path / "import")
        command.wait_until(lambda: is_writing(registry_engine), "the import writing")

        def read() -> None:
            with httpx.Client(base_url=base_url, timeout=60) as client:
                codes.extend(client.get("/api/v1/zones", params={"country": "RUS"}).status_code
                             for _ in range(READS))  # fmt: skip

        reader = threading.Thread(target=read)
        reader.start()
        reader.join(timeout=120)
        was_writing = is_writing(registry_engine)
        assert command.finish() == 0, command.output()
    assert {code: codes.count(code) for code in set(codes)} == {200: READS}
    assert was_writing, "the reads ended after the import: make the file bigger"


@pytest.mark.slow
def test_a_second_import_of_the_same_file_waits_for_the_first_and_succeeds(
    registry_engine: Engine, tmp_path: Path
) -> None:
    url = registry_engine.url.render_as_string(hide_password=False)
    first_file, first_zones = copied_registry(registry_engine, tmp_path, range(1, COPIES + 1))
    before = registry_state(registry_engine)

    first = RunningCommand(["import", str(first_file)], url, tmp_path / "first")
    first.wait_until(lambda: is_writing(registry_engine), "the first import writing")
    second = RunningCommand(["import", str(first_file)], url, tmp_path / "second")
    second.wait_until(lambda: f"{first_zones}/{first_zones}" in second.stderr(), "the second file read")
    assert first.process.poll() is None, "the first import ended before the second began: use a bigger file"

    assert first.finish() == 0, first.output()
    assert second.finish() == 0, second.output()
    after = registry_state(registry_engine)
    assert after.zones == before.zones + first_zones
    assert after.import_runs == before.import_runs + 2
    assert_database_intact(registry_engine)
