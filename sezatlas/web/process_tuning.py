"""What a server process sets once when it starts, for the way a web server uses numpy: one BLAS thread per
request thread, and the memory a request freed kept for the next one; and its long-lived objects set aside
from the garbage collector (`set_aside_from_collector`), which is paused while they are built.

Both were measured on a ranking of 10,000 zones (`benchmarks/load.py`'s data; each ranking multiplies
matrices of 2,500 candidates by 1,000 weight samples, 20 MB each): 0.29 s, but 0.5 to 0.9 s at random with
OpenBLAS's own threads competing with the request threads for two CPUs, and 0.7 s for the first ranking
after a pause of a few seconds, because glibc had returned the freed matrices to the system and each page
came back as a fault. With both settings: 0.23 s every time.

Keeping freed memory is per malloc arena, and glibc gives each new thread its own arena, up to eight per
CPU: a process of 40 request threads kept up to 256 MB in each of sixteen. One arena serves every thread
here (`M_ARENA_MAX`): the threads take turns on the GIL anyway, so they seldom wait for the arena's lock.
After the same 4 s at 64 connections on every endpoint family, the process's private memory went from
730 to 425 MB, and no p99 was slower in that short run (`benchmarks/load.py`'s data; its RSS also
counts the mapped SQLite file once per connection, so it says more about the file than about the
process).

With one arena, the memory a ranking freed was given back to the system after other requests (a zone
list run of 10 s), and numpy asks the kernel for its large arrays on transparent huge pages: each page
faulted back in was 2 MB zeroed in the kernel. The first ranking after such a run took 0.9–1.0 s, of
which 0.6 s was system time, against 0.23 s (`benchmarks/load.py`: the health check after a cell failed
its 1 s on the ranking). On ordinary pages the same faults cost 0.05 s: that ranking took 0.28–0.32 s,
without keeping more memory.
"""

import ctypes
import gc
import platform
import threading

from numpy._core import multiarray
from threadpoolctl import threadpool_limits

from sezatlas.store.registry_cache import around_each_build

M_TRIM_THRESHOLD = -1  # glibc's mallopt parameters (malloc.h)
M_MMAP_THRESHOLD = -3
M_ARENA_MAX = -8
HEAP_ALLOCATION_BYTES = 64 * 1024 * 1024  # allocations up to this size come from the heap, not mmap
KEPT_FREE_BYTES = 256 * 1024 * 1024  # freed memory kept at the top of the heap before it is returned


def tune_server_process() -> None:
    around_each_build(COLLECTOR_PAUSE.pause, COLLECTOR_PAUSE.set_aside_and_resume)
    threadpool_limits(limits=1, user_api="blas")
    # numpy's large arrays on ordinary pages (module docstring); numpy's switch, untyped in its stubs
    getattr(multiarray, "_set_madvise_hugepage")(False)  # noqa: B009
    if platform.system() == "Linux" and platform.libc_ver()[0] == "glibc":
        libc = ctypes.CDLL("libc.so.6")
        libc.mallopt(M_MMAP_THRESHOLD, HEAP_ALLOCATION_BYTES)
        libc.mallopt(M_TRIM_THRESHOLD, KEPT_FREE_BYTES)
        libc.mallopt(M_ARENA_MAX, 1)  # before the request threads start: their arenas are made on first use


def set_aside_from_collector() -> None:
    """Leave every object alive now out of the cyclic garbage collector's passes (`gc.freeze`).

    Why: a process holds ~550,000 long-lived objects once its data and caches are loaded (search words,
    the 10,000-zone indexes, the regimes); every full pass of the collector walked them all, stopping all
    threads for ~225 ms at moments set by allocation, which were the tail of the latencies
    (docs/deployment.md, "Measured"). Called after start-up and after each per-registry value is built.
    Reference counting still frees these objects when dropped; only a reference cycle among them would
    never be.
    """
    gc.freeze()


class CollectorPause:
    """No pass of the cyclic garbage collector while a per-registry value is built.

    Why: a build makes hundreds of thousands of objects that all live on. Counting them as new, the
    collector ran six full passes over the growing heap while the first ranking's values were built
    at 10,000 zones, 607 ms of its 2.7 s, and freed nothing (measured with `gc.callbacks` on
    `benchmarks/load.py`'s data); paused, that ranking took 2.3 s. Builds in several threads at once
    nest: the collector runs again when the last is over."""

    def __init__(self) -> None:
        self._builds = 0
        self._lock = threading.Lock()

    def pause(self) -> None:
        with self._lock:
            self._builds += 1
            gc.disable()

    def set_aside_and_resume(self) -> None:
        """After a build, finished or failed: what it made is set aside, and the collector runs again."""
        with self._lock:
            set_aside_from_collector()
            self._builds = max(self._builds - 1, 0)
            if self._builds == 0:
                gc.enable()


COLLECTOR_PAUSE = CollectorPause()
