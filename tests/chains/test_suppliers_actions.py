"""`chains.actions.suppliers_for` on the bundled registry, on SQLite and PostgreSQL, and its CLI and files.

Batteries for Alabuga (RUS-001, Tatarstan): the inputs of the US 2017 recipe, the zones that make them in
Russia and in the association's other countries, nearest first.
"""

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from sezatlas.chains.actions import CountryWithoutZonesError, SuppliersRequestError, suppliers_for
from sezatlas.chains.recipe import PROXY_LABEL, UnknownProductError, input_recipe
from sezatlas.chains.suppliers import Match, Scope, SupplierZone, ZoneIndex, find_suppliers
from sezatlas.chains.suppliers_export import suppliers_csv, suppliers_xlsx
from sezatlas.cli import app
from sezatlas.stewardship.changes import ZoneNotFoundError

runner = CliRunner()


def test_batteries_for_alabuga_list_each_input_with_ranked_zones(bundled_engine: Engine) -> None:
    with Session(bundled_engine) as session:
        answer = suppliers_for(session, "2720", zone_id="RUS-001", inputs=4, per_input=3)
    assert answer.target_zone is not None and answer.target_zone.zone_id == "RUS-001"
    assert [i.input.code for i in answer.inputs] == [i.code for i in input_recipe("2720", top=4).inputs]
    for item in answer.inputs:
        assert item.label == PROXY_LABEL and [s.scope for s in item.scopes] == list(Scope)
        same, other = item.scopes
        assert all(s.country_iso3 == "RUS" and s.zone_id != "RUS-001" for s in same.suppliers)
        assert all(s.country_iso3 != "RUS" for s in other.suppliers)
        for group in item.scopes:
            matches = [s.match for s in group.suppliers]
            assert matches == sorted(matches, key=lambda m: m is Match.POSSIBLE)
            assert len(group.suppliers) == min(3, group.exact_zones + group.possible_zones)
            for s in group.suppliers:
                assert (s.incentive_npv_usd is None) == (s.incentive_note is not None)


def test_a_country_target_needs_zones_there_and_one_target_only(bundled_engine: Engine) -> None:
    with Session(bundled_engine) as session:
        answer = suppliers_for(session, "HS:850760", country="bra", inputs=2)
        assert answer.target_zone is None and answer.target_country_iso3 == "BRA"
        with pytest.raises(CountryWithoutZonesError, match="no zone of FRA"):
            suppliers_for(session, "2720", country="FRA")
        with pytest.raises(SuppliersRequestError, match=r"zone: .*not both"):
            suppliers_for(session, "2720", zone_id="RUS-001", country="RUS")
        with pytest.raises(ZoneNotFoundError, match="RUS-999"):
            suppliers_for(session, "2720", zone_id="RUS-999")
        with pytest.raises(UnknownProductError, match="ISIC 9999"):
            suppliers_for(session, "9999", zone_id="RUS-001")


def test_cli_prints_the_rule_and_writes_csv_xlsx_and_json(bundled_engine: Engine, tmp_path: Path) -> None:
    url = bundled_engine.url.render_as_string(hide_password=False)
    base = ["chains", "suppliers", "2720", "--zone", "RUS-001", "--inputs", "2", "--database-url", url]
    shown = runner.invoke(app, base, env={"COLUMNS": "160"})
    assert shown.exit_code == 0, shown.output
    assert "exact matches" in shown.output and PROXY_LABEL in shown.output and "2420" in shown.output
    for suffix in ("csv", "xlsx", "json"):
        out = tmp_path / f"suppliers.{suffix}"
        result = runner.invoke(app, [*base, "--output", str(out)])
        assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "suppliers.csv").read_text(encoding="utf-8"))))
    assert {r["label"] for r in rows} == {PROXY_LABEL} and {r["input_rank"] for r in rows} == {"1", "2"}
    sheet = load_workbook(tmp_path / "suppliers.xlsx").active
    assert sheet is not None and sheet.max_row == len(rows) + 1
    data = json.loads((tmp_path / "suppliers.json").read_text(encoding="utf-8"))
    assert data["label"] == PROXY_LABEL and len(data["inputs"]) == 2


def test_cli_refuses_two_targets_as_a_usage_error_and_an_unknown_zone_as_a_refusal(
    bundled_engine: Engine,
) -> None:
    url = bundled_engine.url.render_as_string(hide_password=False)
    both = runner.invoke(app, ["chains", "suppliers", "2720", "--zone", "RUS-001", "--country", "RUS",
                               "--database-url", url])  # fmt: skip
    assert both.exit_code == 2 and "zone: give either" in both.output
    unknown = runner.invoke(app, ["chains", "suppliers", "2720", "--zone", "NOPE", "--database-url", url])
    assert unknown.exit_code == 1 and "no zone 'NOPE'" in unknown.output


def test_a_zone_name_that_looks_like_a_formula_stays_text_in_csv_and_xlsx() -> None:
    evil = SupplierZone("RUS-2", '=HYPERLINK("http://x","y")', "RUS", 56.0, 52.0, ("2420",), None)
    target = SupplierZone("RUS-1", "Target", "RUS", 55.0, 52.0, (), None)
    index = ZoneIndex([evil, target])
    answer = find_suppliers(
        input_recipe("2720", top=1), index, target, "RUS", lambda code, regimes: {}, str, 5
    )
    rows = list(csv.DictReader(io.StringIO(suppliers_csv(answer))))
    assert rows[0]["zone_name"] == "'" + evil.name
    sheet = load_workbook(io.BytesIO(suppliers_xlsx(answer))).active
    assert sheet is not None
    names = [c.value for c in sheet["N"]]
    cell = sheet.cell(row=names.index(evil.name) + 1, column=14)
    assert cell.data_type == "s" and cell.quotePrefix
