"""A feature filter as plain data: what a CQL2 expression or a `?property=value` asks, checked and typed.

Both CQL2 encodings (text and JSON) and the simple query parameters become these few node types, so the
two places that evaluate a filter — SQL over the zones table (`sql_filter`) and Python over the bundled
point layers (`evaluation`) — each handle one small language. Spatial literals are kept as rings of
(lon, lat) points: every feature here is a point, so S_INTERSECTS is a point-in-shape test.
"""

from dataclasses import dataclass
from enum import StrEnum
from itertools import pairwise

from sezatlas.registry.zone_query import BadQueryValue

Scalar = str | float | bool
Ring = tuple[tuple[float, float], ...]  # closed: the first point is repeated at the end


class FilterError(BadQueryValue):
    """A filter (or a property filter, `sortby`, `properties`, `datetime`) that cannot be evaluated; the
    400 names the parameter and says why (an unknown property is named, with the queryables)."""


class Comparison(StrEnum):
    EQUAL = "="
    NOT_EQUAL = "<>"
    LESS = "<"
    LESS_OR_EQUAL = "<="
    GREATER = ">"
    GREATER_OR_EQUAL = ">="


@dataclass(frozen=True, slots=True)
class Compare:
    property: str
    operator: Comparison
    value: Scalar


@dataclass(frozen=True, slots=True)
class Like:
    """CQL2 LIKE: `%` any run of characters, `_` one character, `\\` escapes; case-sensitive."""

    property: str
    pattern: str


@dataclass(frozen=True, slots=True)
class In:
    property: str
    values: tuple[Scalar, ...]


@dataclass(frozen=True, slots=True)
class Between:
    property: str
    low: float
    high: float


@dataclass(frozen=True, slots=True)
class IsNull:
    property: str


@dataclass(frozen=True, slots=True)
class Envelope:
    """A box in CRS84; `west > east` crosses the antimeridian (as in GeoJSON and CQL2 BBOX)."""

    west: float
    south: float
    east: float
    north: float

    def holds(self, lon: float, lat: float) -> bool:
        if not self.south <= lat <= self.north:
            return False
        if self.west <= self.east:
            return self.west <= lon <= self.east
        return lon >= self.west or lon <= self.east


@dataclass(frozen=True, slots=True)
class Polygon:
    """A polygon: its outer ring and holes; a point is inside by the even-odd rule over all rings."""

    rings: tuple[Ring, ...]

    def envelope(self) -> Envelope:
        lons = [lon for ring in self.rings for lon, _lat in ring]
        lats = [lat for ring in self.rings for _lon, lat in ring]
        return Envelope(min(lons), min(lats), max(lons), max(lats))


@dataclass(frozen=True, slots=True)
class Intersects:
    """S_INTERSECTS(geometry, literal) for point features: on one of `points`, in one of `boxes`, or inside
    one of `polygons` (a multi-geometry is its parts)."""

    points: tuple[tuple[float, float], ...] = ()
    boxes: tuple[Envelope, ...] = ()
    polygons: tuple[Polygon, ...] = ()


@dataclass(frozen=True, slots=True)
class Constant:
    value: bool


@dataclass(frozen=True, slots=True)
class AllOf:
    parts: tuple["Expression", ...]


@dataclass(frozen=True, slots=True)
class AnyOf:
    parts: tuple["Expression", ...]


@dataclass(frozen=True, slots=True)
class Not:
    part: "Expression"


Expression = Compare | Like | In | Between | IsNull | Intersects | Constant | AllOf | AnyOf | Not

MAX_POLYGON_EDGES = 2_000  # each edge is a term of the SQL condition; a country outline needs a few hundred


def crossing_slope(start: tuple[float, float], end: tuple[float, float]) -> float:
    """How far east an edge moves per degree north (edges with start and end at one latitude are skipped)."""
    return (end[0] - start[0]) / (end[1] - start[1])


def edges(polygon: Polygon) -> list[tuple[tuple[float, float], tuple[float, float]]]:
    """The polygon's non-horizontal edges: the ones a ray to the east from a point can cross."""
    return [(start, end) for ring in polygon.rings for start, end in pairwise(ring) if start[1] != end[1]]


def crosses(lon: float, lat: float, start: tuple[float, float], end: tuple[float, float]) -> bool:
    """Whether the ray east from the point crosses the edge (W. R. Franklin's PNPOLY test, 1970s; the
    half-open latitude range counts a vertex once). `sql_filter` writes the same arithmetic in SQL."""
    low, high = min(start[1], end[1]), max(start[1], end[1])
    return low <= lat < high and lon < start[0] + (lat - start[1]) * crossing_slope(start, end)


def holds_point(polygon: Polygon, lon: float, lat: float) -> bool:
    """Inside by the even-odd rule (holes excluded). A point exactly on an edge may fall either way."""
    inside = False
    for start, end in edges(polygon):
        if crosses(lon, lat, start, end):
            inside = not inside
    return inside
