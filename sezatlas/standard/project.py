"""An investor's project, as site selection reads it: what it needs, where it may go, what matters most."""

from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from sezatlas.standard.codes import ZoneType
from sezatlas.standard.zone import CountryCode, IsicCode

Need = Annotated[float, Field(gt=0)]
Weight = Annotated[float, Field(ge=0, le=100)]


class ScoringMethod(StrEnum):
    WEIGHTED_SUM = "weighted_sum"
    TOPSIS = "topsis"


class CriterionWeights(BaseModel):
    """How much each criterion matters to the investor; any non-negative numbers (they are normalised)."""

    model_config = ConfigDict(extra="forbid")

    sector_fit: Weight = 3
    land_headroom: Weight = 2
    power_headroom: Weight = 1
    seaport_distance: Weight = 1
    airport_distance: Weight = 0.5
    incentives: Weight = 3
    data_freshness: Weight = 0.5
    data_confidence: Weight = 1


class ProjectProfile(BaseModel):
    """Described once by the investor; unknown needs are null and then constrain nothing."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1, max_length=200)]
    isic_code: IsicCode = Field(description="The project's activity, ISIC Rev.4 (any level).")
    hs_codes: list[Annotated[str, Field(pattern=r"^\d{2,6}$")]] = Field(default_factory=list)
    land_need_ha: Need | None = None
    power_need_mw: Need | None = None
    gas_need_m3_per_hour: Need | None = None
    water_need_m3_per_day: Need | None = None
    workforce: Annotated[int, Field(gt=0)] | None = None
    needs_rail_siding: bool = False
    max_distance_to_seaport_km: Need | None = None
    max_distance_to_airport_km: Need | None = None
    zone_types: list[ZoneType] = Field(
        default_factory=list, description="Acceptable zone types; empty = any."
    )
    preferred_countries: list[CountryCode] = Field(default_factory=list)
    only_countries: list[CountryCode] = Field(
        default_factory=list, description="Rank zones in these countries only; empty = any."
    )
    excluded_countries: list[CountryCode] = Field(default_factory=list)
    target_markets: list[CountryCode] = Field(default_factory=list)
    weights: CriterionWeights = Field(default_factory=CriterionWeights)
    method: ScoringMethod = ScoringMethod.WEIGHTED_SUM
    only_confirmed_fit: bool = Field(
        default=False,
        description="Rank only zones whose data confirm every need; by default a zone with an unknown fact "
        "is ranked too, with its evidence (how many needs the data confirm).",
    )
