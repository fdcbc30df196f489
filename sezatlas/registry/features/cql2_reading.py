"""Reading a CQL2 filter (OGC 21-065r2), text or JSON, into `filters.Expression`, checked against queryables.

The text encoding is parsed by the `cql2` package (developmentseed's Rust parser) into the JSON encoding;
both encodings are then read by one function. What is supported, and declared as conformance classes by
the web layer: Basic CQL2 (comparisons, IS NULL, AND/OR/NOT, booleans), the advanced comparison
operators (LIKE, IN, BETWEEN) and the basic spatial function S_INTERSECTS with points, boxes and
polygons. Anything else — property-to-property comparisons, arithmetic, CASEI/ACCENTI, temporal and
array functions, other spatial functions, lines — is refused with a 400 that says so, never ignored.
"""

import json
import math
import re
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import Any as AnyValue

import cql2

from sezatlas.registry.features.filters import (
    MAX_POLYGON_EDGES,
    AllOf,
    AnyOf,
    Between,
    Compare,
    Comparison,
    Constant,
    Envelope,
    Expression,
    FilterError,
    In,
    Intersects,
    IsNull,
    Like,
    Not,
    Polygon,
    Ring,
    Scalar,
    edges,
)
from sezatlas.registry.features.queryables import GEOMETRY, Queryable, Queryables, ValueType

PARAMETER = "filter"
_NOT = re.compile(r"\bnot\b", re.IGNORECASE)
MAX_DEPTH = 64  # nesting of AND/OR/NOT: a deeper filter is refused rather than recursed into
FLIPPED = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "=": "=", "<>": "<>"}


class FilterLanguage(StrEnum):
    CQL2_TEXT = "cql2-text"
    CQL2_JSON = "cql2-json"
    CQL_TEXT = "cql-text"  # the drafts' name, which GDAL 3.6 sends: read as cql2-text


def read_filter(text: str, language: FilterLanguage, queryables: Queryables) -> Expression:
    """The filter as an expression over `queryables`, or a `FilterError` saying what is wrong."""
    return _expression(_as_json(text, language), queryables, depth=0)


def _as_json(text: str, language: FilterLanguage) -> AnyValue:
    if language is FilterLanguage.CQL2_JSON:
        try:
            return json.loads(text, parse_constant=_no_constant)
        except RecursionError:
            raise FilterError(PARAMETER, f"nested deeper than {MAX_DEPTH} levels") from None
        except ValueError as error:
            raise FilterError(PARAMETER, f"not valid JSON: {error}") from None
    _check_text_shape(text)
    try:
        return cql2.parse_text(text).to_json()
    except (cql2.ParseError, cql2.ValidationError, ValueError) as error:
        lines = [line.strip(" |") for line in str(error).splitlines() if line.strip(" |")]
        raise FilterError(PARAMETER, "not valid CQL2 text: " + " ".join(lines)[:400]) from None


def _check_text_shape(text: str) -> None:
    """Refuse, before parsing, what the parser would recurse into without end: it is native code, and a
    filter of some thousands of nested brackets, NOTs or minus signs overflowed its stack and ended the
    whole server process (found by feeding it such filters). Arithmetic is not supported anyway."""
    depth = deepest = nots = minus_run = 0
    for word, is_quoted in _unquoted_parts(text):
        if is_quoted:
            minus_run = 0
            continue
        nots += len(_NOT.findall(word))
        for character in word:
            if character in "([":
                depth += 1
                deepest = max(deepest, depth)
            elif character in ")]":
                depth -= 1
            if character == "-":
                minus_run += 1
            elif not character.isspace():
                minus_run = 0
            if character in "+*/" or minus_run > 2:
                raise FilterError(PARAMETER, f"arithmetic ({character}) is not supported")
    if deepest > MAX_DEPTH or nots > 4 * MAX_DEPTH:
        raise FilterError(PARAMETER, f"nested deeper than {MAX_DEPTH} levels")


def _unquoted_parts(text: str) -> list[tuple[str, bool]]:
    """The text cut into the parts outside and inside quotes ('text', "identifier"), in order."""
    parts: list[tuple[str, bool]] = []
    quote: str | None = None
    start = 0
    for index, character in enumerate(text):
        if quote is None and character in "'\"":
            parts.append((text[start:index], False))
            quote, start = character, index
        elif quote is not None and character == quote:
            parts.append((text[start : index + 1], True))
            quote, start = None, index + 1
    parts.append((text[start:], quote is not None))
    return parts


def _no_constant(name: str) -> float:
    raise ValueError(f"{name} is not a number CQL2 allows")


def _expression(node: AnyValue, queryables: Queryables, depth: int) -> Expression:
    if depth > MAX_DEPTH:
        raise FilterError(PARAMETER, f"nested deeper than {MAX_DEPTH} levels")
    if isinstance(node, bool):
        return Constant(node)
    if not isinstance(node, dict) or not isinstance(node.get("op"), str):
        raise FilterError(PARAMETER, f"expected a predicate, found {_shown(node)}")
    operator = node["op"].lower()
    arguments = node.get("args")
    if not isinstance(arguments, list):
        raise FilterError(PARAMETER, f"{operator}: 'args' must be a list")
    reader = _READERS.get(operator)
    if reader is None:
        supported = "=, <>, <, <=, >, >=, LIKE, IN, BETWEEN, IS NULL, AND, OR, NOT, S_INTERSECTS"
        raise FilterError(PARAMETER, f"the operator {node['op']!r} is not supported; these are: {supported}")
    return reader(operator, arguments, queryables, depth)


def _logical(operator: str, arguments: list[AnyValue], queryables: Queryables, depth: int) -> Expression:
    parts = tuple(_expression(argument, queryables, depth + 1) for argument in arguments)
    if operator == "not":
        if len(parts) != 1:
            raise FilterError(PARAMETER, "NOT takes one predicate")
        return Not(parts[0])
    if len(parts) < 2:
        raise FilterError(PARAMETER, f"{operator.upper()} takes two or more predicates")
    kind = AllOf if operator == "and" else AnyOf
    flat = [inner for part in parts for inner in (part.parts if isinstance(part, kind) else (part,))]
    return kind(tuple(flat))  # (a OR b) OR c is a OR b OR c, however it was written


def _comparison(operator: str, arguments: list[AnyValue], queryables: Queryables, _depth: int) -> Expression:
    if len(arguments) != 2:
        raise FilterError(PARAMETER, f"{operator} takes two operands")
    left, right = arguments
    if not _is_property(left) and _is_property(right):
        left, right, operator = right, left, FLIPPED[operator]
    queryable = _property(left, queryables, operator)
    value = _literal(right, queryable, operator)
    return Compare(queryable.name, Comparison(operator), value)


def _like(operator: str, arguments: list[AnyValue], queryables: Queryables, _depth: int) -> Expression:
    if len(arguments) != 2:
        raise FilterError(PARAMETER, "LIKE takes a property and a pattern")
    queryable = _property(arguments[0], queryables, "LIKE")
    if queryable.type is not ValueType.STRING:
        raise FilterError(PARAMETER, f"LIKE needs a text property; {queryable.name} is a {queryable.type}")
    pattern = _literal(arguments[1], queryable, "LIKE")
    assert isinstance(pattern, str)
    if (len(pattern) - len(pattern.rstrip("\\"))) % 2 == 1:
        raise FilterError(PARAMETER, f"the LIKE pattern {pattern!r} ends with a lone escape character \\")
    return Like(queryable.name, pattern)


def _in(operator: str, arguments: list[AnyValue], queryables: Queryables, _depth: int) -> Expression:
    if len(arguments) != 2 or not isinstance(arguments[1], list) or not arguments[1]:
        raise FilterError(PARAMETER, "IN takes a property and a non-empty list of values")
    queryable = _property(arguments[0], queryables, "IN")
    return In(queryable.name, tuple(_literal(value, queryable, "IN") for value in arguments[1]))


def _between(operator: str, arguments: list[AnyValue], queryables: Queryables, _depth: int) -> Expression:
    if len(arguments) != 3:
        raise FilterError(PARAMETER, "BETWEEN takes a property and two numbers")
    queryable = _property(arguments[0], queryables, "BETWEEN")
    if queryable.type not in (ValueType.NUMBER, ValueType.INTEGER):
        raise FilterError(
            PARAMETER, f"BETWEEN needs a numeric property; {queryable.name} is a {queryable.type}"
        )
    low, high = (_literal(value, queryable, "BETWEEN") for value in arguments[1:])
    return Between(queryable.name, float(low), float(high))


def _is_null(operator: str, arguments: list[AnyValue], queryables: Queryables, _depth: int) -> Expression:
    if len(arguments) != 1:
        raise FilterError(PARAMETER, "IS NULL takes one property")
    return IsNull(_property(arguments[0], queryables, "IS NULL").name)


def _intersects(operator: str, arguments: list[AnyValue], queryables: Queryables, _depth: int) -> Expression:
    if len(arguments) != 2:
        raise FilterError(PARAMETER, "S_INTERSECTS takes the geometry property and a geometry")
    literals = [argument for argument in arguments if not _is_geometry_property(argument)]
    if len(literals) != 1:
        raise FilterError(
            PARAMETER, f"S_INTERSECTS compares the property {GEOMETRY!r} with a geometry literal"
        )
    return _shape(literals[0])


def _is_property(node: AnyValue) -> bool:
    return isinstance(node, dict) and set(node) == {"property"}


def _is_geometry_property(node: AnyValue) -> bool:
    return _is_property(node) and node["property"] == GEOMETRY


def _property(node: AnyValue, queryables: Queryables, operator: str) -> Queryable:
    if not _is_property(node) or not isinstance(node["property"], str):
        raise FilterError(
            PARAMETER, f"{operator}: the first operand must be a property, found {_shown(node)}"
        )
    return queryables.require(node["property"], PARAMETER)


def _literal(node: AnyValue, queryable: Queryable, operator: str) -> Scalar:
    if _is_property(node):
        raise FilterError(PARAMETER, f"{operator}: comparing two properties is not supported")
    if isinstance(node, dict) and "op" in node:
        raise FilterError(PARAMETER, f"{operator}: {str(node['op']).upper()} as an operand is not supported "
                          "(no arithmetic, CASEI or other functions)")  # fmt: skip
    if isinstance(node, float) and not math.isfinite(node):
        raise FilterError(PARAMETER, f"{operator}: {node} is not a finite number")
    if not isinstance(node, str | float | int | bool) or not queryable.accepts(node):
        expected = "text" if queryable.type is ValueType.STRING else f"a {queryable.type}"
        raise FilterError(PARAMETER, f"{queryable.name} is compared with {expected}, not {_shown(node)}")
    return float(node) if isinstance(node, int) and not isinstance(node, bool) else node


def _shown(node: AnyValue) -> str:
    try:
        return json.dumps(node)[:120]
    except (RecursionError, ValueError):
        return "a value nested too deep to show"


def _shape(node: AnyValue) -> Intersects:
    """A geometry literal (GeoJSON, or {"bbox": [...]}) as the points, boxes and polygons it covers."""
    if isinstance(node, dict) and "bbox" in node:
        return Intersects(boxes=(_box(node["bbox"]),))
    kind = node.get("type") if isinstance(node, dict) else None
    coordinates = node.get("coordinates") if isinstance(node, dict) else None
    if kind == "Point":
        return Intersects(points=(_position(coordinates),))
    if kind == "MultiPoint" and isinstance(coordinates, list):
        return Intersects(points=tuple(_position(point) for point in coordinates))
    if kind == "Polygon":
        return Intersects(polygons=(_polygon(coordinates),))
    if kind == "MultiPolygon" and isinstance(coordinates, list):
        return Intersects(polygons=tuple(_polygon(polygon) for polygon in coordinates))
    if kind in ("LineString", "MultiLineString", "GeometryCollection"):
        raise FilterError(PARAMETER, f"S_INTERSECTS with a {kind} is not supported: use a point, "
                          "a polygon or a BBOX")  # fmt: skip
    raise FilterError(PARAMETER, f"not a geometry: {_shown(node)}")


def _numbers(values: AnyValue, counts: Sequence[int], what: str) -> list[float]:
    if not isinstance(values, list) or len(values) not in counts:
        raise FilterError(PARAMETER, f"{what} must be {' or '.join(map(str, counts))} numbers")
    if not all(isinstance(v, float | int) and not isinstance(v, bool) and math.isfinite(v) for v in values):
        raise FilterError(PARAMETER, f"{what} must be finite numbers")
    return [float(v) for v in values]


def _position(values: AnyValue) -> tuple[float, float]:
    lon, lat, *_height = _numbers(values, (2, 3), "a position")
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):
        raise FilterError(
            PARAMETER, f"the position {lon} {lat} is outside -180..180 / -90..90 (CRS84: lon lat)"
        )
    return lon, lat


def _box(values: AnyValue) -> Envelope:
    numbers = _numbers(values, (4, 6), "a BBOX")
    west, south, east, north = numbers[:2] + numbers[-3:-1] if len(numbers) == 6 else numbers
    if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
        raise FilterError(PARAMETER, "a BBOX is west,south,east,north within -180..180 / -90..90")
    return Envelope(west, south, east, north)


def _polygon(rings: AnyValue) -> Polygon:
    if not isinstance(rings, list) or not rings:
        raise FilterError(PARAMETER, "a polygon is a list of rings")
    polygon = Polygon(tuple(_ring(ring) for ring in rings))
    if len(edges(polygon)) > MAX_POLYGON_EDGES:
        raise FilterError(PARAMETER, f"a polygon of more than {MAX_POLYGON_EDGES} edges: simplify it")
    return polygon


def _ring(points: AnyValue) -> Ring:
    if not isinstance(points, list) or len(points) < 4:
        raise FilterError(PARAMETER, "a polygon ring has at least four positions")
    ring = tuple(_position(point) for point in points)
    if ring[0] != ring[-1]:
        raise FilterError(PARAMETER, "a polygon ring must end where it starts")
    return ring


_Reader = Callable[[str, list[AnyValue], Queryables, int], Expression]
_READERS: dict[str, _Reader] = {
    "and": _logical,
    "or": _logical,
    "not": _logical,
    **dict.fromkeys(FLIPPED, _comparison),
    "like": _like,
    "in": _in,
    "between": _between,
    "isnull": _is_null,
    "s_intersects": _intersects,
}
