"""`/offers`: cooperation offers between members (issue 19, item 5) — the public list with its filters,
one offer with a form to ask about it, the form to publish or edit one, and "my offers".

Each route parses, calls one use case and renders: who may publish, edit, withdraw or ask is decided in
`sezatlas/offers/actions.py` and `inquiries/offer_inquiries.py` (an anonymous reader of a form is sent to
log in and back). A refused form comes back with each problem under its field and what was typed kept
(422); a saved one redirects (Post/Redirect/Get).
"""

from collections.abc import Iterable
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from sezatlas.accounts.mail import MailSettings
from sezatlas.accounts.roles import Actor
from sezatlas.inquiries.offer_inquiries import send_offer_inquiry
from sezatlas.inquiries.sending import InquiryError
from sezatlas.offers.actions import EDITABLE, edit_offer, publish_offer, publishable_zones, withdraw_offer
from sezatlas.offers.model import Offer, OfferError, OfferKind, checked_draft
from sezatlas.offers.reading import (
    OfferQuery,
    find_offers,
    my_offers,
    offers_for_chain,
    offers_for_zone,
    read_offer,
)
from sezatlas.web.accounts_api import letter_translation
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.errors import bad_parameters
from sezatlas.web.offers_api import OfferId
from sezatlas.web.pages.offer_words import (
    EXPIRED,
    FIELD_LABELS,
    KIND_TITLES,
    NOT_SAVED,
    NOT_SENT,
    PUBLISHED,
    WITHDRAWN,
)
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render

router = APIRouter(include_in_schema=False)
PATH = "/offers"
FILTERS = ("kind", "isic", "hs", "country", "zone")


async def form_data(request: Request) -> FormData:
    return await request.form()


FormDep = Depends(form_data)


def offer_view(offer: Offer, reader: PageContext) -> dict[str, Any]:
    """An offer as the templates show it (also the zone page's and the chain page's blocks)."""
    _ = reader.gettext
    state = (
        _(WITHDRAWN) if offer.state.value == "withdrawn" else _(EXPIRED) if offer.is_expired else _(PUBLISHED)
    )
    return {
        "id": offer.offer_id, "kind": offer.kind.value, "kind_title": _(KIND_TITLES[offer.kind]),
        "title": offer.title, "description": offer.description, "isic_code": offer.isic_code,
        "hs_code": offer.hs_code, "isic_classes": offer.isic_classes, "volume": offer.volume,
        "volume_unit": offer.volume_unit, "zone_id": offer.zone_id, "zone_name": offer.zone_name,
        "country": offer.country_iso3, "organisation": offer.organisation_name,
        "valid_from": offer.valid_from.isoformat() if offer.valid_from else None,
        "valid_until": offer.valid_until.isoformat() if offer.valid_until else None,
        "state": state, "is_open": offer.state.value == "published" and not offer.is_expired,
        "updated": offer.updated_at.date().isoformat(),
    }  # fmt: skip


def _kinds(reader: PageContext) -> list[dict[str, str]]:
    return [{"code": kind.value, "name": reader.gettext(KIND_TITLES[kind])} for kind in OfferKind]


@router.get(PATH, response_class=HTMLResponse)
def list_page(request: Request, session: SessionDep, reader: PageContextDep) -> Response:
    """Published offers within their validity, filtered as the API filters them (the same query)."""
    texts = {name: request.query_params.get(name, "").strip() for name in FILTERS}
    try:
        query = OfferQuery.model_validate({name: value for name, value in texts.items() if value})
    except ValidationError as error:
        raise bad_parameters(
            (".".join(str(part) for part in item["loc"]), item["msg"]) for item in error.errors()
        ) from None
    page = find_offers(session, query)
    values = {"texts": texts, "kinds": _kinds(reader), "total": page.total,
              "offers": [offer_view(offer, reader) for offer in page.offers]}  # fmt: skip
    return render(request, reader, "offers.html", values)


@router.get(PATH + "/mine", response_class=HTMLResponse)
def mine_page(request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep) -> Response:
    """The offers of the reader's organisation and zones, withdrawn and expired ones marked."""
    offers = [offer_view(offer, reader) for offer in my_offers(session, actor)]
    return render(request, reader, "offers_mine.html", {"offers": offers})


def _texts_of(offer: Offer | None) -> dict[str, str]:
    if offer is None:
        return dict.fromkeys(EDITABLE, "") | {"kind": OfferKind.MAKE.value}
    values = {name: getattr(offer, name) for name in EDITABLE}
    return {
        name: "" if value is None else str(getattr(value, "value", value)) for name, value in values.items()
    }


def _problems(message: str) -> dict[str, list[str]]:
    """`isic_code: …; title: …` (the domain's one-line refusal) as problems under each field."""
    found: dict[str, list[str]] = {}
    for part in message.split("; "):
        field, colon, reason = part.partition(": ")
        key = field if colon and field in EDITABLE else ""
        found.setdefault(key, []).append(reason if key else part)
    return found


def _form_page(request: Request, session: Session, reader: PageContext, actor: Actor, texts: dict[str, str],
               offer_id: int | None, problems: dict[str, list[str]] | None = None) -> Response:  # fmt: skip
    values = {
        "texts": texts, "offer_id": offer_id, "kinds": _kinds(reader),
        "zones": publishable_zones(session, actor),
        "labels": {name: reader.gettext(label) for name, label in FIELD_LABELS.items()},
        "problems": problems or {}, "not_saved": reader.gettext(NOT_SAVED) if problems else None,
    }  # fmt: skip
    return render(request, reader, "offer_edit.html", values, status_code=422 if problems else 200)


@router.get(PATH + "/new", response_class=HTMLResponse)
def new_form(request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep) -> Response:
    """An empty form; showing it checks that the reader may publish (`publishable_zones`)."""
    return _form_page(request, session, reader, actor, _texts_of(None), None)


def _posted(form: FormData) -> dict[str, str]:
    return {name: str(form.get(name, "")).strip() for name in EDITABLE}


def _values(texts: dict[str, str]) -> dict[str, object]:
    """The form's texts as the draft takes them: an empty field is null."""
    return {name: value or None for name, value in texts.items()}


@router.post(PATH + "/new")
def create(request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep,
           context: ContextDep, form: FormData = FormDep) -> Response:  # fmt: skip
    texts = _posted(form)
    try:
        offer_id = publish_offer(session, actor, checked_draft(_values(texts)), context=context)
    except OfferError as error:
        return _form_page(request, session, reader, actor, texts, None, _problems(str(error)))
    return RedirectResponse(f"{PATH}/{offer_id}", status_code=303)


@router.get(PATH + "/{offer_id}/edit", response_class=HTMLResponse)
def edit_form(
    offer_id: OfferId, request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep
) -> Response:
    offer = read_offer(session, actor, offer_id)
    return _form_page(request, session, reader, actor, _texts_of(offer), offer_id)


@router.post(PATH + "/{offer_id}/edit")
def revise(offer_id: OfferId, request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep,
           context: ContextDep, form: FormData = FormDep) -> Response:  # fmt: skip
    texts = _posted(form)
    try:
        edit_offer(session, actor, offer_id, _values(texts), context=context)
    except OfferError as error:
        return _form_page(request, session, reader, actor, texts, offer_id, _problems(str(error)))
    return RedirectResponse(f"{PATH}/{offer_id}", status_code=303)


@router.post(PATH + "/{offer_id}/withdraw")
def withdraw(offer_id: OfferId, session: SessionDep, actor: ActorDep, context: ContextDep) -> Response:
    withdraw_offer(session, actor, offer_id, context=context)
    return RedirectResponse(f"{PATH}/mine", status_code=303)


def _offer_page(request: Request, session: Session, reader: PageContext, actor: Actor, offer_id: int,
                message: str = "", problem: str | None = None) -> Response:  # fmt: skip
    offer = read_offer(session, actor, offer_id)
    values = {"offer": offer_view(offer, reader), "message": message, "problem": problem,
              "not_sent": reader.gettext(NOT_SENT) if problem else None,
              "is_logged_in": actor.person_id is not None}  # fmt: skip
    return render(request, reader, "offer.html", values, status_code=422 if problem else 200)


@router.get(PATH + "/{offer_id}", response_class=HTMLResponse)
def offer_page(
    offer_id: OfferId, request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep
) -> Response:
    """One offer, with the form to ask its zone about it for a logged-in reader."""
    return _offer_page(request, session, reader, actor, offer_id)


@router.post(PATH + "/{offer_id}/inquiry")
def inquire(offer_id: OfferId, request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep,
            context: ContextDep, form: FormData = FormDep) -> Response:  # fmt: skip
    """Send the inquiry; its thread opens in the sender's inbox."""
    message = str(form.get("message", ""))
    try:
        thread_id = send_offer_inquiry(session, actor, offer_id, message,
                                       show_identity=form.get("anonymous") != "1",
                                       mail=MailSettings.configured(), translate=letter_translation(request),
                                       context=context)  # fmt: skip
    except InquiryError as error:
        return _offer_page(request, session, reader, actor, offer_id, message, str(error))
    return RedirectResponse(f"/inquiries/{thread_id}", status_code=303)


def zone_offers_view(session: Session, zone_id: str, reader: PageContext) -> dict[str, Any]:
    """The zone page's "Cooperation offers" block (`_zone_offers.html`): the zone's own offers and the
    members' needs its declared sectors cover (`offers.reading.offers_for_zone`)."""
    found = offers_for_zone(session, zone_id)
    return {"zone_id": zone_id, "own": [offer_view(offer, reader) for offer in found.own],
            "needs": [offer_view(offer, reader) for offer in found.needs]}  # fmt: skip


def chain_offers_view(
    session: Session, product: Iterable[str], inputs: Iterable[str], reader: PageContext
) -> dict[str, list[dict[str, Any]]]:
    """A chain page's block (`_offers_matching.html`, as `matching`): offers to make the inputs (ISIC
    classes) and needs of the product (`offers.reading.offers_for_chain`)."""
    found = offers_for_chain(session, product, inputs)
    return {"inputs_made": [offer_view(offer, reader) for offer in found.inputs_made],
            "product_needed": [offer_view(offer, reader) for offer in found.product_needed]}  # fmt: skip
