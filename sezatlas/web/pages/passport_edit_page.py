"""The owner's passport pages (issue 17, item 4): write a new passport (`/passports/new?zone=RUS-001`), revise
one (`/passports/{id}/edit`), submit it for review, withdraw a published one, and `/passports/mine`.

Showing the form is also the permission check (`require_offering` for a new one, `owned_passport` for
one that exists): anonymous → log in and back, anyone else without the right → 403. POST reads the form
(`passport_form.py`) and calls `save_draft` ("Save draft"), then `submit_draft` ("Submit for review");
a passport the standard or the use case refuses is the form again, each problem under its field and
what was typed kept (422); a saved one is its form again with a notice (Post/Redirect/Get).
"""

import re
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from sezatlas.accounts.audit import RequestContext
from sezatlas.accounts.roles import Actor, Role
from sezatlas.passports.authoring import (
    PassportError,
    require_offering,
    save_draft,
    submit_draft,
    withdraw_passport,
)
from sezatlas.passports.catalogue import Owned, my_passports, owned_passport
from sezatlas.standard.codes import Confidence
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.pages.isic_labels import isic_label
from sezatlas.web.pages.labels import CONFIDENCE_TITLES, N_
from sezatlas.web.pages.passport_form import (
    MAX_CONTACTS,
    MAX_DOCUMENTS,
    FormProblems,
    parse_passport,
    passport_texts,
    row_count,
    rule_problem,
    submitted_texts,
)
from sezatlas.web.pages.passport_words import (
    DRAFT_STATE_TITLES,
    FIELD_LABELS,
    GROUP_TITLES,
    NEED_TITLES,
    OFFERED_BY_TITLES,
    PUBLISHED,
    STAGE_TITLES,
)
from sezatlas.web.pages.rank_page import CURRENCIES
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render
from sezatlas.web.pages.stewardship_words import mail_settings

router = APIRouter(include_in_schema=False)
NOTICES = {
    "saved": N_("Saved as a draft. Submit it for review when it is ready."),
    "submitted": N_("Submitted: the secretariat reviews it before it is published."),
    "withdrawn": N_("Withdrawn: the passport is off the catalogue; its text stays here as a draft."),
}
NOT_SAVED = N_("The passport was not saved. Correct the fields marked below.")


async def form_data(request: Request) -> FormData:
    return await request.form()


FormDep = Depends(form_data)


def _choices(reader: PageContext, currency: str) -> dict[str, list[tuple[str, str]]]:
    _ = reader.gettext
    currencies = list(dict.fromkeys([*CURRENCIES, *([currency] if currency else [])]))
    return {
        "stage": [(str(code), _(title)) for code, title in STAGE_TITLES.items()],
        "offered_by": [(str(code), _(title)) for code, title in OFFERED_BY_TITLES.items()],
        "currency": [(code, code) for code in currencies],
        "provenance.confidence": [("", _("unknown")),
                                  *((level.value, _(CONFIDENCE_TITLES[level])) for level in Confidence)],
    }  # fmt: skip


def _state(owned: Owned | None, reader: PageContext) -> dict[str, Any]:
    """Where the passport is: its draft's state, the reason it was sent back, whether it is published."""
    if owned is None:
        return {"id": None, "state": None, "reason": None, "is_published": False}
    state = reader.gettext(DRAFT_STATE_TITLES[owned.draft_state]) if owned.draft_state else None
    return {"id": owned.passport_id, "state": state, "reason": owned.rejection_reason,
            "is_published": owned.published is not None}  # fmt: skip


def _form_page(request: Request, reader: PageContext, texts: dict[str, str], owned: Owned | None, *,
               problems: FormProblems | None = None, notice: str | None = None) -> Response:  # fmt: skip
    _ = reader.gettext
    action = f"/passports/{owned.passport_id}/edit" if owned is not None else "/passports/new"
    values = {
        "texts": texts,
        "action": action,
        "passport": _state(owned, reader),
        "labels": {name: _(label) for name, label in FIELD_LABELS.items()},
        "groups": {name: _(title) for name, title in GROUP_TITLES.items()},
        "needs": [(key, _(title)) for key, title in NEED_TITLES.items()],
        "choices": _choices(reader, texts.get("currency", "")),
        "isic": [
            isic_label(code, reader) for code in re.split(r"[;,\s]+", texts.get("isic_codes", "")) if code
        ],
        "contact_rows": range(row_count(texts, "contacts", MAX_CONTACTS, 1)),
        "document_rows": range(row_count(texts, "documents", MAX_DOCUMENTS, 2)),
        "problems": problems.by_field if problems else {},
        "general_problems": problems.general if problems else [],
        "not_saved": _(NOT_SAVED) if problems else None,
        "notice": _(NOTICES[notice]) if notice in NOTICES else None,
    }
    return render(request, reader, "passport_edit.html", values, status_code=422 if problems else 200)


def _kept_zone(actor: Actor) -> str:
    """The zone an operator of exactly one zone offers in, to fill in for them."""
    kept = sorted(grant.scope for grant in actor.grants if grant.role is Role.ZONE_OPERATOR)
    return kept[0] if len(kept) == 1 else ""


@router.get("/passports/new", response_class=HTMLResponse)
def new_form(request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep) -> Response:
    """An empty passport for the zone of the address (`?zone=`)."""
    zone_id = request.query_params.get("zone", "").strip().upper()[:64] or _kept_zone(actor)
    require_offering(session, actor, zone_id)
    return _form_page(request, reader, passport_texts(None, zone_id), None)


@router.get("/passports/{passport_id}/edit", response_class=HTMLResponse)
def edit_form(passport_id: int, request: Request, session: SessionDep, reader: PageContextDep,
              actor: ActorDep) -> Response:  # fmt: skip
    """The passport's draft (or, without one, its published text) in the form."""
    owned = owned_passport(session, actor, passport_id)
    texts = passport_texts(owned.draft or owned.published)
    return _form_page(request, reader, texts, owned, notice=request.query_params.get("notice"))


def _posted(form: FormData) -> dict[str, str]:
    return submitted_texts({name: value for name, value in form.items() if isinstance(value, str)})


def _save(request: Request, session: Session, reader: PageContext, actor: Actor, form: FormData,
          passport_id: int | None, context: RequestContext) -> Response:  # fmt: skip
    """Save (and submit, for that button) the posted passport; or the form again with its problems."""
    texts = _posted(form)
    owned = owned_passport(session, actor, passport_id) if passport_id is not None else None
    if owned is None:
        require_offering(session, actor, texts.get("zone_id"))
    parsed = parse_passport(texts, reader.gettext)
    if isinstance(parsed, FormProblems):
        return _form_page(request, reader, texts, owned, problems=parsed)
    try:
        saved_id = save_draft(session, actor, parsed, passport_id=passport_id, context=context)
        if form.get("action") == "submit":
            submit_draft(session, actor, saved_id, mail=mail_settings(), translate=reader.gettext,
                         context=context)  # fmt: skip
    except PassportError as error:
        session.rollback()
        problems = FormProblems()
        problems.add(*rule_problem(str(error), reader.gettext))
        return _form_page(request, reader, texts, owned, problems=problems)
    notice = "submitted" if form.get("action") == "submit" else "saved"
    return RedirectResponse(f"/passports/{saved_id}/edit?notice={notice}", status_code=303)


@router.post("/passports/new")
def create(request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep,
           context: ContextDep, form: FormData = FormDep) -> Response:  # fmt: skip
    """A new passport's draft, from the form."""
    return _save(request, session, reader, actor, form, None, context)


@router.post("/passports/{passport_id}/edit")
def revise(passport_id: int, request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep,
           context: ContextDep, form: FormData = FormDep) -> Response:  # fmt: skip
    """The passport's draft revised from the form (a submitted one goes back to editing until submitted)."""
    return _save(request, session, reader, actor, form, passport_id, context)


@router.post("/passports/{passport_id}/withdraw")
def withdraw(passport_id: int, session: SessionDep, actor: ActorDep, context: ContextDep) -> Response:
    """Take a published passport off the catalogue; its text stays as the draft."""
    withdraw_passport(session, actor, passport_id, context=context)
    return RedirectResponse(f"/passports/{passport_id}/edit?notice=withdrawn", status_code=303)


@router.get("/passports/mine", response_class=HTMLResponse)
def mine(request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep) -> Response:
    """The passports this person keeps (their own, their organisation's, their zones'), with their states."""
    _ = reader.gettext
    items = []
    for owned in my_passports(session, actor):
        shown = owned.draft or owned.published
        states = [_(DRAFT_STATE_TITLES[owned.draft_state])] if owned.draft_state else []
        states += [_(PUBLISHED)] if owned.published is not None else []
        items.append({"id": owned.passport_id, "title": shown.title if shown else "",
                      "zone_id": owned.zone_id, "states": states, "reason": owned.rejection_reason,
                      "is_published": owned.published is not None})  # fmt: skip
    return render(request, reader, "passports_mine.html", {"items": items})
