"""`/api/v1/session` and `/api/v1/me`: log in (a session cookie), log out, and who am I.

The cookie is HttpOnly (scripts cannot read it), SameSite=Strict (a browser never sends it with a
request started on another site) and Secure when the app is served over HTTPS; with the Origin check
of `web/same_origin.py` that is the CSRF defence (docs/architecture.md#accounts). Machine clients use
an API token in `Authorization: Bearer …` instead (`sezatlas users token`).
"""

from fastapi import APIRouter, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from sezatlas.accounts.actions import log_in
from sezatlas.accounts.roles import Actor
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep, end_session, set_session_cookie
from sezatlas.web.errors import ErrorOut

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
