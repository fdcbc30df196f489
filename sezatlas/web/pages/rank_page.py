"""The site-selection page: a project form in, a ranked, explained shortlist out, as a page or a file.

`/rank?isic=2930&land_ha=20&…` is the shareable form of a ranking (the form is a GET). htmx sends the
form and swaps in only the results; without JavaScript the same form reloads the page. `f=json|xlsx|pdf`
gives the same ranking as data or a document; the PDF is made by WeasyPrint like the comparison's.
"""

from io import BytesIO
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import TypeAdapter, ValidationError
from sqlalchemy.orm import Session

from sezatlas.regimes.errors import IncentiveInputError
from sezatlas.siting.actions import rank_project
from sezatlas.siting.columns import ZoneColumns
from sezatlas.siting.registry_columns import REGISTRY_COLUMNS
from sezatlas.siting.request import RankRequest
from sezatlas.siting.shortlist import Shortlist
from sezatlas.siting.workbook import write_shortlist_xlsx
from sezatlas.standard.codes import ZoneType
from sezatlas.web.deps import SessionDep
from sezatlas.web.downloads import attachment
from sezatlas.web.error_handlers import error_response
from sezatlas.web.errors import bad_parameters
from sezatlas.web.i18n import country_name, sort_key
from sezatlas.web.pages.compare_export import XLSX_MEDIA_TYPE, comparison_pdf
from sezatlas.web.pages.isic_labels import isic_levels
from sezatlas.web.pages.labels import ZONE_TYPE_TITLES
from sezatlas.web.pages.rank_form import FieldError, RankForm, form_values, is_submitted, parse_form
from sezatlas.web.pages.rank_view import shortlist_view
from sezatlas.web.pages.rank_words import CRITERION_TITLES
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render_form_page, render_text

router = APIRouter(include_in_schema=False)
FORMATS = {"html", "json", "xlsx", "pdf"}
SHORTLIST_SIZE = 10
SAMPLES = 5000  # weight samples for acceptability: ±1 percentage point, in a few milliseconds
CURRENCIES = ("USD", "EUR", "CNY", "RUB", "INR", "BRL", "ZAR", "AED", "SAR", "EGP", "ETB", "IRR", "IDR")


def _links(request: Request) -> dict[str, str]:
    """This ranking as a page and as files: the query is the form, minus the format and the language."""
    kept = [(key, value) for key, value in request.query_params.multi_items() if key not in {"f", "lang"}]
    query = urlencode(kept)
    return {"self": f"/rank?{query}", **{fmt: f"/rank?{query}&f={fmt}" for fmt in ("json", "xlsx", "pdf")}}


def _form_options(columns: ZoneColumns, reader: PageContext) -> dict[str, Any]:
    _ = reader.gettext
    codes = {str(code) for code in columns.country_iso3}
    countries = [{"code": code, "name": country_name(code, reader.lang)} for code in codes]
    return {
        "isic_options": isic_levels(reader, frozenset({"section", "division"})),
        "countries": sorted(countries, key=lambda c: sort_key(c["name"], reader.lang)),
        "zone_types": [{"code": kind.value, "name": _(ZONE_TYPE_TITLES[kind])} for kind in ZoneType],
        "weights": [{"name": name, "title": _(title)} for name, title in CRITERION_TITLES.items()],
        "currencies": CURRENCIES,
    }


def _rank(session: Session, form: RankForm) -> tuple[RankForm, RankRequest, Shortlist] | list[FieldError]:
    """Rank, or say which part of the form the incentive engine could not use."""
    try:
        ranking_request = form.to_request()
        shortlist = rank_project(session, ranking_request, shortlist_size=SHORTLIST_SIZE, samples=SAMPLES)
    except (ValidationError, IncentiveInputError) as error:
        return [FieldError("finance", str(error))]
    return form, ranking_request, shortlist


def _json_twin(ranking_request: RankRequest | None, shortlist: Shortlist | None) -> JSONResponse:
    return JSONResponse({
        "request": ranking_request.model_dump(mode="json") if ranking_request else None,
        "shortlist": TypeAdapter(Shortlist).dump_python(shortlist, mode="json") if shortlist else None,
    })  # fmt: skip


def _download(body: bytes, media_type: str, extension: str) -> Response:
    return Response(body, media_type=media_type, headers=attachment(f"sez-atlas-shortlist.{extension}"))


def _xlsx(shortlist: Shortlist) -> bytes:
    buffer = BytesIO()
    write_shortlist_xlsx(shortlist, buffer)
    return buffer.getvalue()


def _show(request: Request, reader: PageContext, context: dict[str, Any], status_code: int = 200) -> Response:
    """The whole page, or only its results for htmx (with the URL to push, so the ranking can be shared)."""
    return render_form_page(request, reader, ("rank.html", "_rank_results.html"), context, status_code)


@router.get("/rank")
def rank_page(request: Request, session: SessionDep, reader: PageContextDep) -> Response:
    """The form; with its query, the shortlist (`f=json|xlsx|pdf` for data and documents)."""
    fmt = request.query_params.get("f") or "html"
    fmt = fmt if fmt in FORMATS else "html"
    columns = REGISTRY_COLUMNS.get(session)
    context: dict[str, Any] = {"values": form_values(request.query_params), "errors": [], "result": None,
                               "links": _links(request), **_form_options(columns, reader)}  # fmt: skip
    if not is_submitted(request.query_params):
        return _json_twin(None, None) if fmt == "json" else _show(request, reader, context)
    outcome = parse_form(request.query_params)
    ranked = _rank(session, outcome) if isinstance(outcome, RankForm) else outcome
    if isinstance(ranked, list):
        if fmt != "html":
            return error_response(request, bad_parameters((e.field, e.message) for e in ranked))
        return _show(request, reader, {**context, "errors": ranked}, status_code=400)
    form, ranking_request, shortlist = ranked
    if fmt == "json":
        return _json_twin(ranking_request, shortlist)
    if fmt == "xlsx":
        return _download(_xlsx(shortlist), XLSX_MEDIA_TYPE, "xlsx")
    context["result"] = shortlist_view(
        shortlist, columns, reader, form.incentives_query(), form.inquiry_fields()
    )
    if fmt == "pdf":
        html = render_text(request, reader, "rank_pdf.html", context)
        return _download(comparison_pdf(html), "application/pdf", "pdf")
    return _show(request, reader, context)
