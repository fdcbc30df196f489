"""Every zone keeps its versions: who changed which facts, when, from which source (issue 16, item 5).

A version holds the zone's whole flat record after the change, so the zone as it stood at any date is
one lookup, and the diff between any two versions is computed from the two records. A zone's first
recorded change also records the zone as it stood before (`Layer.BASELINE`, dated when that state was
written), so "as of a date before the edit" answers with the old facts.

Every path that writes zone facts records here, inside its own transaction: imports, `db init` updates,
approved operator changes and the secretariat's reverts.
"""

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sezatlas.accounts.roles import Actor
from sezatlas.standard.flat import JSON_COLUMNS, flat_column_names, flat_to_nested
from sezatlas.standard.zone import Zone
from sezatlas.store.models import ZoneRow
from sezatlas.store.stewardship_tables import ZoneVersionRow
from sezatlas.store.zones import CHUNK, all_zone_rows, row_to_zone


class Layer(StrEnum):
    """Where a version's facts came from, in the order they win (operator-confirmed first)."""

    OPERATOR = "operator"  # an operator's change the secretariat approved
    REVERT = "revert"  # the secretariat restored an earlier version's facts
    IMPORT = "import"  # a file the secretariat imported
    HARVEST = "harvest"  # a run of a registered source (`federation/harvest.py`)
    BUNDLED = "bundled"  # the bundled public sources (`db init`)
    BASELINE = "baseline"  # the zone as it stood before its first recorded change


@dataclass(frozen=True, slots=True)
class Version:
    zone_id: str
    number: int
    at: datetime
    layer: Layer
    actor: str
    source: str | None
    change_id: int | None
    changed: tuple[str, ...]
    record: Mapping[str, Any]  # the flat zone after this version

    @property
    def zone(self) -> Zone:
        return Zone.model_validate(flat_to_nested(self.record))


@dataclass(frozen=True, slots=True)
class FactDiff:
    column: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True)
class VersionedWrite:
    """One zone's record before (None: a new zone) and after a write."""

    before: Mapping[str, Any] | None
    after: Mapping[str, Any]


def aware(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes for what was stored as UTC."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def changed_columns(before: Mapping[str, Any] | None, after: Mapping[str, Any]) -> list[str]:
    """The flat columns whose value differs (every filled column of a new zone); per-fact sources count."""
    old = before or {}
    return [name for name in flat_column_names() if old.get(name) != after.get(name)]


def record_versions(
    session: Session,
    writes: Mapping[str, VersionedWrite],
    *,
    layer: Layer,
    actor: Actor,
    source: str | None,
    change_id: int | None = None,
) -> dict[str, int]:
    """Add a version for each zone whose record changes; call before the zone rows are written (the
    baseline of a zone with no history yet is dated by the row's last write). Returns zone → number."""
    columns = {zone_id: changed_columns(write.before, write.after) for zone_id, write in writes.items()}
    changed = {zone_id: write for zone_id, write in writes.items() if columns[zone_id]}
    latest, written_at = _latest_numbers(session, list(changed))
    now = datetime.now(UTC)
    numbers: dict[str, int] = {}
    for zone_id, write in changed.items():
        number = latest.get(zone_id, 0)
        if number == 0 and write.before is not None:
            number = 1
            session.add(ZoneVersionRow(zone_id=zone_id, number=number, at=written_at.get(zone_id, now),
                                       layer=Layer.BASELINE.value, actor="",
                                       source=None, changed=[], record=dict(write.before)))  # fmt: skip
        number += 1
        session.add(ZoneVersionRow(zone_id=zone_id, number=number, at=now, layer=layer.value,
                                   actor=actor.name, person_id=actor.person_id, source=source,
                                   change_id=change_id, changed=columns[zone_id],
                                   record=dict(write.after)))  # fmt: skip
        numbers[zone_id] = number
    session.flush()
    return numbers


def _latest_numbers(session: Session, zone_ids: Sequence[str]) -> tuple[dict[str, int], dict[str, datetime]]:
    """Each zone's newest version number, and when its row was last written (for a first baseline)."""
    latest: dict[str, int] = {}
    written: dict[str, datetime] = {}
    for start in range(0, len(zone_ids), CHUNK):
        chunk = zone_ids[start : start + CHUNK]
        numbers = select(ZoneVersionRow.zone_id, func.max(ZoneVersionRow.number)).where(
            ZoneVersionRow.zone_id.in_(chunk)
        )
        latest.update(
            {zone_id: int(n) for zone_id, n in session.execute(numbers.group_by(ZoneVersionRow.zone_id))}
        )
        fresh = [zone_id for zone_id in chunk if zone_id not in latest]
        if fresh:
            rows = session.execute(
                select(ZoneRow.zone_id, ZoneRow.updated_at).where(ZoneRow.zone_id.in_(fresh))
            )
            written.update({zone_id: aware(at) for zone_id, at in rows if at is not None})
    return latest, written


def _version(row: ZoneVersionRow) -> Version:
    return Version(row.zone_id, row.number, aware(row.at), Layer(row.layer), row.actor, row.source,
                   row.change_id, tuple(row.changed), row.record)  # fmt: skip


def zone_versions(session: Session, zone_id: str) -> list[Version]:
    """A zone's versions, newest first (anyone may read them: they hold only the public facts)."""
    rows = session.scalars(
        select(ZoneVersionRow).where(ZoneVersionRow.zone_id == zone_id).order_by(ZoneVersionRow.number.desc())
    )
    return [_version(row) for row in rows]


def zone_version(session: Session, zone_id: str, number: int) -> Version | None:
    row = session.get(ZoneVersionRow, (zone_id, number))
    return _version(row) if row is not None else None


def diff(older: Mapping[str, Any], newer: Mapping[str, Any]) -> list[FactDiff]:
    """The facts that differ between two records, in the standard's column order (sources apart)."""
    return [
        FactDiff(name, older.get(name), newer.get(name))
        for name in flat_column_names()
        if older.get(name) != newer.get(name) and name not in JSON_COLUMNS
    ]


def _version_at(session: Session, zone_id: str, when: datetime) -> Version | None:
    """The zone's newest version written by `when` (aware), if any."""
    row = session.scalar(
        select(ZoneVersionRow)
        .where(ZoneVersionRow.zone_id == zone_id, ZoneVersionRow.at <= when)
        .order_by(ZoneVersionRow.number.desc())
        .limit(1)
    )
    return _version(row) if row is not None else None


class NoRecordOnDateError(LookupError):
    """The registry holds no record of the zone on that date (it was added later, or before history)."""


def zone_as_of(session: Session, zone_id: str, when: datetime) -> Zone:
    """The zone as the registry held it at `when` (UTC): the newest version written by then; for a zone
    with no version, its row, if that was written by then. Raises `NoRecordOnDateError` otherwise."""
    when = aware(when)
    version = _version_at(session, zone_id, when)
    if version is not None:
        return version.zone
    has_history = session.scalar(select(func.count()).where(ZoneVersionRow.zone_id == zone_id))
    current = session.get(ZoneRow, zone_id)
    if has_history or current is None or aware(current.updated_at) > when:
        raise NoRecordOnDateError(
            f"the registry holds no record of {zone_id} as of {when:%Y-%m-%d %H:%M} UTC"
        )
    return row_to_zone(current)


class BadMomentError(ValueError):
    """An `as_of` that is neither a date nor a date and time (HTTP 400, CLI exit 2)."""


def moment_of(text: str) -> datetime:
    """An `as_of` as a moment: a date is the end of that day (UTC); a date and time without an offset is
    UTC. Raises `BadMomentError`."""
    value = text.strip()
    try:
        if "T" not in value.upper() and " " not in value:
            moment = datetime.combine(date.fromisoformat(value), time.max, tzinfo=UTC)
        else:
            parsed = datetime.fromisoformat(value)
            moment = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        moment = None
    if moment is None or not 1900 <= moment.year < 9999:
        raise BadMomentError(
            f"{text!r} is neither a date (YYYY-MM-DD) nor an ISO 8601 date and time after 1900"
        )
    return moment


def registry_at(session: Session, when: datetime) -> Iterator[Zone]:
    """Every zone as the registry held it at `when`, in zone_id order (reproducible reports): a zone
    changed since then is read from its version of that moment, a zone added since is left out.

    Why the row's own time tells "added since": every update of a zone row records a version, so a row
    written after `when` without a version then is one that did not exist yet.
    """
    when = aware(when)
    changed = set(session.scalars(select(ZoneVersionRow.zone_id).where(ZoneVersionRow.at > when).distinct()))
    for row in all_zone_rows(session):
        if row.zone_id in changed:
            version = _version_at(session, row.zone_id, when)
            if version is not None:
                yield version.zone
        elif aware(row.updated_at) <= when:
            yield row_to_zone(row)
