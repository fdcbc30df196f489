"""The flat form of a Zone: one column per fact, for CSV, XLSX, GeoJSON properties and the database.

The column names are derived from the nested model, so the two can never drift apart:
group fields keep their own name (``location.latitude`` → ``latitude``) and a utility's capacity is
named by the utility (``utilities.power_mw.free`` → ``power_mw_free``). Lists travel as text joined by
a separator that cannot occur inside an item; per-fact provenance travels as JSON.
"""

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from pydantic import BaseModel

from sezatlas.standard.provenance import Provenance
from sezatlas.standard.zone import Capacity, Zone

# A code, a zone id and a URL hold neither ";" nor spaces.
LIST_SEPARATORS: dict[str, str] = {"isic_codes": ";", "possibly_same_as": ";", "source_urls": " | "}
JSON_COLUMNS = frozenset({"field_provenance"})


@dataclass(frozen=True, slots=True)
class FlatColumn:
    name: str
    path: tuple[str, ...]


def _walk(model: type[BaseModel], prefix: tuple[str, ...]) -> Iterator[FlatColumn]:
    for name, info in model.model_fields.items():
        annotation = info.annotation
        path = (*prefix, name)
        if annotation is Capacity:
            yield from (FlatColumn(f"{name}_{part}", (*path, part)) for part in Capacity.model_fields)
        elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
            yield from _walk(annotation, path)
        else:
            yield FlatColumn(name, path)


@cache
def flat_columns() -> tuple[FlatColumn, ...]:
    """Every flat column of a Zone, in the standard's order."""
    return tuple(_walk(Zone, ()))


@cache
def flat_column_names() -> tuple[str, ...]:
    return tuple(column.name for column in flat_columns())


@cache
def _columns_by_name() -> dict[str, FlatColumn]:
    return {column.name: column for column in flat_columns()}


def zone_to_flat(zone: Zone, *, lists_as_text: bool = True) -> dict[str, Any]:
    """One flat record; unknown facts stay None."""
    nested = zone.model_dump(mode="json")
    flat: dict[str, Any] = {}
    for column in flat_columns():
        value: Any = nested
        for key in column.path:
            value = value[key]
        if column.name in JSON_COLUMNS:
            value = json.dumps(value, ensure_ascii=False, sort_keys=True) if value else None
        elif column.name in LIST_SEPARATORS and lists_as_text:
            value = LIST_SEPARATORS[column.name].join(value) if value else None
        flat[column.name] = value
    return flat


def _split_list(name: str, value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(item).strip() for item in value if str(item).strip()]
    return [item.strip() for item in str(value).split(LIST_SEPARATORS[name]) if item.strip()]


def _parse_json_column(value: Any) -> Any:
    if value is None or isinstance(value, dict):
        return value or {}
    parsed = json.loads(str(value))
    return {key: Provenance.model_validate(item) for key, item in parsed.items()}


def flat_to_nested(flat: Mapping[str, Any]) -> dict[str, Any]:
    """Nested dict ready for `Zone.model_validate`; blanks become None, unknown columns are rejected.

    Raises KeyError naming the first column that is not part of the standard.
    """
    known = _columns_by_name()
    for name in flat:
        if name not in known:
            raise KeyError(name)
    nested: dict[str, Any] = {}
    for name, raw in flat.items():
        value = None if isinstance(raw, str) and not raw.strip() else raw
        if name in LIST_SEPARATORS:
            value = _split_list(name, value)
        elif name in JSON_COLUMNS:
            value = _parse_json_column(value)
        if value is None:
            continue
        path = known[name].path
        node = nested
        for key in path[:-1]:
            node = node.setdefault(key, {})
        node[path[-1]] = value
    return nested
