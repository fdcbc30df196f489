"""The change feed every node publishes (`GET /api/v1/changes`), read from the zones' versions.

Without a cursor the feed starts with the registry as it stands (every zone as a "created" change, in
zone_id order), then goes on with the changes made since that snapshot began; with the cursor of its
last page a harvester asks for what changed since (docs/federation.md, "Change feed").

Why the versions' (at, zone_id, number) order is a cursor that never skips a change: every write of zone
facts records its versions while holding the writers' lock of the zones table and takes `at` after it
got that lock (`store/zones.lock_zones_for_writing`, `stewardship/versions.record_versions`), so a
transaction that commits later has later (or equal, same-transaction) times; a reader that saw a
version has seen every version ordered before it. What this rests on is a clock that does not step
back; the baselines (`Layer.BASELINE`, dated in the past) are the zone before its first change, not a
change, and are left out. A zone written without a version (a new zone of `db init`) is in the snapshot.
"""

import base64
import binascii
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import literal, select, tuple_
from sqlalchemy.orm import Session

from sezatlas.standard.flat import zone_to_flat
from sezatlas.stewardship.versions import Layer, aware
from sezatlas.store.models import ZoneRow
from sezatlas.store.stewardship_tables import ZoneVersionRow
from sezatlas.store.zones import row_to_zone

DEFAULT_LIMIT = 500
ZONE_ID_LENGTH = 64  # `zones.zone_id`
MAX_LIMIT = 5000


class FeedKind(StrEnum):
    CREATED = "created"
    CHANGED = "changed"
    REMOVED = "removed"  # reserved: a node deletes no zone today (docs/federation.md)


class BadCursorError(ValueError):
    """A `since` the feed did not hand out (HTTP 400)."""


@dataclass(frozen=True, slots=True)
class Change:
    zone_id: str
    version: int  # the zone's version number; 0: a zone with no recorded change yet (snapshot only)
    at: datetime
    kind: FeedKind
    record: dict[str, Any]  # the zone's whole flat record after the change


@dataclass(frozen=True, slots=True)
class ChangePage:
    changes: list[Change]
    next: str  # the cursor to ask with next time (also when nothing changed)
    has_more: bool


@dataclass(frozen=True, slots=True)
class _Position:
    """A place in the versions' (at, zone_id, number) order; `at` None: before every version."""

    at: datetime | None = None
    zone_id: str = ""
    number: int = 0

    def as_list(self) -> list[Any]:
        return [self.at.isoformat() if self.at else None, self.zone_id, self.number]


def _encode(payload: dict[str, Any]) -> str:
    raw = json.dumps(payload, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str) -> dict[str, Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        payload = json.loads(raw)
    except (binascii.Error, ValueError):
        raise BadCursorError(f"{cursor!r} is not a cursor this feed handed out") from None
    if not isinstance(payload, dict) or payload.get("p") not in ("s", "f"):
        raise BadCursorError(f"{cursor!r} is not a cursor this feed handed out")
    return payload


def _position(value: Any) -> _Position:
    try:
        at, zone_id, number = value
        moment = aware(datetime.fromisoformat(at)).astimezone(UTC) if at else None
        if not 0 <= int(number) < 2**31 or len(str(zone_id)) > ZONE_ID_LENGTH:
            raise ValueError("out of range")
        return _Position(moment, str(zone_id), int(number))
    except (TypeError, ValueError, OverflowError):
        raise BadCursorError("the cursor's position is damaged; start again without `since`") from None


def changes_since(session: Session, since: str | None, limit: int = DEFAULT_LIMIT) -> ChangePage:
    """One page of the feed after `since` (None: from the snapshot); anyone may read it (public facts)."""
    limit = max(1, min(limit, MAX_LIMIT))
    if since is None:
        return _snapshot_page(session, "", _head(session), limit)
    payload = _decode(since)
    if payload["p"] == "s":
        return _snapshot_page(session, str(payload.get("z", "")), _position(payload.get("h")), limit)
    return _feed_page(session, _position(payload.get("a")), limit)


def _head(session: Session) -> _Position:
    """The newest change now: a snapshot begun now goes on with the changes after it."""
    row = session.execute(
        select(ZoneVersionRow.at, ZoneVersionRow.zone_id, ZoneVersionRow.number)
        .where(ZoneVersionRow.layer != Layer.BASELINE.value)
        .order_by(ZoneVersionRow.at.desc(), ZoneVersionRow.zone_id.desc(), ZoneVersionRow.number.desc())
        .limit(1)
    ).first()
    return _Position(aware(row.at), row.zone_id, row.number) if row is not None else _Position()


def _snapshot_page(session: Session, after_zone: str, head: _Position, limit: int) -> ChangePage:
    rows = list(
        session.scalars(
            select(ZoneRow).where(ZoneRow.zone_id > after_zone).order_by(ZoneRow.zone_id).limit(limit)
        )
    )
    numbers = _latest_numbers(session, [row.zone_id for row in rows])
    changes = [
        Change(row.zone_id, numbers.get(row.zone_id, 0), aware(row.updated_at), FeedKind.CREATED,
               zone_to_flat(row_to_zone(row)))
        for row in rows
    ]  # fmt: skip
    if len(rows) == limit:
        return ChangePage(changes, _encode({"p": "s", "z": rows[-1].zone_id, "h": head.as_list()}), True)
    has_more = bool(_feed_page(session, head, 1).changes)  # written while the snapshot was read
    return ChangePage(changes, _encode({"p": "f", "a": head.as_list()}), has_more)


def _latest_numbers(session: Session, zone_ids: list[str]) -> dict[str, int]:
    if not zone_ids:
        return {}
    rows = session.execute(
        select(ZoneVersionRow.zone_id, ZoneVersionRow.number).where(ZoneVersionRow.zone_id.in_(zone_ids))
    )
    latest: dict[str, int] = {}
    for zone_id, number in rows:
        latest[zone_id] = max(latest.get(zone_id, 0), number)
    return latest


def _feed_page(session: Session, after: _Position, limit: int) -> ChangePage:
    query = select(ZoneVersionRow).where(ZoneVersionRow.layer != Layer.BASELINE.value)
    if after.at is not None:  # a row-value comparison: one range scan of `ix_zone_versions_feed`
        key = tuple_(ZoneVersionRow.at, ZoneVersionRow.zone_id, ZoneVersionRow.number)
        query = query.where(key > tuple_(literal(after.at, ZoneVersionRow.at.type), literal(after.zone_id),
                                         literal(after.number)))  # fmt: skip
    order = (ZoneVersionRow.at, ZoneVersionRow.zone_id, ZoneVersionRow.number)
    rows = list(session.scalars(query.order_by(*order).limit(limit + 1)))
    has_more = len(rows) > limit
    rows = rows[:limit]
    changes = [
        Change(row.zone_id, row.number, aware(row.at),
               FeedKind.CREATED if row.number == 1 else FeedKind.CHANGED, dict(row.record))
        for row in rows
    ]  # fmt: skip
    last = _Position(aware(rows[-1].at), rows[-1].zone_id, rows[-1].number) if rows else after
    return ChangePage(changes, _encode({"p": "f", "a": last.as_list()}), has_more)
