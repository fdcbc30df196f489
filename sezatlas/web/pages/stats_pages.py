"""`/stats` (zones per country and type, each regime's headline figure and coverage) and `/countries/{iso3}`
(with how its zones answered investors' inquiries: `response_figures.py`).

Each page draws its chart with the vendored ECharts from data embedded in the page, and prints the
same numbers in a table (the accessible form, and what works without JavaScript). `?f=json` gives the
numbers as `/api/v1/stats` words them.
"""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from sezatlas.inquiries.dashboard import GroupBy, response_dashboard
from sezatlas.registry.statistics import CountryStats, registry_overview
from sezatlas.standard.codes import CoordinatePrecision
from sezatlas.stewardship.freshness import FRESH_MONTHS, confirmation_shares
from sezatlas.web.deps import SessionDep
from sezatlas.web.errors import ApiError
from sezatlas.web.i18n import country_name, sort_key
from sezatlas.web.pages.country_outlook import outlook_view
from sezatlas.web.pages.facts import Reader
from sezatlas.web.pages.labels import N_, PRECISION_TITLES, ZONE_TYPE_COLOURS, ZONE_TYPE_TITLES
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render
from sezatlas.web.pages.response_figures import group_figures
from sezatlas.web.pages.statistics import countries_by_type, coverage_rows, types_by_status
from sezatlas.web.pages.zone_page import source_label

router = APIRouter(include_in_schema=False)


def _map_settings(reader: PageContext) -> dict[str, Any]:
    """What the country map needs to colour and label its markers (as the home map does)."""
    translate = reader.gettext
    return {
        "zone_types": [
            {"code": kind, "title": translate(title), "colour": ZONE_TYPE_COLOURS[kind]}
            for kind, title in ZONE_TYPE_TITLES.items()
        ],
        "map_labels": {
            "approximate": translate(PRECISION_TITLES[CoordinatePrecision.APPROXIMATE]),
            "site": translate(PRECISION_TITLES[CoordinatePrecision.SITE]),
            "attribution": translate(N_("Borders: Natural Earth (de facto lines)")),
        },
    }


@router.get("/stats")
def stats_page(request: Request, session: SessionDep, reader: PageContextDep) -> Response:
    """Zones per country and type, as a chart and a table, and each regime's headline figure and coverage."""
    stats = registry_overview(session)
    if request.query_params.get("f") == "json":
        return JSONResponse(stats.model_dump(mode="json"))
    words = Reader(reader.gettext, reader.lang)
    table = countries_by_type(stats.countries, words)
    by_name = sorted(
        stats.countries, key=lambda entry: sort_key(country_name(entry.iso3, reader.lang), reader.lang)
    )
    context = {
        "table": table,
        "chart": table.chart(reader.gettext("Zones")),
        "total": stats.zones,
        "parts_counted_with_whole": stats.parts_counted_with_whole,
        "unplaced": len(stats.unplaced),
        "coverage": [row for entry in by_name for row in coverage_rows(entry, words)],
        "source_label": source_label,
        "freshness": _freshness_rows(session, reader),
        "fresh_months": FRESH_MONTHS,
    }
    return render(request, reader, "stats.html", context)


def _freshness_rows(session: SessionDep, reader: PageContext) -> list[dict[str, Any]]:
    """Per country (by name in the reader's language): zones, and how many their operator confirmed lately."""
    rows = [
        {"iso3": entry.country_iso3, "country": country_name(entry.country_iso3, reader.lang),
         "zones": entry.zones, "confirmed": entry.confirmed, "share_pct": 100 * entry.share}
        for entry in confirmation_shares(session, months=FRESH_MONTHS)
    ]  # fmt: skip
    return sorted(rows, key=lambda row: sort_key(row["country"], reader.lang))


def _country_or_404(stats: list[CountryStats], iso3: str) -> CountryStats | None:
    return next((entry for entry in stats if entry.iso3 == iso3.upper()), None)


@router.get("/countries/{iso3}")
def country_page(iso3: str, request: Request, session: SessionDep, reader: PageContextDep) -> Response:
    """One country's zones by type and status (chart and table), a map of them, and its regimes' figures."""
    stats = registry_overview(session)
    entry = _country_or_404(stats.countries, iso3)
    if entry is None:
        detail = reader.gettext("The registry has no zones in the country %(code)s.") % {"code": iso3}
        raise ApiError(404, detail)
    if request.query_params.get("f") == "json":
        return JSONResponse(entry.model_dump(mode="json"))
    words = Reader(reader.gettext, reader.lang)
    table = types_by_status(entry.by_type_and_status, words)
    context = {
        "entry": entry,
        "country": country_name(entry.iso3, reader.lang),
        "table": table,
        "chart": table.chart(reader.gettext("Zones")),
        "coverage": coverage_rows(entry, words),
        "parts_counted_with_whole": stats.parts_counted_with_whole,
        "source_label": source_label,
        "points_url": f"/map/points?country={entry.iso3}",
        "response_figures": group_figures(
            response_dashboard(session, GroupBy.COUNTRY, only=entry.iso3), entry.iso3, reader.lang
        ),
        "outlook": outlook_view(entry.iso3, reader),
        **_map_settings(reader),
    }
    return render(request, reader, "country.html", context)
