"""A filter as an SQLAlchemy condition over a table of point features (the zones), on SQLite and PostgreSQL.

The two databases are made to answer alike where they differ: LIKE is case-sensitive in CQL2 and
PostgreSQL but not in SQLite (GLOB is used there), and text is ordered by code point on both (PostgreSQL's
"C" collation; SQLite's default). NULL is SQL's own unknown, so the three-valued logic of CQL2 holds as is.
S_INTERSECTS with a polygon is the even-odd point-in-polygon test of `filters.crosses`, written as SQL
arithmetic and behind the polygon's bounding box (which the (latitude, longitude) index answers). A LIKE,
which no B-tree can seek, may be read from a narrow index of its property (`like_from_index`) rather than
from every wide row.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, and_, case, false, not_, or_, true

from sezatlas.registry.features.filters import (
    AllOf,
    AnyOf,
    Between,
    Compare,
    Comparison,
    Constant,
    Envelope,
    Expression,
    In,
    Intersects,
    IsNull,
    Like,
    Not,
    Polygon,
    crossing_slope,
    edges,
)

ORDERING = (Comparison.LESS, Comparison.LESS_OR_EQUAL, Comparison.GREATER, Comparison.GREATER_OR_EQUAL)


@dataclass(frozen=True, slots=True)
class MultiValued:
    """A property with several values per feature, in a table of its own: `value` is its column there and
    `has_row(condition)` is "the feature has a row meeting `condition`" (EXISTS, correlated)."""

    value: ColumnElement[Any]
    has_row: Callable[[ColumnElement[bool]], ColumnElement[bool]]


@dataclass(frozen=True, slots=True)
class SqlProperties:
    """Where each queryable is: a column (or correlated scalar) per name, the multi-valued ones, the point."""

    scalars: Mapping[str, ColumnElement[Any]]
    multi_valued: Mapping[str, MultiValued]
    longitude: ColumnElement[float]
    latitude: ColumnElement[float]
    dialect: str  # "sqlite" or "postgresql"
    # Text properties (never null) whose LIKE is answered by reading an index of their own instead of every
    # row: `value` is the property in that index, `has_row(condition)` "the feature's entry meets it".
    like_from_index: Mapping[str, MultiValued] = field(default_factory=dict)

    def ordered(self, column: ColumnElement[Any], is_text: bool) -> ColumnElement[Any]:
        """The column as it compares and sorts by code point on either database."""
        return column.collate("C") if is_text and self.dialect == "postgresql" else column


def sql_condition(expression: Expression, where: SqlProperties) -> ColumnElement[bool]:
    match expression:
        case Constant(value):
            return true() if value else false()
        case AllOf(parts):
            return and_(*(sql_condition(part, where) for part in parts))
        case AnyOf(parts):
            return or_(*(sql_condition(part, where) for part in parts))
        case Not(part):
            return not_(sql_condition(part, where))
        case Intersects():
            return _intersects(expression, where)
        case Compare() | Like() | In() | Between() | IsNull():
            return _predicate(expression, where)
    raise AssertionError(f"not an expression: {expression!r}")


def _predicate(
    expression: Compare | Like | In | Between | IsNull, where: SqlProperties
) -> ColumnElement[bool]:
    if isinstance(expression, Like) and expression.property in where.like_from_index:
        index = where.like_from_index[expression.property]
        return index.has_row(_on_column(expression, index.value, where))
    multi = where.multi_valued.get(expression.property)
    if multi is None:
        return _on_column(expression, where.scalars[expression.property], where)
    if isinstance(expression, IsNull):
        return not_(multi.has_row(true()))
    if isinstance(expression, Compare) and expression.operator is Comparison.NOT_EQUAL:
        return not_(multi.has_row(multi.value == expression.value))
    return multi.has_row(_on_column(expression, multi.value, where))


def _on_column(
    expression: Compare | Like | In | Between | IsNull, column: ColumnElement[Any], where: SqlProperties
) -> ColumnElement[bool]:
    match expression:
        case IsNull():
            return column.is_(None)
        case Compare(_, comparison, value):
            if comparison in ORDERING:
                column = where.ordered(column, isinstance(value, str))
            return _compare(column, comparison, value)
        case Like(_, pattern):
            if where.dialect == "sqlite":
                return column.op("GLOB", is_comparison=True)(like_to_glob(pattern))  # boolean, so NOT applies
            return column.like(pattern, escape="\\")
        case In(_, values):
            return column.in_(values)
        case Between(_, low, high):
            return column.between(low, high)
    raise AssertionError(f"not a predicate: {expression!r}")


def _compare(column: ColumnElement[Any], comparison: Comparison, value: object) -> ColumnElement[bool]:
    conditions = {
        Comparison.EQUAL: lambda: column == value,
        Comparison.NOT_EQUAL: lambda: column != value,
        Comparison.LESS: lambda: column < value,
        Comparison.LESS_OR_EQUAL: lambda: column <= value,
        Comparison.GREATER: lambda: column > value,
        Comparison.GREATER_OR_EQUAL: lambda: column >= value,
    }
    return conditions[comparison]()


def like_to_glob(pattern: str) -> str:
    """A CQL2 LIKE pattern as an SQLite GLOB (case-sensitive): `%` → `*`, `_` → `?`, and GLOB's own
    wildcards taken literally by putting them in a one-character class."""
    parts: list[str] = []
    escaped = False
    for character in pattern:
        if escaped or character not in "%_\\":
            parts.append(f"[{character}]" if character in "*?[" else character)
            escaped = False
        elif character == "\\":
            escaped = True
        else:
            parts.append("*" if character == "%" else "?")
    return "".join(parts)


def _intersects(shape: Intersects, where: SqlProperties) -> ColumnElement[bool]:
    lon, lat = where.longitude, where.latitude
    options = [and_(lon == x, lat == y) for x, y in shape.points]
    options += [envelope_condition(box, lon, lat) for box in shape.boxes]
    options += [_inside(polygon, lon, lat) for polygon in shape.polygons]
    return or_(*options) if options else false()


def envelope_condition(
    box: Envelope, lon: ColumnElement[float], lat: ColumnElement[float]
) -> ColumnElement[bool]:
    lat_ok = lat.between(box.south, box.north)
    if box.west <= box.east:
        return and_(lat_ok, lon.between(box.west, box.east))
    return and_(lat_ok, or_(lon >= box.west, lon <= box.east))  # across the antimeridian


def _inside(polygon: Polygon, lon: ColumnElement[float], lat: ColumnElement[float]) -> ColumnElement[bool]:
    """Inside the box, then an odd number of edges crossed by the ray to the east (`filters.crosses`)."""
    crossings = [
        case(
            (and_(lat >= min(start[1], end[1]), lat < max(start[1], end[1]),
                  lon < start[0] + (lat - start[1]) * crossing_slope(start, end)), 1),
            else_=0,
        )
        for start, end in edges(polygon)
    ]  # fmt: skip
    if not crossings:
        return false()
    return and_(envelope_condition(polygon.envelope(), lon, lat), _balanced_sum(crossings) % 2 == 1)


def _balanced_sum(terms: Sequence[ColumnElement[int]]) -> ColumnElement[int]:
    """a + b + c … as a balanced tree: a chain of a thousand additions is deeper than SQLite's parser and
    SQLAlchemy's compiler allow."""
    if len(terms) == 1:
        return terms[0]
    middle = len(terms) // 2
    return _balanced_sum(terms[:middle]) + _balanced_sum(terms[middle:])
