"""`POST /api/v1/incentives/scenario`: the JSON twin of `sezatlas incentives scenario` (scenarios.py).

The model is a bundled regime (`model_regime_id`) or a regime document in the bundled files' format
(`model`, as `designer.py` reads it); its field errors are 422s naming `model.<field>`.
"""

from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field, model_validator

from sezatlas.regimes.actions import common_approach
from sezatlas.regimes.comparison import UnknownRegimeError, finite_or_none
from sezatlas.regimes.contract import ProjectInput
from sezatlas.regimes.designer import RegimeDocument
from sezatlas.regimes.loader import bundled_records
from sezatlas.regimes.scenarios import scenario_as_dict
from sezatlas.web.deps import SessionDep
from sezatlas.web.errors import ErrorOut

router = APIRouter(prefix="/api/v1", tags=["incentives"])
MAX_PROJECTS = 5
Iso3 = Annotated[str, Field(pattern=r"^[A-Z]{3}$")]


class ScenarioIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    model_regime_id: Annotated[str, Field(max_length=64)] | None = Field(
        default=None, description="A bundled regime as the model (GET /api/v1/regimes lists them)."
    )
    model: dict[str, Any] | None = Field(
        default=None, description="A custom regime in the bundled files' format, instead of model_regime_id."
    )
    projects: list[ProjectInput] = Field(min_length=1, max_length=MAX_PROJECTS)
    countries: list[Iso3] = Field(default_factory=list, max_length=60, description="Default: every member.")

    @model_validator(mode="after")
    def _one_model(self) -> "ScenarioIn":
        if (self.model_regime_id is None) == (self.model is None):
            raise ValueError("give the model as model_regime_id or as model, one of the two")
        return self


class ScenarioRowOut(BaseModel):
    country_iso3: str
    project: str
    currency: str
    standard_regime: str | None
    zones: int
    zones_valued: int = Field(description="Zones whose regime the engine valued: the weights of 'today'.")
    npv_of_incentives_today: float | None
    npv_of_incentives_model: float | None
    npv_change: float | None
    aetr_standard: float | None
    aetr_today: float | None
    aetr_model: float | None
    aetr_change: float | None
    metr_today: float | None
    metr_model: float | None
    metr_change: float | None
    cost_per_job_today: float | None = Field(description="NPV of incentives ÷ the project's headcount.")
    cost_per_job_model: float | None
    regimes_today: str = Field(description="Each regime of the country's zones today, with its zones.")
    not_valued: str = Field(description="What the engine could not value, and why.")


class ScenarioOut(BaseModel):
    model: str
    method: str
    notes: list[str]
    rows: list[ScenarioRowOut]


@router.post(
    "/incentives/scenario",
    response_model=ScenarioOut,
    responses={400: {"model": ErrorOut}, 422: {"model": ErrorOut}},
)
def scenario(body: ScenarioIn, session: SessionDep) -> dict[str, Any]:
    """One model regime in every member's zones (or the countries named), per country and project: NPV of
    incentives, AETR, METR and fiscal cost per job today and under the model."""
    if body.model_regime_id is not None:
        records = bundled_records()
        if body.model_regime_id not in records:
            raise UnknownRegimeError(f"model_regime_id: {body.model_regime_id!r} is not a bundled regime")
        document = RegimeDocument(body.model_regime_id, records[body.model_regime_id])
    else:
        assert body.model is not None
        document = RegimeDocument("model", body.model)
    projects = [project.to_project() for project in body.projects]
    result = common_approach(session, document, projects, countries=body.countries)
    answer: dict[str, Any] = finite_or_none(scenario_as_dict(result))
    return answer
