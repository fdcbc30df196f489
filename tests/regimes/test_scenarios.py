""" "Common approach" scenarios: one model regime in every member's zones, against the zones' regimes today
(issue 18, item 3). Every figure is the engine's; these tests trace a sample back to it."""

from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine
from typer.testing import CliRunner

from sezatlas.cli import app
from sezatlas.regimes.actions import common_approach, compare_incentives
from sezatlas.regimes.designer import RegimeDocument
from sezatlas.regimes.errors import CustomRegimeError
from sezatlas.regimes.loader import bundled_records, load_regimes
from sezatlas.regimes.project import Project
from sezatlas.regimes.scenarios import CountryRow, model_in
from sezatlas.standard.membership import BricsRelation, countries_with
from sezatlas.store.database import session_factory

EXAMPLE = (
    Path(__file__).parents[2] / "docs" / "examples" / "incentives" / "manufacturing-plant.json"
)  # USD 80m over 15 years, 450 jobs

runner = CliRunner()
MODEL = "RUS-sez-industrial"  # 13.5 % profit tax, property and land tax holidays: a zone regime's own record


def project() -> Project:
    from sezatlas.regimes.cli import read_project

    return read_project(EXAMPLE)


def bundled_model(regime_id: str = MODEL) -> RegimeDocument:
    return RegimeDocument(regime_id, bundled_records()[regime_id])


def row_of(rows: list[CountryRow], country: str) -> CountryRow:
    return next(row for row in rows if row.country_iso3 == country)


def test_every_member_gets_a_row_and_the_model_at_home_is_the_bundled_regime(bundled_engine: Engine) -> None:
    plant = project()
    with session_factory(bundled_engine)() as session:
        scenario = common_approach(session, bundled_model(), [plant])
    assert [row.country_iso3 for row in scenario.rows] == list(countries_with(BricsRelation.MEMBER))
    # In Russia the model is RUS-sez-industrial itself: the same figures as `incentives compare` gives it.
    [bundled] = compare_incentives(plant, [MODEL])
    assert bundled.comparison is not None
    russia = row_of(scenario.rows, "RUS")
    assert russia.model is not None and russia.standard_id == "RUS-standard"
    assert russia.model.npv_of_incentives == pytest.approx(bundled.comparison.npv_of_incentives)
    assert russia.model.aetr == pytest.approx(bundled.comparison.zone.aetr)
    assert russia.model.metr == pytest.approx(bundled.comparison.zone.metr)
    assert russia.model.cost_per_job == pytest.approx(bundled.comparison.npv_of_incentives / plant.headcount)


def test_today_is_the_zone_weighted_mean_of_the_regimes_the_registry_links(bundled_engine: Engine) -> None:
    with session_factory(bundled_engine)() as session:
        scenario = common_approach(session, bundled_model(), [project()], countries=["RUS", "IND"])
    for row in scenario.rows:
        valued = [(entry.zones, entry.figures) for entry in row.regimes_today if entry.figures is not None]
        assert row.zones_valued == sum(zones for zones, _ in valued) > 0
        assert row.zones >= row.zones_valued
        mean = sum(zones * f.npv_of_incentives for zones, f in valued if f.npv_of_incentives is not None)
        assert row.today is not None and row.today.npv_of_incentives == pytest.approx(mean / row.zones_valued)
        assert row.npv_change == pytest.approx(row.model.npv_of_incentives - row.today.npv_of_incentives)
        regimes = load_regimes()
        for entry in row.regimes_today:  # each today's regime is one of the country's, valued on its standard
            assert regimes[entry.regime_id].country_iso3 == row.country_iso3


def test_a_model_inherits_what_it_omits_from_each_countrys_standard_regime() -> None:
    model = {"name": "Ten per cent for ten years, then fifteen", "territory_type": "SEZ",
             "cit": {"phases": [{"years": 10, "value": 0.10}, {"value": 0.15}]}}  # fmt: skip
    regimes = load_regimes()
    for country, standard in [("ZAF", "ZAF-standard"), ("IND", "IND-standard")]:
        regime = model_in(model, standard, country, "model.toml")
        assert regime.country_iso3 == country and regime.counterfactual_id == standard
        assert regime.vat == regimes[standard].vat and regime.payroll == regimes[standard].payroll
        assert [phase.value for phase in regime.cit.phases] == [0.10, 0.15]


def test_a_model_the_engine_cannot_read_is_refused_once_naming_the_field(bundled_engine: Engine) -> None:
    broken = RegimeDocument(
        "model.toml", {"name": "x", "territory_type": "SEZ", "cit": {"phases": [{"value": 7}]}}
    )
    with session_factory(bundled_engine)() as session, pytest.raises(CustomRegimeError) as refused:
        common_approach(session, broken, [project()], countries=["BRA"])
    assert refused.value.source == "model.toml" and refused.value.field == "cit.phases.0.value"


def test_the_cli_prints_the_table_and_writes_an_inert_workbook(
    bundled_engine: Engine, tmp_path: Path
) -> None:
    url = bundled_engine.url.render_as_string(hide_password=False)
    output = tmp_path / "scenario.xlsx"
    arguments = ["incentives", "scenario", "--project", str(EXAMPLE), "--model", MODEL,
                 "--countries", "BRA,ZAF", "--database-url", url, "--output", str(output)]  # fmt: skip
    result = runner.invoke(app, arguments)
    assert result.exit_code == 0, result.output
    assert "Common approach" in result.output and "ZAF" in result.output
    sheet = load_workbook(output).active
    assert sheet is not None
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["country_iso3", "project", "currency"]
    assert [sheet.cell(row, 1).value for row in (2, 3)] == ["BRA", "ZAF"]
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    unknown = runner.invoke(app, [*arguments[:6], "--model", "XXX-nothing", "--database-url", url])
    assert unknown.exit_code != 0 and "unknown regime_id 'XXX-nothing'" in unknown.output


def test_a_model_leaves_its_own_laws_matrix_cells_at_home() -> None:
    """The model's matrix cells describe its own country's law (legal basis, disputes), not Brazil's."""
    record = bundled_records()[MODEL]
    regime = model_in(record, "BRA-standard", "BRA", MODEL)
    assert record["matrix"]["legal_basis"]["code"] == "zone_or_investment_law"
    assert regime.country_iso3 == "BRA" and regime.matrix.legal_basis is None
