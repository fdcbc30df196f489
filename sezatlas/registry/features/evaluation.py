"""A filter evaluated in Python over one feature's properties and point (the bundled point layers).

Three-valued, as SQL and CQL2 are (OGC 21-065r2, /req/basic-cql2/binary-comparison-predicate C): a
comparison with a null property is unknown (None), NOT of unknown is unknown, and only features for which
the filter is true are selected. A multi-valued property (a list) matches when any of its values does.
"""

import operator
import re
from collections.abc import Callable, Mapping
from functools import cache
from typing import Any

from sezatlas.registry.features.filters import (
    AllOf,
    AnyOf,
    Between,
    Compare,
    Comparison,
    Constant,
    Expression,
    In,
    Intersects,
    IsNull,
    Like,
    Not,
    holds_point,
)

Truth = bool | None
_OPERATORS: dict[Comparison, Callable[[Any, Any], bool]] = {
    Comparison.EQUAL: operator.eq,
    Comparison.NOT_EQUAL: operator.ne,
    Comparison.LESS: operator.lt,
    Comparison.LESS_OR_EQUAL: operator.le,
    Comparison.GREATER: operator.gt,
    Comparison.GREATER_OR_EQUAL: operator.ge,
}


def is_selected(expression: Expression, properties: Mapping[str, Any], lon: float, lat: float) -> bool:
    return evaluate(expression, properties, lon, lat) is True


def evaluate(expression: Expression, properties: Mapping[str, Any], lon: float, lat: float) -> Truth:
    match expression:
        case Constant(value):
            return value
        case AllOf(parts):
            return _all(evaluate(part, properties, lon, lat) for part in parts)
        case AnyOf(parts):
            return _any(evaluate(part, properties, lon, lat) for part in parts)
        case Not(part):
            inner = evaluate(part, properties, lon, lat)
            return None if inner is None else not inner
        case Intersects():
            return _intersects(expression, lon, lat)
        case _:
            return _predicate(expression, properties.get(_property_of(expression)))


def _all(values: Any) -> Truth:
    seen = list(values)
    return False if False in seen else (None if None in seen else True)


def _any(values: Any) -> Truth:
    seen = list(values)
    return True if True in seen else (None if None in seen else False)


def _property_of(expression: Expression) -> str:
    assert isinstance(expression, Compare | Like | In | Between | IsNull)
    return expression.property


def _predicate(expression: Expression, value: Any) -> Truth:
    if isinstance(value, list):  # multi-valued: any of the values; NOT EQUAL is "none of them equals"
        if isinstance(expression, IsNull):
            return not value
        if isinstance(expression, Compare) and expression.operator is Comparison.NOT_EQUAL:
            return expression.value not in value
        return any(_predicate(expression, item) is True for item in value)
    if isinstance(expression, IsNull):
        return value is None
    if value is None:
        return None
    match expression:
        case Compare(_, comparison, literal):
            return _OPERATORS[comparison](value, literal)
        case Like(_, pattern):
            return _like_pattern(pattern).fullmatch(str(value)) is not None
        case In(_, values):
            return value in values
        case Between(_, low, high):
            return bool(low <= value <= high)
    raise AssertionError(f"not a predicate: {expression!r}")


@cache
def _like_pattern(pattern: str) -> re.Pattern[str]:
    """CQL2 LIKE as a regular expression: `%` any run, `_` one character, `\\` escapes the next."""
    parts: list[str] = []
    escaped = False
    for character in pattern:
        if escaped:
            parts.append(re.escape(character))
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == "%":
            parts.append(".*")
        elif character == "_":
            parts.append(".")
        else:
            parts.append(re.escape(character))
    return re.compile("".join(parts), re.DOTALL)


def _intersects(shape: Intersects, lon: float, lat: float) -> bool:
    return (
        any(point == (lon, lat) for point in shape.points)
        or any(box.holds(lon, lat) for box in shape.boxes)
        or any(
            polygon.envelope().holds(lon, lat) and holds_point(polygon, lon, lat)
            for polygon in shape.polygons
        )
    )
