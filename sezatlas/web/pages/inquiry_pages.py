"""`/inquiries`: a person's inquiries (the inbox), one thread with its steps and files, and its step forms.

Each page reads through one use case of `inquiries.reading` and each form calls `inquiries.steps.take_step`,
which decide who sees and does what: an anonymous visitor is sent to log in and back; someone who is
neither side of a thread is told it does not exist (404, as for a thread that does not). A step that
cannot be taken as asked is the thread again with why and the text kept: 422 for what the form lacks,
409 when the inquiry has moved on since the page was loaded. `?f=json` gives the inbox and a thread as data.
"""

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from pydantic import TypeAdapter
from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor
from sezatlas.inquiries.clock import Outcome, Status, Step, StepNotAllowedError
from sezatlas.inquiries.reading import ThreadSummary, ThreadView, inbox, read_attachment, read_thread
from sezatlas.inquiries.sending import INBOX_PATH, MAX_ZONES, InquiryError
from sezatlas.inquiries.steps import take_step
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.downloads import attachment
from sezatlas.web.pages.inquiry_view import step_forms, summary_row, thread_context
from sezatlas.web.pages.inquiry_words import STATUS_TITLES, STEP_OVERTAKEN, field_problem
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render
from sezatlas.web.pages.stewardship_words import mail_settings

router = APIRouter(include_in_schema=False)
ThreadId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.get(INBOX_PATH, response_class=HTMLResponse)
def inbox_page(
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    actor: ActorDep,
    status: Status | None = None,
    sent: Annotated[int | None, Query(ge=1, le=MAX_ZONES)] = None,
    f: Annotated[str | None, Query(pattern="^json$")] = None,
) -> Response:
    """The reader's inquiries, newest first (`?status=` one status only); "sent" after the send form."""
    lines = inbox(session, actor, status=status)
    if f == "json":
        return JSONResponse({"inquiries": TypeAdapter(list[ThreadSummary]).dump_python(lines, mode="json")})
    statuses = [
        {"value": kind.value, "title": reader.gettext(title)} for kind, title in STATUS_TITLES.items()
    ]
    values = {"rows": [summary_row(line, reader) for line in lines], "statuses": statuses,
              "status": status.value if status else "", "sent": sent}  # fmt: skip
    return render(request, reader, "inquiries.html", values)


def _thread_page(request: Request, session: Session, reader: PageContext, actor: Actor, thread_id: int, *,
                 failed: Step | None = None, typed: str = "", problem: str | None = None,
                 status_code: int = 200) -> Response:  # fmt: skip
    """The thread as its reader sees it (`read_thread` is the permission check: 401, or 404)."""
    now = datetime.now(UTC)
    view = read_thread(session, actor, thread_id, now=now)
    values = {**thread_context(view, reader, now),
              "forms": step_forms(view, reader, failed=failed, typed=typed, problem=problem),
              "problem": problem if failed not in view.may_take else None}  # fmt: skip
    return render(request, reader, "inquiry.html", values, status_code=status_code)


@router.get(INBOX_PATH + "/{thread_id}", response_class=HTMLResponse)
def thread_page(
    thread_id: ThreadId,
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    actor: ActorDep,
    f: Annotated[str | None, Query(pattern="^json$")] = None,
) -> Response:
    """The inquiry, its steps in order, its files, its clock, and a form per step the reader may take."""
    if f == "json":
        view = read_thread(session, actor, thread_id)
        return JSONResponse(TypeAdapter(ThreadView).dump_python(view, mode="json"))
    return _thread_page(request, session, reader, actor, thread_id)


@router.post(INBOX_PATH + "/{thread_id}/steps")
def step(
    thread_id: ThreadId,
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    actor: ActorDep,
    context: ContextDep,
    step: Annotated[Step, Form()],
    text: Annotated[str, Form(max_length=20_000)] = "",
    outcome: Annotated[Outcome | None, Form()] = None,
) -> Response:
    """Take one step (acknowledge, ask, clarify, answer, close); back to the thread, or it again with why."""
    try:
        take_step(session, actor, thread_id, step, text=text or None, outcome=outcome, mail=mail_settings(),
                  translate=reader.gettext, context=context)  # fmt: skip
    except (InquiryError, StepNotAllowedError) as refused:
        session.rollback()
        overtaken = isinstance(refused, StepNotAllowedError)
        _, why = field_problem(str(refused), reader.gettext)
        problem = reader.gettext(STEP_OVERTAKEN) if overtaken else why
        return _thread_page(request, session, reader, actor, thread_id, failed=step, typed=text,
                            problem=problem, status_code=409 if overtaken else 422)  # fmt: skip
    return RedirectResponse(f"{INBOX_PATH}/{thread_id}", status_code=303)


@router.get(INBOX_PATH + "/{thread_id}/attachments/{attachment_id}")
def download_attachment(
    thread_id: ThreadId, attachment_id: ThreadId, session: SessionDep, actor: ActorDep
) -> Response:
    """A file of the inquiry, for its two sides only: always a download, of the type its content proved,
    never shown inline or sniffed, and never kept by a shared cache."""
    info, content = read_attachment(session, actor, thread_id, attachment_id)
    headers = {**attachment(info.file_name), "X-Content-Type-Options": "nosniff",
               "Cache-Control": "private, no-store"}  # fmt: skip
    return Response(content, media_type=info.media_type, headers=headers)
