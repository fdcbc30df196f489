"""Which facts users set, per zone: read before `db init` refreshes the bundled layer, written by imports.

The rule they serve is in `registry/fact_merge.py`; the table in `models.ZoneFactOriginRow`.
"""

from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.store.models import ZoneFactOriginRow

CHUNK = 500  # zone ids per IN list, as everywhere in the store


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
    session: Session, columns: Mapping[str, Iterable[str]], layer: str = "import"
) -> None:
    """Mark these facts as set by users (kept as first marked: the mark only says "not bundled")."""
    zone_ids = list(columns)
    known = user_columns(session, zone_ids)
    new = [
        ZoneFactOriginRow(zone_id=zone_id, column=name, layer=layer)
        for zone_id in zone_ids
        for name in sorted(set(columns[zone_id]) - known.get(zone_id, set()))
    ]
    session.add_all(new)
    session.flush()
