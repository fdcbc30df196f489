"""Passports from the command line, as the secretariat runs them on the server: a file of passports imported
as drafts (all or none), reviewed and published, then read from the catalogue as a table, JSON or CSV."""

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from sezatlas.cli import app
from sezatlas.registry.importer import import_file
from sezatlas.standard.passport import PASSPORT_VERSION, Passport
from sezatlas.standard.schema import passport_json_schema
from sezatlas.store.database import make_engine, session_factory, upgrade
from sezatlas.store.passport_tables import PassportRow
from tests.passports.test_passports import CELLS

runner = CliRunner()
WIDE = {"COLUMNS": "200"}
WIND = {**CELLS, "title": "Wind-turbine blade plant", "isic_codes": ["2811"], "stage": "idea",
        "reference_case": None}  # fmt: skip


@pytest.fixture
def database_url(tmp_path: Path) -> str:
    """A registry holding Alabuga SEZ (RUS-001), the zone of the example passports."""
    url = f"sqlite:///{tmp_path / 'passports.sqlite3'}"
    engine = make_engine(url)
    upgrade(engine)
    path = tmp_path / "zones.csv"
    header = "zone_id,country_iso3,name_en,zone_type,source_urls,as_of"
    path.write_text(
        f"{header}\nRUS-001,RUS,Alabuga SEZ,sez,https://alabuga.ru/en/,2026-11\n", encoding="utf-8"
    )
    import_file(engine, path)
    engine.dispose()
    return url


def invoke(database_url: str, *words: str) -> tuple[int, str]:
    result = runner.invoke(app, ["passports", *words, "--database-url", database_url], env=WIDE)
    return result.exit_code, result.output


def run(database_url: str, *words: str) -> str:
    code, output = invoke(database_url, *words)
    assert code == 0, output
    return output


def passports_file(folder: Path, document: object, name: str = "passports.json") -> str:
    path = folder / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def stored_passports(database_url: str) -> int:
    engine = make_engine(database_url)
    with session_factory(engine)() as session:
        count = session.scalar(select(func.count()).select_from(PassportRow)) or 0
    engine.dispose()
    return count


def test_a_file_of_passports_is_imported_reviewed_published_and_listed(
    database_url: str, tmp_path: Path
) -> None:
    imported = run(database_url, "import", passports_file(tmp_path, [CELLS, WIND]))
    assert "Imported 2 passport drafts from passports.json: 1, 2." in imported
    assert "No published passports match." in run(database_url, "list")  # drafts are not in the catalogue
    run(database_url, "submit", "1")
    run(database_url, "submit", "2")
    queue = run(database_url, "review")
    assert "Battery-cell plant" in queue and "Wind-turbine blade plant" in queue
    assert "Published passport 1: /passports/1" in run(database_url, "publish", "1")
    assert "Sent passport 2 back" in run(database_url, "reject", "2", "--reason", "Name the land's source.")

    table = run(database_url, "list", "--country", "rus", "--stage", "feasibility")
    assert "Battery-cell plant, 20 GWh" in table and "30,000–45,000" in table and "Wind" not in table
    listing = json.loads(run(database_url, "list", "--isic", "27", "--format", "json"))
    assert (listing["total"], listing["passport_version"]) == (1, PASSPORT_VERSION)
    [hit] = listing["passports"]
    assert hit["passport"] == Passport.model_validate(CELLS).model_dump(mode="json")
    assert json.loads(run(database_url, "show", "1", "--format", "json")) == hit
    shown = run(database_url, "show", "1")
    assert shown.startswith("Passport 1: Battery-cell plant") and "land_ha 40 needed, 55 available" in shown
    [row] = list(csv.DictReader(io.StringIO(run(database_url, "list", "--format", "csv"))))
    assert (row["passport_id"], row["currency"], row["url"]) == ("1", "RUB", "/passports/1")
    written = tmp_path / "out" / "catalogue.csv"
    assert "Wrote 1 passport to" in run(database_url, "list", "--output", str(written))
    assert written.read_text(encoding="utf-8").startswith("passport_id,title,")
    assert "none match" not in run(database_url, "list", "--currency", "rub", "--capex-min-m", "40000")

    run(database_url, "withdraw", "1")
    assert "No published passports match." in run(database_url, "list")


def test_a_bad_item_names_the_file_item_and_field_and_nothing_is_written(
    database_url: str, tmp_path: Path
) -> None:
    bad_email = {**WIND, "contacts": [{"name": "Desk", "email": "not an address"}]}
    code, output = invoke(database_url, "import", passports_file(tmp_path, [CELLS, bad_email]))
    assert code == 1 and "error: passports.json, item 2, field contacts.0.email:" in output
    nowhere = {**WIND, "zone_id": "RUS-999"}
    code, output = invoke(database_url, "import", passports_file(tmp_path, [CELLS, nowhere]))
    assert code == 1 and "error: passports.json, item 2, zone_id: no zone RUS-999 in the registry" in output
    assert stored_passports(database_url) == 0  # item 1 was valid, and is not written either
    (tmp_path / "broken.json").write_text('{"title": ', encoding="utf-8")
    code, output = invoke(database_url, "import", str(tmp_path / "broken.json"))
    assert code == 1 and "broken.json: not JSON" in output
    code, output = invoke(database_url, "import", passports_file(tmp_path, "a passport"))
    assert code == 1 and "a list of them, not a string" in output


@pytest.mark.parametrize(("words", "code", "said"), [
    (["list", "--country", "RU"], 2, "--country"),
    (["list", "--limit", "0"], 2, "--limit"),
    (["list", "--capex-min-m", "5"], 1, "currency"),  # a refusal of the use case, as the API's 422
    (["list", "--format", "table", "--output", "x.csv"], 2, "--format table"),
    (["list", "--output", "x.txt"], 2, "--output"),
    (["show", "99"], 1, "no published passport 99"),
    (["publish", "99"], 1, "no passport 99"),
])  # fmt: skip
def test_usage_errors_and_refusals_are_one_line_with_their_exit_code(
    database_url: str, words: list[str], code: int, said: str
) -> None:
    exit_code, output = invoke(database_url, *words)
    assert (exit_code, said in output) == (code, True), output
    assert "Traceback" not in output


def test_a_draft_not_submitted_is_not_published_and_a_short_reason_is_refused(
    database_url: str, tmp_path: Path
) -> None:
    run(database_url, "import", passports_file(tmp_path, CELLS))  # one document, not a list
    code, output = invoke(database_url, "publish", "1")
    assert code == 1 and "nothing submitted to publish" in output
    run(database_url, "submit", "1")
    code, output = invoke(database_url, "reject", "1", "--reason", "no")
    assert code == 1 and "reason: 5 to 2000 characters" in output


def test_the_schema_is_the_passport_json_schema_with_its_version(tmp_path: Path) -> None:
    printed = runner.invoke(app, ["passports", "schema"])
    assert printed.exit_code == 0 and json.loads(printed.output) == passport_json_schema()
    written = tmp_path / "schema" / "passport.json"
    assert runner.invoke(app, ["passports", "schema", "-o", str(written)]).exit_code == 0
    assert json.loads(written.read_text(encoding="utf-8"))["version"] == PASSPORT_VERSION
