"""`/review`: the secretariat's queue of proposed zone changes, each a diff with its source, approved or
rejected (with a reason the proposer is told), several approved at once by their checkboxes.

`?state=approved` or `rejected` lists the decided changes (newest first). Each POST calls one use case of
`stewardship.review` (which checks the role: anonymous → log-in, others → 403) and comes back to the
queue with a notice; a change that cannot be approved (decided already, or its facts changed since) is
the queue again with why (409).
"""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor
from sezatlas.stewardship.changes import ChangeKind, ChangeState
from sezatlas.stewardship.review import (
    ChangeNotPendingError,
    ReasonRequiredError,
    ZoneChange,
    approve_changes,
    reject_change,
    review_queue,
)
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.pages.facts import Reader
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render
from sezatlas.web.pages.stewardship_words import diff_rows, mail_settings, moment_text

router = APIRouter(include_in_schema=False)
StateName = Literal["pending", "approved", "rejected"]
STATE_TITLES = {"pending": N_("Waiting for review"), "approved": N_("Approved"), "rejected": N_("Rejected")}
NOTICES = {"approved": N_("Approved: the facts are published and the proposers were told."),
           "rejected": N_("Rejected: the proposer was told why.")}  # fmt: skip
NOTHING_CHOSEN = N_("Tick at least one change to approve.")


def _item(change: ZoneChange, reader: PageContext) -> dict[str, Any]:
    words = Reader(reader.gettext, reader.lang)
    return {
        "id": change.change_id,
        "zone_id": change.zone_id,
        "zone_name": change.zone_name or change.zone_id,
        "is_bundled": change.kind is ChangeKind.BUNDLED_RELEASE,
        "by": change.proposed_by,
        "at": moment_text(change.proposed_at, reader.lang),
        "source_url": change.source_url,
        "document": change.document,
        "as_of": change.as_of,
        "comment": change.comment,
        "rows": diff_rows(change.facts, words),
        "is_stale": change.is_stale,
        "state": change.state.value,
        "decided_by": change.decided_by,
        "decided_at": moment_text(change.decided_at, reader.lang) if change.decided_at else None,
        "reason": change.reason,
        "version": change.version,
    }


def _queue(request: Request, session: Session, reader: PageContext, actor: Actor, state: StateName, *,
           notice: str | None = None, problem: str | None = None,
           status_code: int = 200) -> Response:  # fmt: skip
    changes = review_queue(session, actor, state=ChangeState(state))
    values = {
        "items": [_item(change, reader) for change in changes],
        "state": state,
        "states": [{"value": key, "title": reader.gettext(title)} for key, title in STATE_TITLES.items()],
        "notice": reader.gettext(NOTICES[notice]) if notice in NOTICES else None,
        "problem": problem,
    }
    return render(request, reader, "review.html", values, status_code=status_code)


@router.get("/review", response_class=HTMLResponse)
def review_page(
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    actor: ActorDep,
    state: StateName = "pending",
    notice: Annotated[str | None, Query(max_length=20)] = None,
) -> Response:
    """The secretariat: the changes waiting (oldest first), or those decided (`?state=approved|rejected`)."""
    return _queue(request, session, reader, actor, state, notice=notice)


@router.post("/review/approve")
def approve(request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep,
            context: ContextDep, change: Annotated[list[int] | None, Form()] = None) -> Response:  # fmt: skip
    """Approve the ticked changes (one button's change, or every ticked one), all or none."""
    if not change:
        review_queue(session, actor)  # the role is checked before anything is said about the form
        return _queue(request, session, reader, actor, "pending", problem=reader.gettext(NOTHING_CHOSEN),
                      status_code=422)  # fmt: skip
    try:
        approve_changes(session, actor, change, mail=mail_settings(), translate=reader.gettext,
                        context=context)  # fmt: skip
    except ChangeNotPendingError as error:
        session.rollback()
        return _queue(request, session, reader, actor, "pending", problem=str(error), status_code=409)
    return RedirectResponse("/review?notice=approved", status_code=303)


@router.post("/review/{change_id}/reject")
def reject(change_id: int, request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep,
           context: ContextDep, reason: Annotated[str, Form(max_length=2000)] = "") -> Response:  # fmt: skip
    """Reject one change, saying why (the reason is required: the proposer is told it)."""
    try:
        reject_change(session, actor, change_id, reason, mail=mail_settings(), translate=reader.gettext,
                      context=context)  # fmt: skip
    except (ChangeNotPendingError, ReasonRequiredError) as error:
        session.rollback()
        status = 422 if isinstance(error, ReasonRequiredError) else 409
        return _queue(request, session, reader, actor, "pending", problem=str(error), status_code=status)
    return RedirectResponse("/review?notice=rejected", status_code=303)
