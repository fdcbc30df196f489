"""`/account`: the logged-in person's own page, with their personal data (issue 17, privacy; docs/privacy.md).

"Download my data" (`/account/data.json`) is the export of `accounts.personal_data` as a file; "Erase my
account" posts the address the person types to confirm (`erase_own_account` compares it: a mistyped one
is the page again, 422, nothing erased). After an erasure the session is over on the server already (the
erasure ends every session); the browser's cookie goes too, and the person lands on the home page with a
notice. Reading the own address is the permission check of the page: anonymous → log in and back.
"""

import json
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from sezatlas.accounts.personal_data import (
    ErasureNotConfirmedError,
    erase_own_account,
    export_own_data,
    own_address,
)
from sezatlas.accounts.roles import Actor
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep, end_session
from sezatlas.web.downloads import attachment
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render

router = APIRouter(include_in_schema=False)
ACCOUNT_PATH = "/account"
DATA_PATH = ACCOUNT_PATH + "/data.json"
ERASE_PATH = ACCOUNT_PATH + "/erase"
ERASED_PATH = "/?erased=1"  # the home page, with the notice of `home.ACCOUNT_ERASED`
DATA_FILE = "sez-atlas-my-data.json"
NOT_CONFIRMED = N_("Nothing was erased: type the e-mail address of this account, as shown above, to confirm.")


def _account_page(request: Request, session: Session, reader: PageContext, actor: Actor, *,
                  problem: str | None = None, typed: str = "") -> Response:  # fmt: skip
    values = {"name": actor.name, "email": own_address(session, actor), "problem": problem, "typed": typed,
              "data_path": DATA_PATH, "erase_path": ERASE_PATH}  # fmt: skip
    return render(request, reader, "account.html", values, status_code=422 if problem else 200)


@router.get(ACCOUNT_PATH, response_class=HTMLResponse)
def account_page(request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep) -> Response:
    """Who is logged in, and their data: download it, or erase the account."""
    return _account_page(request, session, reader, actor)


@router.get(DATA_PATH)
def my_data(session: SessionDep, actor: ActorDep) -> Response:
    """Everything held about the person, as one JSON file; never kept by a shared cache."""
    document = export_own_data(session, actor)
    headers = {**attachment(DATA_FILE), "Cache-Control": "private, no-store"}
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return Response(text, media_type="application/json", headers=headers)


@router.post(ERASE_PATH)
def erase(
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    actor: ActorDep,
    context: ContextDep,
    confirm_email: Annotated[str, Form(max_length=320)] = "",
) -> Response:
    """Erase the person's account once they typed its address; then log out and go home."""
    try:
        erase_own_account(session, actor, confirm_email, context=context)
    except ErasureNotConfirmedError:
        session.rollback()
        return _account_page(request, session, reader, actor, problem=reader.gettext(NOT_CONFIRMED),
                             typed=confirm_email)  # fmt: skip
    response = RedirectResponse(ERASED_PATH, status_code=303)
    end_session(request, response, session)
    return response
