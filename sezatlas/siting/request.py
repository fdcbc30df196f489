"""A ranking request: the project's needs and weights, and optionally its finances to value incentives.

With `finance`, the incentive engine values each eligible zone's regime for this very project (NPV of
incentives against the country's standard regime), and site selection scores that value in millions of
the project currency. Zones with no linked regime, or whose value the engine cannot compute (a regime not
in force on the start date, a threshold in a currency the project gives no rate for), stay unknown for
that criterion: scored as the median and flagged, never counted as zero.
"""

import math
from datetime import date
from typing import Any, Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sezatlas.regimes.contract import ProjectInput
from sezatlas.regimes.zone_values import incentive_npv_by_zone
from sezatlas.siting import messages
from sezatlas.siting.columns import ZoneColumns
from sezatlas.siting.constraints import screen
from sezatlas.siting.shortlist import Shortlist, rank_zones
from sezatlas.standard.project import ProjectProfile

MILLION = 1_000_000.0


class RankRequest(BaseModel):
    """What `POST /api/v1/rank` and `sezatlas rank --project` read (a bare `ProjectProfile` too)."""

    model_config = ConfigDict(extra="forbid")

    project: ProjectProfile
    finance: ProjectInput | None = Field(
        default=None,
        description="The project's money, as the incentive engine reads it: values `incentives`.",
    )

    @model_validator(mode="after")
    def _finance_is_consistent(self) -> Self:
        """Series lengths and capex years are checked now, so a bad file is a 422 naming the field."""
        if self.finance is not None:
            self.finance.to_project()  # raises IncentiveInputError (a ValueError) with the field's name
        return self

    def with_project(self, **changes: Any) -> "RankRequest":
        """The same request with some of the project's fields replaced, validated again (the CLI's options
        `--max-seaport-km`, `--only-country`, `--only-confirmed` override the file this way)."""
        profile = ProjectProfile.model_validate({**self.project.model_dump(), **changes})
        return self.model_copy(update={"project": profile})


def read_rank_request(data: Any) -> RankRequest:
    """Either shape: `{"project": …, "finance": …}` or a bare project profile (the older file format)."""
    if isinstance(data, dict) and "project" in data:
        return RankRequest.model_validate(data)
    return RankRequest(project=ProjectProfile.model_validate(data))


def _finance_for(request: RankRequest) -> ProjectInput | None:
    """The finance with the profile's ISIC code when it names none: sector rules of regimes need one."""
    finance = request.finance
    if finance is not None and not finance.isic_code:
        return finance.model_copy(update={"isic_code": request.project.isic_code})
    return finance


def incentives_m(columns: ZoneColumns, project: ProjectProfile, finance: ProjectInput) -> dict[str, float]:
    """zone_id → NPV of incentives in millions of the project currency, for ranked zones with a regime.

    Only the zones to be ranked are valued (the others are not scored); the engine runs once per regime.
    A value that is not a finite number is left out (unknown), like one the engine cannot compute.
    """
    ranked = screen(columns, project).candidates(project.only_confirmed_fit)
    zone_regimes = {
        str(zone_id): str(regime_id)
        for zone_id, regime_id, is_ranked in zip(columns.zone_id, columns.regime_id, ranked, strict=True)
        if is_ranked and regime_id
    }
    if not zone_regimes:
        return {}
    values = incentive_npv_by_zone(finance, zone_regimes)
    return {zone: value / MILLION for zone, value in values.items() if math.isfinite(value)}


def _valuation_note(shortlist: Shortlist, columns: ZoneColumns, valued: dict[str, float]) -> None:
    linked = sum(1 for regime_id in columns.regime_id if regime_id)
    currency = shortlist.incentives_currency or ""
    shortlist.notes.append(
        messages.incentives_valued(len(valued), currency, len(columns) - linked, len(columns))
    )


def rank_request(
    columns: ZoneColumns,
    request: RankRequest,
    *,
    today: date,
    shortlist_size: int = 20,
    samples: int = 10_000,
    seed: int = 0,
) -> Shortlist:
    """Rank the zones for the request: incentives valued first when the finances are given."""
    finance = _finance_for(request)
    valued = incentives_m(columns, request.project, finance) if finance is not None else None
    shortlist = rank_zones(
        columns,
        request.project,
        today=today,
        incentives_m=valued,
        currency=finance.currency if finance is not None else "USD",
        shortlist_size=shortlist_size,
        samples=samples,
        seed=seed,
    )
    if valued is not None:
        _valuation_note(shortlist, columns, valued)
    return shortlist
