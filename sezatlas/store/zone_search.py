"""Zone search: filters, text search in any script with tolerance for misspellings, sorting, paging.

Text search has two arms joined by OR: a substring match on the folded names (so '深圳' or 'алабуга'
find their zone exactly), and a fuzzy match by rapidfuzz over the names held in memory (so 'Alabuha'
finds Alabuga). The in-memory name index is rebuilt only when the registry version changes.
"""

import math
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any, TypeVar, TypeVarTuple

from rapidfuzz import fuzz, process
from sqlalchemy import ColumnElement, Select, String, and_, any_, case, func, literal, or_, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import InstrumentedAttribute, Session

from sezatlas.standard.codelists import fold_text, isic_broader_codes, isic_codes
from sezatlas.standard.flat import flat_column_names
from sezatlas.standard.zone import Zone
from sezatlas.store.database import EARTH_RADIUS_KM, haversine_km
from sezatlas.store.models import CountryRow, ZoneIsicRow, ZoneRow
from sezatlas.store.zones import columns_to_zone, registry_version, stored_documents

Ts = TypeVarTuple("Ts")
Answer = TypeVar("Answer")
FUZZY_SCORE_CUTOFF = 80.0
FUZZY_LIMIT = 50
KM_PER_DEGREE_LAT = 111.2


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


class SectorMatch(StrEnum):
    """How a zone answers an ISIC filter: tagged with the code or below it, or only with a broader code."""

    EXACT = "exact"
    POSSIBLE = "possible"


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
    sector_matches: dict[str, SectorMatch] = field(default_factory=dict)  # zone_id → grade, with `isic`

    @cached_property
    def zones(self) -> list[Zone]:
        return [columns_to_zone(row) for row in self.rows]

    def documents(self) -> list[tuple[str, str | None]]:
        """Each zone's JSON (as the API serialises a zone) and its as-of date, without building zones."""
        return [
            (self.stored.get(row["zone_id"]) or columns_to_zone(row).model_dump_json(), row["as_of"])
            for row in self.rows
        ]


@dataclass(frozen=True)
class _NameSnapshot:
    """The name index of one registry version: built once, then only read (memo dicts aside)."""

    key: tuple[str, str]
    vocabulary: list[str]
    zones_by_word: dict[str, set[str]]
    search_texts: list[tuple[str, str]]
    zone_count: int
    substrings: dict[str, list[str] | None] = field(default_factory=dict)
    fuzzy: dict[str, list[str]] = field(default_factory=dict)


class _NameIndex:
    """Folded name words per zone, cached per registry version and shared across requests.

    A misspelled query word ('alabuha') is matched against the vocabulary of name words by edit
    similarity; a zone matches when every significant query word matches one of its words. Words so
    common that they name most zones ('zone', 'park') do not narrow anything and are skipped.

    Concurrency: a request reads the registry version (which checks a connection out of the pool for
    its session) before it may take the build lock, and a reader never waits for a lock at all, since a
    snapshot is swapped in whole. A thread holding the lock therefore never waits for a pooled
    connection that a thread waiting for the lock holds: that wait was the lock-up of 64 parallel text
    searches (tests/web/test_concurrency.py).
    """

    MIN_WORD = 4
    COMMON_SHARE = 0.05
    MAX_LISTED_MATCHES = 5000  # beyond this many substring matches, SQL's LIKE is the cheaper filter
    MAX_REMEMBERED = 512  # answers kept per registry version (a query needs its substring ids twice)

    def __init__(self) -> None:
        self._build_lock = threading.Lock()
        self._snapshot: _NameSnapshot | None = None

    def _build(self, session: Session, key: tuple[str, str]) -> _NameSnapshot:
        zones_by_word: dict[str, set[str]] = {}
        columns = select(ZoneRow.zone_id, ZoneRow.name_en, ZoneRow.name_local, ZoneRow.search_text)
        rows = session.execute(columns).all()
        for zone_id, name_en, name_local, _text in rows:
            for name in (name_en, name_local):
                for word in fold_text(name or "").split():
                    if len(word) >= self.MIN_WORD:
                        zones_by_word.setdefault(word, set()).add(zone_id)
        texts = [(zone_id, text or "") for zone_id, _en, _local, text in rows]
        return _NameSnapshot(key, list(zones_by_word), zones_by_word, texts, len(rows))

    def _current(self, session: Session) -> _NameSnapshot:
        key = (str(session.get_bind().engine.url), registry_version(session))  # I/O before any lock
        snapshot = self._snapshot
        if snapshot is not None and snapshot.key == key:
            return snapshot
        with self._build_lock:  # one rebuild at a time; this session already holds its connection
            snapshot = self._snapshot
            if snapshot is None or snapshot.key != key:
                snapshot = self._build(session, key)
                self._snapshot = snapshot
            return snapshot

    def substring_ids(self, session: Session, text: str) -> list[str] | None:
        """Zones whose folded names contain the folded text (what LIKE '%text%' finds), scanned in memory;
        None when there are so many that an IN list would cost more than LIKE."""
        fragment = fold_text(text)
        snapshot = self._current(session)
        remembered = snapshot.substrings
        if fragment in remembered:
            return remembered[fragment]
        found = [zone_id for zone_id, searchable in snapshot.search_texts if fragment in searchable]
        answer = found if len(found) <= self.MAX_LISTED_MATCHES else None
        self._remember(remembered, fragment, answer)
        return answer

    def _remember(self, answers: dict[str, Answer], text: str, answer: Answer) -> None:
        if len(answers) >= self.MAX_REMEMBERED:
            answers.clear()
        answers[text] = answer  # a lost race costs a recomputation, never a wrong answer

    def matches(self, session: Session, text: str) -> list[str]:
        snapshot = self._current(session)
        remembered = snapshot.fuzzy
        if text in remembered:
            return remembered[text]
        found: set[str] | None = None
        for word in (w for w in fold_text(text).split() if len(w) >= self.MIN_WORD):
            similar = process.extract(word, snapshot.vocabulary, scorer=fuzz.ratio,
                                      score_cutoff=FUZZY_SCORE_CUTOFF, limit=FUZZY_LIMIT)  # fmt: skip
            zones = set().union(*(snapshot.zones_by_word[match] for match, _score, _index in similar))
            if len(zones) > max(FUZZY_LIMIT, self.COMMON_SHARE * snapshot.zone_count):
                continue
            found = zones if found is None else found & zones
        answer = sorted(found or ())[: FUZZY_LIMIT * 4]
        self._remember(remembered, text, answer)
        return answer


NAME_INDEX = _NameIndex()


def _listed(session: Session, zone_ids: list[str]) -> ColumnElement[bool]:
    """Zones whose id is one of `zone_ids` (the lists found in memory by the name and code indexes).

    On PostgreSQL the list is one array parameter (`= ANY(:ids)`): as an IN list, each id is a bound
    parameter that SQLAlchemy expands and psycopg converts in Python, twice per search (count and page)
    and again in the ORDER BY — ~80 ms for the ~900 ids of a text search at 100,000 zones
    (benchmarks/registry.py), for a query PostgreSQL itself answers in ~15 ms.
    """
    if session.get_bind().dialect.name == "postgresql":
        return ZoneRow.zone_id == any_(literal(zone_ids, type_=postgresql.ARRAY(String)))
    return ZoneRow.zone_id.in_(zone_ids)


def _like_fragment(text: str) -> str:
    escaped = fold_text(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _substring(session: Session, text: str) -> ColumnElement[bool]:
    """Folded names containing the text: an IN list from memory when short (no table scan), else LIKE."""
    ids = NAME_INDEX.substring_ids(session, text)
    if ids is None:
        return ZoneRow.search_text.like(_like_fragment(text), escape="\\")
    return _listed(session, ids)


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


def _isic_match(code: str) -> ColumnElement[bool]:
    """`zone_isic` holds every code with all its ancestors, so a code (at any level) is found by equality,
    which uses the index on SQLite too (its LIKE is case-insensitive and cannot); a bare prefix such as
    '2' still needs LIKE."""
    if code in isic_codes():
        return ZoneIsicRow.isic_code == code
    return ZoneIsicRow.isic_code.like(f"{code}%")


def _sector_exact(query: ZoneQuery) -> ColumnElement[bool]:
    return _zone_has(query, or_(*(_isic_match(code) for code in query.isic)))


def _zone_has(query: ZoneQuery, rows: ColumnElement[bool]) -> ColumnElement[bool]:
    """Zones with a `zone_isic` row satisfying `rows`."""
    if query.countries:
        # Within a country, a probe of zone_isic's covering index per zone of the country (read off the
        # (country, free land, zone_id) index) beats listing every zone of the code worldwide.
        same_zone = ZoneIsicRow.zone_id == ZoneRow.zone_id
        return select(ZoneIsicRow.zone_id).where(same_zone, rows).exists()
    return ZoneRow.zone_id.in_(select(ZoneIsicRow.zone_id).where(rows))


def _broader_codes(query: ZoneQuery) -> list[str]:
    return sorted({code for asked in query.isic for code in isic_broader_codes(asked)})


def _sector_filter(query: ZoneQuery) -> ColumnElement[bool]:
    """Exact or possible: a zone declared only "manufacturing" is not dropped from a search for batteries.

    `zone_isic` holds the ancestors of every declared code, so a zone declared 2710 has a row C too;
    only the rows the zone declared itself (`declared`) make a broader code a possible match.
    """
    rows = or_(*(_isic_match(code) for code in query.isic))
    broader = _broader_codes(query)
    if broader:
        rows = or_(rows, and_(ZoneIsicRow.isic_code.in_(broader), ZoneIsicRow.declared))
    return _zone_has(query, rows)


def _sector_grade(query: ZoneQuery) -> ColumnElement[str] | None:
    """'exact' or 'possible' for a zone that passed `_sector_filter` (they sort in that order); None when
    every match is exact (a section asked: nothing is broader)."""
    if not _broader_codes(query):
        return None
    return case((_sector_exact(query), SectorMatch.EXACT.value), else_=SectorMatch.POSSIBLE.value)


def _filters(session: Session, query: ZoneQuery) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if query.countries:
        conditions.append(ZoneRow.country_iso3.in_(query.countries))
    if query.brics_relations:
        related = select(CountryRow.iso3).where(CountryRow.brics_relation.in_(query.brics_relations))
        conditions.append(ZoneRow.country_iso3.in_(related))
    if query.zone_types:
        conditions.append(ZoneRow.zone_type.in_(query.zone_types))
    if query.statuses:
        conditions.append(ZoneRow.status.in_(query.statuses))
    if query.isic:
        conditions.append(_sector_filter(query))
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
        fuzzy_ids = NAME_INDEX.matches(session, query.text)
        substring = _substring(session, query.text)
        conditions.append(or_(substring, _listed(session, fuzzy_ids)) if fuzzy_ids else substring)
    return conditions


def _order(session: Session, statement: Select[*Ts], query: ZoneQuery) -> Select[*Ts]:
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
        exact = case((_substring(session, query.text), 0), else_=1)
        order = [exact]
    else:
        order = columns.get(query.sort, [ZoneRow.country_iso3])
    grade = _sector_grade(query) if query.sort == ZoneSort.RELEVANCE and query.isic else None
    if grade is not None:
        order.insert(0, grade)  # 'exact' sorts before 'possible'
    return statement.order_by(*order, ZoneRow.zone_id)


def search_zones(session: Session, query: ZoneQuery, *, with_documents: bool = False) -> ZonePage:
    """One page of zones that pass every filter, and how many pass in all.

    `with_documents` also reads the page's stored zone JSON (for callers that serve JSON).
    """
    conditions = _filters(session, query)
    total = session.scalar(select(func.count()).select_from(ZoneRow).where(*conditions)) or 0
    columns = select(*(ZoneRow.__table__.c[name] for name in flat_column_names()))
    grade = _sector_grade(query) if query.isic else None
    if grade is not None:
        columns = columns.add_columns(grade.label("sector_match"))
    statement = _order(session, columns.where(*conditions), query).limit(query.limit).offset(query.offset)
    rows = [row._mapping for row in session.execute(statement)]
    page = ZonePage(total=int(total), rows=list(rows))
    if query.isic:
        page.sector_matches = {
            row["zone_id"]: SectorMatch(row["sector_match"]) if grade is not None else SectorMatch.EXACT
            for row in rows
        }
    if with_documents:
        page.stored = stored_documents(session, [row["zone_id"] for row in rows])
    if query.near is not None:
        for row in rows:
            distance = haversine_km(row["latitude"], row["longitude"], query.near.latitude,
                                    query.near.longitude)  # fmt: skip
            if distance is not None:
                page.distances_km[row["zone_id"]] = round(distance, 3)
    return page


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
    statement = _order(session, columns.where(*conditions), query).limit(query.limit).offset(query.offset)
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
