"""Every number in a regime can say where it comes from, how old it is and how far to trust it.

The checks on URLs and dates are the data standard's (`sezatlas.standard.provenance`), so a regime fact
and a zone fact are validated by the same code.
"""

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from sezatlas.standard.codes import Confidence
from sezatlas.standard.provenance import AsOf, SourceUrl

Rate = Annotated[float, Field(ge=0, le=1)]
Years = Annotated[int, Field(ge=0, le=200)]


class Sourced(BaseModel):
    """Optional provenance of one number; when absent the regime's own provenance applies."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source_url: SourceUrl | None = None
    as_of: AsOf | None = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD.")
    confidence: Confidence | None = None
    note: str | None = Field(default=None, description="Caveats, e.g. 'UNVERIFIED: 0% vs 8% federal share'.")


class SourcedRate(Sourced):
    """A rate as a decimal share (0.25 = 25%)."""

    value: Rate


class SourcedYears(Sourced):
    """A duration in whole years."""

    value: Years


class SourcedAmount(Sourced):
    """A money amount in a stated currency (ISO 4217)."""

    value: Annotated[float, Field(ge=0)]
    currency: Annotated[str, Field(pattern=r"^[A-Z]{3}$")]


class RegimeProvenance(BaseModel):
    """The sources of a whole regime record; numbers without their own provenance inherit it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    source_urls: tuple[SourceUrl, ...] = ()
    as_of: AsOf | None = None
    confidence: Confidence | None = None
