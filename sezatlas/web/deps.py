"""What a request handler may ask FastAPI for: a database session (and, later, the current user).

Routers import their dependencies from here and the app factory imports the routers, so the wiring runs
one way (`web/app.py` → routers → `web/deps.py`), as in full-stack-fastapi-template's `api/deps.py`.
"""

import difflib
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from sqlalchemy.orm import Session

from sezatlas.web.errors import ApiError, ErrorItem


def get_session(request: Request) -> Iterator[Session]:
    """A session per request, closed (and its connection returned to the pool) when the response is sent."""
    with request.app.state.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def _declared_query_names(dependant: Dependant) -> frozenset[str]:
    names = {field.alias for field in dependant.query_params}
    for child in dependant.dependencies:
        names |= _declared_query_names(child)
    return frozenset(names)


def reject_unknown_parameters(request: Request) -> None:
    """A misspelt parameter (`?contry=RUS`) is refused with the closest known name, not silently ignored
    (which returned every zone). OGC API – Features asks the same of its servers (requirement
    `/req/core/query-param-unknown` of OGC 17-069r4)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = _declared_query_names(route.dependant)
    unknown = sorted({name for name in request.query_params if name not in known})
    if not unknown:
        return
    items = []
    for name in unknown:
        close = difflib.get_close_matches(name, sorted(known), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        message = f"unknown parameter{hint} Known: {', '.join(sorted(known))}"
        items.append(ErrorItem(parameter=name, message=message))
    raise ApiError(400, "; ".join(f"parameter {item.parameter}: {item.message}" for item in items), items)


StrictParameters = Depends(reject_unknown_parameters)
