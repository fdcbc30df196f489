"""The registry's zones as the localization core reads them, rebuilt only when the registry changes.

Two plain queries — every zone's country, and every `zone_isic` row (the tagged codes with their ancestors,
and whether the zone declared the code itself) — feed `localization.zone_sector_index`, kept per database
and registry version (`store/registry_cache.py`), as the site-selection columns are.
"""

from sqlalchemy import select
from sqlalchemy.orm import Session

from sezatlas.chains.localization import ZoneSectorIndex, zone_sector_index
from sezatlas.store.models import ZoneIsicRow, ZoneRow
from sezatlas.store.registry_cache import PerRegistryVersion


def read_zone_sectors(session: Session) -> ZoneSectorIndex:
    zones = [
        (zone_id, country)
        for zone_id, country in session.execute(select(ZoneRow.zone_id, ZoneRow.country_iso3))
    ]
    rows = session.execute(select(ZoneIsicRow.zone_id, ZoneIsicRow.isic_code, ZoneIsicRow.declared))
    return zone_sector_index(zones, ((zone_id, code, bool(declared)) for zone_id, code, declared in rows))


ZONE_SECTORS = PerRegistryVersion(read_zone_sectors, built_at_start=True)
