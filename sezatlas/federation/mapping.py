"""A source's field mapping: from a national platform's own field names to the standard's flat columns.

A national platform will not rename its fields for us, so each source carries a mapping, stored as a
plain JSON object (docs/federation.md, "Field mapping"):

- ``"Zone name": "name_en"`` takes the source's field ``Zone name`` as the column ``name_en``;
- a key that starts with ``=`` is a constant: ``"=IND": "country_iso3"`` gives every record the country
  ``IND`` (a national source whose rows lack one);
- ``"*": "*"`` passes every source field already named as a standard column through unchanged; an empty
  mapping means the same, which is what another SEZ Atlas node needs (its records are flat standard
  records already);
- any other source field is left out (the dry-run preview lists them, so a forgotten one shows).

A mapped record is checked by exactly the rules of an import (`registry/parse.py`), and each problem is
named by the *source's* field, because the people who fix it work in the source, not in our standard.
"""

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice

from sezatlas.federation.records import FieldMapping, RecordError, SourceRecord
from sezatlas.registry.column_types import required_columns
from sezatlas.registry.parse import validated_flat_zone
from sezatlas.registry.validation import unknown_name_reason
from sezatlas.standard.flat import flat_column_names
from sezatlas.tabular.report import ValidationReport

PASS_THROUGH = "*"
CONSTANT_PREFIX = "="
MAPPING_POSITION = "mapping"
DEFAULT_PREVIEW_SIZE = 20


def is_pass_through(mapping: FieldMapping) -> bool:
    """Whether standard-named source fields travel unchanged (an empty mapping is the identity)."""
    return not mapping or mapping.get(PASS_THROUGH) == PASS_THROUGH


def _constant_value(key: str) -> str | None:
    return key[len(CONSTANT_PREFIX) :] if key.startswith(CONSTANT_PREFIX) else None


def check_mapping(mapping: FieldMapping) -> list[RecordError]:
    """Every problem of the mapping itself, each naming its key; empty when the mapping can be used.

    Checked here, before any record is read: a target that is not a standard column, two keys aimed at one
    column, and a required column nothing provides (unless standard-named fields pass through, when only
    the records can tell).
    """
    known = set(flat_column_names())
    errors: list[RecordError] = []
    first_key: dict[str, str] = {}
    for key, column in mapping.items():
        if PASS_THROUGH in (key, column):
            if (key, column) != (PASS_THROUGH, PASS_THROUGH):
                errors.append(_mapping_error(key, '"*" only maps to itself: "*": "*" passes fields through'))
            continue
        if not key.strip() or key == CONSTANT_PREFIX:
            errors.append(_mapping_error(key, "a source field name (or =VALUE) is needed"))
        elif column not in known:
            errors.append(_mapping_error(key, f"{column!r}: {unknown_name_reason(column, 'column')}"))
        elif column in first_key:
            errors.append(_mapping_error(key, f"{column} is already given by {first_key[column]!r}"))
        else:
            first_key[column] = key
    if not is_pass_through(mapping):
        for column in required_columns():
            if column not in first_key:
                errors.append(_mapping_error("", f"required column {column} is not mapped from any field"))
    return errors


def _mapping_error(key: str, message: str) -> RecordError:
    return RecordError(MAPPING_POSITION, key, message)


def _mapped_values(
    mapping: FieldMapping, values: Mapping[str, object]
) -> tuple[dict[str, object], dict[str, str]]:
    """The flat record and, per standard column, the source field (or ``=VALUE``) it came from."""
    flat: dict[str, object] = {}
    origin: dict[str, str] = {}
    if is_pass_through(mapping):
        known = set(flat_column_names())
        for name, value in values.items():
            if name in known:
                flat[name], origin[name] = value, name
    for key, column in mapping.items():
        if key == PASS_THROUGH:
            continue
        constant = _constant_value(key)
        if constant is not None:
            flat[column], origin[column] = constant, key
        elif key in values:
            flat[column], origin[column] = values[key], key
    return flat, origin


def apply(mapping: FieldMapping, record: SourceRecord) -> dict[str, object] | list[RecordError]:
    """The record as a flat standard record, or why it cannot be one (every problem, by source field).

    The flat record holds only the columns the mapping gives, values as the source gave them, so a harvest
    can still tell a column the source left empty from one it does not have. Call `check_mapping` first: a
    mapping aimed at an unknown column is not re-checked here.
    """
    flat, origin = _mapped_values(mapping, record.values)
    report = ValidationReport(record.position)
    validated_flat_zone(1, dict(flat), report)
    if report.is_valid:
        return flat
    return [
        _record_error(record.position, problem.field, problem.reason, origin) for problem in report.problems
    ]


def _record_error(position: str, column: str | None, reason: str, origin: Mapping[str, str]) -> RecordError:
    if column is None:
        return RecordError(position, "", reason)
    source_field = origin.get(column)
    if source_field is None:  # a required column the record does not give at all
        return RecordError(position, "", f"{column}: {reason}")
    if source_field == column:
        return RecordError(position, source_field, reason)
    return RecordError(position, source_field, f"{reason} (standard column {column})")


@dataclass(frozen=True, slots=True)
class MappingPreview:
    """What a harvest with this mapping would make of the first records; nothing is written."""

    records: list[dict[str, object]] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)
    unmapped_fields: list[str] = field(default_factory=list)  # source fields the mapping leaves out
    records_read: int = 0


def preview(
    mapping: FieldMapping, records: Iterable[SourceRecord], limit: int = DEFAULT_PREVIEW_SIZE
) -> MappingPreview:
    """Map the first `limit` records (a dry run: a reader is lazy, so only those are read)."""
    mapping_errors = check_mapping(mapping)
    if mapping_errors:
        return MappingPreview(errors=mapping_errors)
    mapped: list[dict[str, object]] = []
    errors: list[RecordError] = []
    unmapped: dict[str, None] = {}
    read = 0
    for record in islice(records, limit):
        read += 1
        for name in _unmapped(mapping, record.values):
            unmapped.setdefault(name)
        result = apply(mapping, record)
        if isinstance(result, dict):
            mapped.append(result)
        else:
            errors.extend(result)
    return MappingPreview(mapped, errors, list(unmapped), read)


def _unmapped(mapping: FieldMapping, values: Mapping[str, object]) -> Iterator[str]:
    known = set(flat_column_names()) if is_pass_through(mapping) else set()
    for name in values:
        if name not in mapping and name not in known:
            yield name
