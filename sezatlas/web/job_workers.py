"""The app's background-job workers: started and stopped with it (its lifespan), woken by its requests.

Started in the lifespan, not by `sezatlas serve`, so that every way of running the app — uvicorn, the
tests' `TestClient` used as a context manager — runs queued jobs. `SEZATLAS_JOB_WORKERS=0` starts none
(another process runs them, or a test drives a worker by hand).
"""

from collections.abc import Iterator
from contextlib import contextmanager

from fastapi import FastAPI, Request

from sezatlas.jobs.runners import PERIODIC, RUNNERS
from sezatlas.jobs.worker import WorkerPool
from sezatlas.settings import get_settings


@contextmanager
def running_job_workers(app: FastAPI) -> Iterator[None]:
    count = get_settings().job_workers
    pool = WorkerPool.of(app.state.engine, RUNNERS, count, periodic=PERIODIC) if count else None
    app.state.job_workers = pool
    if pool is not None:
        pool.start()
    try:
        yield
    finally:
        if pool is not None:
            pool.stop()
        app.state.job_workers = None


def wake_job_workers(request: Request) -> None:
    """A job was just queued: this process's workers look at once instead of at their next poll."""
    pool: WorkerPool | None = getattr(request.app.state, "job_workers", None)
    if pool is not None:
        pool.wake()
