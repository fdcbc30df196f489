"""The compare page: 2–5 zones side by side, as a page, JSON, an XLSX workbook or a PDF.

`/compare?zones=A,B,C` is the shareable form. Without `zones`, the selection remembered in the cookie
(by the "compare" buttons) is used, by redirecting to its shareable URL. `f=json|xlsx|pdf` picks the
twin; all four show the same rows.
"""

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from sezatlas.standard.zone import Zone
from sezatlas.web.deps import SessionDep
from sezatlas.web.downloads import attachment
from sezatlas.web.error_handlers import error_response
from sezatlas.web.errors import ApiError
from sezatlas.web.i18n import country_name
from sezatlas.web.pages.compare_export import XLSX_MEDIA_TYPE, comparison_pdf, comparison_xlsx
from sezatlas.web.pages.comparison import (
    COOKIE_MAX_AGE_S,
    COOKIE_NAME,
    MAX_ZONES,
    MIN_ZONES,
    TOO_FEW,
    Comparison,
    ComparisonError,
    compare_zones,
    cookie_value,
    load_selection,
    parse_zone_ids,
)
from sezatlas.web.pages.facts import Reader
from sezatlas.web.pages.labels import ZONE_TYPE_COLOURS, ZONE_TYPE_TITLES
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render, render_text
from sezatlas.web.pages.zone_page import source_label
from sezatlas.web.zones_api import confirmed_at, zone_out

router = APIRouter(include_in_schema=False)
FORMATS = {"html", "json", "xlsx", "pdf"}


def _compare_url(zone_ids: list[str], fmt: str | None = None) -> str:
    query = "zones=" + ",".join(zone_ids)
    return f"/compare?{query}&f={fmt}" if fmt else f"/compare?{query}"


def _zone_heading(zone: Zone, ids: list[str], reader: PageContext) -> dict[str, Any]:
    others = [zone_id for zone_id in ids if zone_id != zone.zone_id]
    return {
        "zone": zone,
        "country": country_name(zone.country_iso3, reader.lang),
        "type_title": reader.gettext(ZONE_TYPE_TITLES[zone.zone_type]),
        "colour": ZONE_TYPE_COLOURS[zone.zone_type],
        "remove_url": _compare_url(others),
        "isolated_name": f"\u2068{zone.name_en}\u2069",  # FSI…PDI: keeps its brackets in Arabic text
    }


def _map_points(zones: list[Zone]) -> list[list[object]]:
    """[zone_id, name, latitude, longitude, colour, is_approximate] of each zone with a point (map.js)."""
    return [
        [zone.zone_id, zone.name_en, zone.location.latitude, zone.location.longitude,
         ZONE_TYPE_COLOURS[zone.zone_type], zone.location.coordinate_precision != "site"]
        for zone in zones
        if zone.location.latitude is not None and zone.location.longitude is not None
    ]  # fmt: skip


def _page_context(zones: list[Zone], comparison: Comparison, reader: PageContext) -> dict[str, Any]:
    ids = [zone.zone_id for zone in zones]
    return {
        "headings": [_zone_heading(zone, ids, reader) for zone in zones],
        "groups": comparison.groups,
        "not_known": comparison.not_known,
        "different_count": comparison.different_count,
        "map_points": _map_points(zones),
        "source_label": source_label,
        "links": {fmt: _compare_url(ids, fmt) for fmt in ("json", "xlsx", "pdf")},
        "inquiry_url": "/inquiries/new?" + urlencode([("zone", zone_id) for zone_id in ids]),
    }


def _json_twin(zones: list[Zone], comparison: Comparison, confirmed: dict[str, datetime]) -> dict[str, Any]:
    """The zones' records, and the comparison's rows as the page shows them (values in the reader's words)."""
    rows = [
        {"column": row.column, "label": row.label, "is_different": row.is_different, "method": row.method,
         "values": [cell.items if cell.items else cell.value for cell in row.cells]}
        for group in comparison.groups for row in group.rows
    ]  # fmt: skip
    return {
        "zones": [
            zone_out(zone, last_confirmed_at=confirmed.get(zone.zone_id)).model_dump(mode="json")
            for zone in zones
        ],
        "different_columns": [row["column"] for row in rows if row["is_different"]],
        "rows": rows,
        "not_known": comparison.not_known,
    }


def _error(request: Request, reader: PageContext, error: ComparisonError, fmt: str) -> Response:
    detail = error.translated(reader.gettext)
    if fmt != "html":
        return error_response(request, ApiError(error.status_code, detail))
    context = {"error": detail, "minimum": MIN_ZONES, "maximum": MAX_ZONES}
    return render(request, reader, "compare.html", context, status_code=error.status_code)


def _download(body: bytes, media_type: str, extension: str) -> Response:
    return Response(body, media_type=media_type, headers=attachment(f"sez-atlas-comparison.{extension}"))


def _remember(response: Response, zone_ids: list[str]) -> Response:
    response.set_cookie(COOKIE_NAME, cookie_value(zone_ids), max_age=COOKIE_MAX_AGE_S, samesite="lax")
    return response


@router.get("/compare")
def compare(request: Request, session: SessionDep, reader: PageContextDep) -> Response:
    """The zones side by side; `f=json|xlsx|pdf` for the same comparison as data or a document."""
    fmt = request.query_params.get("f") or "html"
    fmt = fmt if fmt in FORMATS else "html"
    if "zones" not in request.query_params:
        remembered = parse_zone_ids(request.cookies.get(COOKIE_NAME))
        if remembered:
            return RedirectResponse(_compare_url(remembered), status_code=303)
    zone_ids = parse_zone_ids(request.query_params.get("zones"))
    try:
        zones = load_selection(session, zone_ids)
    except ComparisonError as error:
        response = _error(request, reader, error, fmt)
        # Removing zones down to one (or none) still changes what the buttons should show as picked.
        return _remember(response, zone_ids) if error.message == TOO_FEW else response
    comparison = compare_zones(zones, Reader(reader.gettext, reader.lang))
    if fmt == "json":
        return JSONResponse(_json_twin(zones, comparison, confirmed_at(session, zones)))
    if fmt == "xlsx":
        return _download(comparison_xlsx(zones, comparison, reader.gettext), XLSX_MEDIA_TYPE, "xlsx")
    context = _page_context(zones, comparison, reader)
    if fmt == "pdf":
        html = render_text(request, reader, "compare_pdf.html", context)
        return _download(comparison_pdf(html), "application/pdf", "pdf")
    return _remember(render(request, reader, "compare.html", {**context, "error": None}), zone_ids)
