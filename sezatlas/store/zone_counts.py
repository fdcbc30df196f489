"""How many zones pass a search's filters, kept per database and registry version.

Why: every page of a list (`GET /api/v1/zones`) says how many zones match over all pages, and counting
them was one of the four queries of a page that the answer cache did not hold (another page, another
order: the same filters, the same count). A count depends only on the filters and the zones, and the zones
change only with the registry version (`store/zones.py`, `bump_version`).

A count is kept only for a transaction that has read the registry's state (`registry_state`, as the answer
cache does before a list is computed): its version is then the one the count belongs to. Elsewhere (a
command, a write in progress) the zones are counted each time.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable

from sqlalchemy.orm import Session

from sezatlas.store.zones import read_registry_version

MAX_COUNTS = 4096  # a few hundred bytes each: a filter's key and an int


class ZoneCounts:
    """Least-recently-used counts by (database, registry version, filters); thread-safe."""

    def __init__(self, max_entries: int = MAX_COUNTS) -> None:
        self.max_entries = max_entries
        self._counts: OrderedDict[tuple[str, str, Hashable], int] = OrderedDict()
        self._lock = threading.Lock()

    def count(self, session: Session, filters: Hashable, counting: Callable[[], int]) -> int:
        """The count of `filters` under the registry version this transaction read, else `counting()`."""
        version = read_registry_version(session)
        if version is None:
            return counting()
        key = (str(session.get_bind().engine.url), version, filters)
        with self._lock:
            known = self._counts.get(key)
            if known is not None:
                self._counts.move_to_end(key)
                return known
        total = counting()
        with self._lock:
            self._counts[key] = total
            while len(self._counts) > self.max_entries:
                self._counts.popitem(last=False)
        return total

    def __len__(self) -> int:
        return len(self._counts)


ZONE_COUNTS = ZoneCounts()
