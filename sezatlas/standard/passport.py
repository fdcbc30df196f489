"""The investment project passport of the SEZ Atlas data standard: one format for an investment
opportunity a zone or a development institution offers (issue 17).

Where it can, it reuses the zone standard's words (ISIC Rev.4 codes, ISO country and currency codes,
provenance with a source URL and an as-of date) and the site-selection form's money fields, so that a
passport's reference case is what the incentive engine reads (`sezatlas/siting/simple_finance.py`).
Unknown is null. The version is `PASSPORT_VERSION`; the schema is published with the zone standard's
(`standard/schema.py`).
"""

from enum import StrEnum
from typing import Annotated, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from sezatlas.standard.project import ProjectProfile
from sezatlas.standard.provenance import Provenance, SourceUrl
from sezatlas.standard.zone import IsicCode, ZoneId

# Bump the minor version for added optional fields, the major version for anything that breaks readers.
PASSPORT_VERSION = "1.0.0"

Text200 = Annotated[str, Field(min_length=1, max_length=200)]
Millions = Annotated[float, Field(ge=0, le=1_000_000)]  # of the passport's currency
Positive = Annotated[float, Field(gt=0, le=1_000_000)]
HsCode = Annotated[
    str, Field(pattern=r"^\d{2}(\d{2}){0,2}$", description="HS 2022 chapter, heading or subheading")
]


def _currency(value: str) -> str:
    code = value.strip().upper()
    if len(code) != 3 or not code.isalpha():
        raise ValueError(f"{value!r} is not an ISO 4217 currency code")
    return code


CurrencyCode = Annotated[str, AfterValidator(_currency)]


class Stage(StrEnum):
    """How far the project has come, in the order a project moves."""

    IDEA = "idea"
    FEASIBILITY = "feasibility"  # a feasibility study exists
    PERMITS = "permits"  # permits are being obtained
    READY_TO_BUILD = "ready_to_build"  # land allotted, permits in hand


class OfferedBy(StrEnum):
    ZONE = "zone"
    DEVELOPMENT_INSTITUTION = "development_institution"


class Need(BaseModel):
    """A utility or land: what the project needs and what the site has for it; unknown is null."""

    model_config = ConfigDict(extra="forbid")

    needed: Positive | None = None
    available: Positive | None = None


class Needs(BaseModel):
    model_config = ConfigDict(extra="forbid")

    land_ha: Need = Field(default_factory=Need)
    power_mw: Need = Field(default_factory=Need)
    water_m3_per_day: Need = Field(default_factory=Need)
    gas_m3_per_hour: Need = Field(default_factory=Need)


class ReferenceCase(BaseModel):
    """The figures the passport's incentives are computed for: capex in year 0, then flat yearly figures
    (the same assumption and field names as the site-selection form, in millions of the currency)."""

    model_config = ConfigDict(extra="forbid")

    start_year: Annotated[int, Field(ge=2000, le=2100)] = 2027
    horizon_years: Annotated[int, Field(ge=2, le=50)] = 15
    capex_buildings_m: Millions = 0.0
    capex_machinery_m: Millions = 0.0
    capex_intangibles_m: Millions = 0.0
    revenue_m_per_year: Millions = 0.0
    opex_m_per_year: Millions = 0.0
    payroll_m_per_year: Millions = 0.0
    export_share_pct: Annotated[float, Field(ge=0, le=100)] = 0.0

    @property
    def capex_m(self) -> float:
        return self.capex_buildings_m + self.capex_machinery_m + self.capex_intangibles_m


class Contact(BaseModel):
    """Whom an investor writes to about the project: a role's public business address, not a private one."""

    model_config = ConfigDict(extra="forbid")

    name: Text200
    role: Annotated[str, Field(max_length=200)] | None = None
    email: Annotated[str, Field(pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$", max_length=320)] | None = None
    url: SourceUrl | None = None


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Text200
    url: SourceUrl


class Passport(BaseModel):
    """An investment opportunity in a zone, described once in a form every member reads the same way."""

    model_config = ConfigDict(extra="forbid")

    title: Text200
    summary: Annotated[str, Field(min_length=20, max_length=5000)]
    offered_by: OfferedBy = OfferedBy.ZONE
    zone_id: ZoneId = Field(description="Where the project is to be sited: a zone of the registry.")
    isic_codes: list[IsicCode] = Field(min_length=1, max_length=10, description="ISIC Rev.4, the main first.")
    hs_codes: list[HsCode] = Field(default_factory=list, max_length=20, description="Products, HS 2022.")
    currency: CurrencyCode = "USD"
    capex_min_m: Millions
    capex_max_m: Millions
    jobs_expected: Annotated[int, Field(ge=0, le=1_000_000)] | None = None
    needs: Needs = Field(default_factory=Needs)
    stage: Stage
    reference_case: ReferenceCase | None = Field(
        default=None, description="Figures for the incentive engine; without them no incentives are computed."
    )
    contacts: list[Contact] = Field(min_length=1, max_length=5)
    documents: list[Document] = Field(default_factory=list, max_length=20)
    provenance: Provenance = Field(description="The source of the passport's facts (URL or citation, as-of).")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.capex_min_m > self.capex_max_m:
            raise ValueError(f"capex_min_m {self.capex_min_m} is above capex_max_m {self.capex_max_m}")
        case = self.reference_case
        if case is not None and not self.capex_min_m <= case.capex_m <= self.capex_max_m:
            raise ValueError(
                f"reference_case: its capex {case.capex_m:g} m is outside the range "
                f"{self.capex_min_m:g}–{self.capex_max_m:g} m"
            )
        if (
            not (self.provenance.source_urls or self.provenance.source_citation)
            or self.provenance.as_of is None
        ):
            raise ValueError("provenance: a source (URL or citation) and an as-of date are required")
        return self


class InvestorProfile(BaseModel):
    """An investor's saved project: what site selection reads (`standard/project.py`), the money it may
    put in, the stages it would join at, and whether passport owners may see it among their matches."""

    model_config = ConfigDict(extra="forbid")

    project: ProjectProfile
    currency: CurrencyCode = "USD"
    capex_min_m: Millions | None = None
    capex_max_m: Millions | None = None
    stages: list[Stage] = Field(default_factory=list, description="Stages it would join at; empty: any.")
    shown_to_passport_owners: bool = Field(
        default=False, description="Opt-in: owners of passports that fit see the profile and may write."
    )

    @model_validator(mode="after")
    def _range(self) -> Self:
        low, high = self.capex_min_m, self.capex_max_m
        if low is not None and high is not None and low > high:
            raise ValueError(f"capex_min_m {low} is above capex_max_m {high}")
        return self
