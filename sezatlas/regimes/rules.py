"""A regime's rules as data: what a zone (or a country's standard regime) does to each tax and duty.

One `Regime` holds one instrument per top-level field (`cit`, `depreciation`, `customs`, ...). The
incentive decomposition switches these fields one at a time from the country's standard regime (the
counterfactual) to the zone's, so a field is exactly one instrument. Unknown facts are null: the engine
then either uses a project input (duty and property-tax rates depend on the goods and the site) or
states the assumption it made in the result, never a silent number. Models are frozen and sequences are
tuples: the loader shares one parsed regime between all callers, so none may change it.
"""

from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sezatlas.regimes.matrix.hand_coded import HandCodedCells
from sezatlas.regimes.provenance import (
    Rate,
    RegimeProvenance,
    Sourced,
    SourcedAmount,
    SourcedRate,
    SourcedYears,
    Years,
)
from sezatlas.regimes.sectors import Sector


class AssetClass(StrEnum):
    """OECD (Hanappi 2018) asset groups that carry distinct allowances; land is not depreciable."""

    BUILDINGS = "buildings"
    MACHINERY = "machinery"
    INTANGIBLES = "intangibles"


class HolidayTrigger(StrEnum):
    """The event that starts the preferential schedule (methodology §1.7)."""

    REGISTRATION = "registration"
    FIRST_PRODUCTION = "first_production"
    FIRST_REVENUE = "first_revenue"
    FIRST_PROFIT = "first_profit"


class HolidayLossRule(StrEnum):
    """What happens to a tax loss made in a year taxed at 0%."""

    FORFEIT = "forfeit"
    CARRY_FORWARD = "carry_forward"


class HolidayAllowanceRule(StrEnum):
    """Capital allowances of 0%-rate years: deemed taken and lost (Klemm/dietr default) or deferred."""

    DEEMED_TAKEN = "deemed_taken"
    DEFERRED = "deferred"


class IncomeScope(StrEnum):
    """Which income the preferential rate covers; the rest is taxed at the standard rate."""

    ALL = "all"
    EXPORT = "export"
    QUALIFYING = "qualifying"


class DatedRate(SourcedRate):
    """The general CIT rate from a calendar year on (e.g. Russia 0.20 to 2024, 0.25 from 2025)."""

    from_year: Annotated[int, Field(ge=1900, le=2200)]


class RatePhase(SourcedRate):
    """A preferential rate for `years` years (null: until the end of the regime) from the trigger.

    `until_year` is a calendar sunset: after it the general rate applies whatever the phase length
    (China Western Development: 15% to 2030; Hainan: to 2027)."""

    years: Years | None = None
    until_year: Annotated[int, Field(ge=1900, le=2200)] | None = None


class CitRules(BaseModel):
    """Corporate income tax: the general rate over time plus the preferential schedule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    standard_rates: tuple[DatedRate, ...] = Field(min_length=1)
    phases: tuple[RatePhase, ...] = ()
    trigger: HolidayTrigger = HolidayTrigger.REGISTRATION
    trigger_deadline_years: SourcedYears | None = Field(
        default=None, description="The schedule starts at the latest this many years after registration."
    )
    income_scope: IncomeScope = IncomeScope.ALL
    loss_carry_forward_years: SourcedYears | None = Field(default=None, description="null: unlimited.")
    holiday_loss_rule: HolidayLossRule = HolidayLossRule.FORFEIT
    holiday_allowance_rule: HolidayAllowanceRule = HolidayAllowanceRule.DEEMED_TAKEN

    @model_validator(mode="after")
    def _open_phase_is_last(self) -> "CitRules":
        for phase in self.phases[:-1]:
            if phase.years is None:
                raise ValueError("only the last rate phase may be open-ended (years = null)")
        return self


class DepreciationMethod(StrEnum):
    STRAIGHT_LINE = "straight_line"
    DECLINING_BALANCE = "declining_balance"
    EXPENSING = "expensing"


class DepreciationRule(Sourced):
    """Tax depreciation of one asset class; `initial_allowance` is a first-year share taken on top."""

    method: DepreciationMethod
    rate: Annotated[float, Field(gt=0, le=1)] = 1.0
    initial_allowance: Rate = 0.0


class Depreciation(BaseModel):
    """Rules by asset class; null means not found in the sources (the engine then states an assumption)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    buildings: DepreciationRule | None = None
    machinery: DepreciationRule | None = None
    intangibles: DepreciationRule | None = None

    def rule_for(self, asset_class: AssetClass) -> DepreciationRule | None:
        rule: DepreciationRule | None = getattr(self, asset_class.value)
        return rule


class AllowanceSpread(StrEnum):
    EQUAL = "equal"
    AS_ABSORBED = "as_absorbed"


class InvestmentAllowance(Sourced):
    """An extra deduction of `share` x capex (Egypt 30/50% within 7 years; Indonesia 30% over 6 years)."""

    share: Annotated[float, Field(ge=0, le=5)]
    years: Annotated[int, Field(ge=1, le=50)]
    spread: AllowanceSpread = AllowanceSpread.EQUAL
    cap_share_of_paid_in_capital: Annotated[float, Field(ge=0)] | None = None


class InvestmentCredit(Sourced):
    """A non-refundable credit of `rate` x capex against CIT, carried forward when it exceeds the tax."""

    rate: Rate
    carry_forward_years: Years | None = None
    reduces_basis: bool = False


class Treatment(StrEnum):
    """How a border tax applies: at the standard rate, not at all (exempt/suspended), or reduced."""

    STANDARD = "standard"
    EXEMPT = "exempt"
    REDUCED = "reduced"


class ExemptScope(StrEnum):
    """Exempt on all use, or only for exported output (duty due on release to the domestic market)."""

    ALL = "all"
    EXPORTS = "exports"


class DutyRule(Sourced):
    """A customs duty; `rate` is the reduced rate, or the standard rate when the sources give one.

    A reduction stated as a share of the standard duty (Manaus: up to 88% on inputs) is `relief_share`
    with treatment "reduced" and no rate; the standard rate then comes from the project."""

    treatment: Treatment = Treatment.STANDARD
    rate: Rate | None = None
    relief_share: Rate | None = None
    exempt_scope: ExemptScope = ExemptScope.ALL
    description: str | None = None

    @model_validator(mode="after")
    def _reduced_needs_rate(self) -> "DutyRule":
        if self.treatment is Treatment.REDUCED and self.rate is None and self.relief_share is None:
            raise ValueError("a reduced duty needs its rate (rate = 0.02 for 2%) or relief_share")
        return self


class Customs(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    capital_goods: DutyRule = Field(default_factory=DutyRule)
    inputs: DutyRule = Field(default_factory=DutyRule)


class VatRule(Sourced):
    """VAT on capital goods: creditable with a refund lag (a financing cost) unless suspended."""

    standard_rate: Rate | None = None
    capital_goods: Treatment = Treatment.STANDARD
    refund_lag_years: Years | None = None
    description: str | None = None


class LocalTaxRule(Sourced):
    """Property or land tax: a deductible annual rate on a base, fully exempt for some years."""

    rate: Rate | None = None
    exemption_years: Years = 0
    trigger: HolidayTrigger = HolidayTrigger.REGISTRATION

    @model_validator(mode="after")
    def _trigger_known_in_advance(self) -> "LocalTaxRule":
        if self.trigger is HolidayTrigger.FIRST_PROFIT:
            raise ValueError("property/land exemptions run from registration, first production or revenue")
        return self


class PayrollRule(Sourced):
    """Employer social contributions; a reduced rate for some years (Russia TOR: 7.6% for 10 years)."""

    rate: Rate | None = None
    reduced_rate: Rate | None = None
    reduced_years: Years | None = None


class TurnoverLevy(Sourced):
    """A levy on revenue, usually replacing CIT (Egypt free zones: 1% exports, 2% domestic)."""

    export_rate: Rate = 0.0
    domestic_rate: Rate = 0.0


class MinimumTaxBase(StrEnum):
    BOOK_PROFIT = "book_profit"
    TURNOVER = "turnover"


class MinimumTax(Sourced):
    """CIT is at least `rate` x base (India MAT on book profit); the excess may be credited later."""

    rate: Rate
    base: MinimumTaxBase = MinimumTaxBase.BOOK_PROFIT
    is_creditable: bool = False


class BenefitCap(Sourced):
    """Cumulative CIT benefit limited to `share_of_capex` x cumulative capex (Russia Tax Code art. 56.1)."""

    share_of_capex: Annotated[float, Field(ge=0)] = 1.0


class PillarTwo(Sourced):
    """Global minimum tax: in force for in-scope groups from `qdmtt_from_year` (domestic top-up)."""

    qdmtt_from_year: Annotated[int, Field(ge=2020, le=2200)] | None = None
    minimum_rate: Rate = 0.15


class Eligibility(BaseModel):
    """Conditions a project must meet; failing one makes the result 'not eligible because ...'."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_investment: SourcedAmount | None = None
    min_investment_within_years: Years | None = None
    isic_allowed_prefixes: tuple[Sector, ...] = Field(
        default=(), description="ISIC Rev.4 section letters (C) or numeric prefixes (29, 2930); empty: any."
    )
    isic_excluded_prefixes: tuple[Sector, ...] = ()
    min_export_share: SourcedRate | None = None
    min_qualifying_income_share: SourcedRate | None = None
    min_headcount: Annotated[int, Field(ge=0)] | None = None
    conditions: str | None = Field(default=None, description="Conditions the engine does not check.")


INSTRUMENTS: tuple[str, ...] = (
    "cit",
    "depreciation",
    "investment_allowance",
    "investment_credit",
    "customs",
    "vat",
    "property_tax",
    "land_tax",
    "payroll",
    "turnover_levy",
    "minimum_tax",
    "benefit_cap",
    "pillar_two",
)


class Regime(BaseModel):
    """One regime; `counterfactual_id` names the country's standard regime it is compared with."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    regime_id: str = Field(pattern=r"^[A-Z]{3}-[a-z0-9_-]+$")
    country_iso3: str = Field(pattern=r"^[A-Z]{3}$")
    name: str
    territory_type: str
    counterfactual_id: str | None = Field(default=None, description="null: this is the standard regime.")
    valid_from: date | None = Field(default=None, description="First project start date covered.")
    valid_until: date | None = Field(default=None, description="Last start date covered (entry cut-off).")
    provenance: RegimeProvenance = Field(default_factory=RegimeProvenance)
    notes: str | None = None
    cit: CitRules
    depreciation: Depreciation = Field(default_factory=Depreciation)
    investment_allowance: InvestmentAllowance | None = None
    investment_credit: InvestmentCredit | None = None
    customs: Customs = Field(default_factory=Customs)
    vat: VatRule = Field(default_factory=VatRule)
    property_tax: LocalTaxRule = Field(default_factory=LocalTaxRule)
    land_tax: LocalTaxRule = Field(default_factory=LocalTaxRule)
    payroll: PayrollRule = Field(default_factory=PayrollRule)
    turnover_levy: TurnoverLevy | None = None
    minimum_tax: MinimumTax | None = None
    benefit_cap: BenefitCap | None = None
    pillar_two: PillarTwo = Field(default_factory=PillarTwo)
    eligibility: Eligibility = Field(default_factory=Eligibility)
    matrix: HandCodedCells = Field(
        default_factory=HandCodedCells, description="Hand-coded cells of the harmonization matrix."
    )

    @property
    def is_standard(self) -> bool:
        return self.counterfactual_id is None
