"""Relatedness over HTTP: `GET /api/v1/chains/near?hs=8507` and `GET /api/v1/chains/countries/RUS`.

The JSON twins of `sezatlas chains near 8507` and `sezatlas chains country RUS`: one call into
`chains.product_space`, its answer converted into the models below. Every answer carries the Growth Lab
attribution. A code that is not 4 or 6 digits is a 400; a heading outside the product space, or a country
the bundled figures do not cover, a 404 (`sezatlas/errors.py`).
"""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, ConfigDict, Field

from sezatlas.chains.product_space import HsVersions, ProductCodeError, country_outlook, near_products
from sezatlas.web.errors import ApiError, ErrorItem, ErrorOut

router = APIRouter(prefix="/api/v1", tags=["chains"])
NOT_ANSWERED: dict[int | str, dict[str, Any]] = {400: {"model": ErrorOut}, 404: {"model": ErrorOut}}


class _FromCore(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class ProductInSpaceOut(_FromCore):
    hs92_code: str = Field(description="HS 1992 heading (4 digits): the product space's classification.")
    title_hs92: str = Field(description="The Growth Lab's HS92 title.")
    short_title: str = Field(description="The Growth Lab's short title.")
    title_hs2022: str | None = Field(description="The heading's HS 2022 title; null: not in HS 2022.")
    hs_versions: HsVersions = Field(description="How the heading's HS92 and HS 2022 subheadings compare.")
    hs_versions_note: str | None = Field(
        description="How HS92 and HS 2022 differ for this heading (its subheadings); null: they agree."
    )
    cluster: str = Field(description="The Growth Lab's product-space cluster.")
    pci: float = Field(description="Product Complexity Index, as published by the Growth Lab.")


class NearProductOut(_FromCore):
    product: ProductInSpaceOut
    proximity: float | None = Field(
        description="Proximity (Hidalgo et al. 2007) as published; null: linked, but no weight published."
    )
    layout_distance: float = Field(description="Distance in the Growth Lab's 2-D product-space layout.")


class NearProductsOut(_FromCore):
    asked: str
    read_as_note: str | None = Field(description="Set when a 6-digit code was read as its 4-digit heading.")
    product: ProductInSpaceOut
    near: list[NearProductOut] = Field(description="Linked products, highest published proximity first.")
    links_in_space: int = Field(description="How many products the product space links to this one.")
    attribution: str


class CountryYearOut(_FromCore):
    year: int
    eci: float | None = Field(description="Economic Complexity Index, as published by the Growth Lab.")
    growth_projection: float | None = Field(
        description="The Growth Lab's growth projection for the following 10 years, as published."
    )


class CountryOutlookOut(_FromCore):
    iso3: str
    brics_relation: str | None = Field(description="member, partner or invited (SEZ Atlas's own data).")
    strategic_approach: str | None = Field(description="The Growth Lab's strategic approach for the country.")
    is_in_rankings: bool | None = Field(description="Whether the Growth Lab includes it in its rankings.")
    years: list[CountryYearOut]
    attribution: str


@router.get("/chains/near", response_model=NearProductsOut, responses=NOT_ANSWERED)
def get_near_products(
    hs: Annotated[str, Query(max_length=12, description="HS heading (8507) or subheading (850760).")],
    top: Annotated[int, Query(ge=1, le=100, description="At most this many products.")] = 10,
) -> NearProductsOut:
    """The products the Growth Lab's product space links to an HS product, the most proximate first."""
    try:
        return NearProductsOut.model_validate(near_products(hs, top))
    except ProductCodeError as error:  # a 400 names the parameter, like FastAPI's own 400s
        raise ApiError(400, str(error), [ErrorItem(parameter="hs", message=str(error))]) from error


@router.get("/chains/countries/{iso3}", response_model=CountryOutlookOut, responses=NOT_ANSWERED)
def get_country_outlook(
    iso3: Annotated[str, Path(min_length=3, max_length=3, description="ISO 3166 alpha-3 code, e.g. RUS.")],
) -> CountryOutlookOut:
    """The Growth Lab's ECI and growth projections (2012–2024) and strategic approach for a country."""
    return CountryOutlookOut.model_validate(country_outlook(iso3))
