"""Cooperation chains over HTTP: `GET /api/v1/chains/recipe?code=2720&total=true` and
`GET /api/v1/chains/suppliers?code=2720&zone=RUS-001` (where the inputs are made, `chains.actions`).

The JSON twin of `sezatlas chains recipe 2720 --total --output r.json`: one call into
`chains.recipe.input_recipe`, its `Recipe` converted field by field into the models below, which document
the answer in the OpenAPI schema. Every answer carries the US-proxy label. A code that cannot be read is a
400, one missing from ISIC Rev.4 / HS 2022 or reaching no US industry a 404, each naming the code
(`sezatlas/errors.py`).
"""

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from sezatlas.chains.actions import MAX_INPUTS, MAX_PER_INPUT, suppliers_for
from sezatlas.chains.recipe import Recipe, input_recipe
from sezatlas.web.deps import SessionDep
from sezatlas.web.errors import ErrorOut

router = APIRouter(prefix="/api/v1", tags=["chains"])


class _FromCore(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class ClassShareOut(_FromCore):
    isic_class: str
    title: str
    share: float = Field(description="Share of the asked code this ISIC class stands for (sums to 1).")


class SourceIndustryOut(_FromCore):
    bea_code: str = Field(description="A US BEA 2017 detail industry.")
    title: str
    weight: float = Field(description="Its weight in the asked code (sums to 1), per `weighting`.")


class RecipeInputOut(_FromCore):
    code: str = Field(description="An ISIC Rev.4 class; in `unbridged_inputs`, a BEA detail code.")
    title: str
    direct_per_usd: float = Field(description="US dollars of this input per dollar of output, directly.")
    total_per_usd: float = Field(description="Directly and through all the other inputs (Leontief).")


class RecipeOut(_FromCore):
    code: str = Field(description='The asked code, "ISIC:2720" or "HS:850760".')
    title: str
    label: str = Field(description="What the figures are: US coefficients, a proxy for any other country.")
    ranked_by: str = Field(description='"direct" or "total": the measure `inputs` is sorted and cut by.')
    stands_for: list[ClassShareOut]
    classes_without_us_industry: list[str] = Field(
        description="ISIC classes of an HS code that no US industry reaches; left out of the recipe."
    )
    made_of: list[SourceIndustryOut]
    inputs: list[RecipeInputOut] = Field(description="The top inputs, by ISIC class.")
    unbridged_inputs: list[RecipeInputOut] = Field(
        description="Inputs (or parts of them) from BEA industries with no ISIC class, reported apart."
    )
    direct_sum_per_usd: float = Field(description="All direct inputs per dollar, bridged or not.")
    total_sum_per_usd: float = Field(description="All inputs per dollar, directly and indirectly.")
    method: str
    weighting: str = Field(description="How BEA industries, NAICS codes and ISIC classes are weighted.")


@router.get(
    "/chains/recipe", response_model=RecipeOut, responses={400: {"model": ErrorOut}, 404: {"model": ErrorOut}}
)
def get_recipe(
    code: Annotated[
        str, Query(max_length=40, description="ISIC Rev.4 class (2720) or HS 2022 code (850760).")
    ],
    total: Annotated[bool, Query(description="Rank by total rather than direct requirements.")] = False,
    top: Annotated[int, Query(ge=1, le=500, description="How many ISIC inputs.")] = 15,
) -> RecipeOut:
    """What a dollar of a product's output needs, by ISIC class, under US 2017 technology (a proxy)."""
    recipe: Recipe = input_recipe(code, total=total, top=top)
    return RecipeOut.model_validate(recipe)


class SupplierOut(_FromCore):
    zone_id: str
    name: str
    country_iso3: str
    match: str = Field(description='"exact": tagged with the input\'s class; "possible": a broader code.')
    broader_codes_declared: list[str] = Field(description="For a possible match, the broader codes declared.")
    distance_km: float | None = Field(description="Great-circle distance to the target zone; null: unknown.")
    regime_id: str | None
    incentive_npv_usd: float | None = Field(
        description="NPV of incentives of the zone's regime for the input's reference project, US dollars."
    )
    incentive_note: str | None = Field(description="Why `incentive_npv_usd` is null; null when it is known.")


class ScopeSuppliersOut(_FromCore):
    scope: str = Field(description='"same_country" or "other_countries" (the association\'s other ones).')
    exact_zones: int = Field(description="Zones of the scope tagged with the input's class, before the cut.")
    possible_zones: int = Field(description="Zones of the scope that declared only a broader code.")
    suppliers: list[SupplierOut]


class InputSuppliersOut(_FromCore):
    input: RecipeInputOut
    label: str
    valued_with: str = Field(description="The reference project the regimes are valued with.")
    scopes: list[ScopeSuppliersOut]


class TargetZoneOut(_FromCore):
    zone_id: str
    name: str
    country_iso3: str
    latitude: float | None
    longitude: float | None


class SuppliersOut(_FromCore):
    recipe: RecipeOut
    target_zone: TargetZoneOut | None = Field(description="null when a country was asked.")
    target_country_iso3: str
    inputs: list[InputSuppliersOut]
    ranked_by: str = Field(description="The ranking rule, in words.")
    distance_method: str
    label: str


@router.get(
    "/chains/suppliers",
    response_model=SuppliersOut,
    responses={400: {"model": ErrorOut}, 404: {"model": ErrorOut}},
)
def get_suppliers(
    session: SessionDep,
    code: Annotated[
        str, Query(max_length=40, description="ISIC Rev.4 class (2720) or HS 2022 code (850760).")
    ],
    zone: Annotated[str | None, Query(max_length=64, description="The target zone id (RUS-001).")] = None,
    country: Annotated[str | None, Query(max_length=8, description="Or a country, ISO alpha-3.")] = None,
    inputs: Annotated[int, Query(ge=1, le=MAX_INPUTS, description="How many of the product's inputs.")] = 10,
    per_input: Annotated[int, Query(ge=1, le=MAX_PER_INPUT, description="Zones per input and scope.")] = 5,
    total: Annotated[bool, Query(description="Take the inputs by total rather than direct needs.")] = False,
) -> SuppliersOut:
    """Where a product's inputs are made: for each input, the zones of the target's country and of the
    association's other countries that host it, ranked by `ranked_by` (inputs: US 2017 proxy)."""
    answer = suppliers_for(session, code, zone_id=zone, country=country, inputs=inputs,
                           per_input=per_input, total=total)  # fmt: skip
    return SuppliersOut.model_validate(answer)
