"""What a collection's features may be filtered and sorted by: each queryable's name, type and allowed values.

The names are the features' own property names, so `?country_iso3=RUS`, the CQL2 filter
`country_iso3 = 'RUS'` and the GeoJSON property all say the same thing. `/queryables` serves them as a JSON
Schema (OGC API – Features Part 3, /req/queryables).
"""

import math
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sezatlas.registry.features.filters import FilterError, Scalar

GEOMETRY = "geometry"  # the spatial queryable: each feature's point
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class ValueType(StrEnum):
    STRING = "string"
    NUMBER = "number"
    INTEGER = "integer"
    BOOLEAN = "boolean"


@dataclass(frozen=True, slots=True)
class Queryable:
    name: str
    title: str
    type: ValueType
    description: str = ""
    enum: tuple[str, ...] = ()
    is_multi_valued: bool = False  # matches when any of the feature's values does (a zone's ISIC codes)

    def json_schema(self) -> dict[str, Any]:
        schema: dict[str, Any] = {"title": self.title, "type": self.type.value}
        if self.description:
            schema["description"] = self.description
        if self.enum:
            schema["enum"] = list(self.enum)
        return schema

    def accepts(self, value: Scalar) -> bool:
        """Whether a literal has this queryable's type (CQL2 compares like with like)."""
        if self.type is ValueType.BOOLEAN:
            return isinstance(value, bool)
        if self.type in (ValueType.NUMBER, ValueType.INTEGER):
            return isinstance(value, float | int) and not isinstance(value, bool)
        return isinstance(value, str)

    def read(self, text: str, parameter: str) -> Scalar:
        """A query parameter's text as this queryable's value (`?year_established=2005` is a number)."""
        if self.type is ValueType.STRING:
            return text
        if self.type is ValueType.BOOLEAN:
            if text.lower() not in ("true", "false"):
                raise FilterError(parameter, f"{text!r} is not true or false")
            return text.lower() == "true"
        try:
            number = float(text)
        except ValueError:
            raise FilterError(parameter, f"{text!r} is not a number") from None
        if not math.isfinite(number):
            raise FilterError(parameter, f"{text!r} is not a finite number")
        return number


@dataclass(frozen=True, slots=True)
class Queryables:
    """A collection's queryables, in the order `/queryables` lists them."""

    properties: tuple[Queryable, ...]

    def get(self, name: str) -> Queryable | None:
        return next((queryable for queryable in self.properties if queryable.name == name), None)

    def names(self) -> list[str]:
        return [queryable.name for queryable in self.properties]

    def require(self, name: str, parameter: str) -> Queryable:
        """The queryable, or a 400 naming the unknown property and listing the known ones."""
        found = self.get(name)
        if found is None:
            known = ", ".join([*self.names(), GEOMETRY])
            raise FilterError(parameter, f"unknown property {name!r}; the queryables are {known}")
        return found

    def sortable(self) -> list[str]:
        return [queryable.name for queryable in self.properties if not queryable.is_multi_valued]


def queryables_schema(queryables: Queryables, url: str, title: str) -> dict[str, Any]:
    """The JSON Schema of `/collections/{id}/queryables`: every queryable, and nothing else is one."""
    properties: dict[str, Any] = {
        GEOMETRY: {"title": "Location", "format": "geometry-point",
                   "$ref": "https://geojson.org/schema/Point.json"},
    }  # fmt: skip
    properties.update({queryable.name: queryable.json_schema() for queryable in queryables.properties})
    return {
        "$schema": JSON_SCHEMA_DIALECT,
        "$id": url,
        "type": "object",
        "title": title,
        "properties": properties,
        "additionalProperties": False,
    }
