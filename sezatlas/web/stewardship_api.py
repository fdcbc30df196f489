"""Members keep their zones current, over HTTP (issue 16): a zone's history and diffs, proposed changes and
the secretariat's review queue, reverts, confirmations and visitors' error reports.

Anyone reads a zone's history (its facts are public) and may report an error (5 an hour per address, then
429 with `Retry-After`). A zone's operator proposes changes to it and confirms its facts; the secretariat
reviews, reverts and reads every change. The use cases in `sezatlas/stewardship/` decide (401 anonymous,
403 without the role); the letters they send go out when a mail server is configured, in the caller's
language. `GET /api/v1/zones/{id}?as_of=…` (the registry at a date) is in `zones_api.py`.
"""

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from sqlalchemy.orm import Session

from sezatlas.accounts.mail import MailSettings
from sezatlas.accounts.roles import Actor
from sezatlas.stewardship.changes import ChangeSource, ChangeState, propose_change
from sezatlas.stewardship.error_reports import report_error
from sezatlas.stewardship.freshness import confirm_zone
from sezatlas.stewardship.history import compare_versions, revert_zone, zone_history
from sezatlas.stewardship.review import approve_changes, reject_change, review_queue, zone_change
from sezatlas.web.accounts_api import letter_translation
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.errors import ErrorOut
from sezatlas.web.stewardship_models import (
    ApproveIn,
    ChangeCreatedOut,
    ChangeIn,
    ChangeListOut,
    ChangeOut,
    ConfirmOut,
    DecisionOut,
    ErrorReportIn,
    HistoryOut,
    RejectIn,
    ReportedOut,
    RevertIn,
    RevertOut,
    VersionDiffOut,
    change_out,
    fact_diff_out,
    history_out,
)

router = APIRouter(prefix="/api/v1", tags=["stewardship"])
ZONE = "/zones/{zone_id}"
CHANGE = "/review/{change_id}"
ChangeId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The change's id")]
Responses = dict[int | str, dict[str, Any]]
NOT_FOUND: Responses = {404: {"model": ErrorOut, "description": "No such zone, version or change"}}
PRIVATE: Responses = {
    401: {"model": ErrorOut, "description": "Nobody is logged in"},
    403: {"model": ErrorOut, "description": "The person logged in lacks the role"},
    **NOT_FOUND,
}
WRITE: Responses = {
    **PRIVATE,
    422: {"model": ErrorOut, "description": "Not a valid request; `errors` names each field"},
    429: {"model": ErrorOut, "description": "Too many writes from this address; see `Retry-After`"},
}
DECISION: Responses = {
    **WRITE,
    409: {"model": ErrorOut, "description": "Decided already, or overtaken by a newer fact"},
}


class ReviewState(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    ALL = "all"


@router.get(ZONE + "/history", response_model=HistoryOut, responses=NOT_FOUND)
def history(zone_id: str, session: SessionDep) -> HistoryOut:
    """The zone's versions, newest first: which facts each changed (old → new), from which layer, who
    made it, when and from which source. A zone never changed since history was kept has none."""
    wanted = zone_id.upper()
    return history_out(wanted, zone_history(session, wanted))


@router.get(ZONE + "/history/diff", response_model=VersionDiffOut, responses=NOT_FOUND)
def history_diff(
    zone_id: str,
    session: SessionDep,
    from_version: Annotated[int, Query(alias="from", ge=1, le=2**31 - 1, description="A version number")],
    to_version: Annotated[int, Query(alias="to", ge=1, le=2**31 - 1, description="Another one")],
) -> VersionDiffOut:
    """The facts that differ between two versions of the zone (any two, either order)."""
    wanted = zone_id.upper()
    changes = compare_versions(session, wanted, from_version, to_version)
    return VersionDiffOut(zone_id=wanted, from_version=from_version, to_version=to_version,
                          changes=[fact_diff_out(change) for change in changes])  # fmt: skip


@router.post(ZONE + "/changes", status_code=201, response_model=ChangeCreatedOut, responses=WRITE)
def propose(
    zone_id: str, body: ChangeIn, actor: ActorDep, session: SessionDep, context: ContextDep
) -> ChangeCreatedOut:
    """The zone's operator: a change of its facts, with the page that states them and as of when; it waits
    for review (nothing is published yet). A bad value, a missing source or a change that changes nothing
    is a 422 naming each field."""
    source = ChangeSource(as_of=body.as_of, url=body.source_url)
    change_id = propose_change(session, actor, zone_id.upper(), body.facts, source, comment=body.comment,
                               context=context)  # fmt: skip
    return ChangeCreatedOut(
        change_id=change_id, state=ChangeState.PENDING, href=f"/api/v1/review/{change_id}"
    )


@router.get("/review", response_model=ChangeListOut, responses=PRIVATE)
def review(
    actor: ActorDep,
    session: SessionDep,
    state: ReviewState = ReviewState.PENDING,
    zone_id: Annotated[
        str | None, Query(max_length=64, description="Only this zone's changes (its operator may read them)")
    ] = None,
) -> ChangeListOut:
    """The secretariat's review queue: each change as a diff with its source and who proposed it."""
    wanted = None if state is ReviewState.ALL else ChangeState(state.value)
    found = review_queue(session, actor, state=wanted, zone_id=zone_id.upper() if zone_id else None)
    return ChangeListOut(items=[change_out(change) for change in found])


@router.get(CHANGE, response_model=ChangeOut, responses=PRIVATE)
def change(change_id: ChangeId, actor: ActorDep, session: SessionDep) -> ChangeOut:
    """One change: the secretariat, or the operator of its zone."""
    return change_out(zone_change(session, actor, change_id))


def _decided(session: Session, actor: Actor, ids: list[int], letters: int) -> DecisionOut:
    changes = [change_out(zone_change(session, actor, change_id)) for change_id in sorted(set(ids))]
    return DecisionOut(changes=changes, letters_sent=letters)


@router.post(CHANGE + "/approve", response_model=DecisionOut, responses=DECISION)
def approve(
    change_id: ChangeId, request: Request, actor: ActorDep, session: SessionDep, context: ContextDep
) -> DecisionOut:
    """The secretariat: the change becomes the zone's facts (a new version, operator-confirmed, with the
    confidence rule of docs/registry.md); the proposer is told by letter."""
    return approve_many(ApproveIn(ids=[change_id]), request, actor, session, context)


@router.post("/review/approve", response_model=DecisionOut, responses=DECISION)
def approve_many(
    body: ApproveIn, request: Request, actor: ActorDep, session: SessionDep, context: ContextDep
) -> DecisionOut:
    """The secretariat: approve several changes at once, all or none (one that cannot be approved — decided
    already, or overtaken by a newer fact — refuses the lot with a 409 naming it)."""
    letters = approve_changes(session, actor, body.ids, mail=MailSettings.configured(),
                              translate=letter_translation(request), context=context)  # fmt: skip
    return _decided(session, actor, body.ids, letters)


@router.post(CHANGE + "/reject", response_model=DecisionOut, responses=DECISION)
def reject(
    change_id: ChangeId, body: RejectIn, request: Request, actor: ActorDep, session: SessionDep,
    context: ContextDep,
) -> DecisionOut:  # fmt: skip
    """The secretariat: refuse the change, saying why (a blank reason is a 422); the proposer is told."""
    letters = reject_change(session, actor, change_id, body.reason, mail=MailSettings.configured(),
                            translate=letter_translation(request), context=context)  # fmt: skip
    return _decided(session, actor, [change_id], letters)


@router.post(ZONE + "/revert", response_model=RevertOut, responses=WRITE)
def revert(
    zone_id: str, body: RevertIn, actor: ActorDep, session: SessionDep, context: ContextDep
) -> RevertOut:
    """The secretariat: the zone gets back the facts of an earlier version, written as a new version
    (nothing of the history is rewritten); audited."""
    wanted = zone_id.upper()
    number = revert_zone(session, actor, wanted, body.version, context=context)
    return RevertOut(zone_id=wanted, version=number, reverted_to=body.version)


@router.post(ZONE + "/confirm", response_model=ConfirmOut, responses=WRITE)
def confirm(zone_id: str, actor: ActorDep, session: SessionDep, context: ContextDep) -> ConfirmOut:
    """The zone's operator: its facts are true as they stand today (counts in the zone's freshness)."""
    wanted = zone_id.upper()
    return ConfirmOut(zone_id=wanted, last_confirmed_at=confirm_zone(session, actor, wanted, context=context))


@router.post(
    ZONE + "/error-reports",
    status_code=202,
    response_model=ReportedOut,
    responses={**NOT_FOUND, 422: WRITE[422], 429: {"model": ErrorOut, "description": "5 reports an hour "
               "from one address, or too many writes; see `Retry-After`"}},
)  # fmt: skip
def report(
    zone_id: str, body: ErrorReportIn, request: Request, session: SessionDep, context: ContextDep
) -> ReportedOut:
    """Anyone: report a wrong fact on the zone; the report goes to the zone's operators and the secretariat
    (an e-mail address for a reply is optional and shown only to them)."""
    report_error(session, zone_id.upper(), body.message, reporter_email=body.email,
                 mail=MailSettings.configured(), translate=letter_translation(request),
                 context=context)  # fmt: skip
    return ReportedOut(detail="thank you: the zone's operator and the secretariat are told")
