"""The incentives page: a project in, each chosen regime against its country's standard regime out.

`/incentives?sector=auto_parts&capex_machinery_m=55&regime=RUS-tor&…` is the shareable form of a
comparison (the form is a GET). htmx sends the form and swaps in the form (with the messages next to its
fields) and the results; without JavaScript the same form reloads the page. Choosing a sector fills in
its illustrative figures (`apply=sector`). `f=json` gives the project and the comparison as data, in the
shape of `POST /api/v1/incentives/project`'s answer; `f=xlsx|pdf` the comparison as a document. A form
the engine cannot use is a 400. The form's last step designs a regime from a bundled one
(`incentives_design.py`): it is compared first, marked as custom, and `f=toml` downloads it as the file
`sezatlas incentives compare --regime-file` reads.
"""

from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import ValidationError

from sezatlas.regimes.actions import compare_incentives
from sezatlas.regimes.comparison import RegimeOutcome, outcome_as_dict
from sezatlas.regimes.design import RegimeDesign, design_document, designed_regime_file
from sezatlas.regimes.designer import RegimeDocument
from sezatlas.regimes.errors import CustomRegimeError, IncentiveInputError
from sezatlas.regimes.loader import load_regimes
from sezatlas.regimes.project import Project
from sezatlas.regimes.rules import Regime
from sezatlas.regimes.sector_profiles import sector_profiles
from sezatlas.web.downloads import attachment
from sezatlas.web.error_handlers import error_response
from sezatlas.web.errors import bad_parameters
from sezatlas.web.i18n import country_name, sort_key
from sezatlas.web.pages.incentives_design import (
    ASSET_TITLES,
    METHOD_TITLES,
    PHASE_ROWS,
    design_problems,
    design_values,
    parse_design,
)
from sezatlas.web.pages.incentives_design import labels as design_labels
from sezatlas.web.pages.incentives_export import DOCUMENTS, incentives_document
from sezatlas.web.pages.incentives_form import (
    FIELD_LABELS,
    SECTOR_TITLES,
    IncentivesForm,
    errors_by_field,
    form_values,
    is_submitted,
    parse_form,
    share_query,
)
from sezatlas.web.pages.incentives_view import npv_chart, regime_row, schedule_view
from sezatlas.web.pages.rank_form import FieldError
from sezatlas.web.pages.rank_page import CURRENCIES
from sezatlas.web.pages.regime_words import regime_titles, short_name
from sezatlas.web.pages.rendering import PageContext, PageContextDep, is_htmx, render_form_page
from sezatlas.web.pages.zone_page import source_label

router = APIRouter(include_in_schema=False)
PATH = "/incentives"
FORMATS = {"json", "toml", *DOCUMENTS}
TOML_MEDIA_TYPE = "application/toml"
INVALID = 400  # the form is a GET query: its fields are parameters (docs/web.md, errors)
TEMPLATES = ("incentives.html", "_incentives_layout.html")  # the page, and the part htmx swaps
Compared = tuple[Project, list[RegimeOutcome]]
View = dict[str, Any]  # what a template shows: a country and its regimes, the results
Designed = tuple[str, RegimeDesign] | None  # the bundled regime a design starts from, and the design


def _regime_groups(regimes: dict[str, Regime], chosen: list[str], reader: PageContext) -> list[View]:
    """The regimes by country (countries in the reader's alphabet), each country's standard regime first."""
    titles = regime_titles(regimes)
    groups: dict[str, list[Regime]] = {}
    for regime in regimes.values():
        groups.setdefault(regime.country_iso3, []).append(regime)
    shown = [
        {"code": iso3, "name": country_name(iso3, reader.lang),
         "chosen": sum(regime.regime_id in chosen for regime in members),
         "regimes": [{"id": r.regime_id, "label": titles[r.regime_id], "name": r.name,
                      "is_chosen": r.regime_id in chosen}
                     for r in sorted(members, key=lambda r: (not r.is_standard, r.regime_id))]}
        for iso3, members in groups.items()
    ]  # fmt: skip
    return sorted(shown, key=lambda group: sort_key(group["name"], reader.lang))


def _form_options(regimes: dict[str, Regime], values: dict[str, Any], reader: PageContext) -> dict[str, Any]:
    _ = reader.gettext
    return {
        "sectors": [
            {"code": code, "title": _(SECTOR_TITLES.get(code, profile.title))}
            for code, profile in sector_profiles().items()
        ],
        "regime_groups": _regime_groups(regimes, values["regime"], reader),
        "labels": {name: _(label) for name, label in FIELD_LABELS.items()} | design_labels(_),
        "currencies": CURRENCIES,
        "design_rows": range(1, PHASE_ROWS + 1),
        "asset_classes": [{"code": kind.value, "title": _(title)} for kind, title in ASSET_TITLES.items()],
        "methods": [{"code": method.value, "title": _(title)} for method, title in METHOD_TITLES.items()],
    }


def _design_name(reader: PageContext) -> Callable[[Regime], str]:
    """The name a design starts with, in the reader's language: "My regime, from Export Processing Zone"."""

    def name(start: Regime) -> str:
        return reader.gettext("My regime, from %(regime)s") % {"regime": short_name(start)}

    return name


def _links(values: dict[str, Any]) -> dict[str, str]:
    """This comparison as a page, as data and as documents (the query is the form, minus the format and the
    language)."""
    query = share_query(values)
    return {
        "self": f"{PATH}?{query}",
        **{fmt: f"{PATH}?{query}&f={fmt}" for fmt in ("json", "xlsx", "pdf", "toml")},
    }


def _schedule_link(values: dict[str, Any], regime_id: str) -> str:
    return f"{PATH}?{share_query({**values, 'schedule': regime_id})}"


def _compare(form: IncentivesForm, regimes: dict[str, Regime], design: Designed,
             custom: list[RegimeDocument]) -> Compared | list[FieldError]:  # fmt: skip
    """The designed regime (`custom`) and every chosen one against its standard regime, or what the engine
    refused (in the design: next to the field that wrote it)."""
    try:
        project = form.project_input().to_project()
        ids = list(dict.fromkeys(form.regime))
        return project, compare_incentives(project, ids, custom=custom, regimes=regimes)
    except CustomRegimeError as error:
        return design_problems(error, design[1].extra if design is not None else {})
    except (ValidationError, IncentiveInputError) as error:
        return [FieldError("form", str(error))]


def _toml_file(request: Request, reader: PageContext, context: dict[str, Any], design: Designed) -> Response:
    """The designed regime as the TOML file `--regime-file` reads; a 400 when none is designed or it fails."""
    if design is None:
        message = reader.gettext("Choose a regime to start from.")
        return _invalid(request, reader, context, [FieldError("design_from", message)], is_json=True)
    try:
        name, text = designed_regime_file(*design)
    except CustomRegimeError as error:
        return _invalid(request, reader, context, design_problems(error, design[1].extra), is_json=True)
    return Response(text, media_type=TOML_MEDIA_TYPE, headers=attachment(name))


def _result(compared: Compared, form: IncentivesForm, values: dict[str, Any], reader: PageContext) -> View:
    """Everything the results part of the page shows."""
    project, outcomes = compared
    custom = {outcome.regime.regime_id: outcome.regime for outcome in outcomes if outcome.is_custom}
    titles = regime_titles({**load_regimes(), **custom})
    rows = [regime_row(outcome, reader, titles) for outcome in outcomes]
    chosen = next((o for o in outcomes if o.regime.regime_id == form.schedule), None)
    return {
        "rows": rows,
        "chart": npv_chart(rows, project.currency, reader),
        "currency": project.currency,
        "nominal_rate_pct": project.nominal_discount_rate * 100,
        "first_year": project.start_date.year,
        "last_year": project.start_date.year + project.horizon_years - 1,
        "schedule_links": {row["regime_id"]: _schedule_link(values, row["regime_id"]) for row in rows},
        "schedule": schedule_view(chosen, reader, titles) if chosen is not None else None,
    }


def _json_twin(form: IncentivesForm | None, compared: Compared | None,
               custom: list[RegimeDocument] | None = None) -> JSONResponse:  # fmt: skip
    """The answer of POST /api/v1/incentives/project, with the request that gives it (`request`)."""
    project, outcomes = compared if compared is not None else (None, [])
    request = (
        None
        if form is None
        else {
            "project": form.project_input().model_dump(mode="json"),
            "regime_ids": list(dict.fromkeys(form.regime)),
            "custom_regimes": [jsonable_encoder(document.record) for document in custom or []],
            "with_metr": True,
        }
    )
    return JSONResponse({
        "request": request,
        "project": project.name if project else None,
        "currency": project.currency if project else None,
        "regimes": [outcome_as_dict(outcome) for outcome in outcomes],
    })  # fmt: skip


def _invalid(request: Request, reader: PageContext, context: dict[str, Any], problems: list[FieldError],
             is_json: bool) -> Response:  # fmt: skip
    """A 400 naming each field: in the page, next to the field and in a summary, or as data."""
    if is_json:
        return error_response(request, bad_parameters((p.field, p.message) for p in problems))
    context = {**context, "errors": errors_by_field(problems), "problems": problems}
    return _show(request, reader, context, status_code=INVALID)


def _show(request: Request, reader: PageContext, context: dict[str, Any], status_code: int = 200) -> Response:
    """The whole page, or for htmx the form and the results (with the URL to push, to share them)."""
    return render_form_page(request, reader, TEMPLATES, context, status_code)


@router.get(PATH)
def incentives_page(request: Request, reader: PageContextDep) -> Response:
    """The form; with its query, the comparison (`f=json` for data)."""
    query = request.query_params
    fmt = query.get("f") if query.get("f") in FORMATS else "html"
    is_json = fmt != "html"  # a document answers a form it cannot use as the data twin does
    regimes = load_regimes()
    values = form_values(query) | design_values(query, regimes, _design_name(reader))
    links = _links(values)
    applied = query.get("apply") in {"sector", "design"}
    if applied and is_submitted(query) and not is_htmx(request) and not is_json:
        return RedirectResponse(links["self"], status_code=303)  # the figures filled in, as a clean URL
    context: dict[str, Any] = {
        "values": values, "errors": {}, "problems": [], "result": None, "links": links,
        "source_label": source_label, **_form_options(regimes, values, reader),
    }  # fmt: skip
    if not is_submitted(query):
        return _json_twin(None, None) if fmt == "json" else _show(request, reader, context)
    form = parse_form(values, regimes, reader.gettext, has_design=bool(values["design_from"]))
    design = parse_design(values, regimes, reader.gettext)
    problems = [*(form if isinstance(form, list) else []), *(design if isinstance(design, list) else [])]
    if isinstance(form, list) or isinstance(design, list):
        return _invalid(request, reader, context, problems, is_json)
    if fmt == "toml":
        return _toml_file(request, reader, context, design)
    custom = [] if design is None else [design_document(*design)]
    compared = _compare(form, regimes, design, custom)
    if isinstance(compared, list):
        return _invalid(request, reader, context, compared, is_json)
    if fmt == "json":
        return _json_twin(form, compared, custom)
    context["result"] = _result(compared, form, values, reader)
    if fmt in DOCUMENTS:
        return incentives_document(request, reader, context, fmt)
    return _show(request, reader, context)
