"""What a request handler may ask FastAPI for: a database session, and who is acting (`ActorDep`).

Routers import their dependencies from here and the app factory imports the routers, so the wiring runs
one way (`web/app.py` → routers → `web/deps.py`), as in full-stack-fastapi-template's `api/deps.py`.
"""

import difflib
from collections.abc import AsyncIterator
from typing import Annotated

import anyio
from fastapi import Depends, Request, Response
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from pydantic import BaseModel
from sqlalchemy.orm import Session

from sezatlas.accounts.actions import SESSION_DAYS, actor_for_api_token, actor_for_session, log_out
from sezatlas.accounts.audit import RequestContext
from sezatlas.accounts.roles import Actor
from sezatlas.store.database import close_session
from sezatlas.web.errors import ApiError, ErrorItem


async def get_session(request: Request) -> AsyncIterator[Session]:
    """A session per request, closed (and its connection returned to the pool) when the response is sent;
    a connection the database dropped meanwhile is discarded without failing the answer (`close_session`).

    Why async: a new session holds no connection until its first query, so making one needs no worker
    thread, and one that never read (or was closed by its handler) is closed without one too; a sync
    dependency took a worker thread to open and another to close, two of the four hand-offs between the
    event loop and the threads of a zone list answered from the cache (`benchmarks/load.py`).

    Closing an open transaction rolls it back, a round trip: that runs in a thread, but outside the request
    threads' limit, and even when the client has gone (shielded), as FastAPI closes its own sync
    dependencies (`fastapi.concurrency.contextmanager_in_threadpool`). The close comes after the response,
    when the request's turn has gone to the next one (`web/request_queue.py`): within the limit, a session
    holding its connection could wait for a thread while every thread waited for a connection."""
    session = request.app.state.sessions()
    try:
        yield session
    finally:
        if session.in_transaction():
            with anyio.CancelScope(shield=True):
                await anyio.to_thread.run_sync(close_session, session, limiter=anyio.CapacityLimiter(1))
        else:
            session.close()


SessionDep = Annotated[Session, Depends(get_session)]
SESSION_COOKIE = "sezatlas_session"


def set_session_cookie(response: Response, request: Request, token: str) -> None:
    """HttpOnly (no script reads it), SameSite=Strict (never sent with a request another site starts),
    Secure over HTTPS: with `web/same_origin.py` this is the CSRF defence (docs/architecture.md#accounts)."""
    secure = request.url.scheme == "https"
    lifetime = SESSION_DAYS * 86_400
    response.set_cookie(
        SESSION_COOKIE, token, max_age=lifetime, httponly=True, samesite="strict", secure=secure
    )


def end_session(request: Request, response: Response, session: Session) -> None:
    """Log out on the server (a copied cookie stops working) and in the browser."""
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        log_out(session, token)
    response.delete_cookie(SESSION_COOKIE, path="/")


def current_actor(request: Request, session: SessionDep) -> Actor:
    """The person behind the request: an `Authorization: Bearer` API token, else the session cookie, else
    an anonymous visitor. Permissions are not checked here but in the use case the route calls."""
    authorization = request.headers.get("authorization", "")
    scheme, _, credentials = authorization.partition(" ")
    if scheme.lower() == "bearer" and credentials.strip():
        return actor_for_api_token(session, credentials.strip())
    cookie = request.cookies.get(SESSION_COOKIE)
    actor = actor_for_session(session, cookie) if cookie else Actor.anonymous()
    request.state.actor = actor  # the header's account menu reuses it (`pages/account_menu.py`)
    return actor


ActorDep = Annotated[Actor, Depends(current_actor)]


async def request_context(request: Request) -> RequestContext:
    """Where a change came from, for the audit trail."""
    client = request.client.host if request.client else None
    return RequestContext(request.headers.get("x-request-id"), client)


ContextDep = Annotated[RequestContext, Depends(request_context)]


def _declared_query_names(dependant: Dependant) -> frozenset[str]:
    names = set()
    for field in dependant.query_params:
        model = field.field_info.annotation
        if isinstance(model, type) and issubclass(model, BaseModel):  # a query model: its fields are named
            names |= {info.alias or name for name, info in model.model_fields.items()}
        else:
            names.add(field.alias)
    for child in dependant.dependencies:
        names |= _declared_query_names(child)
    return frozenset(names)


_QUERY_NAMES: dict[int, tuple[APIRoute, frozenset[str]]] = {}


def _route_query_names(route: APIRoute) -> frozenset[str]:
    """`_declared_query_names` of a route, worked out once: routes live as long as the app."""
    known = _QUERY_NAMES.get(id(route))
    if known is None or known[0] is not route:
        known = _QUERY_NAMES[id(route)] = (route, _declared_query_names(route.dependant))
    return known[1]


async def reject_unknown_parameters(request: Request) -> None:
    """A misspelt parameter (`?contry=RUS`) is refused with the closest known name, not silently ignored
    (which returned every zone). OGC API – Features asks the same of its servers (requirement
    `/req/core/query-param-unknown` of OGC 17-069r4). Async, as it only reads the request: a sync
    dependency is run in a worker thread, a hand-off per request."""
    reject_parameters_unknown_to_route(request, frozenset())


def reject_parameters_unknown_to_route(request: Request, also_known: frozenset[str]) -> None:
    """400 for a query parameter the route does not declare and `also_known` does not name (the OGC routes
    add a collection's queryables, which are parameters of the collection rather than of the route)."""
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = _route_query_names(route) | also_known
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
