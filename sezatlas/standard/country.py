"""Countries as the registry sees them: ISO identity, membership and registry coverage."""

from pydantic import BaseModel, ConfigDict, Field

from sezatlas.standard.membership import BricsRelation


class Country(BaseModel):
    """A BRICS member, partner or invited country, or another country that has zones in the registry."""

    model_config = ConfigDict(extra="forbid")

    iso3: str = Field(pattern=r"^[A-Z]{3}$")
    iso2: str = Field(pattern=r"^[A-Z]{2}$")
    numeric: str = Field(pattern=r"^\d{3}$")
    name: str
    official_name: str | None = None
    is_brics_member: bool = Field(description="True for members only (kept for readers of standard 1.0).")
    brics_relation: BricsRelation | None = Field(
        default=None, description="member, partner or invited; null: no relation to BRICS."
    )
    brics_since: str | None = Field(default=None, description="Date of that relation: YYYY or YYYY-MM-DD.")
    brics_source_url: str | None = Field(default=None, description="The page that states the relation.")


class OfficialCount(BaseModel):
    """An official or reported total of zones of one regime in a country, as a source states it.

    `value` keeps the source's wording ("11 / 6", ">50"); `count` is the number when the wording is a
    plain number, so that coverage (zones in the registry vs. the official count) can be computed.
    """

    model_config = ConfigDict(extra="forbid")

    country_iso3: str
    admin1: str | None = None
    regime: str
    zone_type: str | None = None
    metric: str
    value: str
    count: int | None = None
    as_of: str | None = None
    source_url: str | None = None
    notes: str | None = None
