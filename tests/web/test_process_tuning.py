"""A server process runs numpy on one BLAS thread per request thread, allocates from one malloc arena, and
sets what it keeps for long aside from the garbage collector (sezatlas/web/process_tuning.py)."""

import json
import os
import subprocess
import sys

STARTED_APP = """
import gc, json
from fastapi.testclient import TestClient
from threadpoolctl import threadpool_info
from sezatlas.store.database import make_engine, transaction, upgrade
from sezatlas.store.registry_cache import PerRegistryVersion
from sezatlas.web.app import create_app

def frozen(value):
    # tracked by the collector, yet in none of its generations: set aside by gc.freeze()
    return gc.is_tracked(value) and not any(kept is value for kept in gc.get_objects())

full_passes = []

def count_full_passes(phase, info):
    if phase == "start" and info["generation"] == 2:
        full_passes.append(1)

gc.callbacks.append(count_full_passes)

def built_value(size=10):
    with transaction(engine) as session:
        return PerRegistryVersion(lambda session: [[n] for n in range(size)]).get(session)

def full_passes_while_building():
    full_passes.clear()
    built_value(size=400_000)  # as a registry-wide index: many objects, all kept
    return len(full_passes)

def failing_build(session):
    raise RuntimeError("the database went away")

def huge_pages():
    # numpy's switch returns what it was: asked twice, it says without changing it
    from numpy._core import multiarray
    was = multiarray._set_madvise_hugepage(True)
    multiarray._set_madvise_hugepage(was)
    return was

engine = make_engine("sqlite://")
upgrade(engine)
before = [info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"]
huge_pages_before = huge_pages()
outside = frozen(built_value()), full_passes_while_building()
with TestClient(create_app(engine)):
    during = [info["num_threads"] for info in threadpool_info() if info["user_api"] == "blas"]
    serving = frozen(built_value()), full_passes_while_building()
    try:
        with transaction(engine) as session:
            PerRegistryVersion(failing_build).get(session)
    except RuntimeError:
        pass
    collecting = gc.isenabled()
    huge_pages_serving = huge_pages()
print(json.dumps({"huge_pages": [huge_pages_before, huge_pages_serving],
                  "before": before, "during": during, "frozen": [outside[0], serving[0]],
                  "full_passes": [outside[1], serving[1]], "collecting_after_a_failed_build": collecting}))
"""


def test_a_started_server_uses_one_blas_thread() -> None:
    environment = {**os.environ, "OPENBLAS_NUM_THREADS": "2"}
    run = subprocess.run([sys.executable, "-c", STARTED_APP], capture_output=True, text=True, timeout=120,
                         env=environment, check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr
    threads = json.loads(run.stdout.strip().splitlines()[-1])
    assert threads["before"] and max(threads["before"]) == 2  # what numpy would use on its own here
    assert threads["during"] == [1] * len(threads["during"])


def test_a_started_server_sets_its_caches_aside_from_the_collector_and_other_programs_do_not() -> None:
    run = subprocess.run([sys.executable, "-c", STARTED_APP], capture_output=True, text=True, timeout=120,
                         check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr
    outside, serving = json.loads(run.stdout.strip().splitlines()[-1])["frozen"]
    assert not outside  # a cache built by the CLI or a test stays under the collector
    assert serving  # a cache built while serving is set aside


ARENAS_OF_THREADS = """
import ctypes, sys, tempfile, threading
import numpy
from fastapi.testclient import TestClient
from sezatlas.store.database import make_engine
from sezatlas.web.app import create_app

def arenas():
    libc = ctypes.CDLL("libc.so.6")
    libc.fopen.restype = ctypes.c_void_p
    with tempfile.NamedTemporaryFile() as report:
        stream = libc.fopen(report.name.encode(), b"w")
        libc.malloc_info(0, ctypes.c_void_p(stream))
        libc.fclose(ctypes.c_void_p(stream))
        return open(report.name).read().count("<heap nr=")

def allocate_in_threads():
    done = threading.Barrier(9)
    def work():
        kept = numpy.ones(50_000)  # 400 kB: from the thread's arena, below the mmap threshold
        done.wait()
        del kept
    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    done.wait()
    for thread in threads:
        thread.join()

if sys.argv[1] == "serving":
    with TestClient(create_app(make_engine("sqlite://"))):  # its event loop's thread has an arena already
        before = arenas()
        allocate_in_threads()
else:
    before = arenas()
    allocate_in_threads()
print(arenas() - before)
"""


def arenas_made_by_threads(mode: str) -> int:
    run = subprocess.run([sys.executable, "-c", ARENAS_OF_THREADS, mode], capture_output=True, text=True,
                         timeout=120, check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr
    return int(run.stdout.strip().splitlines()[-1])


def test_a_started_server_allocates_from_one_malloc_arena_whatever_its_threads() -> None:
    assert arenas_made_by_threads("plain") > 1  # what glibc does on its own: an arena per new thread
    assert arenas_made_by_threads("serving") == 0


def test_a_started_server_pauses_the_collector_while_it_builds_a_registry_wide_value() -> None:
    run = subprocess.run([sys.executable, "-c", STARTED_APP], capture_output=True, text=True, timeout=120,
                         check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout.strip().splitlines()[-1])
    outside, serving = report["full_passes"]
    assert outside > 0  # what the collector does on its own: full passes over what is being built
    assert serving == 0
    assert report["collecting_after_a_failed_build"]


def test_a_started_server_keeps_numpys_arrays_off_transparent_huge_pages() -> None:
    run = subprocess.run([sys.executable, "-c", STARTED_APP], capture_output=True, text=True, timeout=120,
                         check=False)  # fmt: skip
    assert run.returncode == 0, run.stderr
    before, serving = json.loads(run.stdout.strip().splitlines()[-1])["huge_pages"]
    assert before  # numpy's own choice on Linux
    assert not serving
