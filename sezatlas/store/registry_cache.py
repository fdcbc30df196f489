"""Values read from the whole registry and kept until it changes, shared by every request of a process.

Why one mechanism: the site-selection columns, the statistics' zone side and the chains' zone indexes each
read every zone (seconds at 100,000 zones), and the zones change only when the registry version does
(`store.zones.bump_version`). The key also holds the database URL, so tests and benchmarks that open
several databases in one process never read another database's value.
"""

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

from sezatlas.store.zones import registry_version

T = TypeVar("T")


_before_each_build: list[Callable[[], None]] = []
_after_each_build: list[Callable[[], None]] = []
_every_value: list[Callable[[Session], object]] = []  # how to get each value kept here (build_every_value)


def build_ahead(current: Callable[[Session], object]) -> None:
    """Have `build_every_value` call `current(session)`, which builds a per-registry value if it is not
    current: for one kept by its own mechanism (the name index of `store/zone_text.py`)."""
    _every_value.append(current)


def build_every_value(session: Session) -> int:
    """Build every per-registry value not yet current for this database and registry version; how many
    values there are (built now or already current).

    Why: a server process builds them at start (`web/warm_start.py`), so that no user's request pays for
    the build. The site-selection columns alone took 0.72 s of a first ranking's 1.28 s at 10,000 zones
    against 0.31 s for the next (`benchmarks/load.py`'s data), and a production worker that had not yet
    ranked failed the load test's 1 s health check (docs/deployment.md). Only values whose modules are
    imported are known: the web app imports them all."""
    for current in tuple(_every_value):
        current(session)
    return len(_every_value)


def around_each_build(before: Callable[[], None], after: Callable[[], None]) -> None:
    """Have `before` run before each per-registry value is built (here and in `store/zone_text.py`), and
    `after` once it is, or has failed: the web server pauses the garbage collector while a value is built,
    then sets it aside from the collector (`web/process_tuning.py`)."""
    if before not in _before_each_build:
        _before_each_build.append(before)
    if after not in _after_each_build:
        _after_each_build.append(after)


@contextmanager
def building() -> Iterator[None]:
    """Around the build of a per-registry value: the hooks of `around_each_build`."""
    for hook in _before_each_build:
        hook()
    try:
        yield
    finally:
        for hook in _after_each_build:
            hook()


class PerRegistryVersion(Generic[T]):
    """`build(session)` once per database and registry version; thread-safe, and a request that finds the
    value current takes no lock. A module-level value that requests need is `built_at_start` by server
    processes (`build_every_value`)."""

    def __init__(self, build: Callable[[Session], T], *, built_at_start: bool = False) -> None:
        self._build = build
        self._lock = threading.Lock()
        self._current: tuple[tuple[str, str], T] | None = None
        if built_at_start:
            build_ahead(self.get)

    def get(self, session: Session) -> T:
        key = (str(session.get_bind().engine.url), registry_version(session))
        current = self._current
        if current is not None and current[0] == key:
            return current[1]
        with self._lock:
            if self._current is None or self._current[0] != key:
                with building():
                    self._current = (key, self._build(session))
            return self._current[1]
