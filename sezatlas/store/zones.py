"""Reading and writing zones in the store.

Writes go through `upsert_zones`, which keeps the flat row, the exploded ISIC table and the registry
version in step inside the caller's transaction; a use case that writes zones starts that transaction
with `lock_zones_for_writing`, so that two imports at once take turns instead of colliding.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from sezatlas.standard.codelists import fold_text, isic_ancestors
from sezatlas.standard.flat import flat_column_names, flat_to_nested, zone_to_flat
from sezatlas.standard.schema import STANDARD_VERSION
from sezatlas.standard.zone import Zone
from sezatlas.store.models import RegistryMetaRow, ZoneDocumentRow, ZoneIsicRow, ZoneRow

VERSION_KEY = "registry_version"


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


def stored_documents(session: Session, zone_ids: Sequence[str]) -> dict[str, str]:
    """The stored JSON of these zones, where it was written under the running standard."""
    if not zone_ids:
        return {}
    found = session.execute(
        select(ZoneDocumentRow.zone_id, ZoneDocumentRow.document).where(
            ZoneDocumentRow.zone_id.in_(zone_ids), ZoneDocumentRow.standard == STANDARD_VERSION
        )
    )
    return {str(zone_id): str(document) for zone_id, document in found}


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
    """Insert new zones and replace changed ones by zone_id; report what changed."""
    ids = [zone.zone_id for zone in zones]
    existing: dict[str, ZoneRow] = {}
    for chunk_start in range(0, len(ids), 500):
        chunk = ids[chunk_start : chunk_start + 500]
        existing.update(
            {row.zone_id: row for row in session.scalars(select(ZoneRow).where(ZoneRow.zone_id.in_(chunk)))}
        )
    inserted = updated = unchanged = 0
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
            session.execute(delete(ZoneIsicRow).where(ZoneIsicRow.zone_id == zone.zone_id))
            updated += 1
        session.flush()
        session.merge(ZoneDocumentRow(**document_values(zone)))
        session.add_all(ZoneIsicRow(**row) for row in isic_rows(zone))
    if inserted or updated:
        bump_version(session)
    return UpsertCounts(inserted, updated, unchanged)


def bump_version(session: Session) -> None:
    meta = session.get(RegistryMetaRow, VERSION_KEY)
    if meta is None:
        session.add(RegistryMetaRow(key=VERSION_KEY, value="1"))
    else:
        meta.value = str(int(meta.value) + 1)


def registry_version(session: Session) -> str:
    meta = session.get(RegistryMetaRow, VERSION_KEY)
    return meta.value if meta else "0"


def stored_zones(session: Session, zone_ids: Sequence[str]) -> dict[str, Zone]:
    """The stored versions of the given zones, in chunks that every database accepts in an IN list."""
    found: dict[str, Zone] = {}
    for start in range(0, len(zone_ids), 500):
        chunk = zone_ids[start : start + 500]
        for row in session.scalars(select(ZoneRow).where(ZoneRow.zone_id.in_(chunk))):
            found[row.zone_id] = row_to_zone(row)
    return found


def get_zone(session: Session, zone_id: str) -> Zone | None:
    row = session.get(ZoneRow, zone_id)
    return row_to_zone(row) if row else None


def all_zones(session: Session) -> Iterable[Zone]:
    """Every zone, in zone_id order (exports and the round-trip rely on a stable order)."""
    for row in session.scalars(select(ZoneRow).order_by(ZoneRow.zone_id)).yield_per(1000):
        yield row_to_zone(row)


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
