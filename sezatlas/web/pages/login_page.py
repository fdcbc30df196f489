"""`/login` and `/logout` for people in a browser: the same session as `/api/v1/session`, by a form.

After logging in, the browser goes back to `next` (a path of this site only, never another site's URL).
A page that needs someone logged in sends an anonymous visitor here (`web/error_handlers.py`).
"""

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import RedirectResponse, Response

from sezatlas.accounts.actions import LoginFailedError, TooManyAttemptsError, log_in
from sezatlas.web.deps import ContextDep, SessionDep, end_session, set_session_cookie
from sezatlas.web.pages.rendering import PageContextDep, render

router = APIRouter(include_in_schema=False)


def local_path(target: str | None) -> str:
    """`next` when it is a path of this site, else the home page (no open redirect to another site)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


@router.get("/login")
def login_form(request: Request, reader: PageContextDep, next: str | None = None) -> Response:
    return render(request, reader, "login.html", {"next": local_path(next), "email": "", "message": None})


@router.post("/login")
def login(
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    context: ContextDep,
    email: Annotated[str, Form(max_length=320)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form(max_length=2000)] = "/",
) -> Response:
    try:
        token, _actor = log_in(session, email, password, context=context)
    except LoginFailedError:
        message = reader.gettext("Wrong e-mail or password, or the account is disabled.")
        values = {"next": local_path(next), "email": email, "message": message}
        return render(request, reader, "login.html", values, status_code=401)
    except TooManyAttemptsError as refused:
        message = reader.gettext("Too many failed log-ins from this address. Try again in a few minutes.")
        values = {"next": local_path(next), "email": email, "message": message}
        page = render(request, reader, "login.html", values, status_code=429)
        page.headers["Retry-After"] = str(refused.retry_after_s)
        return page
    response = RedirectResponse(local_path(next), status_code=303)
    set_session_cookie(response, request, token)
    return response


@router.post("/logout")
def logout(request: Request, session: SessionDep) -> Response:
    response = RedirectResponse("/", status_code=303)
    end_session(request, response, session)
    return response
