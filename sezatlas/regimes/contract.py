"""JSON in, JSON out: the boundary models of the engine for the CLI and the API.

`ProjectInput` is the documented schema of a project (its JSON Schema is
`ProjectInput.model_json_schema()`); `to_project` hands the engine its plain dataclass. The output
functions turn results into JSON-ready dicts (floats, lists, strings; None where undefined).
"""

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from sezatlas.regimes.evaluate import IncentiveComparison, RegimeEvaluation
from sezatlas.regimes.project import CapexItem, Project
from sezatlas.regimes.rules import AssetClass

Share = Annotated[float, Field(ge=0, le=1)]
Money = Annotated[float, Field(ge=0)]


class CapexInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    asset_class: AssetClass
    year: Annotated[int, Field(ge=0, description="Project year of the spending (0 = start year).")]
    amount: Money
    import_share: Share = 0.0


class ProjectInput(BaseModel):
    """A project as an investor describes it; money nominal in `currency`, one value per project year."""

    model_config = ConfigDict(extra="forbid")

    name: str
    start_date: date
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]
    horizon_years: Annotated[int, Field(ge=1, le=100)]
    capex: list[CapexInput] = Field(min_length=1)
    revenue: list[Money]
    opex: list[Money] = Field(description="Operating costs other than payroll.")
    payroll: list[Money]
    real_discount_rate: Annotated[float, Field(gt=-1)]
    inflation: Annotated[float, Field(gt=-1)] = 0.0
    isic_code: str = Field(
        default="",
        description="ISIC Rev.4 activity, normally the 4-digit class ('2930'); a leading section letter "
        "('C2930') is checked against the division and dropped. Empty: no sector given.",
    )
    imported_input_share: Share = 0.0
    export_share: Share = 0.0
    qualifying_income_share: Share = 1.0
    headcount: Annotated[int, Field(ge=0)] = 0
    debt_share: Share = 0.0
    interest_rate: Annotated[float, Field(gt=-1)] | None = None
    land_value: Money = 0.0
    duty_rate_capital_goods: Share | None = None
    duty_rate_inputs: Share | None = None
    vat_rate: Share | None = None
    vat_refund_lag_years: Annotated[int, Field(ge=0)] | None = None
    property_tax_rate: Share | None = None
    land_tax_rate: Share | None = None
    payroll_contribution_rate: Share | None = None
    group_revenue_eur: Money = 0.0
    is_parent_applying_iir: bool = False
    fx_rates: dict[str, Annotated[float, Field(gt=0)]] = Field(
        default_factory=dict, description="Project-currency units per 1 unit of another currency."
    )

    def to_project(self) -> Project:
        """The engine's dataclass; cross-field checks (series lengths, capex years) happen there."""
        fields = self.model_dump(exclude={"capex", "revenue", "opex", "payroll"})
        return Project(
            capex=tuple(CapexItem(c.asset_class, c.year, c.amount, c.import_share) for c in self.capex),
            revenue=tuple(self.revenue),
            opex=tuple(self.opex),
            payroll=tuple(self.payroll),
            **fields,
        )


def evaluation_as_dict(evaluation: RegimeEvaluation) -> dict[str, Any]:
    schedule = evaluation.schedule
    table = None
    if schedule is not None:
        table = {
            "calendar_years": list(schedule.calendar_years),
            "cit_rate": schedule.cit_rate.tolist(),
            "taxable_income": schedule.taxable_income.tolist(),
            "depreciation": schedule.depreciation.tolist(),
            "pre_tax_cash_flow": schedule.pre_tax_cash_flow.tolist(),
            "taxes": {name: values.tolist() for name, values in schedule.taxes.items()},
            "notes": list(schedule.notes),
        }
    return {
        "regime_id": evaluation.regime_id,
        "is_eligible": evaluation.is_eligible,
        "ineligibility_reasons": list(evaluation.reasons),
        "pv_taxes": evaluation.pv_taxes,
        "pv_by_tax": dict(evaluation.pv_by_tax),
        "npv_pre_tax": evaluation.npv_pre_tax,
        "npv_post_tax": evaluation.npv_post_tax,
        "aetr": evaluation.aetr,
        "metr": evaluation.metr,
        "schedule": table,
    }


def comparison_as_dict(comparison: IncentiveComparison) -> dict[str, Any]:
    return {
        "zone": evaluation_as_dict(comparison.zone),
        "standard": evaluation_as_dict(comparison.standard),
        "npv_of_incentives": comparison.npv_of_incentives,
        "npv_of_incentives_by_instrument": dict(comparison.by_instrument),
        "decomposition_rule": comparison.decomposition_rule,
    }
