"""Investors reach zones directly, over HTTP (issue 17): an investor sends one inquiry to several zones,
each zone's side answers on a response clock, and anyone reads how fast zones answer.

An inquiry is private to its two sides: the investor, and the zone's operators (or the secretariat, which
answers for zones without an operator account and sees what was escalated). The use cases in
`sezatlas/inquiries/` decide who may do what: 401 anonymous, 403 without the role, and 404 for a thread
the reader is not a party to, so that its existence is not given away. `GET /api/v1/responses` is public
and carries aggregates only (`inquiries.dashboard`): never an inquiry's content or its sender. Letters go
out when a mail server is configured, in the caller's language.
"""

from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import Response

from sezatlas.accounts.mail import MailSettings
from sezatlas.inquiries.clock import Status
from sezatlas.inquiries.dashboard import GroupBy, response_dashboard
from sezatlas.inquiries.reading import inbox, read_attachment, read_thread
from sezatlas.inquiries.response_stats import METHOD
from sezatlas.inquiries.sending import send_inquiry, set_response_target
from sezatlas.inquiries.steps import escalate_overdue, take_step
from sezatlas.web.accounts_api import letter_translation
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.downloads import attachment
from sezatlas.web.errors import ErrorOut, bad_parameter
from sezatlas.web.inquiries_models import (
    API,
    EscalationsOut,
    InquiryIn,
    InquirySentOut,
    ResponsesOut,
    StepIn,
    StepTakenOut,
    TargetIn,
    TargetOut,
    ThreadListOut,
    ThreadOut,
    escalated_out,
    response_group_out,
    summary_out,
    thread_out,
)

router = APIRouter(prefix="/api/v1", tags=["inquiries"])
# The path of `send` (the prefix and "/inquiries"): it takes up to five files in base64, so it has its own
# body ceiling (web/body_limit.py, deploy/nginx.conf.template).
SEND_PATH = API
THREAD = "/inquiries/{thread_id}"
RowId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Responses = dict[int | str, dict[str, Any]]
ANONYMOUS: Responses = {401: {"model": ErrorOut, "description": "Nobody is logged in"}}
FORBIDDEN: Responses = {403: {"model": ErrorOut, "description": "The person logged in lacks the role"}}
NOT_A_PARTY: Responses = {
    404: {"model": ErrorOut, "description": "No such inquiry, or the reader is not a party to it"}
}
WRITE: Responses = {
    **ANONYMOUS,
    **FORBIDDEN,
    422: {"model": ErrorOut, "description": "Not a valid request; `errors` names each field"},
    429: {"model": ErrorOut, "description": "Too many writes from this address; see `Retry-After`"},
}
STEP: Responses = {
    **WRITE,
    **NOT_A_PARTY,
    409: {"model": ErrorOut, "description": "The thread's status does not allow this step"},
}
TOO_LARGE: Responses = {413: {"model": ErrorOut, "description": "Body over SEZATLAS_MAX_INQUIRY_BYTES"}}


class TargetKind(StrEnum):
    ZONE = "zone"
    COUNTRY = "country"


@router.post("/inquiries", status_code=201, response_model=InquirySentOut, responses={**WRITE, **TOO_LARGE})
def send(
    body: InquiryIn, request: Request, actor: ActorDep, session: SessionDep, context: ContextDep
) -> InquirySentOut:
    """An investor: one inquiry to 1 to 10 zones, with up to five files (base64). Each zone's operators,
    or the secretariat for a zone without an operator account, are told by letter; each zone's response
    clock starts now; they see the investor's name and organisation unless `show_identity` is false. An
    unknown zone, a message too short or a file of a format not taken is a 422."""
    files = [file.upload() for file in body.attachments]
    thread_ids = send_inquiry(session, actor, body.zone_ids, body.project, body.message, attachments=files,
                              show_identity=body.show_identity, mail=MailSettings.configured(),
                              translate=letter_translation(request), context=context)  # fmt: skip
    return InquirySentOut(thread_ids=thread_ids)


@router.get("/inquiries", response_model=ThreadListOut, responses=ANONYMOUS)
def inquiries(
    actor: ActorDep,
    session: SessionDep,
    status: Annotated[Status | None, Query(description="Only threads in this status")] = None,
) -> ThreadListOut:
    """The inbox of whoever is logged in: the inquiries they sent, those to the zones they operate, and for
    the secretariat those to zones without an operator and those escalated; newest first."""
    return ThreadListOut(items=[summary_out(found) for found in inbox(session, actor, status=status)])


@router.get(THREAD, response_model=ThreadOut, responses={**ANONYMOUS, **NOT_A_PARTY})
def thread(thread_id: RowId, actor: ActorDep, session: SessionDep) -> ThreadOut:
    """One thread as its reader sees it: the project, the message, the steps with their texts, the files
    (with their download links) and the steps the reader may take now."""
    return thread_out(read_thread(session, actor, thread_id))


@router.get(
    THREAD + "/attachments/{attachment_id}",
    response_class=Response,
    responses={200: {"content": {"application/octet-stream": {}}}, **ANONYMOUS, **NOT_A_PARTY},
)
def attachment_file(thread_id: RowId, attachment_id: RowId, actor: ActorDep, session: SessionDep) -> Response:
    """A file sent with the inquiry, for its two sides only: always a download (never shown inline), with
    the media type its content proved when it was sent, and never cached by a shared cache."""
    info, content = read_attachment(session, actor, thread_id, attachment_id)
    headers = {**attachment(info.file_name), "X-Content-Type-Options": "nosniff",
               "Cache-Control": "private, no-store"}  # fmt: skip
    return Response(content, media_type=info.media_type, headers=headers)


@router.post(THREAD + "/steps", response_model=StepTakenOut, responses=STEP)
def step(
    thread_id: RowId,
    body: StepIn,
    request: Request,
    actor: ActorDep,
    session: SessionDep,
    context: ContextDep,
) -> StepTakenOut:
    """The zone's side acknowledges, asks for a clarification (the clock pauses) or answers (the clock
    stops); the investor clarifies (the clock runs again) or withdraws; either closes with an outcome. The
    other side is told by letter. A step the status does not allow is a 409; a missing text a 422."""
    status = take_step(session, actor, thread_id, body.step, text=body.text, outcome=body.outcome,
                       mail=MailSettings.configured(), translate=letter_translation(request),
                       context=context)  # fmt: skip
    return StepTakenOut(thread_id=thread_id, status=status)


@router.post(
    "/inquiries/escalations",
    response_model=EscalationsOut,
    responses={**ANONYMOUS, **FORBIDDEN, 429: WRITE[429]},
)
def escalations(request: Request, actor: ActorDep, session: SessionDep) -> EscalationsOut:
    """The secretariat (or a scheduled run, `sezatlas inquiries escalate`): threads past their target
    without an answer are escalated, each once, and the secretariat is told in one letter."""
    found = escalate_overdue(session, actor, mail=MailSettings.configured(),
                             translate=letter_translation(request))  # fmt: skip
    return EscalationsOut(thread_ids=[item.thread_id for item in found],
                          escalated=[escalated_out(item) for item in found])  # fmt: skip


@router.put("/response-targets/{kind}/{value}", response_model=TargetOut, responses=WRITE)
def set_target(
    kind: TargetKind,
    value: Annotated[str, Path(max_length=64, description="A zone id (RUS-001) or an ISO3 code (RUS)")],
    body: TargetIn,
    actor: ActorDep,
    session: SessionDep,
    context: ContextDep,
) -> TargetOut:
    """The secretariat: the days to a first answer expected of a zone, or of a country's zones without a
    target of their own. Inquiries already sent keep the target they were sent with."""
    set_response_target(session, actor, kind.value, value, body.days, context=context)
    return TargetOut(kind=kind.value, value=value.strip().upper(), days=body.days)


@router.get("/responses", response_model=ResponsesOut)
def response_times(
    session: SessionDep,
    by: Annotated[GroupBy, Query(description="Group by zone, country or organisation")] = GroupBy.ZONE,
    only: Annotated[
        str | None, Query(max_length=64, description="One group: a zone id, ISO3 code or organisation id")
    ] = None,
) -> ResponsesOut:
    """Anyone: how fast zones answer inquiries — per group, the inquiries received, answered and settled,
    the share answered within target, and the median and 90th-percentile days to the first answer
    (`method` says how). Aggregates only: never an inquiry's content or who sent it."""
    wanted = _group(by, only)
    found = response_dashboard(session, by, only=wanted)
    groups = [response_group_out(group, stats) for group, stats in found.items()]
    return ResponsesOut(by=by, only=wanted, method=METHOD, groups=groups)


def _group(by: GroupBy, only: str | None) -> str | None:
    """`only` as the dashboard keys it: zone ids and ISO3 codes in capitals, an organisation by its id."""
    if only is None or not only.strip():
        return None
    wanted = only.strip().upper()
    if by is GroupBy.ORGANISATION and not (wanted.isascii() and wanted.isdigit() and int(wanted) < 2**31):
        raise bad_parameter("only", "with by=organisation, an organisation's id (a whole number)")
    return wanted
