"""A URL holding a control character (``/api/v1/zones/RUS%00-001``) is answered 400, before any route.

Every path parameter is an id that ends up in a query, and PostgreSQL cannot take a NUL in one: the
driver raises and the client saw a 500. Rather than check each route, the rule of
`sezatlas/tabular/control_characters.py` is applied to the URL once: the path (ids) may hold no control
character at all, the query string (which may carry free text) none but tab and line breaks.
"""

import json
from urllib.parse import unquote_plus

from starlette.types import ASGIApp, Receive, Scope, Send

from sezatlas.tabular.control_characters import control_character_reason


def url_problem(scope: Scope) -> str | None:
    """Why the request's URL is refused, or None."""
    path_reason = control_character_reason(scope.get("path", ""), is_identifier=True)
    if path_reason is not None:
        return f"the URL path {path_reason}"
    query = unquote_plus(scope.get("query_string", b"").decode("latin-1"), encoding="utf-8")
    query_reason = control_character_reason(query)
    return None if query_reason is None else f"the query string {query_reason}"


class ControlCharacterUrlMiddleware:
    """Pure ASGI middleware: 400 with a JSON `detail` for a URL holding a control character."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        problem = url_problem(scope) if scope["type"] == "http" else None
        if problem is None:
            await self.app(scope, receive, send)
            return
        body = json.dumps({"detail": problem}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await send({"type": "http.response.start", "status": 400, "headers": headers})
        await send({"type": "http.response.body", "body": body, "more_body": False})
