"""Liveness and readiness probes for process supervisors and load balancers.

`/healthz` answers without touching the database (is the process serving at all?); `/readyz` runs one
trivial query (can it serve data?) and answers 503 when the database is unreachable.
"""

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from sezatlas.web.deps import SessionDep

router = APIRouter(tags=["health"])


@router.get("/healthz", summary="Is the process serving?")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get("/readyz", summary="Can the process reach its database?",
            responses={503: {"description": "The database is unreachable"}})  # fmt: skip
def readyz(session: SessionDep) -> Any:
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError as error:
        return JSONResponse({"status": "unavailable", "detail": type(error).__name__}, status_code=503)
    return {"status": "ok"}
