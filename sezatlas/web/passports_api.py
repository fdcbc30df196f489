"""Investment project passports over HTTP (issue 17): the public catalogue (JSON, or CSV with `?f=csv`), one
published passport and the incentives the engine computes for it, the Passport JSON Schema; an owner's
drafts, their submission and withdrawal; the secretariat's review queue, publication and rejection.

Anyone reads what is published; a draft exists for its keepers only (its owner, the zone's operators, the
secretariat). The use cases in `sezatlas/passports/` decide who may do what (401 anonymous, 403 without the
role); letters to the secretariat and the owner go out when a mail server is configured, in the caller's
language. The fixed paths (`schema`, `mine`, `review`) are declared before `/passports/{passport_id}`.
"""

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from sezatlas.accounts.mail import MailSettings
from sezatlas.passports.authoring import DraftState, save_draft, submit_draft, withdraw_passport
from sezatlas.passports.catalogue import (
    Page,
    find_passports,
    my_passports,
    owned_passport,
    passports_csv,
    published_passport,
)
from sezatlas.passports.incentives import passport_incentives
from sezatlas.passports.review import publish_passport, reject_passport, review_queue
from sezatlas.standard.passport import PASSPORT_VERSION, Passport
from sezatlas.standard.schema import passport_json_schema
from sezatlas.web.accounts_api import letter_translation
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.errors import ErrorOut
from sezatlas.web.passports_models import (
    API_PATH,
    CatalogueFormat,
    CatalogueOut,
    CatalogueParameters,
    CreatedOut,
    IncentivesOut,
    LinkOut,
    MineOut,
    OwnedOut,
    PublishedOut,
    RejectIn,
    ReviewOut,
    incentives_out,
    owned_out,
    published_out,
    review_out,
    site_url,
)

router = APIRouter(prefix="/api/v1", tags=["passports"])
PASSPORT = "/passports/{passport_id}"
PassportId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The passport's id")]
Responses = dict[int | str, dict[str, Any]]
NOT_FOUND: Responses = {404: {"model": ErrorOut, "description": "No such passport (or none published)"}}
LOGGED_IN: Responses = {401: {"model": ErrorOut, "description": "Nobody is logged in"}}
PRIVATE: Responses = {
    **LOGGED_IN,
    403: {"model": ErrorOut, "description": "The person logged in may not do this"},
    **NOT_FOUND,
}
WRITE: Responses = {
    **PRIVATE,
    422: {"model": ErrorOut, "description": "Not a valid passport or step; `errors` names each field"},
    429: {"model": ErrorOut, "description": "Too many writes from this address; see `Retry-After`"},
}
CSV = "text/csv; charset=utf-8"
DOWNLOAD = 'attachment; filename="passports.csv"'


def _links(request: Request, page: Page, limit: int, offset: int) -> list[LinkOut]:
    """The next and previous pages: the same query with another `offset`."""
    kept = [(name, value) for name, value in request.query_params.multi_items()
            if name not in {"limit", "offset"}]  # fmt: skip
    pages = {"next": offset + limit if offset + limit < page.total else None,
             "prev": max(offset - limit, 0) if offset > 0 else None}  # fmt: skip
    return [
        LinkOut(rel=rel, href=f"{API_PATH}?{urlencode([*kept, ('limit', limit), ('offset', start)])}")
        for rel, start in pages.items()
        if start is not None
    ]


@router.get(
    "/passports",
    response_model=CatalogueOut,
    summary="The catalogue of published passports",
    responses={
        200: {"content": {"text/csv": {}}, "description": "JSON, or CSV (a download) with `f=csv`"},
        422: {"model": ErrorOut, "description": "Filters that do not go together (capex without currency)"},
    },
)
def catalogue(request: Request, session: SessionDep, query: Annotated[CatalogueParameters, Query()]) -> Any:
    """Published passports matching every filter, newest first (or by `order`), a page at a time.
    `country` and `stage` repeat (any of them); `isic` finds a passport tagged with the code or anything
    under it; a capex range (millions) matches the ranges that overlap it, in the `currency` named (which
    it needs: amounts in other currencies are not converted); `q` searches titles. `f=csv` gives the page
    as CSV, safe to open in a spreadsheet."""
    page = find_passports(session, query)
    if query.f is CatalogueFormat.CSV:
        headers = {"Content-Disposition": DOWNLOAD, "X-Total-Count": str(page.total)}
        return Response(passports_csv(page.passports, site_url()), media_type=CSV, headers=headers)
    hits = [published_out(hit) for hit in page.passports]
    return CatalogueOut(total=page.total, limit=query.limit, offset=query.offset,
                        passport_version=PASSPORT_VERSION, passports=hits,
                        links=_links(request, page, query.limit, query.offset))  # fmt: skip


@router.get("/passports/schema", summary="The Passport JSON Schema")
def schema() -> dict[str, Any]:
    """The JSON Schema of the standard's Passport record, with its `version`: what `POST /api/v1/passports`
    takes and every passport in the catalogue follows."""
    return passport_json_schema()


@router.get("/passports/mine", response_model=MineOut, responses=LOGGED_IN)
def mine(actor: ActorDep, session: SessionDep) -> MineOut:
    """The passports the person logged in keeps: their own, their organisation's and their zones', drafts
    included, newest first."""
    return MineOut(items=[owned_out(owned) for owned in my_passports(session, actor)])


@router.get("/passports/review", response_model=ReviewOut, responses=PRIVATE)
def review(actor: ActorDep, session: SessionDep) -> ReviewOut:
    """The secretariat's queue: submitted drafts, oldest first, each with the published text it would
    replace."""
    return review_out(review_queue(session, actor))


@router.get(PASSPORT, response_model=PublishedOut, responses=NOT_FOUND)
def passport(passport_id: PassportId, session: SessionDep) -> PublishedOut:
    """A published passport (a draft, or a withdrawn one, is a 404 here: see `/draft`)."""
    return published_out(published_passport(session, passport_id))


@router.get(PASSPORT + "/incentives", response_model=IncentivesOut, responses=NOT_FOUND)
def incentives(passport_id: PassportId, session: SessionDep) -> IncentivesOut:
    """What the incentive engine computes for the published passport's reference case in its zone's regime,
    against the country's standard regime (`method` says how); `reasons` says why nothing was computed."""
    found = published_passport(session, passport_id)
    return incentives_out(passport_incentives(session, found.passport))


@router.get(PASSPORT + "/draft", response_model=OwnedOut, responses=PRIVATE)
def draft(passport_id: PassportId, actor: ActorDep, session: SessionDep) -> OwnedOut:
    """The passport as its keepers see it: the draft (with its state and any rejection reason) and the
    published text."""
    return owned_out(owned_passport(session, actor, passport_id))


@router.post("/passports", status_code=201, response_model=CreatedOut, responses=WRITE)
def create(passport: Passport, actor: ActorDep, session: SessionDep, context: ContextDep) -> CreatedOut:
    """A new passport's draft (a Passport document, `GET /api/v1/passports/schema`): the zone's operators, a
    development institution's people and the secretariat offer one. Nothing is published yet: submit it."""
    passport_id = save_draft(session, actor, passport, context=context)
    return CreatedOut(passport_id=passport_id, draft_state=DraftState.EDITING,
                      href=f"{API_PATH}/{passport_id}/draft")  # fmt: skip


@router.put(PASSPORT, response_model=OwnedOut, responses=WRITE)
def revise(
    passport_id: PassportId, passport: Passport, actor: ActorDep, session: SessionDep, context: ContextDep
) -> OwnedOut:
    """Replace the draft (a submitted one goes back to editing; the published text stays up until the
    revision is published)."""
    save_draft(session, actor, passport, passport_id=passport_id, context=context)
    return owned_out(owned_passport(session, actor, passport_id))


@router.post(PASSPORT + "/submit", response_model=OwnedOut, responses=WRITE)
def submit(
    passport_id: PassportId, request: Request, actor: ActorDep, session: SessionDep, context: ContextDep
) -> OwnedOut:
    """Send the draft to the secretariat's review (the secretariat is told by letter)."""
    submit_draft(session, actor, passport_id, mail=MailSettings.configured(),
                 translate=letter_translation(request), context=context)  # fmt: skip
    return owned_out(owned_passport(session, actor, passport_id))


@router.post(PASSPORT + "/withdraw", response_model=OwnedOut, responses=WRITE)
def withdraw(passport_id: PassportId, actor: ActorDep, session: SessionDep, context: ContextDep) -> OwnedOut:
    """Take the passport off the catalogue; its text stays as the draft, to revise and submit again."""
    withdraw_passport(session, actor, passport_id, context=context)
    return owned_out(owned_passport(session, actor, passport_id))


@router.post(PASSPORT + "/publish", response_model=OwnedOut, responses=WRITE)
def publish(
    passport_id: PassportId, request: Request, actor: ActorDep, session: SessionDep, context: ContextDep
) -> OwnedOut:
    """The secretariat: the submitted draft becomes the published passport (the owner is told by letter)."""
    publish_passport(session, actor, passport_id, mail=MailSettings.configured(),
                     translate=letter_translation(request), context=context)  # fmt: skip
    return owned_out(owned_passport(session, actor, passport_id))


@router.post(PASSPORT + "/reject", response_model=OwnedOut, responses=WRITE)
def reject(
    passport_id: PassportId, body: RejectIn, request: Request, actor: ActorDep, session: SessionDep,
    context: ContextDep,
) -> OwnedOut:  # fmt: skip
    """The secretariat: send the draft back with a reason (5 to 2,000 characters), told to the owner; a
    published text, if any, stays up."""
    reject_passport(session, actor, passport_id, body.reason, mail=MailSettings.configured(),
                    translate=letter_translation(request), context=context)  # fmt: skip
    return owned_out(owned_passport(session, actor, passport_id))
