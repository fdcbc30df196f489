"""The first half of a run: every record mapped and checked, kept on disk until the run writes them.

Why a spool file and not a list: a national platform may publish 100,000 zones, and the run must check
them all before it writes any (all or nothing, `harvest.py`), but should not hold them all in memory; a
checked record is pickled to a temporary file and read back in chunks by the writing half. What stays in
memory is one zone id per record (to find a zone given twice) and the first rejections.
"""

import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO

from sezatlas.federation.mapping import apply
from sezatlas.federation.records import FieldMapping, RecordError, SourceRecord
from sezatlas.registry.parse import validated_flat_zone
from sezatlas.standard.zone import Zone
from sezatlas.tabular.report import ValidationReport

Progress = Callable[[int, int], None]
"""(done, total) of a run's work; total 0 while it is unknown (records still being read)."""
MAX_REJECTIONS_KEPT = 1000  # in the run's report; the count says how many there were in all
PROGRESS_EVERY = 500


@dataclass(frozen=True, slots=True)
class CheckedRecord:
    position: str
    zone: Zone
    given: frozenset[str]  # flat columns the source gives a value
    blank: frozenset[str]  # flat columns the source has but leaves empty


@dataclass
class CheckedRecords:
    """The records of a run that passed, on disk in the source's order, and those that did not."""

    file: IO[bytes]
    count: int = 0
    zone_ids: set[str] = field(default_factory=set)
    last_of: dict[str, int] = field(default_factory=dict)  # a repeated zone's last record (feeds)
    rejected: list[RecordError] = field(default_factory=list)
    rejected_total: int = 0

    def reject(self, errors: Iterable[RecordError]) -> None:
        for error in errors:
            self.rejected_total += 1
            if len(self.rejected) < MAX_REJECTIONS_KEPT:
                self.rejected.append(error)

    def chunks(self, size: int) -> Iterator[list[CheckedRecord]]:
        """The records to write, in order, `size` at a time; of a repeated zone only its last record."""
        self.file.seek(0)
        chunk: list[CheckedRecord] = []
        for index in range(self.count):
            record: CheckedRecord = pickle.load(self.file)  # our own file, written by check_records
            if self.last_of.get(record.zone.zone_id, index) != index:
                continue
            chunk.append(record)
            if len(chunk) == size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk


def check_records(
    mapping: FieldMapping,
    records: Iterable[SourceRecord],
    *,
    repeats_zones: bool = False,
    on_progress: Progress | None = None,
) -> CheckedRecords:
    """Map and check every record with the import's rules (`mapping.apply`). A zone id given twice is
    rejected, unless the source is a feed (`repeats_zones`): then its last record is the one written."""
    checked = CheckedRecords(tempfile.TemporaryFile())  # noqa: SIM115 -- closed by the run that reads it
    first_at: dict[str, str] = {}
    for done, record in enumerate(records, start=1):
        _check(mapping, record, checked, first_at, repeats_zones)
        if on_progress is not None and done % PROGRESS_EVERY == 0:
            on_progress(done, 0)
    return checked


def _check(
    mapping: FieldMapping,
    record: SourceRecord,
    checked: CheckedRecords,
    first_at: dict[str, str],
    repeats_zones: bool,
) -> None:
    flat = apply(mapping, record)
    if isinstance(flat, list):
        checked.reject(flat)
        return
    zone = validated_flat_zone(1, dict(flat), ValidationReport(record.position))
    if zone is None:  # `apply` checked it already: only if the two rules drifted apart
        checked.reject([RecordError(record.position, "", "the record is not a valid zone")])
        return
    if zone.zone_id in checked.zone_ids:
        if not repeats_zones:
            message = f"zone {zone.zone_id} is also at {first_at[zone.zone_id]}: a source gives a zone once"
            checked.reject([RecordError(record.position, "zone_id", message)])
            return
        checked.last_of[zone.zone_id] = checked.count
    else:
        checked.zone_ids.add(zone.zone_id)
        if not repeats_zones:
            first_at[zone.zone_id] = record.position
    given = frozenset(name for name, value in flat.items() if not _is_blank(value))
    blank = frozenset(name for name, value in flat.items() if _is_blank(value))
    pickle.dump(CheckedRecord(record.position, zone, given, blank), checked.file)
    checked.count += 1


def _is_blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
