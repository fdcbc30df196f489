"""`/chains/localization?code=2720&zone=RUS-001&add=2011@RUS-002`: the localization share, and a scenario.

The shares of the product's input value present in the country's zones, in partners' zones only, or nowhere,
before and after the industries added, as a stacked bar per case (the vendored ECharts common build, drawn
by `static/js/charts.js`) and as a table, which is what screen readers and printouts use; then the largest
inputs. The label (US proxy or imported ICIO) and the method are on the page. The form is a GET (an answer
is a link to share); `?f=json` and `?f=csv` give the answer as files. One call into
`chains.localization_actions.localization_for`.
"""

import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from sezatlas.chains.localization import InputPresence, ShareSplit
from sezatlas.chains.localization_actions import MAX_ADDITIONS, LocalizationAnswer, localization_for
from sezatlas.chains.localization_export import localization_as_dict, localization_csv
from sezatlas.chains.recipe import PROXY_LABEL
from sezatlas.web.deps import SessionDep
from sezatlas.web.downloads import attachment
from sezatlas.web.i18n import country_name, format_number, format_points, format_share
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render

LOCALIZATION_PATH = "/chains/localization"
INPUTS_SHOWN = 15
PART_TITLES = {
    "in_country": N_("In the country's zones"),
    "in_partners": N_("In partners' zones only"),
    "nowhere": N_("Nowhere in the registry"),
}
PART_COLOURS = {"in_country": "#009E73", "in_partners": "#0072B2", "nowhere": "#E69F00"}  # Okabe–Ito
WHERE_TITLES = {"country": PART_TITLES["in_country"], "partners": PART_TITLES["in_partners"],
                "nowhere": PART_TITLES["nowhere"]}  # fmt: skip
CASE_TITLES = {"before": N_("Today"), "after": N_("With the additions"), "change": N_("Change")}
POINTS = N_("%(points)s pp")  # percentage points: the change of a share
router = APIRouter(include_in_schema=False)


def _additions(text: str) -> list[str]:
    return [item for item in re.split(r"[\s,;]+", text) if item]


def _shares_row(case: str, shares: ShareSplit, reader: PageContext) -> dict[str, Any]:
    """Today's and the new shares in percent; their change in percentage points."""
    parts = ("in_country", "in_partners", "nowhere", "possibly_in_country", "possibly_in_partners")
    values = {part: getattr(shares, part) for part in parts}
    if case == "change":
        unit = reader.gettext(POINTS)
        shown = {part: unit % {"points": format_points(value, reader.lang)} for part, value in values.items()}
    else:
        shown = {part: format_share(value, reader.lang) for part, value in values.items()}
    return {"case": case, "title": reader.gettext(CASE_TITLES[case]), **shown}


def _chart(answer: LocalizationAnswer, reader: PageContext) -> dict[str, Any]:
    """One stacked bar per case (today, with the additions), in percent of the input value."""
    scenario = answer.scenario
    cases = [("before", scenario.shares_before)]
    if scenario.additions:
        cases.append(("after", scenario.shares_after))
    return {
        "categories": [reader.gettext(CASE_TITLES[case]) for case, _ in cases],
        "axis_title": reader.gettext("Share of the input value, %"),
        "series": [
            {"name": reader.gettext(title), "colour": PART_COLOURS[part],
             "data": [round(getattr(shares, part) * 100, 1) for _, shares in cases]}
            for part, title in PART_TITLES.items()
        ],
    }  # fmt: skip


def _input_view(item: InputPresence, rca: float | None, reader: PageContext) -> dict[str, Any]:
    lang = reader.lang
    return {
        "code": item.code, "title": item.title, "per_usd": format_number(item.per_usd, lang, 4),
        "share": format_share(item.share, lang), "where": reader.gettext(WHERE_TITLES[item.where.value]),
        "where_key": item.where.value, "is_added": item.is_added,
        "in_country": format_number(item.zones_in_country, lang, 0),
        "in_partners": format_number(item.zones_in_partners, lang, 0),
        "possible": format_number(item.possible_zones_in_country, lang, 0),
        "top_zones": item.top_zones, "rca": None if rca is None else format_number(rca, lang, 2),
    }  # fmt: skip


def _view(answer: LocalizationAnswer, reader: PageContext) -> dict[str, Any]:
    scenario = answer.scenario
    rcas = {item.code: item.rca for item in answer.rca}
    largest = sorted(scenario.after, key=lambda item: -item.per_usd)[:INPUTS_SHOWN]
    rows = [_shares_row("before", scenario.shares_before, reader)]
    if scenario.additions:
        rows += [_shares_row("after", scenario.shares_after, reader),
                 _shares_row("change", scenario.change, reader)]  # fmt: skip
    icio, lang = answer.icio, reader.lang
    unbridged = format_number(answer.unbridged_per_usd, lang, 4) if answer.unbridged_per_usd else None
    return {
        "product": {"code": answer.product, "title": answer.title},
        "zone_id": scenario.zone_id, "country": country_name(scenario.country_iso3, reader.lang),
        "is_proxy": answer.label == PROXY_LABEL, "label": answer.label, "method": answer.method,
        "rows": rows, "chart": _chart(answer, reader),
        "inputs": [_input_view(item, rcas.get(item.code), reader) for item in largest],
        "has_rca": bool(rcas), "trade_label": answer.trade.label if answer.trade else None,
        "unbridged": unbridged,
        "domestic_inputs": format_share(icio.domestic_input_share, reader.lang) if icio else None,
        "foreign_value_added": format_share(icio.foreign_value_added, reader.lang)
        if icio and icio.foreign_value_added is not None else None,
    }  # fmt: skip


def _links(code: str, zone: str, add: str) -> dict[str, str]:
    kept = [(key, value) for key, value in (("code", code), ("zone", zone), ("add", add)) if value]
    files = {f: f"{LOCALIZATION_PATH}?{urlencode([*kept, ('f', f)])}" for f in ("csv", "json")}
    return files | {"suppliers": f"/chains?{urlencode([('code', code), ('zone', zone)])}"}


@router.get(LOCALIZATION_PATH, response_class=HTMLResponse)
def localization_page(
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    code: Annotated[str, Query(max_length=40)] = "",
    zone: Annotated[str, Query(max_length=64)] = "",
    add: Annotated[str, Query(max_length=40 * MAX_ADDITIONS)] = "",
    f: Annotated[str | None, Query(pattern="^(csv|json)$")] = None,
) -> Response:
    """Anyone: where a product's inputs are present in the registry, and what added industries change."""
    context: dict[str, Any] = {"form": {"code": code, "zone": zone, "add": add}, "answer": None}
    if code.strip() and zone.strip():
        answer = localization_for(session, code, zone, _additions(add))
        if f == "json":
            return JSONResponse(localization_as_dict(answer))
        if f == "csv":
            name = f"localization-{answer.product.replace(':', '-')}-{answer.scenario.zone_id}.csv"
            return Response(localization_csv(answer), media_type="text/csv; charset=utf-8",
                            headers=attachment(name))  # fmt: skip
        context |= {"answer": _view(answer, reader), "links": _links(code, zone, add)}
    return render(request, reader, "chain_localization.html", context)
