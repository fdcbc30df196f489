"""The registry's zones as the localization core reads them, rebuilt only when the registry changes.

Two plain queries — every zone's country, and every `zone_isic` row (the tagged codes with their ancestors,
and whether the zone declared the code itself) — feed `localization.zone_sector_index`, kept per database
and registry version (`store.zones.registry_version`) as `siting/registry_columns.py` keeps its columns.
"""

import threading

from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.chains.localization import ZoneSectorIndex, zone_sector_index
from sezatlas.store.models import ZoneIsicRow, ZoneRow
from sezatlas.store.zones import registry_version


def read_zone_sectors(session: Session) -> ZoneSectorIndex:
    zones = [
        (zone_id, country)
        for zone_id, country in session.execute(select(ZoneRow.zone_id, ZoneRow.country_iso3))
    ]
    rows = session.execute(select(ZoneIsicRow.zone_id, ZoneIsicRow.isic_code, ZoneIsicRow.declared))
    return zone_sector_index(zones, ((zone_id, code, bool(declared)) for zone_id, code, declared in rows))


class ZoneSectorCache:
    """One index per database and registry version, shared by every request (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[str, str] | None = None
        self._index: ZoneSectorIndex | None = None

    def get(self, session: Session) -> ZoneSectorIndex:
        key = (str(session.get_bind().engine.url), registry_version(session))
        with self._lock:
            if self._index is None or key != self._key:
                self._index, self._key = read_zone_sectors(session), key
            return self._index


ZONE_SECTORS = ZoneSectorCache()
