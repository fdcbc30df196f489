"""The registry's zones as site-selection columns, rebuilt only when the registry changes."""

from sqlalchemy.orm import Session

from sezatlas.siting.columns import ZoneColumns, zone_columns
from sezatlas.store.registry_cache import PerRegistryVersion
from sezatlas.store.zones import all_zones


def _columns(session: Session) -> ZoneColumns:
    return zone_columns(list(all_zones(session)))


REGISTRY_COLUMNS = PerRegistryVersion(_columns, built_at_start=True)
