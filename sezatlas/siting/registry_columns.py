"""The registry's zones as site-selection columns, rebuilt only when the registry changes."""

import threading

from sqlalchemy.orm import Session

from sezatlas.siting.columns import ZoneColumns, zone_columns
from sezatlas.store.zones import all_zones, registry_version


class ColumnsCache:
    """One `ZoneColumns` per database and registry version, shared by every request (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: tuple[str, str] | None = None
        self._columns: ZoneColumns | None = None

    def get(self, session: Session) -> ZoneColumns:
        key = (str(session.get_bind().engine.url), registry_version(session))
        with self._lock:
            if self._columns is None or key != self._key:
                self._columns, self._key = zone_columns(list(all_zones(session))), key
            return self._columns


REGISTRY_COLUMNS = ColumnsCache()
