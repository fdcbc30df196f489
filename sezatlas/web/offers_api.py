"""Cooperation offers over HTTP (issue 19, item 5): the public list of published offers and one offer;
members' writes (publish, edit, withdraw); an inquiry about an offer, on the inquiry clock.

The use cases decide who may (`sezatlas/offers/actions.py`, `inquiries/offer_inquiries.py`): 401 for an
anonymous caller, 403 without the role, 404 for an offer the caller may not see, 422 naming the field.
"""

from datetime import date, datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Body, Path, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from sezatlas.accounts.mail import MailSettings
from sezatlas.inquiries.offer_inquiries import send_offer_inquiry
from sezatlas.inquiries.sending import MESSAGE_LENGTH
from sezatlas.offers.actions import edit_offer, publish_offer, withdraw_offer
from sezatlas.offers.model import Offer, OfferDraft, OfferKind, OfferState
from sezatlas.offers.reading import OfferQuery, find_offers, my_offers, read_offer
from sezatlas.web.accounts_api import letter_translation
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.errors import ErrorOut

router = APIRouter(prefix="/api/v1", tags=["offers"])
API_PATH = "/api/v1/offers"
PAGE_PATH = "/offers"
OFFER = "/offers/{offer_id}"
OfferId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The offer's id")]
Responses = dict[int | str, dict[str, Any]]
NOT_FOUND: Responses = {404: {"model": ErrorOut, "description": "No such offer, or none the caller may see"}}
WRITE: Responses = {
    401: {"model": ErrorOut, "description": "Nobody is logged in"},
    403: {"model": ErrorOut, "description": "The person logged in may not do this"},
    **NOT_FOUND,
    422: {"model": ErrorOut, "description": "Not a valid offer; the message names the field"},
}


class OfferOut(BaseModel):
    offer_id: int
    kind: OfferKind
    isic_code: str | None = Field(description="ISIC Rev.4 code as its author gave it.")
    hs_code: str | None = Field(description="HS 2022 code as its author gave it.")
    isic_classes: list[str] = Field(
        description="The ISIC codes the offer is matched on: its own, and its HS code's main classes through "
        "the WITS HS6 → ISIC Rev.4 concordance (see docs/chains.md, Cooperation offers)."
    )
    title: str
    description: str
    volume: float | None = Field(description="null: not stated.")
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
    url: str = Field(description="The offer's page.")


def offer_out(offer: Offer) -> OfferOut:
    fields = {
        name: getattr(offer, name) for name in OfferOut.model_fields if name not in {"url", "isic_classes"}
    }
    return OfferOut(**fields, isic_classes=list(offer.isic_classes), url=f"{PAGE_PATH}/{offer.offer_id}")


class LinkOut(BaseModel):
    rel: str
    href: str


class OffersOut(BaseModel):
    total: int
    limit: int
    offset: int
    offers: list[OfferOut]
    links: list[LinkOut]


class CreatedOut(BaseModel):
    offer_id: int
    url: str


class OfferInquiryIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    message: str = Field(min_length=MESSAGE_LENGTH[0], max_length=MESSAGE_LENGTH[1])
    show_identity: bool = True


class OfferInquiryOut(BaseModel):
    thread_id: int
    url: str = Field(description="The thread in the sender's inbox.")


def _links(request: Request, total: int, limit: int, offset: int) -> list[LinkOut]:
    kept = [
        (name, value) for name, value in request.query_params.multi_items() if name not in {"limit", "offset"}
    ]
    pages = {
        "next": offset + limit if offset + limit < total else None,
        "prev": max(offset - limit, 0) if offset > 0 else None,
    }
    return [
        LinkOut(rel=rel, href=f"{API_PATH}?{urlencode([*kept, ('limit', limit), ('offset', start)])}")
        for rel, start in pages.items()
        if start is not None
    ]


@router.get("/offers", response_model=OffersOut)
def list_offers(request: Request, session: SessionDep, query: Annotated[OfferQuery, Query()]) -> OffersOut:
    """Published offers within their validity, newest first, a page at a time. `isic` finds offers of the
    code or anything under it; `hs` those of the HS code or of its ISIC classes; `country` and `zone` where
    the offer is."""
    page = find_offers(session, query)
    return OffersOut(total=page.total, limit=query.limit, offset=query.offset,
                     offers=[offer_out(offer) for offer in page.offers],
                     links=_links(request, page.total, query.limit, query.offset))  # fmt: skip


@router.get("/offers/mine", response_model=list[OfferOut], responses=WRITE)
def mine(actor: ActorDep, session: SessionDep) -> list[OfferOut]:
    """The caller's organisation's offers and those of the zones they operate, withdrawn and expired too."""
    return [offer_out(offer) for offer in my_offers(session, actor)]


@router.get(OFFER, response_model=OfferOut, responses=NOT_FOUND)
def one_offer(offer_id: OfferId, actor: ActorDep, session: SessionDep) -> OfferOut:
    """One published offer (its author's side also reads it withdrawn or expired)."""
    return offer_out(read_offer(session, actor, offer_id))


@router.post("/offers", status_code=201, response_model=CreatedOut, responses=WRITE)
def publish(body: OfferDraft, actor: ActorDep, session: SessionDep, context: ContextDep) -> CreatedOut:
    """A member (or the zone's operator) publishes an offer in their organisation's name."""
    offer_id = publish_offer(session, actor, body, context=context)
    return CreatedOut(offer_id=offer_id, url=f"{PAGE_PATH}/{offer_id}")


@router.patch(OFFER, response_model=OfferOut, responses=WRITE)
def edit(
    offer_id: OfferId,
    changes: Annotated[dict[str, Any], Body(description="The fields to change, as in POST /api/v1/offers.")],
    actor: ActorDep,
    session: SessionDep,
    context: ContextDep,
) -> OfferOut:
    """The author's side changes some fields; the others stay."""
    edit_offer(session, actor, offer_id, changes, context=context)
    return offer_out(read_offer(session, actor, offer_id))


@router.post(f"{OFFER}/withdraw", response_model=OfferOut, responses=WRITE)
def withdraw(offer_id: OfferId, actor: ActorDep, session: SessionDep, context: ContextDep) -> OfferOut:
    """The author's side, or the secretariat, takes an offer down."""
    withdraw_offer(session, actor, offer_id, context=context)
    return offer_out(read_offer(session, actor, offer_id))


@router.post(f"{OFFER}/inquiries", status_code=201, response_model=OfferInquiryOut, responses=WRITE)
def inquire(
    offer_id: OfferId,
    body: OfferInquiryIn,
    request: Request,
    actor: ActorDep,
    session: SessionDep,
    context: ContextDep,
) -> OfferInquiryOut:
    """An investor, a member or a zone's operator asks the offering zone about the offer; the thread runs on
    the public response clock like any inquiry."""
    thread_id = send_offer_inquiry(session, actor, offer_id, body.message, show_identity=body.show_identity,
                                   mail=MailSettings.configured(), translate=letter_translation(request),
                                   context=context)  # fmt: skip
    return OfferInquiryOut(thread_id=thread_id, url=f"/inquiries/{thread_id}")
