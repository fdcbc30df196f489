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
                with building():
                    self._current = (key, self._build(session))
            return self._current[1]
