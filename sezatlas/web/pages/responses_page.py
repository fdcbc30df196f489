"""`/responses`: the public response dashboard — per country, zone or operating organisation, how many
inquiries came in, how many were answered, the share answered within target, and the median and
90th-percentile days to the first answer (issue 17).

Anyone may read it: it shows only what `inquiries.dashboard.response_dashboard` counts, never an inquiry's
content or its sender. Groups are named for readers (a country in their language, a zone by its name, an
organisation by its name) and sorted by that name; `?f=json` gives the same figures, unrounded, as
`/api/v1/responses` words them.
"""

from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from sqlalchemy.orm import Session

from sezatlas.accounts.organisations import operator_names
from sezatlas.inquiries.clock import DEFAULT_TARGET
from sezatlas.inquiries.dashboard import GroupBy, response_dashboard
from sezatlas.inquiries.response_stats import ResponseStats
from sezatlas.store.zones import zone_names
from sezatlas.web.deps import SessionDep
from sezatlas.web.i18n import country_name, sort_key
from sezatlas.web.pages.labels import N_
from sezatlas.web.pages.rendering import PageContext, PageContextDep, render
from sezatlas.web.pages.response_figures import figures, stats_json

RESPONSES_PATH = "/responses"
API_PATH = "/api/v1/responses"
GROUP_TITLES: dict[GroupBy, str] = {
    GroupBy.COUNTRY: N_("Country"),
    GroupBy.ZONE: N_("Zone"),
    GroupBy.ORGANISATION: N_("Operating organisation"),
}
GROUPINGS: dict[GroupBy, str] = {
    GroupBy.COUNTRY: N_("By country"),
    GroupBy.ZONE: N_("By zone"),
    GroupBy.ORGANISATION: N_("By operating organisation"),
}
router = APIRouter(include_in_schema=False)


def _names(session: Session, by: GroupBy, keys: list[str], reader: PageContext) -> dict[str, str]:
    """Each group's name for the reader: countries in their language, zones and organisations as stored."""
    if by is GroupBy.COUNTRY:
        return {key: country_name(key, reader.lang) for key in keys}
    if by is GroupBy.ZONE:
        return {zone.zone_id: zone.name_en for zone in zone_names(session, keys)}
    found = operator_names(session, [int(key) for key in keys if key.isdigit()])
    return {str(organisation_id): name for organisation_id, name in found.items()}


def _href(by: GroupBy, key: str) -> str | None:
    return {GroupBy.COUNTRY: f"/countries/{key}", GroupBy.ZONE: f"/zones/{key}"}.get(by)


def _rows(session: Session, by: GroupBy, found: dict[str, ResponseStats], reader: PageContext
          ) -> list[dict[str, Any]]:  # fmt: skip
    names = _names(session, by, list(found), reader)
    rows = [
        {"key": key, "name": names.get(key, key), "href": _href(by, key), "stats": stats,
         "figures": figures(stats, reader.lang)}
        for key, stats in found.items()
    ]  # fmt: skip
    return sorted(rows, key=lambda row: sort_key(row["name"], reader.lang))


@router.get(RESPONSES_PATH, response_class=HTMLResponse)
def responses_page(
    request: Request,
    session: SessionDep,
    reader: PageContextDep,
    by: GroupBy = GroupBy.COUNTRY,
    f: Annotated[str | None, Query(pattern="^json$")] = None,
) -> Response:
    """Anyone: the figures of every group of one kind, with how the clock counts."""
    rows = _rows(session, by, response_dashboard(session, by), reader)
    if f == "json":
        groups = [{"key": row["key"], "name": row["name"], **stats_json(row["stats"])} for row in rows]
        return JSONResponse({"by": by.value, "groups": groups})
    values = {
        "by": by.value,
        "group_title": reader.gettext(GROUP_TITLES[by]),
        "groupings": [
            {"value": kind.value, "title": reader.gettext(name)} for kind, name in GROUPINGS.items()
        ],
        "rows": rows,
        "is_language_of_names": by is not GroupBy.COUNTRY,  # zone and organisation names are as recorded
        "default_target_days": DEFAULT_TARGET / timedelta(days=1),
        "links": {"json": f"{RESPONSES_PATH}?by={by.value}&f=json", "api": f"{API_PATH}?by={by.value}"},
        "api_path": API_PATH,
    }
    return render(request, reader, "responses.html", values)
