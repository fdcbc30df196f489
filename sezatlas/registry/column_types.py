"""What each flat column holds (type, bounds, allowed codes), read from the pydantic Zone model.

The validation report and the Frictionless table schema both need the bounds and types of the flat
columns; deriving them from the model keeps both in step with the standard without a second table.
"""

import types
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from sezatlas.standard.flat import FlatColumn, flat_columns
from sezatlas.standard.zone import Zone


@dataclass(frozen=True, slots=True)
class ColumnType:
    """The value type of one flat column, in the vocabulary of a table schema."""

    name: str
    kind: str  # string | integer | number | boolean | list | object
    is_required: bool
    minimum: float | None
    maximum: float | None
    enum: tuple[str, ...] | None
    pattern: str | None
    description: str | None


def _leaf_field(path: tuple[str, ...]) -> FieldInfo:
    model: type[BaseModel] = Zone
    info = model.model_fields[path[0]]
    for key in path[1:]:
        annotation = info.annotation
        assert isinstance(annotation, type) and issubclass(annotation, BaseModel), path
        model = annotation
        info = model.model_fields[key]
    return info


def _constraints(annotation: Any, found: dict[str, Any]) -> None:
    """Collect ge/le/pattern from Annotated metadata anywhere inside a (union) annotation."""
    if get_origin(annotation) is Annotated:
        base, *metadata = get_args(annotation)
        for item in metadata:
            items = item.metadata if isinstance(item, FieldInfo) else [item]
            for constraint in items:
                for key in ("ge", "le", "pattern"):
                    if getattr(constraint, key, None) is not None:
                        found[key] = getattr(constraint, key)
        _constraints(base, found)
    elif get_origin(annotation) in (Union, types.UnionType):
        for arg in get_args(annotation):
            _constraints(arg, found)


def _base_types(annotation: Any) -> list[Any]:
    if get_origin(annotation) is Annotated:
        return _base_types(get_args(annotation)[0])
    if get_origin(annotation) in (Union, types.UnionType):
        return [t for arg in get_args(annotation) for t in _base_types(arg) if t is not type(None)]
    return [annotation]


def _kind(base: Any) -> str:
    if get_origin(base) is list:
        return "list"
    if get_origin(base) is dict:
        return "object"
    if base is bool:
        return "boolean"
    if base is int:
        return "integer"
    if base is float:
        return "number"
    return "string"


def _column_type(column: FlatColumn) -> ColumnType:
    info = _leaf_field(column.path)
    found: dict[str, Any] = {}
    for item in info.metadata:
        for key in ("ge", "le", "pattern"):
            if getattr(item, key, None) is not None:
                found[key] = getattr(item, key)
    _constraints(info.annotation, found)
    base = _base_types(info.annotation)[0]
    enum = (
        tuple(member.value for member in base) if isinstance(base, type) and issubclass(base, Enum) else None
    )
    return ColumnType(
        name=column.name,
        kind=_kind(base),
        is_required=info.is_required(),
        minimum=found.get("ge"),
        maximum=found.get("le"),
        enum=enum,
        pattern=found.get("pattern"),
        description=info.description,
    )


@cache
def column_types() -> dict[str, ColumnType]:
    """Every flat column of the standard with its type and constraints, in the standard's order."""
    return {column.name: _column_type(column) for column in flat_columns()}


def required_columns() -> tuple[str, ...]:
    return tuple(name for name, column in column_types().items() if column.is_required)
