"""The `zones` collection: the registry's zones with a point, read from the store as GeoJSON features.

Each feature has the properties of `registry.formats.zone_feature` (as `/api/v1/zones?f=geojson`) plus
`brics_relation`, the zone's country's relation to BRICS. ISIC codes are queried through `zone_isic`, where
every code is stored with its ancestors, so `isic_codes = '29'` finds a zone tagged 2930.
"""

from collections.abc import Mapping
from typing import Any

from sqlalchemy import CTE, ColumnElement, Select, Subquery, and_, func, literal_column, or_, select
from sqlalchemy.orm import Session

from sezatlas.registry.features.feature_query import Extent, FeaturePage, FeatureRequest
from sezatlas.registry.features.filters import Envelope
from sezatlas.registry.features.queryables import Queryable, Queryables, ValueType
from sezatlas.registry.features.sql_filter import MultiValued, SqlProperties, sql_condition
from sezatlas.registry.features.temporal import DateRange, as_of_bounds, as_of_range
from sezatlas.standard.codes import Confidence, CoordinatePrecision, ZoneStatus, ZoneType
from sezatlas.standard.flat import LIST_SEPARATORS, flat_column_names
from sezatlas.standard.membership import BricsRelation, brics_membership
from sezatlas.store.models import CountryRow, ZoneIsicRow, ZoneRow
from sezatlas.store.zone_text import listed

BRICS_RELATION = "brics_relation"


def _values(kind: type[Any]) -> tuple[str, ...]:
    return tuple(member.value for member in kind)


def _text(name: str, title: str, description: str = "", enum: tuple[str, ...] = ()) -> Queryable:
    return Queryable(name, title, ValueType.STRING, description, enum)


def _number(name: str, title: str, kind: ValueType = ValueType.NUMBER) -> Queryable:
    return Queryable(name, title, kind)


ZONE_QUERYABLES = Queryables((
    _text("zone_id", "Zone id", "SEZ Atlas id: country code and number, e.g. RUS-001"),
    _text("country_iso3", "Country", "ISO 3166-1 alpha-3 code", tuple(sorted(brics_membership()))),
    _text(BRICS_RELATION, "Country's relation to BRICS", "member, partner or invited; null for none",
          _values(BricsRelation)),
    _text("name_en", "Name (English)"),
    _text("name_local", "Name (local language)"),
    _text("zone_type", "Zone type", "harmonised type code", _values(ZoneType)),
    _text("status", "Status", "life-cycle stage; null when unknown", _values(ZoneStatus)),
    _text("admin1", "Region (first-level division)"),
    _text("locality", "Locality"),
    _text("operator", "Operator"),
    _text("regime_id", "Regime id", "the incentive regime the zone is under"),
    Queryable("isic_codes", "ISIC Rev.4 code", ValueType.STRING,
              "an ISIC Rev.4 code (section letter, division, group or class): true when the zone is tagged "
              "with it or with a narrower code, e.g. isic_codes = '29' finds zones tagged 2930",
              is_multi_valued=True),
    _number("year_established", "Year established", ValueType.INTEGER),
    _number("area_ha", "Area, ha"),
    _number("free_area_ha", "Free land, ha"),
    _number("power_mw_free", "Free power, MW"),
    _number("distance_to_seaport_km", "Distance to the nearest seaport, km"),
    _number("distance_to_airport_km", "Distance to the nearest airport, km"),
    _number("residents_count", "Resident companies", ValueType.INTEGER),
    _number("jobs_count", "Jobs", ValueType.INTEGER),
    _number("investment_usd_m", "Investment, USD million"),
    _number("occupancy_pct", "Occupancy, %"),
    Queryable("has_rail_siding", "Has a rail siding", ValueType.BOOLEAN),
    _text("coordinate_precision", "Point precision", "site, or approximate (a town's centre)",
          _values(CoordinatePrecision)),
    _text("confidence", "Confidence of the record", "", _values(Confidence)),
    _text("as_of", "As-of date", "the date the record's sources speak of: YYYY, YYYY-MM or YYYY-MM-DD; "
          "the `datetime` parameter filters on it"),
))  # fmt: skip
ZONE_PROPERTY_NAMES = (*flat_column_names(), BRICS_RELATION)


def _brics_relation() -> ColumnElement[str | None]:
    """The zone's country's relation to BRICS, correlated per zone (countries is a table of 21 rows)."""
    return (
        select(CountryRow.brics_relation)
        .where(CountryRow.iso3 == ZoneRow.country_iso3)
        .scalar_subquery()
        .label(BRICS_RELATION)
    )


def _has_isic_row(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    return select(ZoneIsicRow.zone_id).where(ZoneIsicRow.zone_id == ZoneRow.zone_id, condition).exists()


def _names_from_index(dialect: str) -> dict[str, MultiValued]:
    """On SQLite, `name_en GLOB '*word*'` reads the names off `ix_zones_name_en` (a few MB) instead of every
    wide zone row (120 MB at 100,000 zones): the zones whose rowid that index scan finds. PostgreSQL's planner
    takes its trigram index for a LIKE by itself."""
    if dialect != "sqlite":
        return {}
    names = ZoneRow.__table__.alias("names")

    def has_row(condition: ColumnElement[bool]) -> ColumnElement[bool]:
        found: Select[Any] = select(literal_column("names.rowid")).select_from(names).where(condition)
        return literal_column("zones.rowid").in_(found)

    return {"name_en": MultiValued(names.c["name_en"], has_row)}


def zone_sql_properties(dialect: str) -> SqlProperties:
    columns = ZoneRow.__table__.c
    scalars: dict[str, ColumnElement[Any]] = {
        queryable.name: columns[queryable.name]
        for queryable in ZONE_QUERYABLES.properties
        if queryable.name in columns and not queryable.is_multi_valued
    }
    scalars[BRICS_RELATION] = _brics_relation()
    return SqlProperties(
        scalars=scalars,
        multi_valued={"isic_codes": MultiValued(ZoneIsicRow.__table__.c["isic_code"], _has_isic_row)},
        longitude=columns["longitude"],
        latitude=columns["latitude"],
        dialect=dialect,
        like_from_index=_names_from_index(dialect),
    )


def _conditions(request: FeatureRequest, where: SqlProperties) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = [ZoneRow.latitude.is_not(None), ZoneRow.longitude.is_not(None)]
    if request.condition is not None:
        conditions.append(sql_condition(request.condition, where))
    if request.dates is not None:
        conditions.append(_as_of_meets(request.dates, where))
    return conditions


def _as_of_meets(asked: DateRange, where: SqlProperties) -> ColumnElement[bool]:
    """The record's as-of period meets the asked range: compared as text per length (`as_of_bounds`)."""
    latest, earliest = as_of_bounds(asked)
    as_of = where.ordered(ZoneRow.__table__.c["as_of"], is_text=True)
    per_length = []
    for length in (4, 7, 10):
        bounds = [as_of <= latest[length]] if latest else []
        bounds += [as_of >= earliest[length]] if earliest else []
        per_length.append(and_(func.length(ZoneRow.as_of) == length, *bounds))
    return or_(*per_length)


def _page_keys(
    request: FeatureRequest, conditions: list[ColumnElement[bool]], where: SqlProperties
) -> Select[Any]:
    """The page's ids in order; on PostgreSQL each with the number of matches (`count(*) OVER ()`).

    On PostgreSQL the matches are a MATERIALIZED common table expression, planned on their own: all of them
    are read anyway (to be counted), so the cheapest plan for all of them is the right one. Planned as one
    query with the LIMIT, PostgreSQL walked the whole table in id order hoping to fill the page early
    (125 ms for `name_en LIKE '%Alabuga%' OR country_iso3 = 'RUS' AND …`, whose Russian matches sort last).
    SQLite makes no such guess; its page is read off the indexes (`ix_zones_country_area_point` for
    `sortby=-area_ha`) and counted after, which a materialised list of every match would only slow down.
    Nulls last either way, written `NULLS LAST` (an index yields that order); then by id; text by code point.
    """
    sort_columns = [where.scalars[key.property].label(f"sort_{n}") for n, key in enumerate(request.order)]
    matching = select(ZoneRow.zone_id, *sort_columns).where(*conditions)
    matches: Subquery | CTE
    if where.dialect == "postgresql":
        matches = matching.cte("matches").prefix_with("MATERIALIZED")
        keys = select(matches.c["zone_id"], func.count().over().label("matched"))
    else:
        matches = matching.subquery("matches")  # flattened by SQLite: the same plan as without it
        keys = select(matches.c["zone_id"])
    order: list[ColumnElement[Any]] = []
    for n, key in enumerate(request.order):
        queryable = ZONE_QUERYABLES.get(key.property)
        is_text = queryable is not None and queryable.type is ValueType.STRING
        column = where.ordered(matches.c[f"sort_{n}"], is_text)
        order.append((column.desc() if key.is_descending else column.asc()).nulls_last())
    order.append(where.ordered(matches.c["zone_id"], is_text=True))
    return keys.order_by(*order).limit(request.limit).offset(request.offset)


def row_feature(row: Mapping[Any, Any]) -> dict[str, Any]:
    """A zone row as its GeoJSON feature, read straight off the flat columns (lists split at their
    separators): what `registry.formats.zone_feature` makes of the validated zone, without validating every
    fact of every zone of the page again (a test holds the two equal over the bundled registry)."""
    properties = {name: _split(name, row[name]) if name in LIST_SEPARATORS else row[name]
                  for name in flat_column_names()}  # fmt: skip
    properties[BRICS_RELATION] = row[BRICS_RELATION]
    return {
        "type": "Feature",
        "id": row["zone_id"],
        "geometry": {"type": "Point", "coordinates": [row["longitude"], row["latitude"]]},
        "properties": properties,
    }


def _split(name: str, text: str | None) -> list[str]:
    return [item.strip() for item in (text or "").split(LIST_SEPARATORS[name]) if item.strip()]


def _feature_rows(session: Session, conditions: list[ColumnElement[bool]]) -> Select[Any]:
    where = zone_sql_properties(session.get_bind().dialect.name)
    columns = [ZoneRow.__table__.c[name] for name in flat_column_names()]
    return select(*columns, where.scalars[BRICS_RELATION]).where(*conditions)


def zone_feature_page(session: Session, request: FeatureRequest) -> FeaturePage:
    """One page of zone features meeting the request, and how many meet it in all.

    Why the page's ids first and its rows after (a "deferred join", as `store.zone_search` does): the ids
    sort and page from narrow indexes, and only the page's wide rows are read, where sorting every match's
    whole row to keep 100 took 90 ms for China's 20,000 zones of 100–5,000 ha by area (100,000 zones,
    SQLite; `benchmarks/registry.py`).
    """
    where = zone_sql_properties(session.get_bind().dialect.name)
    conditions = _conditions(request, where)
    keys = session.execute(_page_keys(request, conditions, where)).all()
    ids = [key.zone_id for key in keys]
    if keys and "matched" in keys[0]._fields:
        matched = int(keys[0].matched)
    else:
        matched = _number_matched(session, conditions, request, len(ids))
    return FeaturePage(matched, [row_feature(row) for row in _rows_in_order(session, ids)])


def _number_matched(
    session: Session, conditions: list[ColumnElement[bool]], request: FeatureRequest, returned: int
) -> int:
    """How many features meet the request: a page short of `limit` says it (the matches end on it), so only
    a full page, or an empty one past the first, is counted."""
    if returned < request.limit and (returned > 0 or request.offset == 0):
        return request.offset + returned
    return int(session.scalar(select(func.count()).select_from(ZoneRow).where(*conditions)) or 0)


def _rows_in_order(session: Session, ids: list[str]) -> list[Mapping[Any, Any]]:
    if not ids:
        return []
    rows = session.execute(_feature_rows(session, [listed(session, ids)]))
    found = {row.zone_id: row._mapping for row in rows}
    return [found[zone_id] for zone_id in ids]


def zone_feature_by_id(session: Session, zone_id: str) -> dict[str, Any] | None:
    """One zone as a feature (None when there is no such zone, or it has no point: it is not a feature)."""
    has_point = [ZoneRow.zone_id == zone_id, ZoneRow.latitude.is_not(None), ZoneRow.longitude.is_not(None)]
    row = session.execute(_feature_rows(session, has_point)).first()
    return None if row is None else row_feature(row._mapping)


def zones_extent(session: Session) -> Extent:
    """The box around every zone's point, and the span of their as-of dates (None when there are none)."""
    has_point = (ZoneRow.latitude.is_not(None), ZoneRow.longitude.is_not(None))
    corners = session.execute(
        select(func.min(ZoneRow.longitude), func.min(ZoneRow.latitude),
               func.max(ZoneRow.longitude), func.max(ZoneRow.latitude)).where(*has_point)
    ).one()  # fmt: skip
    box = None if corners[0] is None else Envelope(*(float(corner) for corner in corners))
    as_of_values = session.scalars(select(ZoneRow.as_of).where(*has_point).distinct())
    dates = [as_of_range(value) for value in as_of_values if value]
    starts = [d.start for d in dates if d.start is not None]
    ends = [d.end for d in dates if d.end is not None]
    return Extent(box, DateRange(min(starts), max(ends)) if starts and ends else None)
