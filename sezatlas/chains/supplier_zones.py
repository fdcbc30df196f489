"""The registry's zones as the suppliers core reads them, rebuilt only when the registry changes.

Two plain queries (zones; the ISIC codes each zone declared itself, from `zone_isic`) feed
`suppliers.ZoneIndex`, kept per database and registry version (`store.zones.registry_version`), the way
`siting/registry_columns.py` keeps the site-selection columns: 100,000 zones take a few seconds to index
once, and every question after that reads only the index.
"""

import threading

from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.chains.suppliers import SupplierZone, ZoneIndex
from sezatlas.store.models import ZoneIsicRow, ZoneRow
from sezatlas.store.zones import registry_version


def supplier_zones(session: Session) -> list[SupplierZone]:
    """Every zone with its coordinates (None when unknown), regime and declared ISIC codes."""
    declared: dict[str, list[str]] = {}
    codes = select(ZoneIsicRow.zone_id, ZoneIsicRow.isic_code).where(ZoneIsicRow.declared)
    for zone_id, code in session.execute(codes):
        declared.setdefault(zone_id, []).append(code)
    zones = select(ZoneRow.zone_id, ZoneRow.name_en, ZoneRow.country_iso3, ZoneRow.latitude,
                   ZoneRow.longitude, ZoneRow.regime_id)  # fmt: skip
    return [
        SupplierZone(zone_id, name, country, lat, lon, tuple(sorted(declared.get(zone_id, ()))), regime)
        for zone_id, name, country, lat, lon, regime in session.execute(zones)
    ]


class ZoneIndexCache:
    """One `ZoneIndex` per database and registry version, shared by every request (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[str, str] | None = None
        self._index: ZoneIndex | None = None

    def get(self, session: Session) -> ZoneIndex:
        key = (str(session.get_bind().engine.url), registry_version(session))
        with self._lock:
            if self._index is None or key != self._key:
                self._index, self._key = ZoneIndex(supplier_zones(session)), key
            return self._index


ZONE_INDEX = ZoneIndexCache()
