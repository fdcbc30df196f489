"""`/inquiries/new`: an investor sends one inquiry to one or several zones, with files (issue 17).

GET shows the form with the zones of its address ticked (`?zone=RUS-001&zone=RUS-002`) and the project
prefilled from the rank form's parameters (`inquiry_form.py`); asking for it is the start of sending, so
`inquiries.drafting.inquiry_zones` checks the role first (anonymous → log in and back). POST (multipart:
up to five files) calls `send_inquiry`, showing the zones the investor's name or not as they chose (a
checkbox, ticked at first); a refused inquiry is the form again with each problem under its
field and what was typed kept (422), a sent one the inbox with "sent to N zones".
"""

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from sezatlas.accounts.roles import Actor
from sezatlas.inquiries.drafting import inquiry_zones
from sezatlas.inquiries.sending import INBOX_PATH, MAX_ATTACHMENTS, InquiryError, send_inquiry
from sezatlas.stewardship.documents import MAX_DOCUMENT_BYTES, Upload
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.pages.inquiry_form import posted_texts, prefilled, project_of, shows_identity
from sezatlas.web.pages.inquiry_words import FILES_AGAIN, NOT_SENT, field_problem
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render
from sezatlas.web.pages.stewardship_words import mail_settings

# Five files of up to 10 MiB and the form's fields: the body ceiling of this path is the API's for an
# inquiry, `SEZATLAS_MAX_INQUIRY_BYTES` (web/app.py's `upload_limits`; nginx's in deploy/).
SEND_PATH = INBOX_PATH + "/new"
FILES_READ_MOST = 4 * MAX_ATTACHMENTS  # more is refused by the parser; up to it, `send_inquiry` says why
router = APIRouter(include_in_schema=False)


async def form_data(request: Request) -> FormData:
    """The posted form, files included (read here, in the event loop; the route runs in a thread)."""
    return await request.form(max_files=FILES_READ_MOST)


FormDep = Depends(form_data)


def _form_page(request: Request, session: Session, reader: PageContext, actor: Actor, *,
               offered: list[str], ticked: list[str], texts: dict[str, str],
               problems: list[str] | None = None, had_files: bool = False) -> Response:  # fmt: skip
    """The form; reading the zones is also the permission check (anonymous → log in)."""
    zones = inquiry_zones(session, actor, [*offered, *ticked])
    is_ticked = {zone_id.strip().upper() for zone_id in ticked}
    by_field: dict[str, list[str]] = {}
    for reason in problems or []:
        field, text = field_problem(reason, reader.gettext)
        by_field.setdefault(field, []).append(text)
    values = {
        "zones": [{"zone_id": zone.zone_id, "name": zone.name, "is_ticked": zone.zone_id in is_ticked}
                  for zone in zones],
        "texts": texts,
        "problems": by_field,
        "not_sent": reader.gettext(NOT_SENT) if problems else None,
        "files_again": reader.gettext(FILES_AGAIN) if problems and had_files else None,
        "max_document_mb": MAX_DOCUMENT_BYTES // (1024 * 1024),
        "max_attachments": MAX_ATTACHMENTS,
        "send_path": SEND_PATH,
    }  # fmt: skip
    return render(request, reader, "inquiry_new.html", values, status_code=422 if problems else 200)


@router.get(SEND_PATH, response_class=HTMLResponse)
def send_form(request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep) -> Response:
    """The form, its zones ticked and the project prefilled from the address."""
    zone_ids = request.query_params.getlist("zone")
    texts = prefilled(request.query_params)
    return _form_page(request, session, reader, actor, offered=zone_ids, ticked=zone_ids, texts=texts)


def _uploads(form: FormData) -> list[Upload]:
    """The files chosen (an empty file input posts a part without a name: not a file)."""
    return [
        Upload(part.filename, part.file.read())
        for part in form.getlist("attachments")
        if isinstance(part, UploadFile) and part.filename
    ]


def _strings(form: FormData, name: str) -> list[str]:
    return [value for value in form.getlist(name) if isinstance(value, str)]


@router.post(SEND_PATH)
def send(request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep, context: ContextDep,
         form: FormData = FormDep) -> Response:  # fmt: skip
    """Send the inquiry to the ticked zones; the form again with the problems, or the inbox "sent"."""
    ticked, offered = _strings(form, "zone"), _strings(form, "offered")
    texts = posted_texts({name: value for name, value in form.items() if isinstance(value, str)})
    uploads = _uploads(form)
    project = project_of(texts)
    if isinstance(project, list):
        return _form_page(request, session, reader, actor, offered=offered, ticked=ticked, texts=texts,
                          problems=project, had_files=bool(uploads))  # fmt: skip
    try:
        threads = send_inquiry(session, actor, ticked, project, texts["message"], attachments=uploads,
                               show_identity=shows_identity(texts), mail=mail_settings(),
                               translate=reader.gettext, context=context)  # fmt: skip
    except InquiryError as refused:
        session.rollback()
        return _form_page(request, session, reader, actor, offered=offered, ticked=ticked, texts=texts,
                          problems=[str(refused)], had_files=bool(uploads))  # fmt: skip
    return RedirectResponse(f"{INBOX_PATH}?sent={len(threads)}", status_code=303)
