"""A project's money in a dozen numbers, as a web form asks for it, expanded to the engine's yearly series.

The incentive engine reads capex by asset class and year and one revenue, opex and payroll value per
project year (`ProjectInput`). An investor comparing sites rarely has that yet, so the short form takes a
capex amount per asset class and flat yearly figures, and this module spells out the assumption:
all capex is spent in year 0 (construction: no revenue, no costs), then flat revenue, opex and payroll
in every later year of the horizon. Amounts are in millions of `currency`, nominal.
"""

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from sezatlas.regimes.contract import CapexInput, ProjectInput
from sezatlas.regimes.rules import AssetClass

MILLION = 1_000_000.0
MillionsOfMoney = Annotated[float, Field(ge=0, le=1_000_000)]  # up to a trillion: beyond that, a typo


class SimpleFinance(BaseModel):
    """Capex per asset class and flat yearly figures, in millions of `currency`; shares in per cent.

    The field names are the web form's query parameters, so a shared URL reads as the model does.
    """

    model_config = ConfigDict(extra="forbid")

    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")] = "USD"
    start_year: Annotated[int, Field(ge=2000, le=2100)] = 2027
    horizon_years: Annotated[int, Field(ge=2, le=50)] = 15
    capex_buildings_m: MillionsOfMoney = 0.0
    capex_machinery_m: MillionsOfMoney = 0.0
    capex_intangibles_m: MillionsOfMoney = 0.0
    revenue_m_per_year: MillionsOfMoney = 0.0
    opex_m_per_year: MillionsOfMoney = 0.0
    payroll_m_per_year: MillionsOfMoney = 0.0
    headcount: Annotated[int, Field(ge=0, le=1_000_000)] = 0
    export_share_pct: Annotated[float, Field(ge=0, le=100)] = 0.0
    real_discount_rate_pct: Annotated[float, Field(ge=-50, le=100)] = 8.0
    fx_rates: dict[Annotated[str, Field(pattern=r"^[A-Z]{3}$")], Annotated[float, Field(gt=0)]] = Field(
        default_factory=dict, description="Units of `currency` per 1 unit of another (regime thresholds)."
    )

    @property
    def has_capex(self) -> bool:
        """Without capex there is nothing for incentives to act on: the finance step was skipped."""
        return self.capex_buildings_m + self.capex_machinery_m + self.capex_intangibles_m > 0

    def _capex(self) -> list[CapexInput]:
        amounts = [
            (AssetClass.BUILDINGS, self.capex_buildings_m),
            (AssetClass.MACHINERY, self.capex_machinery_m),
            (AssetClass.INTANGIBLES, self.capex_intangibles_m),
        ]
        return [CapexInput(asset_class=kind, year=0, amount=m * MILLION) for kind, m in amounts if m > 0]

    def _flat(self, millions: float) -> list[float]:
        return [0.0] + [millions * MILLION] * (self.horizon_years - 1)

    def to_project_input(self, name: str, isic_code: str) -> ProjectInput:
        """The engine's project: capex in year 0, then flat yearly figures (see the module docstring)."""
        return ProjectInput(
            name=name,
            start_date=date(self.start_year, 1, 1),
            currency=self.currency,
            horizon_years=self.horizon_years,
            capex=self._capex(),
            revenue=self._flat(self.revenue_m_per_year),
            opex=self._flat(self.opex_m_per_year),
            payroll=self._flat(self.payroll_m_per_year),
            real_discount_rate=self.real_discount_rate_pct / 100,
            isic_code=isic_code,
            export_share=self.export_share_pct / 100,
            headcount=self.headcount,
            fx_rates=self.fx_rates,
        )
