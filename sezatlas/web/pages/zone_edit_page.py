"""`/zones/{id}/edit`: the zone's operator (or the secretariat) proposes new facts with a source.

GET shows every editable fact prefilled (`zone_edit_form.py`), with the changes of the zone still waiting
for review; POST (multipart: a document may be uploaded) sends only the fields the person changed to
`stewardship.changes.propose_change`, which checks the permission, the values and the source. A refused
change comes back as the form with each problem under its field and what was typed kept (422); an
accepted one goes to the zone page, "Sent for review".
"""

from datetime import date
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData, UploadFile

from sezatlas.accounts.roles import Actor
from sezatlas.standard.zone import Zone
from sezatlas.stewardship.changes import ChangeInvalidError, ChangeSource, ChangeState, propose_change
from sezatlas.stewardship.documents import ACCEPTED, MAX_DOCUMENT_BYTES, Upload
from sezatlas.stewardship.review import ZoneChange, review_queue
from sezatlas.store.zones import get_zone
from sezatlas.tabular.report import Problem
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.errors import not_found
from sezatlas.web.pages.facts import Reader
from sezatlas.web.pages.labels import ZONE_TYPE_COLOURS
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render
from sezatlas.web.pages.stewardship_words import diff_rows, moment_text
from sezatlas.web.pages.zone_edit_form import (
    changed_values,
    edit_groups,
    general_problems,
    isic_options,
    source_problems,
    stored_texts,
    submitted_texts,
)

EDIT_PATH_PATTERN = r"/zones/[^/]+/edit"  # takes a source document: the upload ceiling (web/body_limit.py)
router = APIRouter(include_in_schema=False)


async def form_data(request: Request) -> FormData:
    """The posted form, files included (read here, in the event loop; the route runs in a thread)."""
    return await request.form(max_part_size=MAX_DOCUMENT_BYTES)


FormDep = Depends(form_data)


def _zone(session: Session, zone_id: str) -> Zone:
    zone = get_zone(session, zone_id.upper())
    if zone is None:
        raise not_found(f"zone {zone_id}")
    return zone


def _pending(change: ZoneChange, reader: PageContext) -> dict[str, Any]:
    words = Reader(reader.gettext, reader.lang)
    return {"id": change.change_id, "at": moment_text(change.proposed_at, reader.lang),
            "by": change.proposed_by, "rows": diff_rows(change.facts, words)}  # fmt: skip


def _form_page(request: Request, session: Session, reader: PageContext, actor: Actor, zone: Zone, *,
               texts: dict[str, str], source: dict[str, str], problems: list[Problem] | None = None,
               status_code: int = 200) -> Response:  # fmt: skip
    """The form; reading the zone's pending changes is also the permission check (401/403)."""
    pending = review_queue(session, actor, state=ChangeState.PENDING, zone_id=zone.zone_id)
    words = Reader(reader.gettext, reader.lang)
    values: dict[str, Any] = {
        "zone": zone,
        "colour": ZONE_TYPE_COLOURS[zone.zone_type],
        "groups": edit_groups(zone, texts, words, problems or []),
        "source": source,
        "source_problems": source_problems(problems or []),
        "general_problems": general_problems(problems or []),
        "isic_options": isic_options(words),
        "accepted_documents": ACCEPTED,
        "max_document_mb": MAX_DOCUMENT_BYTES // (1024 * 1024),
        "pending": [_pending(change, reader) for change in pending],
        "today": date.today().isoformat(),
        "is_refused": bool(problems),
    }
    return render(request, reader, "zone_edit.html", values, status_code=status_code)


@router.get("/zones/{zone_id}/edit", response_class=HTMLResponse)
def edit_form(zone_id: str, request: Request, session: SessionDep, reader: PageContextDep,
              actor: ActorDep) -> Response:  # fmt: skip
    zone = _zone(session, zone_id)
    source = {"source_url": "", "as_of": "", "comment": ""}
    return _form_page(request, session, reader, actor, zone, texts=stored_texts(zone), source=source)


def _upload(form: FormData) -> Upload | None:
    document = form.get("document")
    if not isinstance(document, UploadFile) or not document.filename:
        return None
    return Upload(document.filename, document.file.read())


def _text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


@router.post("/zones/{zone_id}/edit")
def propose(zone_id: str, request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep,
            context: ContextDep, form: FormData = FormDep) -> Response:  # fmt: skip
    """Propose the changed facts; the form again with the problems, or the zone page "Sent for review"."""
    zone = _zone(session, zone_id)
    fields = {name: [value for value in form.getlist(name) if isinstance(value, str)] for name in form}
    stored = stored_texts(zone)
    texts = {**stored, **submitted_texts(fields)}
    source = {name: _text(form, name) for name in ("source_url", "as_of", "comment")}
    where = ChangeSource(as_of=source["as_of"], url=source["source_url"] or None, document=_upload(form))
    try:
        propose_change(session, actor, zone.zone_id, changed_values(stored, texts), where,
                       comment=source["comment"], context=context)  # fmt: skip
    except ChangeInvalidError as refused:
        session.rollback()
        return _form_page(request, session, reader, actor, zone, texts=texts, source=source,
                          problems=refused.report.problems, status_code=422)  # fmt: skip
    return RedirectResponse(f"/zones/{zone.zone_id}?notice=sent#keeping", status_code=303)
