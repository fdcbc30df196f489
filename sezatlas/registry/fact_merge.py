"""How an incoming record and a stored zone combine, fact by fact, without losing a fact nobody cleared.

The rules users expect from a spreadsheet (issue 16, docs/registry.md#importing): a column the file
does not have leaves that fact as it is; an empty cell leaves it as it is unless the import is told to
clear empty cells; a value replaces the fact. A fact kept from before keeps its own source: when the
record's sources change, each kept fact without a source of its own is pinned to the sources it came
with, in `field_provenance`.

The same core serves `db init`: the bundled layer is refreshed around the facts users set, which
keep their stored value and source (`with_user_facts`).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from sezatlas.standard.flat import JSON_COLUMNS, flat_column_names, flat_columns, flat_to_nested, zone_to_flat
from sezatlas.standard.provenance import Provenance
from sezatlas.standard.zone import Zone


@dataclass(frozen=True, slots=True)
class ZoneRecord:
    """A validated zone of an import file, and which of its columns the row gives or leaves empty."""

    zone: Zone
    row: int
    given: frozenset[str]  # flat columns with a value on this row
    blank: frozenset[str]  # flat columns the file has but this row leaves empty


@dataclass(frozen=True, slots=True)
class FieldChange:
    column: str
    old: Any
    new: Any

    @property
    def clears(self) -> bool:
        return self.new is None and self.old is not None


@cache
def record_source_columns() -> frozenset[str]:
    """The record-level provenance columns (source_urls, as_of, …): the sources of unpinned facts."""
    return frozenset(column.name for column in flat_columns() if column.path[0] == "provenance")


@cache
def _unsourced_columns() -> frozenset[str]:
    """Columns that are not facts needing a source: identity, provenance itself, bookkeeping."""
    return record_source_columns() | JSON_COLUMNS | {"zone_id", "country_iso3", "dataset", "notes"}


def merged_zone(
    before: Zone, record: ZoneRecord, *, clear_empty: bool = False, stored: Mapping[str, Any] | None = None
) -> Zone:
    """`before` updated by `record`; raises pydantic's ValidationError if the two together are invalid
    (e.g. free land above total land, one from each side). `stored`: `before` flat, if the caller has it."""
    old, new = dict(stored) if stored is not None else zone_to_flat(before), zone_to_flat(record.zone)
    out = dict(old)
    for name in flat_column_names():
        if name in record.given:
            out[name] = new[name]
        elif clear_empty and name in record.blank:
            out[name] = None
    cleared = {name for name in record.blank if clear_empty}
    replaced = {name for name in record.given if new[name] != old[name]}  # their old sources no longer apply
    sources = {name: source for name, source in before.field_provenance.items() if name not in replaced}
    sources.update(record.zone.field_provenance)
    kept = [name for name in flat_column_names() if name not in record.given and name not in cleared]
    return _with_sources(Zone.model_validate(flat_to_nested(out)), before, sources, kept, cleared, old)


def with_user_facts(bundled: Zone, stored: Zone, user_columns: Collection[str]) -> Zone:
    """The bundled zone, except the facts users set, which keep their stored value and source.

    When the user's import gave the record's sources, they stay the record's, and the bundled facts
    around them are pinned to the bundled sources; otherwise the bundled record's sources stay, and
    the user's facts are pinned to the ones they came with. Either way a second run changes nothing.
    """
    facts = user_facts(user_columns)
    old, out = zone_to_flat(stored), zone_to_flat(bundled)
    for name in facts:
        out[name] = old[name]
    users_sources = bool(record_source_columns() & set(user_columns))
    if users_sources:
        out.update({name: old[name] for name in record_source_columns()})
    sources = {name: source for name, source in bundled.field_provenance.items() if name not in facts}
    sources.update({name: source for name, source in stored.field_provenance.items() if name in facts})
    zone = Zone.model_validate(flat_to_nested(out))
    if users_sources:
        others = [name for name in flat_column_names() if name not in facts]
        return _with_sources(zone, bundled, sources, others, ())
    return _with_sources(zone, stored, sources, facts, ())


def user_facts(columns: Collection[str]) -> list[str]:
    """Of the columns a user set, the facts (not the record's sources, its id or bookkeeping)."""
    return [name for name in flat_column_names() if name in columns and name not in _unsourced_columns()]


def _with_sources(
    zone: Zone,
    before: Zone,
    sources: dict[str, Provenance],
    kept: Collection[str],
    cleared: Collection[str],
    stored: Mapping[str, Any] | None = None,
) -> Zone:
    """Pin `before`'s record sources on each kept fact without its own, if the record's sources changed."""
    sources = {name: source for name, source in sources.items() if name not in cleared}
    if zone.provenance != before.provenance and before.provenance.source_urls:
        old = stored if stored is not None else zone_to_flat(before)
        for name in kept:
            if name not in _unsourced_columns() and old.get(name) is not None and name not in sources:
                sources[name] = before.provenance
    return zone.model_copy(update={"field_provenance": dict(sorted(sources.items()))})


def flat_changes(old: Mapping[str, Any] | None, new: Mapping[str, Any]) -> list[FieldChange]:
    """Flat columns whose value differs, old → new (every non-empty column for a new zone: `old` None)."""
    old = old or {}
    return [
        FieldChange(name, old.get(name), new[name])
        for name in flat_column_names()
        if old.get(name) != new[name] and name not in JSON_COLUMNS
    ]
