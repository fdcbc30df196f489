"""Hand-coded matrix cells: the `[matrix.<dimension>]` tables of the regime files.

One home, in the regime file rather than in a matrix file beside the rules: a fact about a regime (its
legal basis, a one-stop shop, a stability clause) is read, reviewed and corrected next to the regime's
other facts and sources, a new regime file arrives with its matrix row, and the loader's checks (bad
field: the file and the field named, the whole load refused) apply to it unchanged. A second file would
have to repeat every regime id and could drift from the rules.

Hand-coded cells hold what the engine does not model (`Dimension.takes_hand_cells`): a fact the engine
uses belongs in its instrument section (`[vat]`, `[customs…]`), where the matrix reads it too. Each cell
needs a code the dimension declares, a short text and its source; `as_of` may be null only when the
source itself is undated.

A zone regime does not inherit these tables from its country's standard regime (loader.py inherits only
the engine's instruments): a legal basis, a one-stop shop or a stability clause belongs to the regime
that grants it, and a standard regime's facts say nothing about a zone's.
"""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from sezatlas.regimes.matrix.dimensions import DIMENSIONS_BY_KEY, HAND_CODED
from sezatlas.standard.codes import Confidence
from sezatlas.standard.provenance import AsOf, SourceUrl


class MatrixFact(BaseModel):
    """One hand-coded cell: a declared code, what the source says in a few words, the source and its date."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    text: Annotated[str, Field(min_length=1, max_length=300)]
    source_url: SourceUrl
    as_of: AsOf | None = Field(default=None, description="null only for an undated source.")
    confidence: Confidence | None = None


class HandCodedCells(BaseModel):
    """The `[matrix]` table of a regime file: one optional cell per dimension that takes hand-coded cells."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    legal_basis: MatrixFact | None = None
    customs: MatrixFact | None = None
    vat: MatrixFact | None = None
    one_stop_shop: MatrixFact | None = None
    labour: MatrixFact | None = None
    foreign_exchange: MatrixFact | None = None
    stability: MatrixFact | None = None
    dispute_settlement: MatrixFact | None = None
    export_contingency: MatrixFact | None = None
    local_content: MatrixFact | None = None

    @model_validator(mode="after")
    def _codes_are_declared(self) -> "HandCodedCells":
        for name, fact in self.cells().items():
            dimension = DIMENSIONS_BY_KEY[name]
            if fact.code not in dimension.code_keys:
                known = ", ".join(sorted(dimension.code_keys))
                raise ValueError(f"matrix.{name}.code {fact.code!r} is not a code of {name}: one of {known}")
        return self

    def cells(self) -> dict[str, MatrixFact]:
        """The cells given, by dimension."""
        return {name: fact for name in HAND_CODED if (fact := getattr(self, name)) is not None}


if set(HandCodedCells.model_fields) != set(HAND_CODED):  # one list of dimensions: dimensions.py
    raise RuntimeError("HandCodedCells must have one field per dimension that takes hand-coded cells")
