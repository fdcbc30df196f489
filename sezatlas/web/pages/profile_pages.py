"""`/profile` and `/profile/matches`: an investor's saved project profile, and the published passports that
fit it (issue 17, item 5).

GET `/profile` shows the saved profile in its form (`profile_form.py`), or an empty one; reading it is the
permission check (`saved_profile`: anonymous → log in and back, anyone but an investor → 403). POST saves
it with `save_profile`; a profile the standard refuses is the form again with each problem under its
field and what was typed kept (422), a saved one the form with a notice (Post/Redirect/Get). The matches
page lists `passports_for_me`, each passport with its score, its reasons in the reader's language and a
link to send an inquiry, and links the same project to `/rank`; `?f=json` is the API's answer.
"""

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from sezatlas.accounts.roles import Actor
from sezatlas.passports.matching import passports_for_me, save_profile, saved_profile
from sezatlas.registry.statistics import registry_stats
from sezatlas.standard.codes import ZoneType
from sezatlas.standard.passport import InvestorProfile
from sezatlas.store.zones import zone_names
from sezatlas.web.deps import ActorDep, ContextDep, SessionDep
from sezatlas.web.i18n import country_name, sort_key
from sezatlas.web.matching_models import PassportMatchesOut, passport_match_out
from sezatlas.web.pages.isic_labels import isic_levels
from sezatlas.web.pages.labels import ZONE_TYPE_TITLES
from sezatlas.web.pages.match_view import passport_row
from sezatlas.web.pages.match_words import NOT_SAVED, PROFILE_SAVED
from sezatlas.web.pages.passport_words import STAGE_TITLES
from sezatlas.web.pages.profile_form import parse_profile, profile_texts, rank_query, submitted_texts
from sezatlas.web.pages.rank_page import CURRENCIES
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render

router = APIRouter(include_in_schema=False)
PROFILE_PATH = "/profile"
MATCHES_PATH = PROFILE_PATH + "/matches"


async def form_data(request: Request) -> FormData:
    return await request.form()


FormDep = Depends(form_data)


def _choices(session: Session, texts: dict[str, Any], reader: PageContext) -> dict[str, list[dict[str, str]]]:
    """The ticked lists' options (countries with zones, and any the profile names) and the currencies."""
    _ = reader.gettext
    codes = {country.iso3 for country in registry_stats(session)} | {*texts["only"], *texts["exclude"]}
    countries = [{"code": code, "name": country_name(code, reader.lang)} for code in codes]
    currencies = list(dict.fromkeys([*CURRENCIES, texts["currency"] or "USD"]))
    return {
        "countries": sorted(countries, key=lambda c: sort_key(c["name"], reader.lang)),
        "zone_types": [{"code": kind.value, "name": _(ZONE_TYPE_TITLES[kind])} for kind in ZoneType],
        "stages": [{"code": str(stage), "name": _(title)} for stage, title in STAGE_TITLES.items()],
        "currencies": [{"code": code, "name": code} for code in currencies],
    }


def _form_page(request: Request, session: Session, reader: PageContext, texts: dict[str, Any], *,
               saved: InvestorProfile | None, problems: dict[str, list[str]] | None = None,
               notice: str | None = None) -> Response:  # fmt: skip
    values = {
        "texts": texts,
        "choices": _choices(session, texts, reader),
        "isic_options": isic_levels(reader, frozenset({"section", "division"})),
        "problems": problems or {},
        "not_saved": reader.gettext(NOT_SAVED) if problems else None,
        "notice": notice,
        "has_profile": saved is not None,
        "rank_url": f"/rank?{rank_query(saved.project)}" if saved is not None else None,
        "matches_path": MATCHES_PATH,
    }
    return render(request, reader, "profile.html", values, status_code=422 if problems else 200)


@router.get(PROFILE_PATH, response_class=HTMLResponse)
def profile_page(request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep) -> Response:
    """The investor's saved profile in its form (an empty form before the first save)."""
    saved = saved_profile(session, actor)
    notice = reader.gettext(PROFILE_SAVED) if request.query_params.get("saved") == "1" else None
    return _form_page(request, session, reader, profile_texts(saved), saved=saved, notice=notice)


@router.post(PROFILE_PATH)
def save(request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep, context: ContextDep,
         form: FormData = FormDep) -> Response:  # fmt: skip
    """Save the profile from the form (the fields it does not show kept as saved), or say what is wrong."""
    saved = saved_profile(session, actor)
    texts = submitted_texts(form)
    parsed = parse_profile(texts, saved, reader.gettext)
    if not isinstance(parsed, InvestorProfile):
        return _form_page(request, session, reader, texts, saved=saved, problems=parsed)
    save_profile(session, actor, parsed, context=context)
    return RedirectResponse(f"{PROFILE_PATH}?saved=1", status_code=303)


def _matches_context(session: Session, actor: Actor, reader: PageContext) -> dict[str, Any]:
    saved = saved_profile(session, actor)
    if saved is None:
        return {"has_profile": False, "rows": [], "rank_url": None, "project": None}
    found = passports_for_me(session, actor)
    ids = sorted({match.published.passport.zone_id for match in found})
    names = {zone.zone_id: zone.name_en for zone in zone_names(session, ids)}
    return {"has_profile": True, "rows": [passport_row(match, names, reader) for match in found],
            "rank_url": f"/rank?{rank_query(saved.project)}", "project": saved.project.name}  # fmt: skip


@router.get(MATCHES_PATH, response_class=HTMLResponse)
def matches_page(request: Request, session: SessionDep, reader: PageContextDep, actor: ActorDep) -> Response:
    """The published passports that fit the saved profile, best first, with why; `?f=json` as the API."""
    if request.query_params.get("f") == "json":
        found = passports_for_me(session, actor)
        matches = PassportMatchesOut(matches=[passport_match_out(match) for match in found])
        return JSONResponse(matches.model_dump(mode="json"))
    return render(request, reader, "profile_matches.html", _matches_context(session, actor, reader))
