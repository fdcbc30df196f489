"""An items request as plain data, read from the query parameters of `/ogc/collections/{id}/items`.

Each parameter is checked here, once, whichever collection it is for: an unknown property (in a property
filter, `filter`, `sortby` or `properties`) is a 400 naming it, never silently ignored.
"""

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sezatlas.registry.features.cql2_reading import FilterLanguage, read_filter
from sezatlas.registry.features.filters import (
    AllOf,
    Compare,
    Comparison,
    Envelope,
    Expression,
    FilterError,
    In,
    Intersects,
)
from sezatlas.registry.features.queryables import Queryables
from sezatlas.registry.features.temporal import DateRange, parse_datetime

CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
MAX_LIMIT = 10_000
MAX_FILTER_CHARS = 50_000


@dataclass(frozen=True, slots=True)
class SortKey:
    property: str
    is_descending: bool = False


@dataclass(frozen=True, slots=True)
class ItemsParameters:
    """The query parameters as they came (text), before they are checked."""

    bbox: str | None = None
    bbox_crs: str | None = None
    datetime: str | None = None
    filter: str | None = None
    filter_lang: str | None = None
    filter_crs: str | None = None
    sortby: str | None = None
    properties: str | None = None
    property_filters: Mapping[str, str] = field(default_factory=dict)
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True, slots=True)
class FeatureRequest:
    """What to return: features meeting `condition` (None: all) whose time meets `dates`, in `order`,
    a page of `limit` from `offset`, each with only `properties` (None: all)."""

    condition: Expression | None = None
    dates: DateRange | None = None
    order: tuple[SortKey, ...] = ()
    properties: tuple[str, ...] | None = None
    limit: int = 100
    offset: int = 0


@dataclass(frozen=True, slots=True)
class Extent:
    """Where and when a collection's features are: the box around their points, the span of their dates."""

    box: Envelope | None
    dates: DateRange | None


@dataclass(frozen=True, slots=True)
class FeaturePage:
    number_matched: int
    features: list[dict[str, Any]]


def feature_request(
    parameters: ItemsParameters, queryables: Queryables, property_names: tuple[str, ...]
) -> FeatureRequest:
    """The request the parameters make: property filters, `bbox` and `filter` all hold (AND)."""
    conditions = [*_property_filters(parameters.property_filters, queryables)]
    if parameters.bbox is not None:
        _require_crs84("bbox-crs", parameters.bbox_crs)
        conditions.append(read_bbox(parameters.bbox))
    if parameters.filter is not None:
        conditions.append(_cql2_filter(parameters, queryables))
    return FeatureRequest(
        condition=_all_of(conditions),
        dates=None if parameters.datetime is None else parse_datetime(parameters.datetime),
        order=read_sortby(parameters.sortby, queryables),
        properties=read_properties(parameters.properties, property_names),
        limit=min(parameters.limit, MAX_LIMIT),  # not an error (Part 1, /req/core/fc-limit-response-1)
        offset=parameters.offset,
    )


def _all_of(conditions: list[Expression]) -> Expression | None:
    if len(conditions) < 2:
        return conditions[0] if conditions else None
    return AllOf(tuple(conditions))


def _property_filters(filters: Mapping[str, str], queryables: Queryables) -> list[Expression]:
    """`?country_iso3=RUS` is `country_iso3 = 'RUS'` (Part 3's queryables-query-parameters); for a queryable
    of listed values (codes, which hold no comma), `?country_iso3=RUS,CHN` is IN, as in `/api/v1/zones`."""
    found: list[Expression] = []
    for name, text in filters.items():
        queryable = queryables.require(name, name)
        parts = text.split(",") if queryable.enum else [text]
        values = tuple(queryable.read(part.strip(), name) for part in parts if part.strip())
        if not values:
            raise FilterError(name, "give a value")
        found.append(Compare(name, Comparison.EQUAL, values[0]) if len(values) == 1 else In(name, values))
    return found


def _cql2_filter(parameters: ItemsParameters, queryables: Queryables) -> Expression:
    assert parameters.filter is not None
    if len(parameters.filter) > MAX_FILTER_CHARS:
        raise FilterError("filter", f"longer than {MAX_FILTER_CHARS:,} characters")
    _require_crs84("filter-crs", parameters.filter_crs)
    try:
        language = FilterLanguage(parameters.filter_lang or FilterLanguage.CQL2_TEXT)
    except ValueError:
        known = f"{FilterLanguage.CQL2_TEXT} or {FilterLanguage.CQL2_JSON}"
        raise FilterError("filter-lang", f"{parameters.filter_lang!r} is not {known}") from None
    return read_filter(parameters.filter, language, queryables)


def _require_crs84(parameter: str, value: str | None) -> None:
    if value is not None and value != CRS84:
        raise FilterError(parameter, f"only {CRS84} (longitude, latitude in degrees) is supported")


def read_bbox(text: str) -> Expression:
    """`west,south,east,north` (or with heights: 6 numbers) in CRS84; west > east crosses the antimeridian."""
    try:
        numbers = [float(part) for part in text.split(",")]
    except ValueError:
        numbers = []
    if len(numbers) not in (4, 6) or not all(math.isfinite(n) for n in numbers):
        raise FilterError(
            "bbox", f"{text!r} is not four numbers west,south,east,north (or six, with heights)"
        )
    west, south, east, north = (
        numbers if len(numbers) == 4 else (numbers[0], numbers[1], numbers[3], numbers[4])
    )
    if not (-90 <= south <= north <= 90 and -180 <= west <= 180 and -180 <= east <= 180):
        raise FilterError("bbox", f"{text!r} is outside -180..180 / -90..90 or has south > north")
    return Intersects(boxes=(Envelope(west, south, east, north),))


def read_sortby(text: str | None, queryables: Queryables) -> tuple[SortKey, ...]:
    """`sortby=-area_ha,+name_en`: properties in order, `-` descending; nulls come last either way."""
    keys: list[SortKey] = []
    for part in (text or "").split(","):
        name = part.strip()
        if not name:
            continue
        is_descending = name.startswith("-")
        name = name.lstrip("+-").strip()
        if name not in queryables.sortable():
            raise FilterError(
                "sortby", f"cannot sort by {name!r}; sortable are {', '.join(queryables.sortable())}"
            )
        keys.append(SortKey(name, is_descending))
    return tuple(keys)


def read_properties(text: str | None, property_names: tuple[str, ...]) -> tuple[str, ...] | None:
    """`properties=name_en,zone_type`: features carry only these properties (in the collection's order)."""
    if text is None:
        return None
    asked = {part.strip() for part in text.split(",") if part.strip()}
    unknown = sorted(asked - set(property_names))
    if unknown:
        raise FilterError("properties", f"unknown {', '.join(map(repr, unknown))}; the properties are "
                          f"{', '.join(property_names)}")  # fmt: skip
    return tuple(name for name in property_names if name in asked)


def selected_properties(feature: dict[str, Any], properties: tuple[str, ...] | None) -> dict[str, Any]:
    if properties is None:
        return feature
    kept = {name: feature["properties"].get(name) for name in properties}
    return {**feature, "properties": kept}
