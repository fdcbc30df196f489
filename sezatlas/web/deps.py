"""What a request handler may ask FastAPI for: a database session (and, later, the current user).

Routers import their dependencies from here and the app factory imports the routers, so the wiring runs
one way (`web/app.py` → routers → `web/deps.py`), as in full-stack-fastapi-template's `api/deps.py`.
"""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session


def get_session(request: Request) -> Iterator[Session]:
    """A session per request, closed (and its connection returned to the pool) when the response is sent."""
    with request.app.state.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
