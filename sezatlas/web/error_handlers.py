"""Where every refusal is rendered: JSON of the one shape for API clients, an error page for readers.

Routes raise (domain errors, `ApiError`, FastAPI's own validation error) and never build error
responses themselves; the handlers here are registered once by the app factory, as Starlette's
`exception_handlers` are meant to be used.
"""

import logging
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from sezatlas.accounts.actions import TooManyAttemptsError
from sezatlas.accounts.roles import Actor
from sezatlas.errors import USER_ERRORS
from sezatlas.store.database import DATABASE_UNAVAILABLE_ERRORS
from sezatlas.web.errors import ApiError, ErrorItem, api_error_of
from sezatlas.web.ogc_negotiation import wants_html
from sezatlas.web.pages.rendering import is_htmx, page_context, render

JSON_PREFIXES = ("/api/", "/ogc", "/map/", "/healthz", "/readyz", "/openapi.json")  # /map/: the map's data
PARAMETER_PLACES = {"query", "path", "header", "cookie"}
DATABASE_UNAVAILABLE = "the database is unavailable; try again shortly"
RETRY_AFTER_S = 5
logger = logging.getLogger(__name__)


def wants_json(request: Request) -> bool:
    """API paths, a page's JSON twin (`?f=json`) and clients that ask for JSON and not HTML get JSON; the
    OGC API's HTML pages (`/ogc…?f=html`, or a browser's Accept) get an error page."""
    if wants_html(request):
        return False
    if request.url.path.startswith(JSON_PREFIXES) or request.query_params.get("f") == "json":
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, error: ApiError) -> Response:
    if wants_json(request):
        body = error.ogc_body() if request.url.path.startswith("/ogc") else error.body()
        return JSONResponse(body, status_code=error.status_code)
    if error.status_code == 401:  # a reader who is not logged in goes to the log-in page, and back after
        here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        login = f"/login?{urlencode({'next': here})}"
        if is_htmx(request):
            return Response(status_code=204, headers={"HX-Redirect": login})
        return RedirectResponse(login, status_code=303)
    template = "_filter_error.html" if is_htmx(request) and request.url.path == "/" else "error.html"
    context = {"status": error.status_code, "detail": error.detail}
    if not isinstance(getattr(request.state, "actor", None), Actor):
        # The header's account menu is drawn from the person found while the request was served, never
        # looked up here: this runs in the event loop, where a query would stall every other request
        # (and a busy server's 503, web/waiting.py, is drawn before any work, with every pooled
        # connection taken); when the database is the error, it would wait for it a second time.
        request.state.actor = Actor.anonymous()
    return render(request, page_context(request), template, context, status_code=error.status_code)


def _item_of(problem: Any) -> ErrorItem:
    """One pydantic error, named by where it was (parameter or body field), without echoing the input:
    an input such as NaN cannot be written as JSON, and echoing it made a 400 into a 500."""
    place, *path = [str(part) for part in problem.get("loc", ())] or ["body"]
    message = str(problem.get("msg", "invalid"))
    if place in PARAMETER_PLACES:
        return ErrorItem(parameter=".".join(path) or place, message=message)
    return ErrorItem(field=".".join(path) or None, message=message)


def validation_error(exc: RequestValidationError) -> ApiError:
    items = [_item_of(problem) for problem in exc.errors()]
    is_parameter = any(item.parameter is not None for item in items)
    named = [f"{'parameter ' + item.parameter if item.parameter else item.field or 'body'}: {item.message}"
             for item in items]  # fmt: skip
    return ApiError(400 if is_parameter else 422, "; ".join(named) or "invalid request", items)


async def on_database_unavailable(request: Request, exc: Exception) -> Response:
    """The database cannot answer now (`DATABASE_UNAVAILABLE_ERRORS`): 503 with `Retry-After`, in the one
    shape (JSON or error page), never a 500; the cause goes to the log only (it may hold SQL, addresses)."""
    logger.warning("%s %s: database unavailable: %s", request.method, request.url.path, exc)
    response = error_response(request, ApiError(503, DATABASE_UNAVAILABLE))
    response.headers["Retry-After"] = str(RETRY_AFTER_S)
    return response


def install_error_handlers(app: FastAPI) -> None:
    async def on_api_error(request: Request, exc: Exception) -> Response:
        response = error_response(request, api_error_of(exc))
        if isinstance(exc, TooManyAttemptsError):
            response.headers["Retry-After"] = str(exc.retry_after_s)
        return response

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(request, validation_error(exc))

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        error = ApiError(exc.status_code, str(exc.detail))
        response = error_response(request, error)
        response.headers.update(exc.headers or {})
        return response

    app.add_exception_handler(ApiError, on_api_error)
    for kind in USER_ERRORS:
        app.add_exception_handler(kind, on_api_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(HTTPException, on_http_error)
    for kind in DATABASE_UNAVAILABLE_ERRORS:
        app.add_exception_handler(kind, on_database_unavailable)
