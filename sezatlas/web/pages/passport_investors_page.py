"""`/passports/{id}/investors`: the investors whose saved profiles fit a published passport, for whoever may
change it (its owner, the zone's operators, the secretariat), and a letter to one of them (issue 17, item 5).

`investors_for_passport` is the permission check (anonymous → log in and back, anyone else → 403) and lists
only the investors who opted in. "Write to this investor" posts to `…/investors/{person_id}/letter`, which
calls `write_to_investor`: the letter goes with the passport's link (the investor answers with an
inquiry), and the page comes back with a notice; a message too short or too long is the page again with
why and what was typed (422). `?f=json` is the API's answer.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Path, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor
from sezatlas.passports.authoring import PassportError
from sezatlas.passports.catalogue import published_passport
from sezatlas.passports.matching import MESSAGE_LENGTH, investors_for_passport, write_to_investor
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.matching_models import InvestorMatchesOut, investor_match_out
from sezatlas.web.pages.match_view import investor_row
from sezatlas.web.pages.match_words import LETTER_NOT_SENT, LETTER_SENT, NO_SUCH_MATCH
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render
from sezatlas.web.pages.stewardship_words import mail_settings

router = APIRouter(include_in_schema=False)
RowId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Message = Annotated[str, Form(max_length=2 * MESSAGE_LENGTH[1])]


def investors_path(passport_id: int) -> str:
    return f"/passports/{passport_id}/investors"


def _page(request: Request, session: Session, reader: PageContext, actor: Actor, passport_id: int, *,
          failed: int | None = None, typed: str = "", problem: str | None = None) -> Response:  # fmt: skip
    """The matching investors (the use case is the permission check), each with a letter form; the one
    that failed keeps its text and says why."""
    found = investors_for_passport(session, actor, passport_id)
    passport = published_passport(session, passport_id).passport
    rows = []
    for match in found:
        row: dict[str, Any] = investor_row(match, passport, reader)
        row |= {"letter_path": f"{investors_path(passport_id)}/{match.person_id}/letter",
                "typed": typed if match.person_id == failed else "",
                "problem": problem if match.person_id == failed else None}  # fmt: skip
        rows.append(row)
    is_written = request.query_params.get("written") == "1"
    values = {"passport_id": passport_id, "title": passport.title, "rows": rows,
              "notice": reader.gettext(LETTER_SENT) if is_written else None,
              "lost": problem if failed is not None and failed not in {m.person_id for m in found} else None,
              "message_length": MESSAGE_LENGTH}  # fmt: skip
    return render(request, reader, "passport_investors.html", values, status_code=422 if problem else 200)


@router.get("/passports/{passport_id}/investors", response_class=HTMLResponse)
def investors_page(passport_id: RowId, request: Request, session: SessionDep, reader: PageContextDep,
                   actor: ActorDep) -> Response:  # fmt: skip
    """The opted-in investors who fit the passport, best first, with why; `?f=json` as the API."""
    if request.query_params.get("f") == "json":
        found = investors_for_passport(session, actor, passport_id)
        out = InvestorMatchesOut(passport_id=passport_id, investors=[investor_match_out(m) for m in found])
        return JSONResponse(out.model_dump(mode="json"))
    return _page(request, session, reader, actor, passport_id)


@router.post("/passports/{passport_id}/investors/{person_id}/letter")
def letter(
    passport_id: RowId,
    person_id: RowId,
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    actor: ActorDep,
    context: ContextDep,
    message: Message = "",
) -> Response:
    """Write to one of the matching investors; back to the list with a notice, or it again with why."""
    try:
        write_to_investor(session, actor, passport_id, person_id, message, mail=mail_settings(),
                          translate=reader.gettext, context=context)  # fmt: skip
    except PassportError as refused:
        session.rollback()
        why = LETTER_NOT_SENT if str(refused).startswith("message:") else NO_SUCH_MATCH
        return _page(request, session, reader, actor, passport_id, failed=person_id, typed=message,
                     problem=reader.gettext(why))  # fmt: skip
    return RedirectResponse(f"{investors_path(passport_id)}?written=1", status_code=303)
