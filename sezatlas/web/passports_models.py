"""The contract of investment project passports over HTTP (issue 17): the public catalogue and its pages,
one published passport and its incentives, and the owner's and the secretariat's views of drafts.

Every passport in a response is the standard's own `Passport` record (`standard/passport.py`), and each
response model is built from the domain's type (`Published`, `Owned`, `Submitted`, `PassportIncentives`), so
a new field is one edit; the routes are in `passports_api.py`.
"""

from dataclasses import asdict
from datetime import datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sezatlas.passports.authoring import DraftState
from sezatlas.passports.catalogue import Owned, PassportQuery, Published
from sezatlas.passports.incentives import PassportIncentives
from sezatlas.passports.review import PASSPORT_PATH, REASON_LENGTH, Submitted
from sezatlas.settings import get_settings
from sezatlas.standard.passport import Passport

API_PATH = "/api/v1/passports"


def site_url() -> str:
    """The configured public address (`SEZATLAS_PUBLIC_URL`), or "" for links relative to this server; never
    taken from a request's Host header, which the client chooses."""
    return (get_settings().public_url or "").rstrip("/")


def page_url(passport_id: int) -> str:
    """The passport's page, for people (as the letters and the CSV link it)."""
    return f"{site_url()}{PASSPORT_PATH}/{passport_id}"


class CatalogueFormat(StrEnum):
    JSON = "json"
    CSV = "csv"


class CatalogueParameters(PassportQuery):
    """The catalogue's query: the domain's filters (`PassportQuery`), and the format of the answer."""

    f: CatalogueFormat = CatalogueFormat.JSON


class PublishedOut(BaseModel):
    passport_id: int
    country_iso3: str
    published_at: datetime = Field(description="When the secretariat published this text, UTC.")
    url: str = Field(description="The passport's page (absolute when the site's public address is set).")
    passport: Passport


def published_out(hit: Published) -> PublishedOut:
    return PublishedOut(passport_id=hit.passport_id, country_iso3=hit.country_iso3,
                        published_at=hit.published_at, url=page_url(hit.passport_id),
                        passport=hit.passport)  # fmt: skip


class LinkOut(BaseModel):
    rel: Literal["next", "prev"]
    href: str
    type: str = "application/json"


class CatalogueOut(BaseModel):
    total: int = Field(description="Published passports matching the filters, over all pages.")
    limit: int
    offset: int
    passport_version: str = Field(description="The version of the Passport record the passports follow.")
    passports: list[PublishedOut]
    links: list[LinkOut] = Field(description="The next and the previous page, where there is one.")


class IncentivesOut(BaseModel):
    """`PassportIncentives` as JSON: what the incentive engine computes for the passport's reference case."""

    regime_id: str | None = Field(description="The zone's regime; null: not encoded in SEZ Atlas.")
    currency: str
    npv_of_incentives: float | None = Field(description="In units of `currency` (not millions); null: none.")
    by_instrument: dict[str, float]
    zone_aetr: float | None
    standard_aetr: float | None
    zone_metr: float | None
    reasons: list[str] = Field(description="Why nothing (or zero) was computed, if so.")
    method: str = Field(description="How the figures are computed.")


def incentives_out(incentives: PassportIncentives) -> IncentivesOut:
    return IncentivesOut.model_validate(asdict(incentives))


class OwnedOut(BaseModel):
    """A passport as its keepers see it: the published text, and the draft where one is being written."""

    passport_id: int
    zone_id: str
    draft_state: DraftState | None = Field(
        description="editing, submitted (waiting for review) or rejected (see `rejection_reason`); null: no "
        "draft, the published text stands."
    )
    rejection_reason: str | None
    draft: Passport | None
    published: Passport | None
    url: str | None = Field(description="The published passport's page; null while nothing is published.")


def owned_out(owned: Owned) -> OwnedOut:
    url = page_url(owned.passport_id) if owned.published is not None else None
    return OwnedOut(passport_id=owned.passport_id, zone_id=owned.zone_id, draft_state=owned.draft_state,
                    rejection_reason=owned.rejection_reason, draft=owned.draft, published=owned.published,
                    url=url)  # fmt: skip


class CreatedOut(BaseModel):
    passport_id: int
    draft_state: DraftState
    href: str = Field(description="Where the draft can be read.")


class MineOut(BaseModel):
    items: list[OwnedOut] = Field(description="Your own, your organisation's and your zones', newest first.")


class SubmittedOut(BaseModel):
    passport_id: int
    submitted_at: datetime
    draft: Passport
    published: Passport | None = Field(description="The text the draft would replace; null: a first one.")


class ReviewOut(BaseModel):
    items: list[SubmittedOut] = Field(description="Submitted drafts, oldest first.")


def review_out(queue: list[Submitted]) -> ReviewOut:
    return ReviewOut(items=[SubmittedOut.model_validate(asdict(item)) for item in queue])


class RejectIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # The use case holds the rule (REASON_LENGTH, counted once spaces are collapsed): 422 there.
    reason: str = Field(max_length=2 * REASON_LENGTH[1], description="Told to the owner; what to change.")
