"""Values read from the whole registry and kept until it changes, shared by every request of a process.

Why one mechanism: the site-selection columns, the statistics' zone side and the chains' zone indexes each
read every zone (seconds at 100,000 zones), and the zones change only when the registry version does
(`store.zones.bump_version`). The key also holds the database URL, so tests and benchmarks that open
several databases in one process never read another database's value.
"""

import gc
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

from sezatlas.store.zones import registry_version

T = TypeVar("T")


def set_aside_from_collector() -> None:
    """Leave every object alive now out of the cyclic garbage collector's passes (`gc.freeze`).

    Why: a process holds ~550,000 long-lived objects once its data and caches are loaded (search words,
    the 10,000-zone indexes, the regimes); every full pass of the collector walked them all, stopping all
    threads for ~225 ms at moments set by allocation, which were the tail of the latencies
    (docs/deployment.md, "Measured"). Called after start-up and after each cache is built. Reference
    counting still frees these objects when dropped; only a reference cycle among them would never be.
    """
    gc.freeze()


class PerRegistryVersion(Generic[T]):
    """`build(session)` once per database and registry version; thread-safe, and a request that finds the
    value current takes no lock."""

    def __init__(self, build: Callable[[Session], T]) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._current: tuple[tuple[str, str], T] | None = None

    def get(self, session: Session) -> T:
        key = (str(session.get_bind().engine.url), registry_version(session))
        current = self._current
        if current is not None and current[0] == key:
            return current[1]
        with self._lock:
            if self._current is None or self._current[0] != key:
                self._current = (key, self._build(session))
                set_aside_from_collector()
            return self._current[1]
