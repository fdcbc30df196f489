"""Examples: the hand-checkable 10-year project of docs/incentives.md and its two regimes."""

from datetime import date

from sezatlas.regimes.project import CapexItem, Project
from sezatlas.regimes.rules import AssetClass, Regime


def standard_regime(**changes: object) -> Regime:
    """A made-up standard regime with round numbers (20% CIT, machinery straight line 20%)."""
    data: dict[str, object] = {
        "regime_id": "XXX-standard",
        "country_iso3": "XXX",
        "name": "Example standard regime",
        "territory_type": "national_standard",
        "cit": {"standard_rates": [{"from_year": 2000, "value": 0.20}]},
        "depreciation": {"machinery": {"method": "straight_line", "rate": 0.20}},
    }
    data.update(changes)
    return Regime.model_validate(data)


def zone_regime(**changes: object) -> Regime:
    """0% for 2 years then 10% for 3 from first profit; no customs; property exempt 5 years."""
    base = standard_regime().model_dump(exclude_none=True)
    base.update(
        regime_id="XXX-zone",
        name="Example zone regime",
        territory_type="SEZ",
        counterfactual_id="XXX-standard",
        cit={
            "standard_rates": [{"from_year": 2000, "value": 0.20}],
            "phases": [{"value": 0.0, "years": 2}, {"value": 0.10, "years": 3}],
            "trigger": "first_profit",
        },
        customs={"capital_goods": {"treatment": "exempt"}, "inputs": {"treatment": "exempt"}},
        property_tax={"exemption_years": 5},
    )
    base.update(changes)
    return Regime.model_validate(base)


def worked_project(**changes: object) -> Project:
    """Capex 1000 (half imported) in year 0; revenue 600, opex 200, payroll 100 in years 1-9."""
    fields: dict[str, object] = {
        "name": "worked example",
        "start_date": date(2026, 1, 1),
        "currency": "USD",
        "horizon_years": 10,
        "capex": (CapexItem(AssetClass.MACHINERY, 0, 1000.0, import_share=0.5),),
        "revenue": (0.0,) + (600.0,) * 9,
        "opex": (0.0,) + (200.0,) * 9,
        "payroll": (0.0,) + (100.0,) * 9,
        "real_discount_rate": 0.10,
        "imported_input_share": 0.25,
        "duty_rate_capital_goods": 0.10,
        "duty_rate_inputs": 0.05,
        "property_tax_rate": 0.02,
        "payroll_contribution_rate": 0.30,
    }
    fields.update(changes)
    return Project(**fields)  # type: ignore[arg-type]
