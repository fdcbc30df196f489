"""The localization share over HTTP: `GET /api/v1/chains/localization?code=2720&zone=RUS-001&add=…`.

The JSON twin of `sezatlas chains localization 2720 --zone RUS-001 --add 2011@RUS-002 --output l.json`: one
call into `chains.localization_actions.localization_for`, its `LocalizationAnswer` converted field by field
into the models below. A code or addition that cannot be read is a 400, an unknown product or zone a 404
(`sezatlas/errors.py`). Every answer carries its label: the US proxy's, or the imported ICIO table's.
"""

from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field

from sezatlas.chains.localization_actions import MAX_ADDITIONS, localization_for
from sezatlas.web.deps import SessionDep
from sezatlas.web.errors import ErrorOut

router = APIRouter(prefix="/api/v1", tags=["chains"])


class _FromCore(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class AdditionOut(_FromCore):
    isic_code: str
    zone_id: str


class InputPresenceOut(_FromCore):
    code: str = Field(description="An ISIC class (US proxy) or an OECD ICIO industry (e.g. C26).")
    title: str
    per_usd: float = Field(description="Dollars of this input per dollar of the product's output.")
    share: float = Field(description="Its share of the input value the shares are of.")
    where: str = Field(description='"country", "partners" (other countries\' zones only) or "nowhere".')
    zones_in_country: int
    zones_in_partners: int
    possible_zones_in_country: int = Field(description="Zones that declared only a broader code.")
    possible_zones_in_partners: int
    top_zones: list[str] = Field(description="A few zones hosting it, the country's first.")
    is_added: bool = Field(description="Present at `where` only thanks to the additions.")


class ShareSplitOut(_FromCore):
    in_country: float
    in_partners: float
    nowhere: float = Field(description="in_country + in_partners + nowhere = 1.")
    possibly_in_country: float = Field(description="Not in the country, but possibly (a broader code).")
    possibly_in_partners: float = Field(description="Nowhere, but possibly in a partner's zone.")


class ScenarioOut(_FromCore):
    country_iso3: str
    zone_id: str
    additions: list[AdditionOut]
    before: list[InputPresenceOut]
    after: list[InputPresenceOut]
    shares_before: ShareSplitOut
    shares_after: ShareSplitOut
    change: ShareSplitOut = Field(description="after − before.")
    bridged_per_usd: float = Field(description="The input value (per dollar of output) the shares are of.")


class IcioFiguresOut(_FromCore):
    country_iso3: str
    industries: list[tuple[str, float]] = Field(description="ICIO industries of the product, with weights.")
    domestic_input_share: float = Field(description="Share of the inputs bought from the country itself.")
    domestic_value_added: float | None = Field(description="Per dollar of output (Leontief); null: none.")
    foreign_value_added: float | None = Field(description="Per dollar of output: vertical specialisation.")
    taxes_content: float | None


class TradeFiguresOut(_FromCore):
    label: str
    country_iso3: str
    is_country_in_data: bool
    method: str


class InputRcaOut(_FromCore):
    code: str
    rca: float | None = Field(description="Balassa RCA in the input's HS6 product group; null: undefined.")
    products: int = Field(description="HS6 products of the BACI year in the group.")


class LocalizationOut(_FromCore):
    product: str
    title: str
    label: str = Field(description="What the coefficients are: the US 2017 proxy, or the imported ICIO.")
    method: str
    scenario: ScenarioOut
    unbridged_per_usd: float = Field(description="Proxy inputs that reach no ISIC class, left out.")
    icio: IcioFiguresOut | None = Field(description="null unless an imported ICIO table answered.")
    trade: TradeFiguresOut | None = Field(description="null unless a BACI year is imported.")
    rca: list[InputRcaOut]


@router.get(
    "/chains/localization",
    response_model=LocalizationOut,
    responses={400: {"model": ErrorOut}, 404: {"model": ErrorOut}},
)
def get_localization(
    session: SessionDep,
    code: Annotated[str, Query(max_length=40, description="ISIC Rev.4 class (2720) or HS 2022 code.")],
    zone: Annotated[str, Query(max_length=64, description="The project's zone, e.g. RUS-001.")],
    add: Annotated[
        list[str] | None,
        Query(max_length=MAX_ADDITIONS, description="ISIC@ZONE, repeatable: add that industry to that zone."),
    ] = None,
) -> LocalizationOut:
    """The share of a product's input value present in the country's zones, partners' zones, or nowhere."""
    return LocalizationOut.model_validate(localization_for(session, code, zone, add or []))
