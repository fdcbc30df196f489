"""Cooperation chains over HTTP: `GET /api/v1/chains/recipe?code=2720&total=true`.

The JSON twin of `sezatlas chains recipe 2720 --total --output r.json`: one call into
`chains.recipe.input_recipe`, its `Recipe` converted field by field into the models below, which document
the answer in the OpenAPI schema. Every answer carries the US-proxy label. A code that cannot be read is a
400, one missing from ISIC Rev.4 / HS 2022 or reaching no US industry a 404, each naming the code
(`sezatlas/errors.py`).
"""

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from sezatlas.chains.recipe import Recipe, input_recipe
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
