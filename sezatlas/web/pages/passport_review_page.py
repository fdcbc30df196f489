"""`/passports/review`: the secretariat's queue of submitted passports (issue 17, item 4), each shown as a
field-by-field diff against the published text it would replace (every field, for a first publication),
published or sent back with a reason the owner is told.

Reading the queue is the permission check (`review.review_queue`: anonymous → log in, others → 403); each
POST calls one use case and comes back to the queue with a notice; a reason too short, or a passport no
longer waiting, is the queue again saying why (422).
"""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor
from sezatlas.passports.authoring import PassportError
from sezatlas.passports.review import Submitted, publish_passport, reject_passport, review_queue
from sezatlas.store.zones import zone_names
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.pages.facts import Reader
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.passport_view import diff_rows
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render
from sezatlas.web.pages.stewardship_words import mail_settings, moment_text

router = APIRouter(include_in_schema=False)
REVIEW_PATH = "/passports/review"
NOTICES = {
    "published": N_("Published: the passport is in the catalogue and its owner was told."),
    "rejected": N_("Sent back: the owner was told why."),
}
REASON_NEEDED = N_("Give a reason of 5 to 2,000 characters: the owner is told it.")


def _problem(error: PassportError, reader: PageContext) -> str:
    """The refusal in the reader's words where it is the reason's length (the one a reviewer can fix)."""
    return reader.gettext(REASON_NEEDED) if str(error).startswith("reason:") else str(error)


def _item(waiting: Submitted, names: dict[str, str], reader: PageContext) -> dict[str, Any]:
    draft = waiting.draft
    return {
        "id": waiting.passport_id,
        "title": draft.title,
        "zone_id": draft.zone_id,
        "zone_name": names.get(draft.zone_id, draft.zone_id),
        "at": moment_text(waiting.submitted_at, reader.lang),
        "is_first": waiting.published is None,
        "rows": diff_rows(waiting.published, draft, names, Reader(reader.gettext, reader.lang)),
    }


def _queue(request: Request, session: Session, reader: PageContext, actor: Actor, *,
           notice: str | None = None, problem: str | None = None,
           status_code: int = 200) -> Response:  # fmt: skip
    waiting = review_queue(session, actor)
    drafts = [item.draft.zone_id for item in waiting]
    zone_ids = sorted({*drafts, *(item.published.zone_id for item in waiting if item.published is not None)})
    names = {found.zone_id: found.name_en for found in zone_names(session, zone_ids)}
    values = {
        "items": [_item(item, names, reader) for item in waiting],
        "notice": reader.gettext(NOTICES[notice]) if notice in NOTICES else None,
        "problem": problem,
    }
    return render(request, reader, "passport_review.html", values, status_code=status_code)


@router.get(REVIEW_PATH, response_class=HTMLResponse)
def review_page(request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep,
                notice: Annotated[str | None, Query(max_length=20)] = None) -> Response:  # fmt: skip
    """The secretariat: the submitted passports, oldest first."""
    return _queue(request, session, reader, actor, notice=notice)


@router.post(REVIEW_PATH + "/{passport_id}/publish")
def publish(passport_id: int, request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep,
            context: ContextDep) -> Response:  # fmt: skip
    """Publish the submitted draft: it replaces the published text at once."""
    try:
        publish_passport(session, actor, passport_id, mail=mail_settings(), translate=reader.gettext,
                         context=context)  # fmt: skip
    except PassportError as error:
        session.rollback()
        return _queue(request, session, reader, actor, problem=str(error), status_code=422)
    return RedirectResponse(f"{REVIEW_PATH}?notice=published", status_code=303)


@router.post(REVIEW_PATH + "/{passport_id}/reject")
def reject(passport_id: int, request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep,
           context: ContextDep, reason: Annotated[str, Form(max_length=4000)] = "") -> Response:  # fmt: skip
    """Send the draft back with a reason (required: the owner is told it); a published text stays up."""
    try:
        reject_passport(session, actor, passport_id, reason, mail=mail_settings(), translate=reader.gettext,
                        context=context)  # fmt: skip
    except PassportError as error:
        session.rollback()
        return _queue(request, session, reader, actor, problem=_problem(error, reader), status_code=422)
    return RedirectResponse(f"{REVIEW_PATH}?notice=rejected", status_code=303)
