"""Zone search: filters, text search in any script with tolerance for misspellings, sorting, paging.

Text search (`zone_text`) matches the names and places; when the words also name countries, places or
sectors (read before the query by `sezatlas.registry.query_words`), zones in those are found too, OR'ed
with the name match. Sector conditions, exact and possible, are `zone_sectors`'.
"""

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import cached_property
from typing import Any

from sqlalchemy import ColumnElement, FromClause, Select, and_, case, func, or_, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from sezatlas.standard.flat import flat_column_names
from sezatlas.standard.schema import STANDARD_VERSION
from sezatlas.standard.zone import Zone
from sezatlas.store.database import EARTH_RADIUS_KM, haversine_km, row_dicts
from sezatlas.store.models import CountryRow, ZoneDocumentRow, ZoneRow
from sezatlas.store.stewardship_tables import ZoneConfirmationRow
from sezatlas.store.zone_counts import ZONE_COUNTS
from sezatlas.store.zone_sectors import SectorMatch, sector_filter, sector_grade, sector_grade_if_any
from sezatlas.store.zone_text import NAME_INDEX, TextMeaning, fuzzy_name_match, listed, name_match, substring
from sezatlas.store.zones import columns_to_zone

__all__ = ["NAME_INDEX", "BBox", "Near", "SectorMatch", "TextMeaning", "ZonePage", "ZoneQuery", "ZoneSort"]

KM_PER_DEGREE_LAT = 111.2
# Beside a stored document: its key, its age (`data_age_days`), its distance from a point.
DOCUMENT_COLUMNS = ("zone_id", "as_of", "latitude", "longitude")


class ZoneSort(StrEnum):
    RELEVANCE = "relevance"
    NAME = "name"
    COUNTRY = "country"
    AREA = "area_ha"
    AREA_DESC = "-area_ha"
    FREE_AREA_DESC = "-free_area_ha"
    YEAR = "year_established"
    YEAR_DESC = "-year_established"
    DISTANCE = "distance"


@dataclass(frozen=True, slots=True)
class BBox:
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float


@dataclass(frozen=True, slots=True)
class Near:
    latitude: float
    longitude: float
    within_km: float


@dataclass(slots=True)
class ZoneQuery:
    """A search; `countries` and `brics_relations` together mean any of them (a relation is a shortcut)."""

    countries: list[str] = field(default_factory=list)
    brics_relations: list[str] = field(default_factory=list)  # zones in countries that are members/partners
    zone_types: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    isic: list[str] = field(default_factory=list)
    min_free_area_ha: float | None = None
    min_area_ha: float | None = None
    bbox: BBox | None = None
    near: Near | None = None
    text: str | None = None
    meaning: TextMeaning | None = None  # what `text` names besides zones: `registry.query_words.understand`
    has_coordinates: bool | None = None
    sort: ZoneSort = ZoneSort.RELEVANCE
    limit: int = 50
    offset: int = 0


@dataclass
class ZonePage:
    """One page of a search: its rows become zone objects only for the callers that need them."""

    total: int
    rows: list[Mapping[Any, Any]]
    distances_km: dict[str, float] = field(default_factory=dict)
    stored: dict[str, str] = field(default_factory=dict)  # zone_id → stored JSON (`with_documents`)
    sector_matches: dict[str, SectorMatch] = field(default_factory=dict)  # zone_id → grade, with sectors

    has_columns: bool = True  # False when read `with_documents`: the rows hold DOCUMENT_COLUMNS only

    @cached_property
    def zones(self) -> list[Zone]:
        if not self.has_columns:
            raise ValueError("a page read with its documents has no zone columns: search without them")
        return [columns_to_zone(row) for row in self.rows]

    def documents(self) -> list[tuple[str, str | None]]:
        """Each zone's JSON (as the API serialises a zone) and its as-of date, without building zones."""
        return [
            (self.stored.get(row["zone_id"]) or columns_to_zone(row).model_dump_json(), row["as_of"])
            for row in self.rows
        ]


def _bbox_filter(bbox: BBox) -> ColumnElement[bool]:
    lat_ok = ZoneRow.latitude.between(bbox.min_lat, bbox.max_lat)
    if bbox.min_lon <= bbox.max_lon:
        return and_(lat_ok, ZoneRow.longitude.between(bbox.min_lon, bbox.max_lon))
    # A box across the antimeridian, e.g. 170..-170.
    return and_(lat_ok, or_(ZoneRow.longitude >= bbox.min_lon, ZoneRow.longitude <= bbox.max_lon))


def _distance(near: Near) -> ColumnElement[float]:
    return func.haversine_km(ZoneRow.latitude, ZoneRow.longitude, near.latitude, near.longitude)


def _near_filters(near: Near) -> list[ColumnElement[bool]]:
    """A latitude band and, away from the poles, a longitude window around the circle (both cheap, on the
    (latitude, longitude) index), then the exact distance only for the zones inside them.

    Without the longitude window every zone of the latitude band, round the whole globe, went through
    `haversine_km` (a Python function on SQLite): near Shanghai that is most of China's zones.
    """
    span = near.within_km / KM_PER_DEGREE_LAT
    conditions: list[ColumnElement[bool]] = [
        ZoneRow.latitude.between(near.latitude - span, near.latitude + span)
    ]
    if abs(near.latitude) + span < 89.0:
        # Widest longitude gap of a circle of angular radius r at latitude φ: asin(sin r / cos φ); +1 %.
        angular = near.within_km / EARTH_RADIUS_KM
        ratio = math.sin(angular) / math.cos(math.radians(near.latitude))
        lon_span = math.degrees(math.asin(min(1.0, ratio))) * 1.01
        low, high = near.longitude - lon_span, near.longitude + lon_span
        if low < -180:  # across the antimeridian
            conditions.append(or_(ZoneRow.longitude >= low + 360, ZoneRow.longitude <= high))
        elif high > 180:
            conditions.append(or_(ZoneRow.longitude >= low, ZoneRow.longitude <= high - 360))
        else:
            conditions.append(ZoneRow.longitude.between(low, high))
    conditions.append(_distance(near) <= near.within_km)
    return conditions


def _in_countries(query: ZoneQuery) -> ColumnElement[bool]:
    """In one of the listed countries, or in a country of one of the listed relations to BRICS: the
    relations are shortcuts for their countries, so `country=RUS&brics=partner` is Russia and the partners."""
    places: list[ColumnElement[bool]] = []
    if query.countries:
        places.append(ZoneRow.country_iso3.in_(query.countries))
    if query.brics_relations:
        related = select(CountryRow.iso3).where(CountryRow.brics_relation.in_(query.brics_relations))
        places.append(ZoneRow.country_iso3.in_(related))
    return or_(*places)


def _meaning_filter(session: Session, query: ZoneQuery, meaning: TextMeaning) -> ColumnElement[bool]:
    """Zones in the countries, places and sectors the words named, whose names hold the other words."""
    conditions: list[ColumnElement[bool]] = []
    if meaning.countries:
        conditions.append(ZoneRow.country_iso3.in_(meaning.countries))
    if meaning.places:
        conditions.append(or_(*(substring(session, place) for place in meaning.places)))
    if meaning.isic:
        within = bool(query.countries or meaning.countries)
        conditions.append(sector_filter(list(meaning.isic), within_countries=within))
    conditions.extend(substring(session, word) for word in meaning.other_words)
    return and_(*conditions)


def _text_filter(session: Session, query: ZoneQuery, text: str) -> ColumnElement[bool]:
    """The names match the text, or (when its words name countries, places or sectors) the zone is in them."""
    names = name_match(session, text)
    if query.meaning is None or query.meaning.is_empty:
        return names
    return or_(names, _meaning_filter(session, query, query.meaning))


def _filters(session: Session, query: ZoneQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.countries or query.brics_relations:
        conditions.append(_in_countries(query))
    if query.zone_types:
        conditions.append(ZoneRow.zone_type.in_(query.zone_types))
    if query.statuses:
        conditions.append(ZoneRow.status.in_(query.statuses))
    if query.isic:
        conditions.append(sector_filter(query.isic, within_countries=bool(query.countries)))
    if query.min_free_area_ha is not None:
        conditions.append(ZoneRow.free_area_ha >= query.min_free_area_ha)
    if query.min_area_ha is not None:
        conditions.append(ZoneRow.area_ha >= query.min_area_ha)
    if query.has_coordinates is not None:
        conditions.append(
            ZoneRow.latitude.is_not(None) if query.has_coordinates else ZoneRow.latitude.is_(None)
        )
    if query.bbox is not None:
        conditions.append(_bbox_filter(query.bbox))
    if query.near is not None:
        conditions.extend(_near_filters(query.near))
    if query.text:
        conditions.append(_text_filter(session, query, query.text))
    return conditions


def _grade(query: ZoneQuery) -> ColumnElement[str] | None:
    """Each zone's sector match: by the `isic` filter, else by the sectors the text named (NULL for a zone
    found by its name alone); None when no sector was asked or every match is exact."""
    within = bool(query.countries)
    if query.isic:
        return sector_grade(query.isic, within_countries=within)
    if query.text and query.meaning is not None and query.meaning.isic:
        return sector_grade_if_any(list(query.meaning.isic), within_countries=within)
    return None


def _text_relevance(session: Session, query: ZoneQuery, text: str) -> ColumnElement[int]:
    """Names containing the text first; when the words also named countries, places or sectors, names
    close to the words (typos) next, then the zones found only through what the words named."""
    contains = substring(session, text)
    if query.meaning is None or query.meaning.is_empty:
        return case((contains, 0), else_=1)
    close = fuzzy_name_match(session, text)
    if close is None:
        return case((contains, 0), else_=2)
    return case((contains, 0), (close, 1), else_=2)


def _ordering(
    session: Session,
    query: ZoneQuery,
    grade: ColumnElement[str] | None,
    graded: ColumnElement[str] | None = None,
) -> list[ColumnElement[Any] | InstrumentedAttribute[Any]]:
    """The ORDER BY of a search, ending with the zone id (a page is the same page every time).

    `grade`: the sector grade (`_grade`), the caller's, so it is built once. `graded`: the filter's grade as
    selected (labelled); ordered by its name, the database computes it once."""
    columns: dict[ZoneSort, list[ColumnElement[Any] | InstrumentedAttribute[Any]]] = {
        ZoneSort.NAME: [ZoneRow.name_en],
        ZoneSort.COUNTRY: [ZoneRow.country_iso3, ZoneRow.name_en],
        ZoneSort.AREA: [ZoneRow.area_ha.is_(None), ZoneRow.area_ha],
        ZoneSort.AREA_DESC: [ZoneRow.area_ha.is_(None), ZoneRow.area_ha.desc()],
        ZoneSort.FREE_AREA_DESC: [ZoneRow.free_area_ha.is_(None), ZoneRow.free_area_ha.desc()],
        ZoneSort.YEAR: [ZoneRow.year_established.is_(None), ZoneRow.year_established],
        ZoneSort.YEAR_DESC: [ZoneRow.year_established.is_(None), ZoneRow.year_established.desc()],
    }
    if query.sort == ZoneSort.DISTANCE and query.near is not None:
        order: list[ColumnElement[Any] | InstrumentedAttribute[Any]] = [_distance(query.near)]
    elif query.sort == ZoneSort.RELEVANCE and query.text:
        order = [_text_relevance(session, query, query.text)]
    else:
        order = columns.get(query.sort, [ZoneRow.country_iso3])
    if grade is not None and query.sort == ZoneSort.RELEVANCE:
        # 'exact' sorts before 'possible', and both before a zone no sector matched (NULL, last on either
        # database); the filter's grade comes first, the text's after the name matches. Under the filter
        # every zone has a grade: no NULL test (the grade is a CASE over a join, computed for each row).
        if query.isic:
            order[0:0] = [grade if graded is None else graded]
        else:
            order += [grade.is_(None), grade]
    return [*order, ZoneRow.zone_id]


def _sector_matches(rows: list[Mapping[Any, Any]], query: ZoneQuery, graded: bool) -> dict[str, SectorMatch]:
    """Zone → grade for the page's rows: with the `isic` filter every zone has one (exact when nothing is
    broader); with sector words only the zones found in the sectors have one."""
    if not graded:
        return {row["zone_id"]: SectorMatch.EXACT for row in rows} if query.isic else {}
    return {row["zone_id"]: SectorMatch(row["sector_match"]) for row in rows if row["sector_match"]}


def _filters_key(query: ZoneQuery) -> Hashable:
    """Every field of the query but its order and page, hashable: what its count depends on."""
    return tuple(
        tuple(value) if isinstance(value, list) else value
        for name, value in ((item.name, getattr(query, item.name)) for item in fields(query))
        if name not in ("sort", "limit", "offset")
    )


def search_zones(session: Session, query: ZoneQuery, *, with_documents: bool = False) -> ZonePage:
    """One page of zones that pass every filter, and how many pass in all.

    `with_documents` reads the page's stored zone JSON instead of its columns (for callers that serve
    JSON): its rows then hold only what goes beside a document (`DOCUMENT_COLUMNS`), and its `zones`
    cannot be built.
    """
    conditions = _filters(session, query)
    grade = _grade(query)
    keys = select(ZoneRow.zone_id)
    # Ordered by the filter's grade, every match is graded and sorted before the first row is known:
    # counting them in the same pass halves the query. At 100,000 zones, China + ISIC 26 + free land went
    # from 47 to 12 ms of SQL on PostgreSQL and from 39 to 18 ms on SQLite (`benchmarks/registry.py`).
    counted_in_page = grade is not None and bool(query.isic) and query.sort == ZoneSort.RELEVANCE
    if grade is not None and counted_in_page:
        graded = grade.label("sector_match")
        keys = keys.add_columns(graded, func.count().over().label("matches"))
        ordering = _ordering(session, query, grade, graded)
    else:
        if grade is not None:
            keys = keys.add_columns(grade.label("sector_match"))
        ordering = _ordering(session, query, grade)
    statement = keys.where(*conditions).order_by(*ordering).limit(query.limit).offset(query.offset)
    if with_documents:
        rows, stored = _page_documents(session, statement, ordering)
    else:
        rows, stored = _page_rows(session, row_dicts(session.execute(statement))), {}
    if counted_in_page and rows:
        total = int(rows[0]["matches"])
        for row in rows:
            del row["matches"]
    else:  # counted apart; also a page past the last match, which has no row to carry the count

        def counting() -> int:
            return int(session.scalar(select(func.count()).select_from(ZoneRow).where(*conditions)) or 0)

        total = ZONE_COUNTS.count(session, _filters_key(query), counting)
    page = ZonePage(total=total, rows=list(rows), stored=stored, has_columns=not with_documents)
    page.sector_matches = _sector_matches(page.rows, query, graded=grade is not None)
    if query.near is not None:
        for found in page.rows:
            distance = haversine_km(found["latitude"], found["longitude"], query.near.latitude,
                                    query.near.longitude)  # fmt: skip
            if distance is not None:
                page.distances_km[found["zone_id"]] = round(distance, 3)
    return page


def _page_rows(session: Session, keys: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The page's full rows, in the order of `keys` (zone_id, and sector_match when graded).

    Why two reads (a "deferred join"): sorting every match's wide row to keep fifty took 90 ms for
    China + ISIC 26 + free land at 100,000 zones on SQLite; the ids sort from the covering indexes alone,
    and only the page's rows are then read whole (`benchmarks/registry.py`).
    """
    if not keys:
        return []
    columns = [ZoneRow.__table__.c[name] for name in flat_column_names()]
    ids = [key["zone_id"] for key in keys]
    found = session.connection().execute(select(*columns).where(listed(session, ids)))
    by_id = {row["zone_id"]: row for row in row_dicts(found)}
    return [by_id[key["zone_id"]] | key for key in keys]


def _page_documents(
    session: Session, keys: Select[Any], ordering: list[ColumnElement[Any] | InstrumentedAttribute[Any]]
) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The page `keys` selects (its ids, in `ordering`, cut to the page), with the zones' stored documents
    and the few columns that go beside them (`DOCUMENT_COLUMNS`, and `confirmed_at`, when the operator last
    confirmed the zone: None if never); a zone without a document under the running standard has its full
    row read, to be serialised from its columns (`ZonePage.documents`).

    Why not the full rows and then the documents: a JSON page used neither the forty columns it read
    (turned into Python values one by one) nor the second round trip. A country's first page went from
    9.4 to 5.1 ms (p50) on SQLite and from 9.0 to 6.8 ms on PostgreSQL, and every other shape of
    `python benchmarks/registry.py --quick` (10,000 zones, the answer cache off) got faster on both;
    a server on SQLite without its answer cache went from 158 to 253 country lists a second.

    On PostgreSQL the ids and the documents are one query: the page of ids is a subquery joined to the
    documents, its order kept as each id's position (`row_number()` over the same order), as a join keeps
    none. That saves a round trip to a server that shares the CPUs: uncached country pages on the
    production profile, 64 connections, 519–529 → 535–565 req/s in alternate runs (`benchmarks/load.py
    --family "other pages"`). On SQLite, in the process, there is no round trip to save, and the position
    kept it from stopping at the page's last row: a country's page in registry order went from 0.08 to
    0.40 ms of SQL; there the ids are read first, then their documents.
    """
    zones = ZoneRow.__table__
    connection = session.connection()
    if session.get_bind().dialect.name == "postgresql":
        page = keys.add_columns(func.row_number().over(order_by=ordering).label("position")).subquery("page")
        joined, beside = _beside_documents(
            page.join(zones, zones.c.zone_id == page.c.zone_id), page.c.zone_id
        )
        page_columns = [column for column in page.c if column.name != "position"]
        statement = select(*page_columns, *beside).select_from(joined).order_by(page.c.position)
        rows = row_dicts(connection.execute(statement))
    else:
        found = row_dicts(session.execute(keys))
        if not found:
            return [], {}
        joined, beside = _beside_documents(zones, zones.c.zone_id)
        ids = [key["zone_id"] for key in found]
        statement = select(zones.c.zone_id, *beside).select_from(joined).where(listed(session, ids))
        by_id = {row["zone_id"]: row for row in row_dicts(connection.execute(statement))}
        rows = [by_id[key["zone_id"]] | key for key in found]
    stored = {row["zone_id"]: document for row in rows if (document := row.pop("document")) is not None}
    missing = [row for row in rows if row["zone_id"] not in stored]
    if missing:
        full = _page_rows(session, [{"zone_id": row["zone_id"]} for row in missing])
        for row, columns in zip(missing, full, strict=True):
            row.update({name: value for name, value in columns.items() if name not in row})
    return rows, stored


def _beside_documents(
    source: FromClause, zone_id: ColumnElement[str]
) -> tuple[FromClause, list[ColumnElement[Any]]]:
    """`source` joined to each zone's stored document and last confirmation, and the columns read beside
    the zone id: `DOCUMENT_COLUMNS`, `confirmed_at`, `document`."""
    zones, documents, confirmations = (
        ZoneRow.__table__,
        ZoneDocumentRow.__table__,
        ZoneConfirmationRow.__table__,
    )
    joined = source.outerjoin(documents, and_(documents.c.zone_id == zone_id,
                                              documents.c.standard == STANDARD_VERSION))  # fmt: skip
    joined = joined.outerjoin(confirmations, confirmations.c.zone_id == zone_id)
    columns = [zones.c[name] for name in DOCUMENT_COLUMNS if name != "zone_id"]
    return joined, [*columns, confirmations.c.confirmed_at, documents.c.document]


@dataclass(frozen=True, slots=True)
class ZonePoint:
    """What a map marker needs, and nothing more: fast enough for every zone at once."""

    zone_id: str
    name_en: str
    latitude: float
    longitude: float
    zone_type: str
    is_approximate: bool


def search_points(session: Session, query: ZoneQuery) -> tuple[int, list[ZonePoint]]:
    """Matching zones that have a point, as map points (same filters and order as `search_zones`)."""
    conditions = [*_filters(session, query), ZoneRow.latitude.is_not(None)]
    total = session.scalar(select(func.count()).select_from(ZoneRow).where(*conditions)) or 0
    columns = select(ZoneRow.zone_id, ZoneRow.name_en, ZoneRow.latitude, ZoneRow.longitude,
                     ZoneRow.zone_type, ZoneRow.coordinate_precision)  # fmt: skip
    statement = (
        columns.where(*conditions)
        .order_by(*_ordering(session, query, _grade(query)))
        .limit(query.limit)
        .offset(query.offset)
    )
    points = [
        ZonePoint(zone_id, name, lat, lon, zone_type, precision != "site")
        for zone_id, name, lat, lon, zone_type, precision in session.execute(statement)
        if lat is not None and lon is not None
    ]
    return int(total), points


@dataclass(frozen=True, slots=True)
class ZoneCount:
    """How many zones of one type and status a country has (status None: not known)."""

    country_iso3: str
    zone_type: str
    status: str | None
    zones: int


def count_zones_by_type_and_status(session: Session, country_iso3: str | None = None) -> list[ZoneCount]:
    """Zones per country, type and status in one grouped query (the country and statistics pages)."""
    statement = select(ZoneRow.country_iso3, ZoneRow.zone_type, ZoneRow.status, func.count()).group_by(
        ZoneRow.country_iso3, ZoneRow.zone_type, ZoneRow.status
    )
    if country_iso3 is not None:
        statement = statement.where(ZoneRow.country_iso3 == country_iso3)
    return [ZoneCount(iso3, kind, status, int(n)) for iso3, kind, status, n in session.execute(statement)]
