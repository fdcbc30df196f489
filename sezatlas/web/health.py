"""Liveness and readiness probes for process supervisors and load balancers.

`/healthz` answers without touching the database (is the process serving at all?); `/readyz` runs one
trivial query (can it serve data?): when the database is unreachable, the query's error is the 503 of
every route (`error_handlers.on_database_unavailable`: the one error shape, `Retry-After`).
"""

from fastapi import APIRouter
from sqlalchemy import text

from sezatlas.web.deps import SessionDep
from sezatlas.web.errors import ErrorOut

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Is the process serving?")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="Can the process reach its database?",
            responses={503: {"model": ErrorOut, "description": "The database is unreachable"}})  # fmt: skip
def readyz(session: SessionDep) -> dict[str, str]:
    session.execute(text("SELECT 1"))
    return {"status": "ok"}
