"""The Zone record of the SEZ Atlas data standard.

A zone is grouped the way the users think of a site (identity, location, land, utilities, logistics,
specialisation, regime, performance). Unknown facts are null, never zero. Units are in field names.
"""

import re
from datetime import date
from typing import Annotated, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator

from sezatlas.standard.codelists import country, isic_codes
from sezatlas.standard.codes import CoordinatePrecision, ZoneStatus, ZoneType
from sezatlas.standard.provenance import Provenance, SourceUrl

ZONE_ID_PATTERN = r"^[A-Z]{3}-[A-Z0-9]+(-[A-Z0-9]+)*$"
_ZONE_ID = re.compile(ZONE_ID_PATTERN)


def check_country(value: str) -> str:
    code = value.strip().upper()
    if country(code) is None:
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-3 country code")
    return code


def check_isic(value: str) -> str:
    code = value.strip().upper() if value.strip()[:1].isalpha() else value.strip()
    if code not in isic_codes():
        raise ValueError(f"{value!r} is not an ISIC Rev.4 code")
    return code


CountryCode = Annotated[str, AfterValidator(check_country)]
ZoneId = Annotated[str, Field(pattern=ZONE_ID_PATTERN)]
IsicCode = Annotated[str, AfterValidator(check_isic)]
NonNegative = Annotated[float, Field(ge=0)]


class Capacity(BaseModel):
    """A utility's installed capacity and the part still free for new residents."""

    model_config = ConfigDict(extra="forbid")

    total: NonNegative | None = None
    free: NonNegative | None = None

    @model_validator(mode="after")
    def _free_within_total(self) -> Self:
        if self.total is not None and self.free is not None and self.free > self.total:
            raise ValueError(f"free capacity {self.free} exceeds total {self.total}")
        return self


class Location(BaseModel):
    model_config = ConfigDict(extra="forbid")

    admin1: str | None = Field(default=None, description="First-level subdivision (province, state, oblast).")
    locality: str | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    coordinate_precision: CoordinatePrecision | None = None
    coordinate_method: str | None = Field(default=None, description="How the point was obtained.")
    geonames_id: int | None = None
    geonames_place: str | None = None

    @model_validator(mode="after")
    def _both_or_neither(self) -> Self:
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError("latitude and longitude must be given together")
        if self.latitude is not None and self.coordinate_precision is None:
            raise ValueError("a point needs coordinate_precision (site or approximate)")
        return self


class Land(BaseModel):
    model_config = ConfigDict(extra="forbid")

    area_ha: NonNegative | None = None
    free_area_ha: NonNegative | None = None

    @model_validator(mode="after")
    def _free_within_area(self) -> Self:
        if self.area_ha is not None and self.free_area_ha is not None and self.free_area_ha > self.area_ha:
            raise ValueError(f"free_area_ha {self.free_area_ha} exceeds area_ha {self.area_ha}")
        return self


class Utilities(BaseModel):
    model_config = ConfigDict(extra="forbid")

    power_mw: Capacity = Field(default_factory=Capacity)
    gas_m3_per_hour: Capacity = Field(default_factory=Capacity)
    water_m3_per_day: Capacity = Field(default_factory=Capacity)


class Logistics(BaseModel):
    model_config = ConfigDict(extra="forbid")

    distance_to_seaport_km: NonNegative | None = None
    distance_to_airport_km: NonNegative | None = None
    distance_to_rail_station_km: NonNegative | None = None
    distance_to_highway_km: NonNegative | None = None
    has_rail_siding: bool | None = None


class Specialisation(BaseModel):
    model_config = ConfigDict(extra="forbid")

    isic_codes: list[IsicCode] = Field(default_factory=list, description="ISIC Rev.4 codes, any level.")
    sectors_text: str | None = Field(default=None, description="Sectors as the source words them.")


class RegimeLink(BaseModel):
    model_config = ConfigDict(extra="forbid")

    regime_id: str | None = Field(default=None, description="Identifier of the regime's rules, when encoded.")
    legal_regime: str | None = Field(
        default=None, description="The law or programme, as the source names it."
    )


class Performance(BaseModel):
    model_config = ConfigDict(extra="forbid")

    residents_count: Annotated[int, Field(ge=0)] | None = None
    jobs_count: Annotated[int, Field(ge=0)] | None = None
    investment_usd_m: NonNegative | None = None
    occupancy_pct: Annotated[float, Field(ge=0, le=100)] | None = None


class Zone(BaseModel):
    """A preferential territory: SEZ, free zone, industrial park, technopark, and the like."""

    model_config = ConfigDict(extra="forbid")

    zone_id: Annotated[str, Field(pattern=ZONE_ID_PATTERN, description="ISO3 prefix, e.g. RUS-001.")]
    country_iso3: CountryCode
    name_en: Annotated[str, Field(min_length=1)]
    name_local: str | None = Field(default=None, description="Name in the local script, where known.")
    zone_type: ZoneType
    zone_type_label: str | None = Field(
        default=None, description="The national type, as the source words it."
    )
    status: ZoneStatus | None = None
    status_detail: str | None = None
    operator: str | None = None
    website: SourceUrl | None = Field(default=None, description="Official website (absolute http(s) URL).")
    year_established: Annotated[int, Field(ge=1800, le=2100)] | None = None
    parent_zone_id: ZoneId | None = Field(
        default=None, description="The zone this one is a part of (an FTZ area of its FTZ, a sub-zone)."
    )
    possibly_same_as: list[ZoneId] = Field(
        default_factory=list,
        description="Zones a source says may be this same zone (or the same park): kept apart, not merged.",
    )
    location: Location = Field(default_factory=Location)
    land: Land = Field(default_factory=Land)
    utilities: Utilities = Field(default_factory=Utilities)
    logistics: Logistics = Field(default_factory=Logistics)
    specialisation: Specialisation = Field(default_factory=Specialisation)
    regime: RegimeLink = Field(default_factory=RegimeLink)
    performance: Performance = Field(default_factory=Performance)
    provenance: Provenance = Field(default_factory=Provenance)
    field_provenance: dict[str, Provenance] = Field(
        default_factory=dict, description="Per-fact sources, keyed by flat column name (e.g. area_ha)."
    )
    dataset: str | None = Field(default=None, description="The file or import the record came from.")
    notes: str | None = None

    @model_validator(mode="after")
    def _id_matches_country(self) -> Self:
        if _ZONE_ID.match(self.zone_id) and not self.zone_id.startswith(self.country_iso3 + "-"):
            raise ValueError(f"zone_id {self.zone_id} must start with its country code {self.country_iso3}-")
        if self.year_established is not None and self.year_established > date.today().year + 5:
            raise ValueError(f"year_established {self.year_established} is in the far future")
        if self.parent_zone_id == self.zone_id or self.zone_id in self.possibly_same_as:
            raise ValueError(f"zone {self.zone_id} cannot be its own parent or possible duplicate")
        return self
