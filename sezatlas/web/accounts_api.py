"""`/api/v1/session` and `/api/v1/me`: log in (a session cookie), log out, and who am I; sign-up,
invitations and password reset by mailed links (`/signup`, `/invitations`, `/password-reset`).

The cookie is HttpOnly (scripts cannot read it), SameSite=Strict (a browser never sends it with a
request started on another site) and Secure when the app is served over HTTPS; with the Origin check
of `web/same_origin.py` that is the CSRF defence (docs/architecture.md#accounts). Machine clients use
an API token in `Authorization: Bearer …` instead (`sezatlas users token`).
"""

from typing import Any

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from sezatlas.accounts.actions import log_in
from sezatlas.accounts.invitations import accept_invitation, invite_person
from sezatlas.accounts.letters import Translate
from sezatlas.accounts.mail import MailSettings
from sezatlas.accounts.password_reset import request_password_reset, reset_password
from sezatlas.accounts.roles import Actor, Grant, Role
from sezatlas.accounts.signup import sign_up_investor, verify_email
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep, end_session, set_session_cookie
from sezatlas.web.errors import ApiError, ErrorItem, ErrorOut
from sezatlas.web.i18n import COOKIE_NAME as LANGUAGE_COOKIE
from sezatlas.web.i18n import LANGUAGES, choose_language, translations

router = APIRouter(prefix="/api/v1", tags=["accounts"])


class LoginIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(min_length=3, max_length=320)
    password: str = Field(min_length=1, max_length=1024)


class MeOut(BaseModel):
    is_authenticated: bool
    name: str
    roles: list[str] = Field(description='"role" or "role:scope", e.g. "organiser:itc-2027"')


def me_out(actor: Actor) -> MeOut:
    roles = sorted(str(g) for g in actor.grants)
    return MeOut(is_authenticated=actor.is_authenticated, name=actor.name, roles=roles)


@router.post("/session", response_model=MeOut, responses={401: {"model": ErrorOut}})
def create_session(body: LoginIn, request: Request, response: Response, session: SessionDep,
                   context: ContextDep) -> MeOut:  # fmt: skip
    """Log in: sets the session cookie; wrong credentials (or a locked account) are a 401, audited."""
    token, actor = log_in(session, body.email, body.password, context=context)
    set_session_cookie(response, request, token)
    return me_out(actor)


@router.delete("/session", status_code=204)
def delete_session(request: Request, session: SessionDep) -> Response:
    """Log out: the session ends on the server too, so a copied cookie stops working."""
    response = Response(status_code=204)
    end_session(request, response, session)
    return response


@router.get("/me", response_model=MeOut)
def me(actor: ActorDep) -> MeOut:
    return me_out(actor)


# Sign-up, invitations and password reset (accounts/signup.py, invitations.py, password_reset.py): the
# letters go out in the caller's language (cookie, else Accept-Language), as the pages do.


def letter_translation(request: Request) -> Translate:
    """The language of a request's letters: the caller's (the language cookie, else Accept-Language)."""
    code = choose_language(None, request.cookies.get(LANGUAGE_COOKIE), request.headers.get("accept-language"))
    return translations(code).gettext


class SignUpIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(min_length=3, max_length=320)
    name: str = Field(default="", max_length=200)
    password: str = Field(min_length=1, max_length=1024)


class EmailIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(min_length=3, max_length=320)


class TokenIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: str = Field(min_length=1, max_length=1000)


class NewPasswordIn(TokenIn):
    password: str = Field(min_length=1, max_length=1024)


class InvitationIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    email: str = Field(min_length=3, max_length=320)
    name: str = Field(default="", max_length=200)
    roles: list[str] = Field(default_factory=list, description='"role" or "role:scope", as /me lists them')
    lang: str = Field(default="en", description="Language of the letter: en, ru, zh, pt or ar.")


class InvitationOut(BaseModel):
    email: str
    is_mailed: bool
    link: str | None = Field(description="Only when this server sends no mail: pass it on yourself.")


class DoneOut(BaseModel):
    detail: str
    email: str | None = None


MAIL_REFUSALS: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorOut},
    429: {"model": ErrorOut},
    503: {"model": ErrorOut},
}
SENT = "if the address may do this, a letter with a link is on its way to it"


@router.post("/signup", status_code=202, response_model=DoneOut, responses=MAIL_REFUSALS)
def sign_up(body: SignUpIn, request: Request, session: SessionDep, context: ContextDep) -> DoneOut:
    """Investors sign themselves up; the account works once the mailed link is followed (`/signup/verify`).
    The answer is the same for an address that has an account already."""
    sign_up_investor(session, body.email, body.name, body.password, mail=MailSettings.configured(),
                     translate=letter_translation(request), context=context)  # fmt: skip
    return DoneOut(detail=SENT)


@router.post("/signup/verify", response_model=DoneOut, responses={422: {"model": ErrorOut}})
def verify(body: TokenIn, session: SessionDep, context: ContextDep) -> DoneOut:
    """The token of the verification link: the account can log in from now on."""
    return DoneOut(detail="address verified", email=verify_email(session, body.token, context=context))


@router.post("/invitations", status_code=201, response_model=InvitationOut, responses=MAIL_REFUSALS)
def invite(body: InvitationIn, actor: ActorDep, session: SessionDep, context: ContextDep) -> InvitationOut:
    """Secretariat only: an account with roles and no password, and a mailed link to choose one."""
    grants = tuple(_grant(value) for value in body.roles)
    lang = body.lang if body.lang in LANGUAGES else "en"
    invitation = invite_person(session, actor, body.email, body.name, grants, mail=MailSettings.configured(),
                               translate=translations(lang).gettext, context=context)  # fmt: skip
    return InvitationOut(email=invitation.email, is_mailed=invitation.is_mailed, link=invitation.link)


def _grant(value: str) -> Grant:
    role, _, scope = value.partition(":")
    try:
        return Grant(Role(role), scope)
    except ValueError as error:
        raise ApiError(
            422, f"roles: {value}: {error}", [ErrorItem(field="roles", message=str(error))]
        ) from None


@router.post("/invitations/accept", response_model=DoneOut, responses={422: {"model": ErrorOut}})
def accept(body: NewPasswordIn, session: SessionDep, context: ContextDep) -> DoneOut:
    """The token of the invitation link and the password chosen: the account can log in."""
    email = accept_invitation(session, body.token, body.password, context=context)
    return DoneOut(detail="password set", email=email)


@router.post("/password-reset", status_code=202, response_model=DoneOut, responses=MAIL_REFUSALS)
def ask_for_reset(body: EmailIn, request: Request, session: SessionDep, context: ContextDep) -> DoneOut:
    """Mails a reset link when the address has an account; the answer is the same when it has none."""
    request_password_reset(session, body.email, mail=MailSettings.configured(),
                           translate=letter_translation(request), context=context)  # fmt: skip
    return DoneOut(detail=SENT)


@router.post("/password-reset/confirm", response_model=DoneOut, responses={422: {"model": ErrorOut}})
def confirm_reset(body: NewPasswordIn, session: SessionDep, context: ContextDep) -> DoneOut:
    """The token of the reset link and the new password: every session of the account ends."""
    email = reset_password(session, body.token, body.password, context=context)
    return DoneOut(detail="password changed; every session ended", email=email)
