"""Pages that work by mailed links: investor sign-up and verification, accepting an invitation, and a
forgotten password (`/signup`, `/verify`, `/invitation`, `/reset`, `/reset/new`).

Each calls one use case of `accounts` and shows what happened in the reader's language. A mailed link
opens a page with a button rather than acting at once: mail scanners that fetch links must not use up
a link that works once. Without SMTP settings the sign-up and reset pages say this server sends no mail.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from sezatlas.accounts.actions import AccountError
from sezatlas.accounts.invitations import accept_invitation
from sezatlas.accounts.mail import INVITATION_PATH, RESET_PATH, RESET_REQUEST_PATH, VERIFY_PATH, MailSettings
from sezatlas.accounts.password_reset import request_password_reset, reset_password
from sezatlas.accounts.rate_limits import TooManyAttemptsError
from sezatlas.accounts.signup import sign_up_investor, verify_email
from sezatlas.accounts.tokens import InvalidLinkError
from sezatlas.web.deps import ContextDep, SessionDep
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render

router = APIRouter(include_in_schema=False)
Email = Annotated[str, Form(max_length=320)]
Password = Annotated[str, Form(max_length=1024)]
Token = Annotated[str, Form(max_length=1000)]
Name = Annotated[str, Form(max_length=200)]
BAD_INPUT = N_("Check the e-mail address, and use a password of at least 12 characters.")
TOO_MANY = N_("Too many attempts from this address. Try again later.")
BAD_LINK = N_(
    "This link cannot be used: it is not valid, has expired or was used already. Ask for a new one."
)


def _notice(request: Request, reader: PageContext, title: str, message: str, *, show_login: bool = False,
            status_code: int = 200) -> Response:  # fmt: skip
    values = {"title": title, "message": message, "show_login": show_login}
    return render(request, reader, "account_notice.html", values, status_code=status_code)


def _refused(request: Request, reader: PageContext, template: str, values: dict[str, Any],
             error: Exception) -> Response:  # fmt: skip
    """The form again with why it was refused: 429 (and Retry-After) for a burst, 422 for bad input."""
    if isinstance(error, TooManyAttemptsError):
        page = render(request, reader, template, {**values, "message": reader.gettext(TOO_MANY)}, 429)
        page.headers["Retry-After"] = str(error.retry_after_s)
        return page
    return render(request, reader, template, {**values, "message": reader.gettext(BAD_INPUT)}, 422)


@router.get("/signup")
def signup_form(request: Request, reader: PageContextDep) -> Response:
    values = {"can_mail": MailSettings.configured().is_configured, "name": "", "email": "", "message": None}
    return render(request, reader, "signup.html", values)


@router.post("/signup")
def signup(request: Request, session: SessionDep, reader: PageContextDep, context: ContextDep,
           email: Email, password: Password, name: Name = "") -> Response:  # fmt: skip
    mail = MailSettings.configured()
    values = {"can_mail": mail.is_configured, "name": name, "email": email, "message": None}
    if not mail.is_configured:
        return render(request, reader, "signup.html", values, status_code=503)
    try:
        sign_up_investor(session, email, name, password, mail=mail, translate=reader.gettext, context=context)
    except (AccountError, TooManyAttemptsError) as error:
        return _refused(request, reader, "signup.html", values, error)
    message = reader.gettext("We sent a letter to %(email)s. Open the link in it to go on.") % {
        "email": email
    }
    return _notice(request, reader, reader.gettext("Check your mailbox"), message)


@router.get(VERIFY_PATH)
def verify_form(request: Request, reader: PageContextDep, token: str = "") -> Response:
    return render(request, reader, "verify.html", {"token": token})


@router.post(VERIFY_PATH)
def verify(request: Request, session: SessionDep, reader: PageContextDep, context: ContextDep,
           token: Token) -> Response:  # fmt: skip
    title = reader.gettext("Verify your e-mail address")
    try:
        verify_email(session, token, context=context)
    except InvalidLinkError:
        return _notice(request, reader, title, reader.gettext(BAD_LINK), status_code=422)
    done = reader.gettext("Your address is verified. You can log in now.")
    return _notice(request, reader, title, done, show_login=True)


def _password_form(request: Request, reader: PageContext, action: str, token: str, message: str | None = None,
                   status_code: int = 200) -> Response:  # fmt: skip
    values = {"action": action, "token": token, "message": message}
    return render(request, reader, "new_password.html", values, status_code=status_code)


@router.get(INVITATION_PATH)
def invitation_form(request: Request, reader: PageContextDep, token: str = "") -> Response:
    return _password_form(request, reader, INVITATION_PATH, token)


@router.post(INVITATION_PATH)
def invitation(request: Request, session: SessionDep, reader: PageContextDep, context: ContextDep,
               token: Token, password: Password) -> Response:  # fmt: skip
    return _set_password(request, session, reader, context, INVITATION_PATH, token, password)


@router.get(RESET_REQUEST_PATH)
def reset_request_form(request: Request, reader: PageContextDep) -> Response:
    values = {"can_mail": MailSettings.configured().is_configured, "email": "", "message": None}
    return render(request, reader, "reset_request.html", values)


@router.post(RESET_REQUEST_PATH)
def reset_request(request: Request, session: SessionDep, reader: PageContextDep, context: ContextDep,
                  email: Email) -> Response:  # fmt: skip
    mail = MailSettings.configured()
    values = {"can_mail": mail.is_configured, "email": email, "message": None}
    if not mail.is_configured:
        return render(request, reader, "reset_request.html", values, status_code=503)
    try:
        request_password_reset(session, email, mail=mail, translate=reader.gettext, context=context)
    except TooManyAttemptsError as error:
        return _refused(request, reader, "reset_request.html", values, error)
    message = reader.gettext(
        "If %(email)s has an account, a link to choose a new password is on its way. It works for an hour."
    ) % {"email": email}
    return _notice(request, reader, reader.gettext("Check your mailbox"), message)


@router.get(RESET_PATH)
def reset_form(request: Request, reader: PageContextDep, token: str = "") -> Response:
    return _password_form(request, reader, RESET_PATH, token)


@router.post(RESET_PATH)
def reset(request: Request, session: SessionDep, reader: PageContextDep, context: ContextDep,
          token: Token, password: Password) -> Response:  # fmt: skip
    return _set_password(request, session, reader, context, RESET_PATH, token, password)


def _set_password(request: Request, session: SessionDep, reader: PageContext, context: ContextDep,
                  action: str, token: str, password: str) -> Response:  # fmt: skip
    """Accept an invitation or reset a password: the same form, the link's own use case."""
    use = accept_invitation if action == INVITATION_PATH else reset_password
    title = reader.gettext("Choose your password")
    try:
        use(session, token, password, context=context)
    except InvalidLinkError:
        return _notice(request, reader, title, reader.gettext(BAD_LINK), status_code=422)
    except AccountError:
        return _password_form(request, reader, action, token, reader.gettext(BAD_INPUT), status_code=422)
    done = reader.gettext("Your password is saved. You can log in now.")
    return _notice(request, reader, title, done, show_login=True)
