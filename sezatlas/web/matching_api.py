"""Matching over HTTP (issue 17, item 5): an investor keeps one project profile (`/api/v1/profile`) and reads
the published passports that fit it; a passport's owner reads the opted-in investors whose profiles fit
it and writes to one of them.

`passports.matching` decides who may (401 anonymous; 403 a profile for anyone but an investor, a
passport's investors for anyone who may not change the passport) and what an owner sees: only the
investors who ticked "shown to passport owners", and a letter only to one of them. The letter goes out
when a mail server is configured, in the caller's language, with the passport's link.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Path, Request

from sezatlas.accounts.mail import MailSettings
from sezatlas.passports.matching import (
    ProfileNotFoundError,
    investors_for_passport,
    passports_for_me,
    save_profile,
    saved_profile,
    write_to_investor,
)
from sezatlas.standard.passport import InvestorProfile
from sezatlas.web.accounts_api import letter_translation
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.errors import ErrorOut
from sezatlas.web.matching_models import (
    PROFILE_PATH,
    InvestorMatchesOut,
    LetterIn,
    LetterOut,
    PassportMatchesOut,
    investor_match_out,
    passport_match_out,
)

router = APIRouter(prefix="/api/v1", tags=["matching"])
RowId = Annotated[int, Path(ge=1, le=2**31 - 1)]
Responses = dict[int | str, dict[str, Any]]
ALLOWED: Responses = {
    401: {"model": ErrorOut, "description": "Nobody is logged in"},
    403: {"model": ErrorOut, "description": "The person logged in may not do this"},
}
NO_PROFILE: Responses = {404: {"model": ErrorOut, "description": "No project profile saved yet"}}
NO_PASSPORT: Responses = {404: {"model": ErrorOut, "description": "No such passport, or none published"}}
WRITE: Responses = {
    **ALLOWED,
    422: {"model": ErrorOut, "description": "Not a valid request; `errors` names each field"},
    429: {"model": ErrorOut, "description": "Too many writes from this address; see `Retry-After`"},
}


@router.get("/profile", response_model=InvestorProfile, responses={**ALLOWED, **NO_PROFILE})
def profile(actor: ActorDep, session: SessionDep) -> InvestorProfile:
    """An investor: their saved project profile."""
    found = saved_profile(session, actor)
    if found is None:
        raise ProfileNotFoundError(f"no saved project profile: save one with PUT {PROFILE_PATH}")
    return found


@router.put("/profile", response_model=InvestorProfile, responses=WRITE)
def put_profile(
    body: InvestorProfile, actor: ActorDep, session: SessionDep, context: ContextDep
) -> InvestorProfile:
    """An investor: keep this project profile (one per person; it replaces the one saved). With
    `shown_to_passport_owners` the owners of passports it fits see it, with the name and organisation,
    and may write; without it nobody but the investor does."""
    save_profile(session, actor, body, context=context)
    return body


@router.get("/profile/matches", response_model=PassportMatchesOut, responses={**ALLOWED, **NO_PROFILE})
def matches(actor: ActorDep, session: SessionDep) -> PassportMatchesOut:
    """An investor: the published passports that fit the saved profile, best first, each with its reasons
    (the sector link, how site selection ranks the passport's zone for the project, capex, stage, needs)."""
    return PassportMatchesOut(matches=[passport_match_out(m) for m in passports_for_me(session, actor)])


@router.get("/passports/{passport_id}/investors", response_model=InvestorMatchesOut,
            responses={**ALLOWED, **NO_PASSPORT})  # fmt: skip
def investors(passport_id: RowId, actor: ActorDep, session: SessionDep) -> InvestorMatchesOut:
    """Whoever may change the passport (its owner, the zone's operators, the secretariat): the investors
    who opted in and whose saved profiles fit the published passport, best first."""
    found = investors_for_passport(session, actor, passport_id)
    return InvestorMatchesOut(passport_id=passport_id, investors=[investor_match_out(m) for m in found])


@router.post("/passports/{passport_id}/investors/{person_id}/letters", response_model=LetterOut,
             responses={**WRITE, **NO_PASSPORT})  # fmt: skip
def letter(
    passport_id: RowId, person_id: RowId, body: LetterIn, request: Request, actor: ActorDep,
    session: SessionDep, context: ContextDep,
) -> LetterOut:  # fmt: skip
    """Whoever may change the passport writes to an investor among its opted-in matches (anyone else is a
    422): a letter with the message and the passport's link, to answer with an inquiry."""
    mail = MailSettings.configured()
    write_to_investor(session, actor, passport_id, person_id, body.message, mail=mail,
                      translate=letter_translation(request), context=context)  # fmt: skip
    return LetterOut(passport_id=passport_id, person_id=person_id, is_mailed=mail.is_configured)
