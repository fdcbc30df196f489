"""Headers every response carries, whatever route or error produced it.

- `X-Content-Type-Options: nosniff`: without it a browser may guess ("sniff") that a CSV or JSON answer
  holding user-supplied text is HTML or script and run it.
- `Referrer-Policy: strict-origin-when-cross-origin`: a link followed to another site tells it our origin
  only, never the path and query (which may hold a participant's capability link or a search).
- `Strict-Transport-Security` only on a request that came over TLS (directly, or through the proxy that
  uvicorn trusts with `--proxy-headers`): over plain HTTP the header is ignored by browsers anyway, and
  sending it from a development server on 127.0.0.1 would pin nothing useful.

Pages add their `Content-Security-Policy` themselves (`web/pages/rendering.py`): the API's JSON needs none.
"""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HSTS = "max-age=31536000; includeSubDomains"
REFERRER_POLICY = "strict-origin-when-cross-origin"


class SecurityHeadersMiddleware:
    """Pure ASGI middleware: adds the headers above where a response lacks them, errors included."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        over_tls = scope.get("scheme") == "https"

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("Referrer-Policy", REFERRER_POLICY)
                if over_tls:
                    headers.setdefault("Strict-Transport-Security", HSTS)
            await send(message)

        await self.app(scope, receive, send_with_headers)
