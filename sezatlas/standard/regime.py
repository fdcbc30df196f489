"""A reference to a legal regime. The rules themselves (rates, holidays, thresholds) live in `regimes`."""

from pydantic import BaseModel, ConfigDict, Field


class RegimeRef(BaseModel):
    """The name of a regime and the country whose law defines it."""

    model_config = ConfigDict(extra="forbid")

    regime_id: str = Field(pattern=r"^[A-Z]{3}-[a-z0-9_-]+$", description="e.g. RUS-sez-116fz")
    country_iso3: str
    name: str
    legal_basis: str | None = None
