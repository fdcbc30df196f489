"""The home page: every zone on a map and in a list, narrowed by filters, in one shareable URL.

The form is sent by htmx, which swaps in the list fragment and pushes the canonical URL; the map then
fetches `/map/points` for the same filters, so map and list always answer the same query.
`?f=json` gives the page's list as JSON (its Datasette-style twin).
"""

from math import ceil
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from sezatlas.registry.query_words import understand
from sezatlas.registry.statistics import registry_stats
from sezatlas.standard.codelists import isic_codes
from sezatlas.standard.codes import ZoneStatus, ZoneType
from sezatlas.standard.membership import BricsRelation, countries_with
from sezatlas.store.zone_search import SectorMatch, search_points, search_zones
from sezatlas.web.deps import SessionDep
from sezatlas.web.i18n import country_name, sort_key
from sezatlas.web.pages.filters import PAGE_SIZE, ZoneFilters, parse_filters
from sezatlas.web.pages.isic_labels import isic_label
from sezatlas.web.pages.labels import N_, PRECISION_TITLES, STATUS_TITLES, ZONE_TYPE_COLOURS, ZONE_TYPE_TITLES
from sezatlas.web.pages.rendering import PageContext, PageContextDep, is_htmx, render
from sezatlas.web.pages.search_hints import asked_sectors, country_hint, possible_match_note, sector_hint
from sezatlas.web.zones_api import confirmed_at, zone_out

router = APIRouter(include_in_schema=False)
MAP_POINT_LIMIT = 50_000
# The shortcuts of the country filter: every country of that relation to BRICS.
BRICS_SHORTCUTS = {BricsRelation.MEMBER: N_("BRICS members"), BricsRelation.PARTNER: N_("BRICS partners")}
# Where a person lands after erasing their account (`my_account_page.erase`, `/?erased=1`).
ACCOUNT_ERASED = N_("Your account and your personal data are erased, and you are logged out.")


def _isic_options(reader: PageContext) -> list[dict[str, Any]]:
    """ISIC sections, each with its divisions (the levels zones are described at), in the reader's words."""
    table = isic_codes()
    return [
        {"label": isic_label(section.code, reader),
         "divisions": [isic_label(d.code, reader) for d in table.values()
                       if d.level == "division" and d.parent == section.code]}
        for section in table.values() if section.level == "section"
    ]  # fmt: skip


def _isic_chosen(filters: ZoneFilters, reader: PageContext) -> dict[str, Any]:
    """The chosen sector in full (a select shows it cut), and whether the list offers it (a group or class
    from a shared URL is added to the list)."""
    if not filters.isic:
        return {"isic_chosen": None, "isic_chosen_listed": False}
    listed = filters.isic in isic_codes() and isic_codes()[filters.isic].level in {"section", "division"}
    return {"isic_chosen": isic_label(filters.isic, reader), "isic_chosen_listed": listed}


def _country_chosen(filters: ZoneFilters, reader: PageContext) -> str:
    """The country filter in words, for the closed picker: "BRICS partners, Russia", or "All countries"."""
    _ = reader.gettext
    names = [_(BRICS_SHORTCUTS[BricsRelation(b)]) for b in filters.brics if b in BRICS_SHORTCUTS]
    names += sorted((country_name(code, reader.lang) for code in filters.countries),
                    key=lambda name: sort_key(name, reader.lang))  # fmt: skip
    return ", ".join(names) or _("All countries")


def _brics_shortcuts(reader: PageContext) -> list[dict[str, Any]]:
    return [
        {"code": relation.value, "title": reader.gettext(title), "countries": len(countries_with(relation))}
        for relation, title in BRICS_SHORTCUTS.items()
    ]


def _form_options(session: SessionDep, filters: ZoneFilters, reader: PageContext) -> dict[str, Any]:
    _ = reader.gettext
    countries = sorted(
        ({"code": c.iso3, "name": country_name(c.iso3, reader.lang), "zones": c.zones}
         for c in registry_stats(session)),
        key=lambda c: sort_key(str(c["name"]), reader.lang),
    )  # fmt: skip
    return {
        "countries": countries,
        "brics_shortcuts": _brics_shortcuts(reader),
        "zone_types": [
            {"code": kind.value, "title": _(ZONE_TYPE_TITLES[kind]), "colour": ZONE_TYPE_COLOURS[kind]}
            for kind in ZoneType
        ],
        "statuses": [{"code": s.value, "title": _(STATUS_TITLES[s])} for s in ZoneStatus],
        "isic_sections": _isic_options(reader),
    }


def _url(path: str, *query_parts: str) -> str:
    query = "&".join(part for part in query_parts if part)
    return f"{path}?{query}" if query else path


def _links(filters: ZoneFilters, total: int) -> dict[str, str | None]:
    """This search as a page, as JSON, through the API, and its neighbouring pages."""
    api_query = urlencode({**filters.api_params(), "sort": filters.sort.value}, safe=",")
    pages = max(1, ceil(total / PAGE_SIZE))
    return {
        "self": _url("/", filters.query_string()),
        "json": _url("/", filters.query_string(), "f=json"),
        "api": _url("/api/v1/zones", api_query),
        "geojson": _url("/api/v1/zones", api_query, "f=geojson&limit=1000"),
        "csv": _url("/api/v1/zones", api_query, "f=csv&limit=1000"),
        "points": _url("/map/points", urlencode(filters.api_params(), safe=",")),  # every filter, words too
        "previous": _url("/", filters.query_string(filters.page - 1)) if filters.page > 1 else None,
        "next": _url("/", filters.query_string(filters.page + 1)) if filters.page < pages else None,
    }


def _results(session: SessionDep, filters: ZoneFilters, reader: PageContext) -> dict[str, Any]:
    page = search_zones(session, filters.list_query())
    _ = reader.gettext
    asked = asked_sectors(filters)
    zones = [
        {"zone": zone,
         "country": country_name(zone.country_iso3, reader.lang),
         "type_title": _(ZONE_TYPE_TITLES[zone.zone_type]),
         "colour": ZONE_TYPE_COLOURS[zone.zone_type],
         "status_title": _(STATUS_TITLES[zone.status]) if zone.status else None,
         "possible_sector": possible_match_note(zone, asked, reader)
         if page.sector_matches.get(zone.zone_id) == SectorMatch.POSSIBLE else None}
        for zone in page.zones
    ]  # fmt: skip
    on_map = search_zones(session, filters.map_query(limit=0)).total
    with_zones = {country.iso3 for country in registry_stats(session)}
    return {
        "country_hint": country_hint(filters, reader, with_zones),
        "sector_hint": sector_hint(filters, reader),
        "country_chosen": _country_chosen(filters, reader),
        **_isic_chosen(filters, reader),
        "filters": filters,
        "total": page.total,
        "on_map": on_map,
        "zones": zones,
        "page_count": max(1, ceil(page.total / PAGE_SIZE)),
        "first_index": (filters.page - 1) * PAGE_SIZE + 1,
        "links": _links(filters, page.total),
    }


def _json_twin(session: SessionDep, filters: ZoneFilters) -> dict[str, Any]:
    page = search_zones(session, filters.list_query())
    confirmed = confirmed_at(session, page.zones)
    return {
        "total": page.total,
        "page": filters.page,
        "page_size": PAGE_SIZE,
        "filters": filters.api_params(),
        "understood": _understood(filters),
        "items": [
            zone_out(
                zone,
                sector_match=page.sector_matches.get(zone.zone_id),
                last_confirmed_at=confirmed.get(zone.zone_id),
            ).model_dump(mode="json")
            for zone in page.zones
        ],
        "links": _links(filters, page.total),
    }


def _understood(filters: ZoneFilters) -> dict[str, list[str]] | None:
    """What the text was read as besides names (countries, places, ISIC codes, other words), for the twin."""
    if not filters.q:
        return None
    meaning = understand(filters.q).meaning
    return {"countries": list(meaning.countries), "places": list(meaning.places), "isic": list(meaning.isic),
            "other_words": list(meaning.other_words)}  # fmt: skip


@router.get("/", response_class=HTMLResponse)
def home(request: Request, session: SessionDep, reader: PageContextDep) -> Response:
    """The map and the list; an htmx request gets only the list fragment (and its pushed URL)."""
    filters = parse_filters(request.query_params)  # a bad value: the error page, or its fragment for htmx
    if request.query_params.get("f") == "json":
        return JSONResponse(_json_twin(session, filters))
    results = _results(session, filters, reader)
    if is_htmx(request):
        response = render(request, reader, "_results.html", {**results, "is_fragment": True})
        response.headers["HX-Push-Url"] = str(results["links"]["self"])
        return response
    _ = reader.gettext
    context = {
        **results,
        **_form_options(session, filters, reader),
        "is_fragment": False,
        "precision_titles": {key: _(title) for key, title in PRECISION_TITLES.items()},
        "notice": _(ACCOUNT_ERASED) if request.query_params.get("erased") == "1" else None,
    }
    return render(request, reader, "home.html", context)


@router.get("/map/points")
def map_points(request: Request, session: SessionDep) -> JSONResponse:
    """Every matching zone that has a point, compactly: [id, name, lat, lon, type, is_approximate]."""
    filters = parse_filters(request.query_params)
    total, found = search_points(session, filters.map_query(MAP_POINT_LIMIT))
    points = [[p.zone_id, p.name_en, p.latitude, p.longitude, p.zone_type, p.is_approximate] for p in found]
    return JSONResponse({"total": total, "points": points})
