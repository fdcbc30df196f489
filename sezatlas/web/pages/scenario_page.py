"""`/incentives/scenario`: the "common approach" table a working group of the association discusses —
one model regime applied to every member's zones, per country: the change in NPV of incentives and
effective rates for the reference projects, and the fiscal cost per job (`regimes/scenarios.py`).

The form is a GET (a scenario is a link to share): a bundled regime as the model, the reference projects
(the incentives page's sector projects, `regimes/sector_profiles.toml`, as that page fills them), the
countries. `?f=xlsx` and `?f=json` give the same table as files. A custom model is asked through the API or
the CLI (`--model-file`), where a regime file travels whole.
"""

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import ValidationError

from sezatlas.regimes.actions import common_approach
from sezatlas.regimes.designer import RegimeDocument
from sezatlas.regimes.loader import bundled_records, load_regimes
from sezatlas.regimes.project import Project
from sezatlas.regimes.reference_projects import sector_project
from sezatlas.regimes.scenarios import scenario_as_dict, scenario_rows, scenario_xlsx
from sezatlas.regimes.sector_profiles import DEFAULT_SECTOR, sector_profiles
from sezatlas.standard.membership import BricsRelation, countries_with
from sezatlas.web.deps import SessionDep
from sezatlas.web.downloads import attachment
from sezatlas.web.errors import bad_parameter
from sezatlas.web.i18n import country_name, format_number, sort_key
from sezatlas.web.pages.incentives_form import SECTOR_TITLES
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.rank_form import parse_fx_rates
from sezatlas.web.pages.regime_words import percent_text, regime_titles
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render

SCENARIO_PATH = "/incentives/scenario"
DEFAULT_MODEL = "IDN-kek-tax-allowance"  # a zone regime whose threshold needs no exchange rate
METHOD = N_(
    "Each country's zones today: the incentive engine's NPV of incentives, AETR and METR under each zone's "
    "regime against the country's standard regime, averaged over the zones the registry links to a regime. "
    "Model: the model regime applied in that country (the sections it omits are the standard regime's), "
    "against the same standard regime. Fiscal cost per job: the NPV of incentives divided by the project's "
    "jobs."
)
router = APIRouter(include_in_schema=False)


def _projects(sectors: list[str], fx: str, reader: PageContext) -> tuple[list[Project], str | None]:
    """The sectors' reference projects with the exchange rates typed ("RUB=0.011, IDR=0.000063"), or, when
    those cannot be read, without them and the reason (said beside the field)."""
    rates = parse_fx_rates(fx)
    try:
        if isinstance(rates, str):
            raise ValueError(rates)
        return [
            sector_project(code, {cur: float(rate) for cur, rate in rates.items()}) for code in sectors
        ], None
    except (ValueError, ValidationError):
        message = reader.gettext("Write pairs such as RUB=0.0125, INR=0.012.")
        return [sector_project(code) for code in sectors], message


def _money(amount: float | None, lang: str, digits: int = 1) -> str:
    return "" if amount is None else format_number(amount / 1e6, lang, digits)


def _row_view(row: dict[str, Any], reader: PageContext) -> dict[str, Any]:
    lang = reader.lang

    def share(value: float | None) -> str:
        return "" if value is None else percent_text(value, lang)

    def points(value: float | None) -> str:
        if value is None:
            return ""
        return ("+" if value > 0 else "") + format_number(value * 100, lang, 1)

    per_job = {key: ("" if row[key] is None else format_number(row[key], lang, 0))
               for key in ("cost_per_job_today", "cost_per_job_model")}  # fmt: skip
    return {
        **row, "country": country_name(row["country_iso3"], lang),
        "npv_today": _money(row["npv_of_incentives_today"], lang),
        "npv_model": _money(row["npv_of_incentives_model"], lang),
        "npv_change_text": _money(row["npv_change"], lang),
        "aetr_today_text": share(row["aetr_today"]), "aetr_model_text": share(row["aetr_model"]),
        "aetr_change_text": points(row["aetr_change"]), "metr_today_text": share(row["metr_today"]),
        "metr_model_text": share(row["metr_model"]), "metr_change_text": points(row["metr_change"]),
        **per_job,
    }  # fmt: skip


@router.get(SCENARIO_PATH, response_class=HTMLResponse)
def scenario_page(
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    model: Annotated[str, Query(max_length=64)] = DEFAULT_MODEL,
    sector: Annotated[list[str] | None, Query(max_length=9)] = None,
    country: Annotated[list[str] | None, Query(max_length=60)] = None,
    fx: Annotated[str, Query(max_length=500)] = "",
    f: Annotated[str | None, Query(pattern="^(json|xlsx)$")] = None,
) -> Response:
    """Anyone: the model regime in every member's zones (or the countries ticked), for the sectors ticked."""
    records = bundled_records()
    if model not in records:
        raise bad_parameter("model", f"{model!r} is not a bundled regime")
    profiles = sector_profiles()
    sectors = sector or [DEFAULT_SECTOR]
    unknown = [code for code in sectors if code not in profiles]
    if unknown:
        raise bad_parameter("sector", f"no reference project for {', '.join(unknown)}")
    members = list(countries_with(BricsRelation.MEMBER))
    chosen = [code.upper() for code in (country or [])]
    if any(code not in members for code in chosen):
        raise bad_parameter("country", "a member country's ISO 3166 alpha-3 code (e.g. BRA)")
    projects, fx_error = _projects(sectors, fx, reader)
    scenario = common_approach(session, RegimeDocument(model, records[model]), projects, countries=chosen)
    if f == "json":
        return JSONResponse(scenario_as_dict(scenario))
    if f == "xlsx":
        media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        name = f"common-approach-{model}.xlsx"
        return Response(scenario_xlsx(scenario), media_type=media, headers=attachment(name))
    regimes = load_regimes()
    titles = regime_titles(regimes)
    _ = reader.gettext
    models = sorted(
        ({"id": regime_id, "title": f"{titles[regime_id]} ({country_name(regime.country_iso3, reader.lang)})"}
         for regime_id, regime in regimes.items() if not regime.is_standard),
        key=lambda option: sort_key(option["title"], reader.lang),
    )  # fmt: skip
    query = request.url.query
    context = {
        "models": models, "model": model, "model_title": titles.get(model, model),
        "sectors": [{"code": code, "title": _(SECTOR_TITLES.get(code, profile.title)),
                     "headcount": profile.headcount} for code, profile in profiles.items()],
        "chosen_sectors": sectors,
        "members": sorted(({"code": code, "name": country_name(code, reader.lang)} for code in members),
                          key=lambda option: sort_key(option["name"], reader.lang)),
        "chosen_countries": chosen, "fx": fx, "fx_error": fx_error,
        "rows": [_row_view(row, reader) for row in scenario_rows(scenario)],
        "sector_titles": {profile.code: _(SECTOR_TITLES.get(code, profile.title))
                          for code, profile in profiles.items()},
        "method": _(METHOD), "notes": scenario.notes,
        "links": {"xlsx": f"{SCENARIO_PATH}?{query}&f=xlsx" if query else f"{SCENARIO_PATH}?f=xlsx",
                  "json": f"{SCENARIO_PATH}?{query}&f=json" if query else f"{SCENARIO_PATH}?f=json"},
    }  # fmt: skip
    return render(request, reader, "incentives_scenario.html", context)
