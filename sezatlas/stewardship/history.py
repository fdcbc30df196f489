"""A zone's history as people read it, the diff between two of its versions, and the secretariat's
revert (issue 16, item 5). The versions themselves are written by every write path (`versions.py`).
"""

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from sezatlas.accounts.audit import RequestContext, record
from sezatlas.accounts.roles import Actor, may_administer, require
from sezatlas.standard.flat import zone_to_flat
from sezatlas.standard.zone import Zone
from sezatlas.stewardship.changes import ZoneNotFoundError
from sezatlas.stewardship.versions import (
    FactDiff,
    Layer,
    Version,
    diff,
    zone_as_of,
    zone_version,
    zone_versions,
)
from sezatlas.stewardship.zone_writes import write_zone
from sezatlas.store.zones import get_zone, lock_zones_for_writing

__all__ = ["VersionNotFoundError", "compare_versions", "registry_as_of", "revert_zone", "zone_history"]


class VersionNotFoundError(LookupError):
    """No version of that number for the zone."""


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    version: Version
    changes: tuple[FactDiff, ...]  # against the version before (every filled fact for the first)


def zone_history(session: Session, zone_id: str) -> list[HistoryEntry]:
    """Anyone: the zone's versions, newest first, each with what it changed (the facts are public)."""
    if get_zone(session, zone_id) is None:
        raise ZoneNotFoundError(f"no zone {zone_id} in the registry")
    versions = zone_versions(session, zone_id)
    entries = []
    for index, version in enumerate(versions):
        older = versions[index + 1].record if index + 1 < len(versions) else {}
        entries.append(HistoryEntry(version, tuple(diff(older, version.record))))
    return entries


def _version(session: Session, zone_id: str, number: int) -> Version:
    version = zone_version(session, zone_id, number)
    if version is None:
        raise VersionNotFoundError(f"zone {zone_id} has no version {number}")
    return version


def compare_versions(session: Session, zone_id: str, older: int, newer: int) -> list[FactDiff]:
    """Anyone: the facts that differ between two versions of a zone."""
    return diff(_version(session, zone_id, older).record, _version(session, zone_id, newer).record)


def revert_zone(
    session: Session, actor: Actor, zone_id: str, number: int, *, context: RequestContext | None = None
) -> int:
    """The secretariat: the zone's facts as they were in version `number`, written as a new version
    (nothing of the history is rewritten). Returns the new version's number."""
    require(actor, may_administer(actor), f"revert zone {zone_id}")
    lock_zones_for_writing(session)
    stored = get_zone(session, zone_id)
    if stored is None:
        raise ZoneNotFoundError(f"no zone {zone_id} in the registry")
    target = _version(session, zone_id, number)
    number_written = write_zone(
        session, actor, stored, target.zone, layer=Layer.REVERT, source=f"version {number}"
    )
    changed = [change.column for change in diff(zone_to_flat(stored), target.record)]
    after = {"to_version": number, "version": number_written, "changed": changed}
    record(session, actor, "revert zone", "zone", zone_id, after=after, context=context)
    session.commit()
    return number_written


def registry_as_of(session: Session, zone_id: str, when: datetime) -> Zone:
    """Anyone: the zone as the registry held it at `when` (reproducible reports)."""
    return zone_as_of(session, zone_id, when)
