"""Which facts users set, per zone: read before `db init` refreshes the bundled layer, written by imports.

The rule they serve is in `registry/fact_merge.py`; the table in `models.ZoneFactOriginRow`.
"""

from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from sezatlas.store.models import ZoneFactOriginRow
from sezatlas.store.zones import CHUNK


def user_columns(session: Session, zone_ids: Sequence[str]) -> dict[str, set[str]]:
    """For each of `zone_ids` that has any, the flat columns a user's import set or cleared."""
    found: dict[str, set[str]] = {}
    for start in range(0, len(zone_ids), CHUNK):
        chunk = zone_ids[start : start + CHUNK]
        rows = session.execute(
            select(ZoneFactOriginRow.zone_id, ZoneFactOriginRow.column).where(
                ZoneFactOriginRow.zone_id.in_(chunk)
            )
        )
        for zone_id, column in rows:
            found.setdefault(zone_id, set()).add(column)
    return found


def record_user_columns(
    session: Session,
    columns: Mapping[str, Iterable[str]],
    layer: str = "import",
    changed: Mapping[str, Iterable[str]] | None = None,
) -> None:
    """Mark these facts as set by users. A fact marked before keeps its mark (the mark says "not
    bundled", and who set the value it holds), unless `changed` says this write changed its value:
    then the mark becomes `layer` (an import over an operator-confirmed fact is the import's now)."""
    zone_ids = list(columns)
    marks: dict[tuple[str, str], ZoneFactOriginRow] = {}
    for start in range(0, len(zone_ids), CHUNK):
        rows = session.scalars(
            select(ZoneFactOriginRow).where(ZoneFactOriginRow.zone_id.in_(zone_ids[start : start + CHUNK]))
        )
        marks.update({(row.zone_id, row.column): row for row in rows})
    for zone_id in zone_ids:
        for name in sorted(set(columns[zone_id])):
            if (zone_id, name) not in marks:
                session.add(ZoneFactOriginRow(zone_id=zone_id, column=name, layer=layer))
    for zone_id, names in (changed or {}).items():
        for name in names:
            row = marks.get((zone_id, name))
            if row is not None and row.layer != layer:
                row.layer = layer
    session.flush()


def set_fact_layer(session: Session, zone_id: str, columns: Iterable[str], layer: str) -> None:
    """Mark these facts of one zone as set by `layer` now, whatever set them before (an approved
    operator change outranks an import; a secretariat's revert re-marks what it restored)."""
    names = sorted(set(columns))
    if not names:
        return
    existing = {
        row.column: row
        for row in session.scalars(
            select(ZoneFactOriginRow).where(
                ZoneFactOriginRow.zone_id == zone_id, ZoneFactOriginRow.column.in_(names)
            )
        )
    }
    for name in names:
        row = existing.get(name)
        if row is None:
            session.add(ZoneFactOriginRow(zone_id=zone_id, column=name, layer=layer))
        else:
            row.layer = layer
    session.flush()


def forget_user_columns(session: Session, zone_id: str, columns: Iterable[str]) -> None:
    """These facts of one zone go back to the bundled layer (the secretariat let a bundled release win)."""
    names = list(columns)
    if names:
        session.execute(
            delete(ZoneFactOriginRow).where(
                ZoneFactOriginRow.zone_id == zone_id, ZoneFactOriginRow.column.in_(names)
            )
        )


def fact_layers(session: Session, zone_id: str) -> dict[str, str]:
    """Which layer set each user-set fact of one zone (facts not listed come from the bundled sources)."""
    rows = session.execute(
        select(ZoneFactOriginRow.column, ZoneFactOriginRow.layer).where(ZoneFactOriginRow.zone_id == zone_id)
    )
    return {row.column: row.layer for row in rows}
