"""`/chains?code=2720&zone=RUS-001`: a product's inputs and the zones that make them (issue 19).

The page draws the recipe as a Sankey diagram (inputs flowing into the product, US 2017 coefficients, a
proxy) with the full ECharts build, loaded on this page only (`static/vendor/README.md`), and lists every
input with its zones in a table, which is what screen readers, printouts and a reader without JavaScript
use. The form is a GET (an answer is a link to share); `?f=csv`, `?f=xlsx` and `?f=json` give the same
answer as files (`chains/suppliers_export.py`). It calls the one use case `chains.actions.suppliers_for`.
"""

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from markupsafe import Markup

from sezatlas.chains.actions import MAX_PER_INPUT, countries_with_zones, suppliers_for
from sezatlas.chains.recipe import PROXY_LABEL
from sezatlas.chains.suppliers import InputSuppliers, Supplier, SuppliersAnswer
from sezatlas.chains.suppliers_export import suppliers_as_dict, suppliers_csv, suppliers_xlsx
from sezatlas.web.deps import SessionDep
from sezatlas.web.downloads import attachment
from sezatlas.web.i18n import country_name, format_number, sort_key
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.offer_pages import chain_offers_view
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render

CHAINS_PATH = "/chains"
INPUTS_SHOWN = 10
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SCOPE_TITLES = {
    "same_country": N_("Same country"),
    "other_countries": N_("The association's other countries"),
}
MATCH_TITLES = {"exact": N_("exact"), "possible": N_("possible")}
RULE = N_(
    "In each group, zones tagged with the input's class come first, then zones that declared only a "
    "broader sector (possible: ask them). Then the nearest to the target zone (great-circle distance; zones "
    "without coordinates last), then the highest NPV of incentives of the zone's regime for a reference "
    "project of the input's sector (illustrative figures), then the zone id."
)
router = APIRouter(include_in_schema=False)


def _supplier_view(supplier: Supplier, reader: PageContext) -> dict[str, Any]:
    lang = reader.lang
    return {
        "zone_id": supplier.zone_id, "name": supplier.name,
        "country": country_name(supplier.country_iso3, lang),
        "match": reader.gettext(MATCH_TITLES[supplier.match.value]),
        "is_possible": supplier.match.value == "possible",
        "broader": ", ".join(supplier.broader_codes_declared),
        "distance": None if supplier.distance_km is None else format_number(supplier.distance_km, lang, 0),
        "regime_id": supplier.regime_id,
        "npv": None if supplier.incentive_npv_usd is None
        else format_number(supplier.incentive_npv_usd / 1e6, lang, 1),
        "note": supplier.incentive_note,
    }  # fmt: skip


def _input_view(rank: int, item: InputSuppliers, reader: PageContext) -> dict[str, Any]:
    lang = reader.lang
    return {
        "rank": rank, "code": item.input.code, "title": item.input.title,
        "direct": format_number(item.input.direct_per_usd, lang, 4),
        "total": format_number(item.input.total_per_usd, lang, 4),
        "valued_with": item.valued_with,
        "scopes": [
            {"key": scope.scope.value, "title": reader.gettext(SCOPE_TITLES[scope.scope.value]),
             "exact": scope.exact_zones, "possible": scope.possible_zones,
             "suppliers": [_supplier_view(s, reader) for s in scope.suppliers]}
            for scope in item.scopes
        ],
    }  # fmt: skip


def _chart(answer: SuppliersAnswer) -> dict[str, Any]:
    """The Sankey's nodes and links: each input flows into the product with its coefficient (per dollar
    of the product, by the measure the inputs were ranked by)."""
    recipe = answer.recipe
    by_total = recipe.ranked_by == "total"
    product = f"{recipe.code} {recipe.title}"
    inputs = [(f"{i.code} {i.title}", i.total_per_usd if by_total else i.direct_per_usd)
              for i in (item.input for item in answer.inputs)]  # fmt: skip
    return {
        "nodes": [{"name": name} for name, _ in inputs] + [{"name": product}],
        "links": [{"source": name, "target": product, "value": round(value, 6)} for name, value in inputs],
    }


def _heading(answer: SuppliersAnswer, reader: PageContext) -> dict[str, Markup | str]:
    """The product and target of the page's heading, isolated (`bdi`), so that an English title keeps its
    order inside an Arabic sentence."""
    product = Markup('<bdi dir="ltr">{} {}</bdi>').format(answer.recipe.code, answer.recipe.title)
    if answer.target_zone is None:
        return {"product": product, "target": country_name(answer.target_country_iso3, reader.lang)}
    return {"product": product, "target": Markup("<bdi>{}</bdi>").format(answer.target_zone.name)}


def _download(answer: SuppliersAnswer, f: str) -> Response:
    name = f"suppliers-{answer.recipe.code.replace(':', '-')}"
    if f == "json":
        return JSONResponse(suppliers_as_dict(answer))
    if f == "xlsx":
        return Response(suppliers_xlsx(answer), media_type=XLSX, headers=attachment(f"{name}.xlsx"))
    return Response(suppliers_csv(answer), media_type="text/csv; charset=utf-8",
                    headers=attachment(f"{name}.csv"))  # fmt: skip


def _links(code: str, zone: str | None, country: str | None, total: bool) -> dict[str, str]:
    query = [
        ("code", code),
        ("zone", zone or ""),
        ("country", country or ""),
        ("total", "true" if total else ""),
    ]
    kept = [(key, value) for key, value in query if value]
    return {f: f"{CHAINS_PATH}?{urlencode([*kept, ('f', f)])}" for f in ("csv", "xlsx", "json")}


@router.get(CHAINS_PATH, response_class=HTMLResponse)
def chain_page(
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    code: Annotated[str, Query(max_length=40)] = "",
    zone: Annotated[str, Query(max_length=64)] = "",
    country: Annotated[str, Query(max_length=8)] = "",
    total: Annotated[bool, Query()] = False,
    per_input: Annotated[int, Query(ge=1, le=MAX_PER_INPUT)] = 5,
    f: Annotated[str | None, Query(pattern="^(csv|json|xlsx)$")] = None,
) -> Response:
    """Anyone: a product's inputs (US 2017 proxy) and, for each, the zones that make it."""
    answer = None
    if code.strip():
        answer = suppliers_for(session, code, zone_id=zone.strip() or None, country=country.strip() or None,
                               inputs=INPUTS_SHOWN, per_input=per_input, total=total)  # fmt: skip
        if f is not None:
            return _download(answer, f)
    named = ({"code": c, "name": country_name(c, reader.lang)} for c in countries_with_zones(session))
    countries = sorted(named, key=lambda option: sort_key(option["name"], reader.lang))
    context: dict[str, Any] = {
        "form": {"code": code, "zone": zone, "country": country.upper(), "total": total},
        "countries": countries, "label": PROXY_LABEL, "rule": reader.gettext(RULE), "answer": answer,
    }  # fmt: skip
    if answer is not None:
        target = answer.target_zone
        context |= {
            "product": {"code": answer.recipe.code, "title": answer.recipe.title},
            "target": {"zone_id": target.zone_id, "name": target.name} if target else None,
            "heading": _heading(answer, reader),
            "target_country": country_name(answer.target_country_iso3, reader.lang),
            "inputs": [_input_view(rank, item, reader) for rank, item in enumerate(answer.inputs, start=1)],
            "chart": _chart(answer), "links": _links(code, zone, country, total),
            "matching": chain_offers_view(session, [share.isic_class for share in answer.recipe.stands_for],
                                          [item.input.code for item in answer.inputs], reader),
        }  # fmt: skip
    return render(request, reader, "chain.html", context)
