"""The harmonization matrix over HTTP: `GET /api/v1/incentives/matrix?country=RUS,IND&dimension=customs,vat`.

The JSON twin of `/incentives/matrix` and of `sezatlas incentives matrix --output m.json`: one call into
`regimes.matrix.actions.harmonization_matrix`, rendered by `matrix_as_dict`. The response models below
document each field in the OpenAPI schema. A country with no encoded regime or an unknown dimension is a
400 naming the accepted values (`sezatlas/errors.py`).
"""

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from sezatlas.regimes.matrix.actions import harmonization_matrix
from sezatlas.regimes.matrix.table import matrix_as_dict
from sezatlas.standard.codes import Confidence
from sezatlas.web.errors import ErrorOut

router = APIRouter(prefix="/api/v1", tags=["incentives"])
Filter = Annotated[list[Annotated[str, Field(max_length=200)]], Query(max_length=40)]


class CodeOut(BaseModel):
    key: str
    label: str
    meaning: str


class DimensionOut(BaseModel):
    key: str
    title: str
    framework: str = Field(description="The published framework the dimension comes from.")
    computed_from: str | None = Field(description="The regime-file facts computed cells read; null: none.")
    takes_hand_cells: bool = Field(description="Regime files may code it in their [matrix] table.")
    codes: list[CodeOut]
    families: list[list[str]] = Field(description="Codes compatible with each other (the divergence rule).")
    conflicts: list[list[str]] = Field(description="Pairs of codes in conflict (the divergence rule).")


class CellOut(BaseModel):
    code: str = Field(description='A code of the dimension, or "unknown".')
    text: str | None = Field(description="What the source says, in a few English words.")
    source_urls: list[str]
    as_of: str | None
    basis: str | None = Field(
        description="The regime-file facts the cell was computed from, or matrix.<key>."
    )
    is_computed: bool
    confidence: Confidence | None


class RegimeRowOut(BaseModel):
    regime_id: str
    country_iso3: str
    name: str
    counterfactual_id: str | None
    cells: dict[str, CellOut] = Field(description="By dimension key.")


class SummaryOut(BaseModel):
    verdict: str | None = Field(description="aligned, compatible, divergent, in_conflict; null: none known.")
    counts: dict[str, int] = Field(description="How many regimes shown have each code.")
    known: int
    unknown: int


class MatrixOut(BaseModel):
    dimensions: list[DimensionOut]
    regimes: list[RegimeRowOut]
    summary: dict[str, SummaryOut] = Field(description="By dimension key, over the regimes shown.")
    cells: int
    unknown_cells: int
    divergence_rule: str


@router.get("/incentives/matrix", response_model=MatrixOut, responses={400: {"model": ErrorOut}})
def get_matrix(country: Filter = [], dimension: Filter = []) -> dict[str, Any]:  # noqa: B006 - FastAPI copies it
    """The regimes of the countries (ISO3, repeated or comma-separated; all if none) in the dimensions
    asked for (all if none), each cell with its code, source and date, and a divergence summary."""
    return matrix_as_dict(harmonization_matrix(country, dimension))
