"""The registry's zones as the suppliers core reads them, rebuilt only when the registry changes.

Two plain queries (zones; the ISIC codes each zone declared itself, from `zone_isic`) feed
`suppliers.ZoneIndex`, kept per database and registry version (`store/registry_cache.py`), as the
site-selection columns are: 100,000 zones take a few seconds to index once, and every question after that
reads only the index.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.chains.suppliers import SupplierZone, ZoneIndex
from sezatlas.store.models import ZoneIsicRow, ZoneRow
from sezatlas.store.registry_cache import PerRegistryVersion


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


def _zone_index(session: Session) -> ZoneIndex:
    return ZoneIndex(supplier_zones(session))


ZONE_INDEX = PerRegistryVersion(_zone_index, built_at_start=True)
