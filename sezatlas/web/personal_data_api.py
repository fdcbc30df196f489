"""A person's data on request, over HTTP (issue 17, privacy; docs/privacy.md): the person's own export and
erasure (`/api/v1/me/data`, `/api/v1/me/erase`) and the secretariat's, on a person's request
(`/api/v1/people/{email}/data`, `…/erase`).

The use cases in `accounts.personal_data` decide who may: a person themself, or the secretariat (401
anonymous, 403 anyone else, 404 an address without an account). Erasing oneself takes the account's own
address in the body, typed again: a 422 when it does not match, and nothing is erased. After it, the
session that asked is over (the erasure ends every session) and its cookie is cleared.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from sezatlas.accounts.personal_data import (
    Erasure,
    erase_own_account,
    erase_personal_data,
    export_own_data,
    export_personal_data,
)
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep, end_session
from sezatlas.web.errors import ErrorOut

router = APIRouter(prefix="/api/v1", tags=["personal data"])
Email = Annotated[str, Path(max_length=320, description="The person's e-mail address")]
Responses = dict[int | str, dict[str, Any]]
READ: Responses = {
    401: {"model": ErrorOut, "description": "Nobody is logged in"},
    403: {"model": ErrorOut, "description": "Neither the person nor the secretariat"},
    404: {"model": ErrorOut, "description": "No account with that address"},
}
ERASE: Responses = {
    **READ,
    429: {"model": ErrorOut, "description": "Too many writes from this address; see `Retry-After`"},
}
ERASE_ME: Responses = {
    **ERASE,
    422: {"model": ErrorOut, "description": "`confirm_email` is not the account's address"},
}
DATA_DESCRIPTION = (
    "Everything held about the person: `account`, `grants`, `api_tokens` (names and prefixes), "
    "`login_sessions`, `investor_profile`, `inquiries_sent` (with messages, files' names and hashes, "
    "threads), `inquiry_steps_taken`, `error_reports`, `audit_trail`."
)


class ErasureIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    confirm_email: str = Field(
        max_length=320, description="The account's own e-mail address, typed again: erasure is for good."
    )


class ErasureOut(BaseModel):
    """What the erasure cleared, counted: the report handed back to the person."""

    person_id: int = Field(description="The account's number, which the audit trail keeps.")
    inquiries: int = Field(description="Inquiries whose message, project and files were cleared.")
    attachments: int
    step_texts: int = Field(description="Texts of inquiry steps cleared, the zones' answers included.")
    error_reports: int = Field(description="Error reports that lost the person's address.")
    audit_entries: int = Field(description="Audit entries that lost the person's name, address or values.")


def erasure_out(erasure: Erasure) -> ErasureOut:
    return ErasureOut.model_validate(erasure, from_attributes=True)


@router.get("/me/data", responses=READ, response_description=DATA_DESCRIPTION)
def my_data(actor: ActorDep, session: SessionDep) -> dict[str, Any]:
    """The person logged in: everything SEZ Atlas holds about them, as one JSON document (GDPR Arts. 15
    and 20)."""
    return export_own_data(session, actor)


@router.post("/me/erase", response_model=ErasureOut, responses=ERASE_ME)
def erase_me(
    body: ErasureIn, request: Request, response: Response, actor: ActorDep, session: SessionDep,
    context: ContextDep,
) -> ErasureOut:  # fmt: skip
    """The person logged in erases their account (GDPR Art. 17): what stays and what goes is in
    docs/privacy.md. The session ends with it."""
    erasure = erase_own_account(session, actor, body.confirm_email, context=context)
    end_session(request, response, session)
    return erasure_out(erasure)


@router.get("/people/{email}/data", responses=READ, response_description=DATA_DESCRIPTION)
def person_data(email: Email, actor: ActorDep, session: SessionDep) -> dict[str, Any]:
    """The secretariat, on a person's request (or the person themself): everything held about them."""
    return export_personal_data(session, actor, email)


@router.post("/people/{email}/erase", response_model=ErasureOut, responses=ERASE)
def erase_person(email: Email, actor: ActorDep, session: SessionDep, context: ContextDep) -> ErasureOut:
    """The secretariat, on a person's request (or the person themself): erase them, in one transaction."""
    return erasure_out(erase_personal_data(session, actor, email, context=context))
