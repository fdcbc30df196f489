"""An investment project as the incentive engine reads it: plain data, validated on construction.

Money is nominal, in `currency`, one value per project year (year 0 is the start year, undiscounted);
rates are decimals. Duty, VAT, property-tax and payroll rates are project inputs because they depend on
the goods and the site; a regime's own rate, where the sources give one, takes precedence.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from sezatlas.regimes.errors import IncentiveInputError
from sezatlas.regimes.rules import AssetClass
from sezatlas.regimes.sectors import project_isic_code

PILLAR_TWO_THRESHOLD_EUR = 750_000_000.0  # OECD GloBE Model Rules art. 1.1.1: EUR 750m consolidated revenue


@dataclass(frozen=True, slots=True)
class CapexItem:
    """Spending on one asset class in one project year; `import_share` of it crosses a border."""

    asset_class: AssetClass
    year: int
    amount: float
    import_share: float = 0.0


def _check_share(name: str, value: float) -> None:
    if not (0.0 <= value <= 1.0) or math.isnan(value):
        raise IncentiveInputError(f"{name}: {value} is outside 0..1 (give a share as a decimal, 0.3 = 30%)")


def _check_rate(name: str, value: float | None) -> None:
    if value is not None:
        _check_share(name, value)


@dataclass(frozen=True, slots=True)
class Project:
    """One project; `fx_rates` gives project-currency units per unit of another currency (thresholds)."""

    name: str
    start_date: date
    currency: str
    horizon_years: int
    capex: tuple[CapexItem, ...]
    revenue: tuple[float, ...]
    opex: tuple[float, ...]
    payroll: tuple[float, ...]
    real_discount_rate: float
    inflation: float = 0.0
    isic_code: str = ""  # ISIC Rev.4, normally the 4-digit class; "" when not given (sectors.py)
    imported_input_share: float = 0.0
    export_share: float = 0.0
    qualifying_income_share: float = 1.0
    headcount: int = 0
    debt_share: float = 0.0
    interest_rate: float | None = None
    land_value: float = 0.0
    duty_rate_capital_goods: float | None = None
    duty_rate_inputs: float | None = None
    vat_rate: float | None = None
    vat_refund_lag_years: int | None = None
    property_tax_rate: float | None = None
    land_tax_rate: float | None = None
    payroll_contribution_rate: float | None = None
    group_revenue_eur: float = 0.0
    is_parent_applying_iir: bool = False
    fx_rates: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        # one form downstream: "C2930" → "2930" (sectors.py); a frozen dataclass sets it this way
        object.__setattr__(self, "isic_code", project_isic_code(self.isic_code))
        validate_project(self)

    @property
    def nominal_discount_rate(self) -> float:
        """Fisher: i = (1+r)(1+π) − 1 (methodology §1.1)."""
        return (1.0 + self.real_discount_rate) * (1.0 + self.inflation) - 1.0

    @property
    def total_capex(self) -> float:
        return sum(item.amount for item in self.capex)

    @property
    def is_in_pillar_two_scope(self) -> bool:
        return self.group_revenue_eur >= PILLAR_TWO_THRESHOLD_EUR


def _validate_series(project: Project) -> None:
    n = project.horizon_years
    for name in ("revenue", "opex", "payroll"):
        series: tuple[float, ...] = getattr(project, name)
        if len(series) != n:
            raise IncentiveInputError(f"{name}: {len(series)} values for a horizon of {n} years")
        for year, value in enumerate(series):
            if value < 0 or not math.isfinite(value):
                raise IncentiveInputError(f"{name}[{year}]: {value} must be a finite amount >= 0")


def _validate_capex(project: Project) -> None:
    if not project.capex:
        raise IncentiveInputError("capex: a project needs at least one capital expenditure item")
    for k, item in enumerate(project.capex):
        if item.amount < 0 or not math.isfinite(item.amount):
            raise IncentiveInputError(f"capex[{k}].amount: {item.amount} is negative; capex must be >= 0")
        if not 0 <= item.year < project.horizon_years:
            raise IncentiveInputError(
                f"capex[{k}].year: {item.year} is outside the horizon 0..{project.horizon_years - 1}"
            )
        _check_share(f"capex[{k}].import_share", item.import_share)
    if project.total_capex <= 0:
        raise IncentiveInputError("capex: total capital expenditure must be > 0")


def validate_project(project: Project) -> None:
    """Reject impossible inputs with the field name and the fix, never compute a silent number."""
    if project.horizon_years < 1:
        raise IncentiveInputError(f"horizon_years: {project.horizon_years}; a project lasts at least 1 year")
    if project.real_discount_rate <= -1 or project.inflation <= -1:
        raise IncentiveInputError(
            "real_discount_rate and inflation must be > -1 (a rate of -100% is undefined)"
        )
    if project.nominal_discount_rate <= -1:
        raise IncentiveInputError("the nominal discount rate (1+r)(1+inflation)-1 must be > -1")
    if len(project.currency) != 3 or not project.currency.isupper():
        raise IncentiveInputError(f"currency: {project.currency!r} is not an ISO 4217 code such as 'RUB'")
    _validate_series(project)
    _validate_capex(project)
    for name in ("imported_input_share", "export_share", "qualifying_income_share", "debt_share"):
        _check_share(name, getattr(project, name))
    for name in (
        "duty_rate_capital_goods",
        "duty_rate_inputs",
        "vat_rate",
        "property_tax_rate",
        "land_tax_rate",
        "payroll_contribution_rate",
    ):
        _check_rate(name, getattr(project, name))
    if project.land_value < 0 or project.headcount < 0 or project.group_revenue_eur < 0:
        raise IncentiveInputError("land_value, headcount and group_revenue_eur must be >= 0")
    if project.interest_rate is not None and project.interest_rate <= -1:
        raise IncentiveInputError(f"interest_rate: {project.interest_rate} must be > -1")
    for code, rate in project.fx_rates.items():
        if rate <= 0:
            raise IncentiveInputError(f"fx_rates[{code}]: {rate} must be > 0 (project units per {code})")
