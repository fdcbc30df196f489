"""What an offer is, as its author writes it and as everyone reads it.

`OfferDraft` is the contract at every boundary (API body, page form, CLI): it checks each field and
names it when it refuses. The codes are checked against the bundled ISIC Rev.4 and HS 2022 lists
(`sezatlas/standard/codelists.py`), the lists the chains and the Congress matching read.
"""

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Self

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from sezatlas.congress.matching.codes import HS, ISIC, UnknownCodeError, parse_code
from sezatlas.tabular.control_characters import plain_text

TITLE_LENGTH = (5, 200)
DESCRIPTION_LENGTH = (20, 5000)
UNIT_LENGTH = 32


class OfferKind(StrEnum):
    MAKE = "make"  # we make this product
    NEED = "need"  # we need this input
    CAPACITY = "capacity"  # we offer land or capacity for this activity


class OfferState(StrEnum):
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


class OfferError(ValueError):
    """An offer that cannot be saved as asked (HTTP 422); the message starts with the field's name."""


class OfferNotFoundError(LookupError):
    """No offer of that id, or none the reader may see (HTTP 404)."""


def _isic(text: str) -> str:
    """An ISIC Rev.4 division, group or class: a section ("manufacturing") says too little to match on."""
    try:
        code = parse_code(f"{ISIC}:{text}").partition(":")[2]
    except UnknownCodeError:
        raise ValueError(f"{text!r} is not an ISIC Rev.4 code") from None
    if code.isalpha():
        raise ValueError(f"{code} is an ISIC section; give a division (2 digits) or finer")
    return code


def _hs(text: str) -> str:
    try:
        return parse_code(f"{HS}:{text}").partition(":")[2]
    except UnknownCodeError:
        raise ValueError(f"{text!r} is not an HS 2022 chapter, heading or subheading") from None


def _zone_id(text: str) -> str:
    return text.strip().upper()


def _stripped(text: str) -> str:
    return plain_text(" ".join(text.split()))


IsicText = Annotated[str, AfterValidator(_isic)]
HsText = Annotated[str, AfterValidator(_hs)]
Title = Annotated[
    str, AfterValidator(_stripped), Field(min_length=TITLE_LENGTH[0], max_length=TITLE_LENGTH[1])
]
Description = Annotated[
    str, AfterValidator(plain_text), Field(min_length=DESCRIPTION_LENGTH[0], max_length=DESCRIPTION_LENGTH[1])
]
Unit = Annotated[str, AfterValidator(_stripped), Field(min_length=1, max_length=UNIT_LENGTH)]


class OfferDraft(BaseModel):
    """An offer as its author writes it; unknown is null (a volume not stated, no end date)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: OfferKind
    isic_code: IsicText | None = Field(default=None, description="ISIC Rev.4 division, group or class.")
    hs_code: HsText | None = Field(default=None, description="HS 2022 chapter, heading or subheading.")
    title: Title
    description: Description
    volume: float | None = Field(default=None, gt=0, le=1e12, description="How much, in `volume_unit`.")
    volume_unit: Unit | None = Field(default=None, description='e.g. "t/year", "ha", "MW", "units/month".')
    zone_id: Annotated[str, AfterValidator(_zone_id), Field(max_length=64)] | None = Field(
        default=None, description="Required for make and capacity."
    )
    valid_from: date | None = None
    valid_until: date | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        if self.isic_code is None and self.hs_code is None:
            raise ValueError("isic_code or hs_code: give at least one code")
        if (self.volume is None) != (self.volume_unit is None):
            raise ValueError("volume and volume_unit: give both or neither")
        if self.kind is not OfferKind.NEED and not self.zone_id:
            raise ValueError(f"zone_id: a {self.kind.value} offer is for one of your zones")
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError("valid_until: before valid_from")
        return self


def validation_message(error: ValidationError) -> str:
    """Pydantic's errors as one line, each with its field: `isic_code: …; title: …`."""
    return (
        "; ".join(
            f"{'.'.join(str(part) for part in item['loc']) or 'offer'}: {item['msg']}"
            for item in error.errors()
        )
        .replace("Value error, ", "")
        .replace("offer: ", "")
    )


def checked_draft(values: dict[str, object]) -> OfferDraft:
    """A draft from loose values (a form, a patch merged onto the stored offer), or an `OfferError`."""
    try:
        return OfferDraft.model_validate(values)
    except ValidationError as error:
        raise OfferError(validation_message(error)) from None


@dataclass(frozen=True, slots=True)
class Offer:
    """A stored offer as readers see it; `isic_classes` are the ISIC codes it is matched on."""

    offer_id: int
    kind: OfferKind
    isic_code: str | None
    hs_code: str | None
    isic_classes: tuple[str, ...]
    title: str
    description: str
    volume: float | None
    volume_unit: str | None
    zone_id: str | None
    zone_name: str | None
    country_iso3: str | None
    organisation_id: int
    organisation_name: str
    valid_from: date | None
    valid_until: date | None
    state: OfferState
    is_expired: bool
    created_at: datetime
    updated_at: datetime
