"""Regimes and the incentive engine over HTTP: `/api/v1/regimes`, `/api/v1/incentives/...`.

JSON twins of `sezatlas incentives list|compare|synthetic`. The response models mirror
`regimes.contract` / `regimes.comparison` so the OpenAPI schema documents every field. A project the
engine rejects is a 422 naming the field; an unknown regime id a 404 (GET) or 400 (POST); a result that
is not a finite number (amounts too large to compute) a 422, never a 5xx. Both POSTs take
`custom_regimes`, regimes in the bundled files' format (`regimes/designer.py`); one that does not validate
is a 422 whose `errors[0].field` is its path from the body (`custom_regimes.0.cit.phases.0.value`).
"""

from collections.abc import Mapping
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from sezatlas.regimes.actions import compare_incentives, synthetic_rates
from sezatlas.regimes.comparison import finite_or_none, outcome_as_dict
from sezatlas.regimes.contract import ProjectInput
from sezatlas.regimes.designer import RegimeDocument
from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.rules import AssetClass, Regime
from sezatlas.regimes.synthetic.devereux_griffith import Economy
from sezatlas.regimes.synthetic.regime_rates import SyntheticSetting, asset_mix
from sezatlas.regimes.synthetic.report import assumptions_note, synthetic_as_dict
from sezatlas.standard.codes import Confidence
from sezatlas.web.errors import ErrorOut, not_found

router = APIRouter(prefix="/api/v1", tags=["incentives"])
RegimeIds = Annotated[list[Annotated[str, Field(max_length=64)]], Field(min_length=1, max_length=60)]
MAX_CUSTOM_REGIMES = 10
CustomRegimes = Annotated[
    list[dict[str, Any]],
    Field(
        max_length=MAX_CUSTOM_REGIMES,
        description="Regimes of your own, each a JSON object in the format of the bundled regime files "
        '(docs/incentives.md, "Designing a regime"; GET /api/v1/regimes/{regime_id} shows one), at most '
        "256 KB each: a `counterfactual_id` names a bundled standard regime whose sections it inherits. "
        "They are computed first, marked `is_custom`.",
    ),
]
Rate = Annotated[float, Field(ge=0, le=0.5, allow_inf_nan=False)]
Share = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False)]


class RegimeSummary(BaseModel):
    regime_id: str
    country_iso3: str
    name: str
    territory_type: str
    counterfactual_id: str | None = Field(
        description="The standard regime it is compared with; null: standard."
    )
    confidence: Confidence | None
    as_of: str | None
    valid_from: date | None
    valid_until: date | None


class ScheduleOut(BaseModel):
    calendar_years: list[int]
    cit_rate: list[float | None]
    taxable_income: list[float | None]
    depreciation: list[float | None]
    pre_tax_cash_flow: list[float | None]
    taxes: dict[str, list[float | None]]
    notes: list[str]


class EvaluationOut(BaseModel):
    regime_id: str
    is_eligible: bool
    ineligibility_reasons: list[str]
    pv_taxes: float | None
    pv_by_tax: dict[str, float | None]
    npv_pre_tax: float | None
    npv_post_tax: float | None
    aetr: float | None
    metr: float | None
    schedule: ScheduleOut | None


class ComparisonOut(BaseModel):
    zone: EvaluationOut
    standard: EvaluationOut
    npv_of_incentives: float | None
    npv_of_incentives_by_instrument: dict[str, float | None]
    decomposition_rule: str


class RegimeComparisonOut(BaseModel):
    """One requested regime: its comparison with the standard regime, or why it has none."""

    regime_id: str
    name: str
    country_iso3: str
    counterfactual_id: str
    is_custom: bool = Field(description="A regime of the request's `custom_regimes`, not a bundled one.")
    confidence: Confidence | None
    as_of: str | None
    is_doubtful: bool = Field(description="The regime or one of its facts is low-confidence or UNVERIFIED.")
    doubtful_facts: list[str]
    error: str | None = Field(description="Why this regime could not be computed (e.g. not in force).")
    comparison: ComparisonOut | None


class ProjectComparisonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    project: ProjectInput
    regime_ids: list[Annotated[str, Field(max_length=64)]] = Field(
        default_factory=list, max_length=60, description="Bundled regimes; may be empty with custom_regimes."
    )
    custom_regimes: CustomRegimes = Field(default_factory=list)
    with_metr: bool = Field(default=True, description="Compute the project METR (slower).")


class ProjectComparisonOut(BaseModel):
    project: str
    currency: str
    regimes: list[RegimeComparisonOut]


class AssetIn(BaseModel):
    """One asset class of the synthetic composite."""

    model_config = ConfigDict(extra="forbid")

    economic_depreciation: Annotated[
        float, Field(gt=0, le=1, allow_inf_nan=False, description="δ, 0.15 = 15%")
    ]
    weight: Annotated[float, Field(ge=0, le=1000, allow_inf_nan=False)] = 1.0


class SyntheticIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    regime_ids: RegimeIds | None = Field(
        default=None,
        description="null: every bundled regime, or only the custom_regimes when there are some.",
    )
    custom_regimes: CustomRegimes = Field(default_factory=list)
    assets: dict[AssetClass, AssetIn] | None = Field(
        default=None,
        description="Economic depreciation and composite weight by asset class; a class not named keeps "
        "its illustrative default (buildings 0.03, machinery 0.15, intangibles 0.20, weight 1); weight 0 "
        "leaves it out of the composite.",
    )
    real_rate: Rate = 0.05
    inflation: Rate = 0.0
    profitability: Annotated[float, Field(ge=0.01, le=1, allow_inf_nan=False)] = 0.20
    start_year: Annotated[int, Field(ge=1990, le=2100)] = 2026
    qualifying_share: Share = 1.0
    import_share: Share = 0.0
    duty_rate_capital_goods: Share | None = None
    property_tax_rate: Share | None = None


class RatesOut(BaseModel):
    cost_of_capital: float | None
    emtr: float | None
    eatr: float | None


class SyntheticOut(BaseModel):
    regime_id: str
    is_custom: bool
    by_asset: dict[str, RatesOut]
    composite: RatesOut
    notes: list[str]


class SyntheticTableOut(BaseModel):
    assumptions: str
    regimes: list[SyntheticOut]


def _regimes() -> dict[str, Regime]:
    return load_regimes()


def _documents(records: list[dict[str, Any]]) -> list[RegimeDocument]:
    """Each custom regime named by its place in the body, so an error names the field from the top."""
    return [RegimeDocument(f"custom_regimes.{index}", record) for index, record in enumerate(records)]


def _assets(assets: Mapping[AssetClass, AssetIn] | None) -> dict[AssetClass, tuple[float, float]]:
    return {kind: (asset.economic_depreciation, asset.weight) for kind, asset in (assets or {}).items()}


def _summary(regime: Regime) -> RegimeSummary:
    return RegimeSummary(
        regime_id=regime.regime_id, country_iso3=regime.country_iso3, name=regime.name,
        territory_type=regime.territory_type, counterfactual_id=regime.counterfactual_id,
        confidence=regime.provenance.confidence, as_of=regime.provenance.as_of,
        valid_from=regime.valid_from, valid_until=regime.valid_until,
    )  # fmt: skip


@router.get("/regimes", response_model=list[RegimeSummary])
def list_regimes() -> list[RegimeSummary]:
    """Every encoded regime: standard regimes (the counterfactuals) and zone regimes."""
    return [_summary(regime) for regime in _regimes().values()]


@router.get("/regimes/{regime_id}", response_model=Regime, responses={404: {"model": ErrorOut}})
def get_regime(regime_id: str) -> Regime:
    """The full rules of one regime, with the source, date and confidence of its facts."""
    regime = _regimes().get(regime_id)
    if regime is None:
        raise not_found(f"regime {regime_id}")
    return regime


@router.post(
    "/incentives/project", response_model=ProjectComparisonOut,
    responses={400: {"model": ErrorOut}, 422: {"description": "Not computable; detail names the field"}},
)  # fmt: skip
def compare_project(body: ProjectComparisonIn) -> dict[str, Any]:
    """Each regime against its country's standard regime for this project (docs/incentives.md)."""
    project = body.project.to_project()
    custom = _documents(body.custom_regimes)
    outcomes = compare_incentives(project, body.regime_ids, custom=custom, with_metr=body.with_metr)
    return {"project": project.name, "currency": project.currency,
            "regimes": [outcome_as_dict(o) for o in outcomes]}  # fmt: skip


@router.post(
    "/incentives/synthetic", response_model=SyntheticTableOut,
    responses={400: {"model": ErrorOut}, 422: {"description": "Not computable; detail names the field"}},
)  # fmt: skip
def synthetic(body: SyntheticIn) -> dict[str, Any]:
    """Devereux–Griffith/Klemm cost of capital, EMTR and EATR per asset class and composite."""
    setting = SyntheticSetting(
        Economy(body.real_rate, body.inflation, body.profitability), body.start_year, body.qualifying_share,
        body.import_share, body.duty_rate_capital_goods, body.property_tax_rate,
        asset_mix(_assets(body.assets)),
    )  # fmt: skip
    rows = synthetic_rates(body.regime_ids or [], setting, custom=_documents(body.custom_regimes))
    return {
        "assumptions": assumptions_note(setting),
        "regimes": [finite_or_none(synthetic_as_dict(row)) for row in rows],
    }
