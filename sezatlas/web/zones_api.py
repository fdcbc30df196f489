"""`/api/v1/zones`: search, filter, sort and page the registry; JSON, GeoJSON or CSV."""

import json
import math
from collections.abc import Sequence
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from pydantic_core import to_json
from sqlalchemy.orm import Session

from sezatlas.registry.formats import feature_collection, zones_csv
from sezatlas.registry.query_words import meaning_of
from sezatlas.registry.zone_query import (
    parse_bbox,
    parse_countries,
    parse_enum_values,
    parse_isic,
    parse_near,
)
from sezatlas.standard.codes import ZoneStatus, ZoneType
from sezatlas.standard.membership import BricsRelation
from sezatlas.standard.provenance import as_of_start
from sezatlas.standard.zone import Zone
from sezatlas.stewardship.freshness import last_confirmed
from sezatlas.stewardship.history import registry_as_of
from sezatlas.stewardship.versions import BadMomentError, aware, moment_of
from sezatlas.store.database import close_session, statement_by_statement
from sezatlas.store.zone_search import SectorMatch, ZonePage, ZoneQuery, ZoneSort, search_zones
from sezatlas.store.zones import get_zone
from sezatlas.web.deps import SessionDep
from sezatlas.web.errors import ErrorOut, bad_parameter, not_found
from sezatlas.web.zone_list_cache import Answer, ZoneListCache

router = APIRouter(prefix="/api/v1", tags=["zones"])
MAX_PAGE = 1000


class OutputFormat(StrEnum):
    JSON = "json"
    GEOJSON = "geojson"
    CSV = "csv"


class ZoneOut(Zone):
    """A zone with what the API adds: its distance from `lat`/`lon`, and the age of its data."""

    distance_km: float | None = None
    data_age_days: int | None = Field(default=None, description="Days since the record's as-of date.")
    sector_match: SectorMatch | None = Field(
        default=None,
        description="With an `isic` filter, or sector words in `q`: `exact` (tagged with the code or below "
        "it) or `possible` (tagged only with a broader code, e.g. section C for 2720: ask the zone); with "
        "sector words, null for a zone found by its name alone.",
    )
    last_confirmed_at: datetime | None = Field(
        default=None,
        description="When the zone's operator last confirmed its facts (an approved change of theirs, or "
        "a confirmation as they stand), UTC; null: never.",
    )


class ZoneListOut(BaseModel):
    total: int = Field(description="Zones matching the filters, over all pages.")
    limit: int
    offset: int
    items: list[ZoneOut]
    next: str | None = None


def confirmed_at(session: Session, zones: Sequence[Zone]) -> dict[str, datetime]:
    """When each zone's operator last confirmed its facts (`last_confirmed_at` of `zone_out`)."""
    found = last_confirmed(session, [zone.zone_id for zone in zones])
    return {zone_id: confirmation.at for zone_id, confirmation in found.items()}


def zone_out(
    zone: Zone,
    distance_km: float | None = None,
    today: date | None = None,
    sector_match: SectorMatch | None = None,
    last_confirmed_at: datetime | None = None,
) -> ZoneOut:
    as_of = zone.provenance.as_of
    age = ((today or date.today()) - as_of_start(as_of)).days if as_of else None
    # The zone was validated when it was read; constructing skips validating every fact a second time.
    return ZoneOut.model_construct(
        **dict(zone), distance_km=distance_km, data_age_days=age, sector_match=sector_match,
        last_confirmed_at=last_confirmed_at,
    )  # fmt: skip


def _next_link(total: int, limit: int, offset: int, query_string: str) -> str | None:
    if offset + limit >= total:
        return None
    kept = [p for p in query_string.split("&") if p and not p.startswith(("offset=", "limit="))]
    return "/api/v1/zones?" + "&".join([*kept, f"limit={limit}", f"offset={offset + limit}"])


@router.get(
    "/zones",
    response_model=ZoneListOut,
    summary="Search zones",
    responses={200: {"content": {"application/geo+json": {}, "text/csv": {}}}, 400: {"model": ErrorOut}},
)
def list_zones(
    request: Request,
    session: SessionDep,
    country: Annotated[
        list[str] | None,
        Query(description="ISO3 codes, repeated or comma-separated (`RUS,BRA`): zones in any of them"),
    ] = None,
    brics: Annotated[
        list[str] | None,
        Query(
            description="Zones in BRICS member and/or partner countries: member, partner, invited. A "
            "shortcut for those countries: with `country`, zones in any of the countries named either way."
        ),
    ] = None,
    zone_type: Annotated[list[str] | None, Query(description="Zone type codes")] = None,
    status: Annotated[list[str] | None, Query(description="Status codes")] = None,
    isic: Annotated[list[str] | None, Query(description="ISIC Rev.4 codes or prefixes (e.g. 29, C)")] = None,
    min_free_area_ha: Annotated[float | None, Query(ge=0, le=1e9)] = None,
    min_area_ha: Annotated[float | None, Query(ge=0, le=1e9)] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat (WGS84)")] = None,
    lat: Annotated[float | None, Query(ge=-90, le=90)] = None,
    lon: Annotated[float | None, Query(ge=-180, le=180)] = None,
    within_km: Annotated[float | None, Query(gt=0, le=20100)] = None,
    q: Annotated[
        str | None,
        Query(
            max_length=200,
            description="Text in any script; tolerates typos. Also finds the zones in the countries, places "
            "and sectors its words name, in en, ru, zh, pt or ar (`俄罗斯`, `батареи`, `baterias Brasil`).",
        ),
    ] = None,
    sort: ZoneSort = ZoneSort.RELEVANCE,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
    f: OutputFormat = OutputFormat.JSON,
) -> Any:
    near = parse_near(lat, lon, within_km)
    text = q.strip() if q and q.strip() else None
    if sort == ZoneSort.DISTANCE and near is None:
        raise bad_parameter("sort", "distance needs lat, lon and within_km")
    query = ZoneQuery(
        countries=parse_countries(country),
        brics_relations=parse_enum_values("brics", brics, BricsRelation),
        zone_types=parse_enum_values("zone_type", zone_type, ZoneType),
        statuses=parse_enum_values("status", status, ZoneStatus),
        isic=parse_isic(isic),
        min_free_area_ha=min_free_area_ha,
        min_area_ha=min_area_ha,
        bbox=parse_bbox(bbox),
        near=near,
        text=text,
        meaning=meaning_of(text),
        sort=sort,
        limit=limit,
        offset=offset,
    )
    cache: ZoneListCache = request.app.state.zone_list_cache
    today = date.today()
    statement_by_statement(session)  # reads only; each of its reads needs the last commit, not a snapshot
    try:
        key = cache.key(session, request.url.query, today)  # before the search: no answer outlives its key
        answer = cache.get(key)
        if answer is None:
            answer = _answer(session, query, f, request.url.query, today)
            cache.put(key, answer)
    finally:
        close_session(session)  # in this worker thread: `get_session` then needs none to close it
    return Response(answer.body, media_type=answer.media_type, headers=dict(answer.headers))


def _answer(session: Session, query: ZoneQuery, f: OutputFormat, query_string: str, today: date) -> Answer:
    page = search_zones(session, query, with_documents=f == OutputFormat.JSON)
    if f == OutputFormat.CSV:
        return Answer(zones_csv(page.zones).encode(), "text/csv; charset=utf-8",
                      (("X-Total-Count", str(page.total)),))  # fmt: skip
    if f == OutputFormat.GEOJSON:
        body = feature_collection(page.zones, numberMatched=page.total, numberReturned=len(page.zones))
        return Answer(bytes(JSONResponse(body).body), "application/geo+json")
    next_page = _next_link(page.total, query.limit, query.offset, query_string)
    confirmed_at = {row["zone_id"]: aware(row["confirmed_at"]) for row in page.rows if row["confirmed_at"]}
    listing = listing_json(page, query.limit, query.offset, next_page, confirmed_at, today)
    return Answer(listing.encode(), "application/json")


def listing_json(
    page: ZonePage,
    limit: int,
    offset: int,
    next_page: str | None,
    confirmed_at: dict[str, datetime] | None = None,
    today: date | None = None,
) -> str:
    """`ZoneListOut` as JSON, spliced from the zones' stored documents.

    Why: rebuilding, validating and re-serialising 50 zones was three quarters of a list request; the
    stored document is the zone's own serialisation, and ZoneOut adds four fields after the zone's.
    A test holds this byte for byte equal to `ZoneListOut(...).model_dump_json()`.
    """
    today = today or date.today()
    items = []
    for (document, as_of), row in zip(page.documents(), page.rows, strict=True):
        age = (today - as_of_start(as_of)).days if as_of else None
        distance = page.distances_km.get(row["zone_id"])
        grade = page.sector_matches.get(row["zone_id"])
        confirmed = (confirmed_at or {}).get(row["zone_id"])
        confirmed_json = to_json(confirmed).decode() if confirmed is not None else "null"  # pydantic's form
        items.append(f'{document[:-1]},"distance_km":{_json(distance)},"data_age_days":{_json(age)},'
                     f'"sector_match":{_json(grade)},"last_confirmed_at":{confirmed_json}}}')  # fmt: skip
    return (
        f'{{"total":{page.total},"limit":{limit},"offset":{offset},"items":[{",".join(items)}],'
        f'"next":{_json(next_page)}}}'
    )


def _json(value: float | int | str | None) -> str:
    """JSON of one value, as `json.dumps` writes it; the common ones without it (three per zone of a
    page: `json.dumps` was a tenth of a listing's time)."""
    if value is None:
        return "null"
    if type(value) is int or (type(value) is float and math.isfinite(value)):
        return repr(value)
    return json.dumps(value, ensure_ascii=False)


AS_OF_HELP = (
    "The zone as the registry held it then, for reproducible reports: a date (`2026-12-01`: at the end of "
    "that day, UTC) or an ISO 8601 date and time (`2026-12-01T09:30:00Z`; UTC when it names no offset). "
    "404 when the registry holds no record of the zone by then."
)


@router.get(
    "/zones/{zone_id}",
    response_model=ZoneOut,
    responses={400: {"model": ErrorOut}, 404: {"model": ErrorOut}},
)
def read_zone(
    zone_id: str,
    session: SessionDep,
    as_of: Annotated[str | None, Query(max_length=40, description=AS_OF_HELP)] = None,
) -> ZoneOut:
    """One zone with every fact and its provenance (record-level and per fact), now or `as_of` a moment."""
    wanted = zone_id.upper()
    confirmed = last_confirmed(session, [wanted]).get(wanted)
    if as_of is None:
        zone = get_zone(session, wanted)
        if zone is None:
            raise not_found(f"zone {zone_id}")
        return zone_out(zone, last_confirmed_at=confirmed.at if confirmed else None)
    when = registry_moment(as_of)
    # Only the latest confirmation is kept: shown when it was made by then, else none is known then.
    then = confirmed.at if confirmed is not None and confirmed.at <= when else None
    return zone_out(registry_as_of(session, wanted, when), last_confirmed_at=then)


def registry_moment(value: str) -> datetime:
    """`as_of` as a moment (`stewardship.versions.moment_of`), or a 400 naming the parameter."""
    try:
        return moment_of(value)
    except BadMomentError as error:
        raise bad_parameter("as_of", str(error)) from None
