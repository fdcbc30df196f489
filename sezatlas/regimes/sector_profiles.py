"""Starting figures for a project of a given sector, so the incentives form never starts blank.

The figures in `sector_profiles.toml` are ILLUSTRATIVE STARTING VALUES, NOT SOURCED FACTS: round numbers
for a mid-sized greenfield project of each kind, chosen so that the usual shape of the sector shows
(machinery- and import-heavy electronics, labour-heavy apparel, building-heavy logistics). Money is in
millions of US dollars, shares are decimals. A user is expected to replace each figure with the project's
own; nothing here reaches the engine unless a form puts it into a project.
"""

import tomllib
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sezatlas.regimes.errors import RegimeDataError

PROFILES_FILE = Path(__file__).parent / "sector_profiles.toml"
DEFAULT_SECTOR = "auto_parts"

Share = Annotated[float, Field(ge=0, le=1)]
Millions = Annotated[float, Field(ge=0)]


class SectorProfile(BaseModel):
    """A sector's illustrative project: capex by asset class in year 0, then the same figures every year."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str  # the table name in the file, the form's value
    title: str  # English; the web pages translate it
    isic_code: str  # ISIC Rev.4 class, for the regimes' sector conditions
    capex_buildings_m: Millions
    capex_machinery_m: Millions
    capex_intangibles_m: Millions
    import_share_buildings: Share = 0.0
    import_share_machinery: Share = 0.0
    import_share_intangibles: Share = 0.0
    revenue_m_per_year: Millions
    opex_m_per_year: Millions = Field(description="Operating costs other than payroll.")
    payroll_m_per_year: Millions
    headcount: Annotated[int, Field(ge=0)]
    export_share: Share
    imported_input_share: Share = Field(description="Share of opex that is imported.")
    duty_rate_capital_goods: Share = Field(description="Import duty on the project's capital goods.")
    duty_rate_inputs: Share = Field(description="Import duty on its imported inputs.")


@cache
def sector_profiles(path: Path = PROFILES_FILE) -> dict[str, SectorProfile]:
    """Every profile of the file, in its order, keyed by code; a bad entry names the sector and field."""
    with path.open("rb") as handle:
        raw = tomllib.load(handle)
    profiles: dict[str, SectorProfile] = {}
    for code, fields in raw.items():
        try:
            profiles[code] = SectorProfile.model_validate({"code": code, **fields})
        except ValidationError as error:
            first = error.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise RegimeDataError(f"{path.name}: [{code}] {where}: {first['msg']}") from error
    if DEFAULT_SECTOR not in profiles:
        raise RegimeDataError(f"{path.name}: the default sector {DEFAULT_SECTOR!r} is missing")
    return profiles
