"""Reading and writing zones in the store.

Writes go through `upsert_zones`, which keeps the flat row, the exploded ISIC table and the registry
version in step inside the caller's transaction; a use case that writes zones starts that transaction
with `lock_zones_for_writing`, so that two imports at once take turns instead of colliding.
"""

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, or_, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from sezatlas.standard.codelists import fold_text, isic_ancestors
from sezatlas.standard.flat import flat_column_names, flat_to_nested, zone_to_flat
from sezatlas.standard.schema import STANDARD_VERSION
from sezatlas.standard.zone import Zone
from sezatlas.store.models import RegistryMetaRow, ZoneDocumentRow, ZoneIsicRow, ZoneRow

VERSION_KEY = "registry_version"
CONFIRMATIONS_KEY = "confirmations_version"  # bumped when an operator confirms a zone's facts
_STATE_READ = "sezatlas.registry_state"  # in Session.info: (the transaction, its registry_state)
CHUNK = 500  # ids per IN list: every database accepts that many parameters


def search_text(zone: Zone) -> str:
    """Folded names and places in every script the record has, for substring search."""
    parts = [zone.zone_id, zone.name_en, zone.name_local, zone.location.locality, zone.location.admin1,
             zone.location.geonames_place, zone.operator]  # fmt: skip
    return " | ".join(fold_text(p) for p in parts if p)


def row_to_zone(row: ZoneRow) -> Zone:
    flat = {name: getattr(row, name) for name in flat_column_names()}
    return Zone.model_validate(flat_to_nested(flat))


def columns_to_zone(columns: Mapping[Any, Any]) -> Zone:
    """The zone of a Core result row over the flat columns: what `row_to_zone` makes of an ORM row,
    without building the ORM object and reading its attributes one by one (most of a list request)."""
    return Zone.model_validate(flat_to_nested({name: columns[name] for name in flat_column_names()}))


def zone_to_row_values(zone: Zone) -> dict[str, object]:
    values: dict[str, object] = zone_to_flat(zone)
    values["search_text"] = search_text(zone)
    return values


def document_values(zone: Zone) -> dict[str, object]:
    """The `zone_documents` row of a zone."""
    return {"zone_id": zone.zone_id, "standard": STANDARD_VERSION, "document": zone.model_dump_json()}


def refresh_documents(session: Session) -> int:
    """Write the JSON of zones that have none, or one from another version of the standard."""
    current = select(ZoneDocumentRow.zone_id).where(ZoneDocumentRow.standard == STANDARD_VERSION)
    stale = select(ZoneRow).where(ZoneRow.zone_id.not_in(current)).order_by(ZoneRow.zone_id)
    count = 0
    for row in session.scalars(stale).yield_per(1000):
        session.merge(ZoneDocumentRow(**document_values(row_to_zone(row))))
        count += 1
    return count


@dataclass(frozen=True, slots=True)
class UpsertCounts:
    inserted: int
    updated: int
    unchanged: int


def lock_zones_for_writing(session: Session) -> None:
    """Make the session's transaction, which must not have begun yet, the only one writing zones.

    An import reads the stored zones, then inserts the new ones. Two imports at once both read "new",
    and the second failed on the first's zone_ids (SQLite starts writing at the first INSERT, PostgreSQL
    sees no uncommitted row). So the transaction takes the writer's lock before its first read: SQLite
    its write lock (`BEGIN IMMEDIATE`, waiting up to the busy timeout), PostgreSQL a table lock that
    stops other writers of zones and no reader. The second import waits, then reads what the first
    committed. Readers are never blocked (SQLite's write-ahead log, PostgreSQL's MVCC).
    """
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("BEGIN IMMEDIATE"))
    else:
        session.execute(text("LOCK TABLE zones IN SHARE ROW EXCLUSIVE MODE"))


def isic_rows(zone: Zone) -> list[dict[str, str | bool]]:
    """The zone's `zone_isic` rows: every declared code with all its ancestors, each marked whether the
    zone declared it itself (a zone declared "C" may host batteries; one declared 2720 is known to)."""
    declared = set(zone.specialisation.isic_codes)
    codes = sorted({ancestor for code in declared for ancestor in isic_ancestors(code)})
    return [{"zone_id": zone.zone_id, "isic_code": code, "declared": code in declared} for code in codes]


def upsert_zones(session: Session, zones: Sequence[Zone]) -> UpsertCounts:
    """Insert new zones and replace changed ones by zone_id; report what changed.

    The rows are compared and set one by one, but their ISIC and document rows are replaced in a few
    set-wise statements per 500 zones: one DELETE and INSERT per zone made an import of the 897 bundled
    zones take 20 s on SQLite, most of it round trips.
    """
    existing = _rows_by_id(session, [zone.zone_id for zone in zones])
    inserted = updated = unchanged = 0
    written: list[Zone] = []
    for zone in zones:
        values = zone_to_row_values(zone)
        row = existing.get(zone.zone_id)
        if row is None:
            session.add(ZoneRow(**values))
            inserted += 1
        elif all(getattr(row, key) == value for key, value in values.items()):
            unchanged += 1
            continue
        else:
            for key, value in values.items():
                setattr(row, key, value)
            updated += 1
        written.append(zone)
    if written:
        session.flush()  # the zone rows first: the ISIC and document rows refer to them
        ids = [zone.zone_id for zone in written]
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            session.execute(delete(ZoneIsicRow).where(ZoneIsicRow.zone_id.in_(chunk)))
            session.execute(delete(ZoneDocumentRow).where(ZoneDocumentRow.zone_id.in_(chunk)))
        session.execute(insert(ZoneDocumentRow), [document_values(zone) for zone in written])
        isic = [row for zone in written for row in isic_rows(zone)]
        if isic:
            session.execute(insert(ZoneIsicRow), isic)
        bump_version(session)
    return UpsertCounts(inserted, updated, unchanged)


def _rows_by_id(session: Session, zone_ids: Sequence[str]) -> dict[str, ZoneRow]:
    found: dict[str, ZoneRow] = {}
    for start in range(0, len(zone_ids), CHUNK):
        chunk = zone_ids[start : start + CHUNK]
        found.update(
            {row.zone_id: row for row in session.scalars(select(ZoneRow).where(ZoneRow.zone_id.in_(chunk)))}
        )
    return found


def bump_version(session: Session) -> None:
    session.info.pop(_STATE_READ, None)
    meta = session.get(RegistryMetaRow, VERSION_KEY)
    if meta is None:
        session.add(RegistryMetaRow(key=VERSION_KEY, value="1"))
    else:
        meta.value = str(int(meta.value) + 1)


def mark_confirmations_changed(session: Session) -> None:
    """A new value for `CONFIRMATIONS_KEY`: random, and written in one upsert, because confirmations are
    not serialised like zone writes (`lock_zones_for_writing`): two at once must still leave a value that
    neither reader saw before, and the first two must not collide inserting the row."""
    session.info.pop(_STATE_READ, None)
    values = {"key": CONFIRMATIONS_KEY, "value": uuid.uuid4().hex}
    upsert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = upsert(RegistryMetaRow).values(values)
    session.execute(statement.on_conflict_do_update(index_elements=["key"], set_={"value": values["value"]}))


def registry_version(session: Session) -> str:
    read = read_registry_version(session)
    if read is not None:
        return read
    meta = session.get(RegistryMetaRow, VERSION_KEY)
    return meta.value if meta else "0"


def read_registry_version(session: Session) -> str | None:
    """The registry version this transaction read with `registry_state`, if it has and has not written
    since; None otherwise (`store/zone_counts.py` keeps counts only for a version read this way)."""
    read = session.info.get(_STATE_READ)
    if read is not None and read[0] is session.get_transaction():
        return str(read[1][0])
    return None


# Built once, of the table's columns (Core, not the ORM's attributes): it is every zone list's first query,
# and building it, its cache key and the ORM's handling of its rows were most of its CPU (py-spy).
_META = RegistryMetaRow.__table__
_STATE_QUERY = select(_META.c.key, _META.c.value).where(
    or_(_META.c.key == VERSION_KEY, _META.c.key == CONFIRMATIONS_KEY)
)


def registry_state(session: Session) -> tuple[str, str]:
    """The registry's version and its confirmations' version, in one query: together they change whenever
    anything a zone listing shows does, but the date (`web/zone_list_cache.py`). Kept for the rest of the
    transaction, until it writes either: in a request, the answer cache reads it for its key, and the name
    index and the per-version caches then ask for the version again (`registry_version`)."""
    found: dict[str, str] = dict(session.execute(_STATE_QUERY).all())  # autoflushed: a bump is read back
    state = found.get(VERSION_KEY, "0"), found.get(CONFIRMATIONS_KEY, "0")
    session.info[_STATE_READ] = (session.get_transaction(), state)
    return state


def stored_zones(session: Session, zone_ids: Sequence[str]) -> dict[str, Zone]:
    """The stored versions of the given zones, in chunks that every database accepts in an IN list."""
    return {zone_id: row_to_zone(row) for zone_id, row in _rows_by_id(session, zone_ids).items()}


def get_zone(session: Session, zone_id: str) -> Zone | None:
    row = session.get(ZoneRow, zone_id)
    return row_to_zone(row) if row else None


def all_zones(session: Session) -> Iterable[Zone]:
    """Every zone, in zone_id order (exports and the round-trip rely on a stable order)."""
    for row in all_zone_rows(session):
        yield row_to_zone(row)


def all_zone_rows(session: Session) -> Iterable[ZoneRow]:
    return session.scalars(select(ZoneRow).order_by(ZoneRow.zone_id)).yield_per(1000)


@dataclass(frozen=True, slots=True)
class ZoneName:
    zone_id: str
    name_en: str


def zone_names(session: Session, zone_ids: Sequence[str]) -> list[ZoneName]:
    """The English names of these zones, in zone_id order; ids not stored are left out."""
    if not zone_ids:
        return []
    rows = session.execute(
        select(ZoneRow.zone_id, ZoneRow.name_en)
        .where(ZoneRow.zone_id.in_(zone_ids))
        .order_by(ZoneRow.zone_id)
    )
    return [ZoneName(zone_id, name) for zone_id, name in rows]


def parts_of(session: Session, zone_id: str) -> list[ZoneName]:
    """The zones whose `parent_zone_id` is this zone (its FTZ areas, sub-zones, merged TORs)."""
    rows = session.execute(
        select(ZoneRow.zone_id, ZoneRow.name_en)
        .where(ZoneRow.parent_zone_id == zone_id)
        .order_by(ZoneRow.zone_id)
    )
    return [ZoneName(part_id, name) for part_id, name in rows]


def count_zones(session: Session) -> int:
    return int(session.scalar(select(func.count()).select_from(ZoneRow)) or 0)


def zones_by_regime(session: Session, countries: Sequence[str]) -> dict[str, dict[str | None, int]]:
    """Country → regime_id (None: no regime linked) → its zones, for the countries named."""
    z = ZoneRow
    rows = session.execute(
        select(z.country_iso3, z.regime_id, func.count())
        .where(z.country_iso3.in_(countries))
        .group_by(z.country_iso3, z.regime_id)
    )
    counts: dict[str, dict[str | None, int]] = {country: {} for country in countries}
    for country, regime_id, count in rows:
        counts[country][regime_id] = int(count)
    return counts
